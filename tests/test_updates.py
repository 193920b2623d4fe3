"""Promises about keeping a generated project up to date with cruft (docs/updating.md).

- A project fresh from `cruft create` has no `cruft diff`: nothing a render draws at random (secrets, the admin
  path, the copyright year, a git repository) is compared, because `[tool.cruft] skip` names it.
- A change committed to the template arrives through `cruft update`, with no rejected hunk anywhere (git-ignored
  files included), `.env` untouched, and `cruft diff` and `cruft check` clean afterwards.
- The generated GitHub workflow's template check passes while the project is on the newest release, fails once the
  template releases a newer one, and only says so when the project has no `.cruft.json`.

Each test copies the template as the working tree holds it (tracked and new files) into a git repository of its
own, so uncommitted changes are tested too. Needs git and cruft (a dev dependency); no service, no network.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sysconfig
from importlib import metadata
from pathlib import Path

import pytest
import yaml

import baking

pytestmark = pytest.mark.updates

SCRIPTS = Path(sysconfig.get_path("scripts"))
SKELETON = "{{cookiecutter.project_slug}}"
VERSION = baking.OPTIONS["_template_version"]
IDENTITY = {
    "GIT_AUTHOR_NAME": "Template Tests",
    "GIT_AUTHOR_EMAIL": "tests@example.com",
    "GIT_COMMITTER_NAME": "Template Tests",
    "GIT_COMMITTER_EMAIL": "tests@example.com",
}


def cruft_executable() -> str:
    path = SCRIPTS / "cruft"
    if not path.is_file():
        baking.fail_or_skip("cruft is not installed in the template's environment: run `uv sync`")
    if shutil.which("git") is None:
        baking.fail_or_skip("git is not on PATH")
    return str(path)


@pytest.fixture
def env() -> dict[str, str]:
    """Git identity for the commits, and a private cookiecutter config (no ~/.cookiecutterrc, no replays)."""
    return {**os.environ, **IDENTITY, "COOKIECUTTER_CONFIG": str(baking.cookiecutter_config_file())}


def run(command: list[str], cwd: Path, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)
    if check:
        assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"
    return result


def git(cwd: Path, env: dict[str, str], *args: str) -> str:
    return run(["git", *args], cwd, env).stdout


def copy_template(target: Path, env: dict[str, str]) -> Path:
    """The template's working tree (tracked and untracked, not ignored) as one commit of a fresh repository."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=baking.TEMPLATE_DIR,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for relative in filter(None, listed.split("\0")):
        source = baking.TEMPLATE_DIR / relative
        if source.is_file():  # a tracked file deleted in the working tree is gone from the copy too
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / relative)
    git(target, env, "init", "--quiet", "--initial-branch=main")
    commit_all(target, env, "The template as the working tree holds it")
    return target


def commit_all(repository: Path, env: dict[str, str], message: str) -> str:
    git(repository, env, "add", "--all")
    git(repository, env, "commit", "--quiet", "--no-verify", "-m", message)
    return git(repository, env, "rev-parse", "HEAD").strip()


def cruft(project: Path, env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return run([cruft_executable(), *args], project, env, check=check)


def cruft_create(template: Path, output: Path, env: dict[str, str], *args: str) -> Path:
    output.mkdir()
    cruft(output, env, "create", str(template), "--no-input", "--output-dir", str(output), *args)
    (project,) = (path for path in output.iterdir() if path.is_dir())
    return project


def rejected_files(project: Path) -> list[str]:
    """Every *.rej or *.orig under the project, hidden and git-ignored ones included (find, not git status)."""
    return sorted(str(path.relative_to(project)) for pattern in ("*.rej", "*.orig") for path in project.rglob(pattern))


def assert_no_diff(project: Path, env: dict[str, str]) -> None:
    result = cruft(project, env, "diff", "--exit-code", check=False)
    assert result.returncode == 0, f"cruft diff is not empty:\n{result.stdout}\n{result.stderr}"
    assert result.stdout == "", f"cruft diff printed more than a patch:\n{result.stdout}"


# --- a fresh project --------------------------------------------------------------------------------------------

PRESETS = baking.TEMPLATE_DIR / "presets"
FRESH = {
    "defaults": (),
    # init_git=y: the hook makes a git repository in every render cruft compares, too.
    "full-with-git": ("--config-file", str(PRESETS / "full.yaml"), "--extra-context", '{"init_git": "y"}'),
    "course-starter": ("--config-file", str(PRESETS / "course-starter.yaml")),
}


@pytest.mark.parametrize("answers", FRESH.values(), ids=FRESH.keys())
def test_a_fresh_project_has_no_cruft_diff(tmp_path: Path, env: dict[str, str], answers: tuple[str, ...]) -> None:
    template = copy_template(tmp_path / "template", env)
    project = cruft_create(template, tmp_path / "out", env, *answers)
    assert (project / ".env").is_file()
    assert_no_diff(project, env)
    untagged = template_check(project, env, uvx_shim(tmp_path / "shims"))
    assert untagged.returncode == 0, untagged.stdout + untagged.stderr
    assert "The template has no vX.Y.Z tag: checking against its default branch." in untagged.stdout


def test_the_skip_list_names_every_path_a_render_draws_at_random(tmp_path: Path) -> None:
    """Two bakes of the same answers differ only under the paths [tool.cruft] skip names, and the only skeleton
    files that read the clock or draw at random in Jinja become LICENSE (the copyright year), skipped too."""
    import tomllib

    answers = {"init_git": "y", "prometheus": "y", "task_queue": "celery", "celery_broker": "rabbitmq"}
    first = baking.bake(tmp_path / "first", **answers)
    second = baking.bake(tmp_path / "second", **answers)
    skip = tomllib.loads((first / "pyproject.toml").read_text())["tool"]["cruft"]["skip"]

    def tree(project: Path) -> dict[str, bytes]:
        return {
            path.relative_to(project).as_posix(): path.read_bytes()
            for path in project.rglob("*")
            if path.is_file() and path.relative_to(project).parts[0] not in skip
        }

    assert tree(first) == tree(second)
    assert (first / ".env").read_bytes() != (second / ".env").read_bytes()
    # cookiecutter's Jinja reads the clock with {% now %} and draws with random_ascii_string() and uuid4().
    drawn = re.compile(r"{%-?\s*now\b|{{[^}]*\b(random_ascii_string|uuid4)\(")
    by_chance = sorted(
        path.relative_to(baking.TEMPLATE_DIR).as_posix()
        for folder in (baking.SKELETON_DIR, baking.TEMPLATE_DIR / "templates")
        for path, text in baking.text_files(folder)
        if drawn.search(text)
    )
    assert by_chance, "no skeleton file reads the clock: drop LICENSE from the skip list"
    assert all(path.startswith(f"{SKELETON}/licenses/") for path in by_chance), by_chance
    assert {".env", "LICENSE", ".git"} <= set(skip)


# --- an update --------------------------------------------------------------------------------------------------

DOC = f"{SKELETON}/docs/architecture.md"
MODULE = f"{SKELETON}/{SKELETON}/core/pagination.py"
DOC_LINE = "A line the template added in a later release."
MODULE_LINE = "# A comment the template added in a later release."
ENV_LINE = "# A setting the template added in a later release.\nLATER_RELEASE_SETTING=on"


def next_patch(version: str) -> str:
    major, minor, patch = version.split(".")
    return f"{major}.{minor}.{int(patch) + 1}"


def release(template: Path, env: dict[str, str]) -> str:
    """Commit a change to a doc, a Python module and .env.example, with the next patch version, and tag it."""
    for relative, line in ((DOC, DOC_LINE), (MODULE, MODULE_LINE), (f"{SKELETON}/.env.example", ENV_LINE)):
        path = template / relative
        path.write_text(path.read_text() + line + "\n")
    newer = next_patch(VERSION)
    cookiecutter_json = template / "cookiecutter.json"
    text = cookiecutter_json.read_text()
    cookiecutter_json.write_text(text.replace(f'"_template_version": "{VERSION}"', f'"_template_version": "{newer}"'))
    commit_all(template, env, f"Release {newer}")
    git(template, env, "tag", f"v{newer}")
    return f"v{newer}"


def template_check(project: Path, env: dict[str, str], shims: Path) -> subprocess.CompletedProcess[str]:
    """The generated workflow's `cruft check` step, run by bash with its env, uvx standing in for the real one."""
    workflow = yaml.safe_load((project / ".github" / "workflows" / "template.yml").read_text())
    (step,) = (step for step in workflow["jobs"]["template"]["steps"] if "cruft check" in step.get("name", ""))
    step_env = {**env, **workflow["env"], "PATH": f"{shims}{os.pathsep}{env['PATH']}"}
    return run(["bash", "-e", "-c", step["run"]], project, step_env, check=False)


def uvx_shim(folder: Path) -> Path:
    """`uvx --from cruft==<version> cruft ...` runs this environment's cruft, which must be that version."""
    folder.mkdir()
    shim = folder / "uvx"
    shim.write_text(
        "#!/bin/sh\n"
        f'[ "$1" = --from ] && [ "$2" = "cruft=={metadata.version("cruft")}" ] && [ "$3" = cruft ] '
        '|| { echo "unexpected uvx call: $*" >&2; exit 99; }\n'
        f'shift 3\nexec "{cruft_executable()}" "$@"\n'
    )
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    return folder


def linked_project(tmp_path: Path, env: dict[str, str]) -> tuple[Path, Path]:
    """A template copy tagged with its version, and a project created at that tag, committed with .cruft.json."""
    template = copy_template(tmp_path / "template", env)
    git(template, env, "tag", f"v{VERSION}")
    project = cruft_create(
        template, tmp_path / "out", env, "--checkout", f"v{VERSION}", "--extra-context", '{"init_git": "y"}'
    )
    # The hook committed the render; cruft wrote .cruft.json after it.
    assert git(project, env, "status", "--porcelain") == "?? .cruft.json\n"
    git(project, env, "add", ".cruft.json")
    git(project, env, "commit", "--quiet", "-m", "Link the template (cruft)")
    return template, project


def test_a_template_release_arrives_through_cruft_update_and_the_scheduled_check_sees_it(
    tmp_path: Path, env: dict[str, str]
) -> None:
    template, project = linked_project(tmp_path, env)
    secrets_before = (project / ".env").read_bytes()
    shims = uvx_shim(tmp_path / "shims")
    assert_no_diff(project, env)
    on_newest = template_check(project, env, shims)
    assert on_newest.returncode == 0, on_newest.stdout + on_newest.stderr
    assert f"Newest template release: v{VERSION}" in on_newest.stdout

    newer = release(template, env)
    behind = template_check(project, env, shims)
    assert behind.returncode == 1, behind.stdout + behind.stderr
    assert f"::error title=Template update::The template released {newer}" in behind.stdout

    (project / "scratch.txt").write_text("work in progress\n")
    refused = cruft(project, env, "update", "--skip-apply-ask", "--checkout", newer, check=False)
    assert "unclean git project" in refused.stdout + refused.stderr
    (project / "scratch.txt").unlink()

    cruft(project, env, "update", "--skip-apply-ask", "--checkout", newer)

    assert DOC_LINE in (project / "docs" / "architecture.md").read_text()
    assert MODULE_LINE in (project / project.name / "core" / "pagination.py").read_text()
    assert "LATER_RELEASE_SETTING=on" in (project / ".env.example").read_text()
    assert f"cookiecutter-prodev-backend {newer.removeprefix('v')} " in (project / "README.md").read_text()
    assert (project / ".env").read_bytes() == secrets_before, "cruft update rewrote the project's secrets"
    assert not rejected_files(project), f"rejected hunks left behind: {rejected_files(project)}"
    staged = git(project, env, "diff", "--cached", "--name-only").split()
    assert sorted(staged) == sorted(
        [".env.example", "README.md", "docs/architecture.md", f"{project.name}/core/pagination.py"]
    ), staged
    assert git(project, env, "status", "--porcelain", "--untracked-files=all").splitlines()[0] == " M .cruft.json"
    assert "<<<<<<<" not in git(project, env, "diff", "HEAD"), "the update left conflict markers"
    template_head = git(template, env, "rev-parse", "HEAD").strip()
    state = json.loads((project / ".cruft.json").read_text())
    assert state["commit"] == template_head
    assert state["context"]["cookiecutter"]["_template_version"] == newer.removeprefix("v")
    assert_no_diff(project, env)
    cruft(project, env, "check", "--checkout", newer)
    git(project, env, "commit", "--quiet", "--all", "-m", f"Template {newer}")
    caught_up = template_check(project, env, shims)
    assert caught_up.returncode == 0, caught_up.stdout + caught_up.stderr


def test_a_local_edit_the_template_also_changes_is_left_as_conflict_markers(
    tmp_path: Path, env: dict[str, str]
) -> None:
    template, project = linked_project(tmp_path, env)
    doc = project / "docs" / "architecture.md"
    lines = doc.read_text().splitlines()
    doc.write_text("\n".join([*lines[:-1], "The project's own last line."]) + "\n")
    commit_all(project, env, "Our own edit of the doc's last line")
    newer = release(template, env)

    cruft(project, env, "update", "--skip-apply-ask", "--checkout", newer)

    text = doc.read_text()
    assert "<<<<<<<" in text, text[-400:]
    assert "The project's own last line." in text
    assert DOC_LINE in text
    assert MODULE_LINE in (project / project.name / "core" / "pagination.py").read_text()
    check = run(["git", "diff", "--check"], project, env, check=False)
    assert check.returncode != 0
    assert "docs/architecture.md" in check.stdout
    assert not rejected_files(project), rejected_files(project)


def test_the_scheduled_check_only_says_so_without_a_cruft_json(tmp_path: Path, env: dict[str, str]) -> None:
    project = baking.bake(tmp_path, ci="github")
    assert not (project / ".cruft.json").exists()
    result = template_check(project, env, uvx_shim(tmp_path / "shims"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("::notice title=No template link::"), result.stdout

"""The exhaustive rendering layer (tests/exhaustive.py) in the suite, and the proofs that it is sound.

- test_every_rendering_of_every_file_passes: the layer over every valid combination; its numbers are printed.
- test_sample_bakes_match_the_projections: real `cookiecutter` bakes of seeded combinations (the largest and the
  smallest among them) are file-for-file and byte-for-byte the per-file renderings: a dependency the analysis
  missed would make a bake differ from its prediction.
- test_a_bug_in_a_rare_combination_is_caught: a typo (and an undeclared import) planted in a copy of the template,
  inside a condition few combinations meet, is reported with its file and combination.
"""

from __future__ import annotations

import random
import re
import shutil
import sys
from pathlib import Path

import pytest

import baking
import exhaustive
import projection

# The layer's two tests share one run (module fixture) on one worker; the bakes and plants may run elsewhere.
LAYER = pytest.mark.xdist_group("exhaustive-layer")

SAMPLE_SIZE = 30
SEED = 20261129


@pytest.fixture(scope="module")
def report() -> exhaustive.Report:
    return exhaustive.run(progress=False, log=lambda _message: None)


@LAYER
def test_every_rendering_of_every_file_passes(report: exhaustive.Report, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print("\n" + report.summary(), file=sys.stderr)
    assert report.valid_combinations == projection.valid_combinations()
    assert report.files == len(projection.file_dependencies())
    assert report.distinct_renderings > report.files
    listed = "\n".join(map(str, report.failures[:100]))
    assert not report.failures, f"{len(report.failures)} failures:\n{listed}"


@LAYER
def test_the_counts_the_docs_quote_are_the_layers(report: exhaustive.Report) -> None:
    """docs/testing.md and README.md quote the combination counts: they must be what the layer computes."""
    docs = (baking.TEMPLATE_DIR / "docs" / "testing.md").read_text()
    ignored = report.valid_combinations - report.distinct_projects
    for number in (report.raw_combinations, report.valid_combinations, report.distinct_projects, ignored):
        assert f"{number:,}" in docs, f"docs/testing.md does not quote {number:,}"
    assert f"{SAMPLE_SIZE} seeded" in docs
    readme = (baking.TEMPLATE_DIR / "README.md").read_text()
    assert f"{report.valid_combinations:,}" in readme, "README.md's count of valid combinations is stale"
    assert f"{SAMPLE_SIZE} real bakes" in readme


def sample_combinations(template: projection.Template) -> list[dict[str, str]]:
    """Seeded random combinations, plus the largest (every feature on) and the smallest (every feature off)."""
    options = template.choice_options
    largest = {name: values[0] for name, values in options.items()} | {
        "example_app": "ecommerce",
        "task_queue": "celery",
        "celery_broker": "rabbitmq",
        "sentry": "y",
        "prometheus": "y",
        "docker": "y",
        "kubernetes": "y",
        "ci": "github",
        "cache": "redis",
        "graphql": "strawberry",
        "api_auth": "jwt",
    }
    smallest = {name: values[0] for name, values in options.items()} | {
        "example_app": "none",
        "task_queue": "none",
        "sentry": "n",
        "prometheus": "n",
        "docker": "n",
        "kubernetes": "n",
        "ci": "none",
        "cache": "none",
        "graphql": "none",
        "api_auth": "session",
    }
    rng = random.Random(SEED)  # noqa: S311 (a reproducible sample, not a secret)
    rows = [largest, smallest]
    while len(rows) < SAMPLE_SIZE:
        row = {name: rng.choice(values) for name, values in options.items()}
        row["init_git"] = "n"
        if template.is_valid(row) and row not in rows:
            rows.append(row)
    return rows


def predicted_files(template: projection.Template, combination: dict[str, str]) -> dict[str, projection.Rendering]:
    predicted = {}
    for path in template.files:
        rendering = template.render(path, {name: combination[name] for name in template.dependencies[path]})
        if rendering.output is not None:
            assert rendering.output not in predicted, f"two skeleton files write {rendering.output}"
            predicted[rendering.output] = rendering
    return predicted


@pytest.mark.xdist_group("exhaustive-bakes")
def test_sample_bakes_match_the_projections(tmp_path: Path) -> None:
    template = projection.template()
    problems = []
    for number, combination in enumerate(sample_combinations(template)):
        output = tmp_path / f"bake{number:02d}"
        output.mkdir()
        result = baking.run_cookiecutter_cli(output, *(f"{name}={value}" for name, value in combination.items()))
        assert result.returncode == 0, result.stderr
        (project,) = output.iterdir()
        predicted = predicted_files(template, combination)
        baked = {
            path.relative_to(project).as_posix()
            for path in project.rglob("*")
            if path.is_file() and path.relative_to(project).parts[0] != ".git"
        }
        # .env is written by the hook from .env.example with fresh secrets: compared line by line below.
        extra, missing = baked - set(predicted) - {".env"}, set(predicted) - baked
        where = baking.combination_id(combination)
        if extra or missing:
            problems.append(f"{where}: extra files {sorted(extra)}, missing {sorted(missing)}")
        for relative, rendering in predicted.items():
            path = project / relative
            if path.is_file() and path.read_bytes() != rendering.content:
                problems.append(f"{where}: {relative} differs from the rendering of {rendering.source}")
            if path.is_file() and (path.stat().st_mode & 0o777) != rendering.mode:
                problems.append(f"{where}: {relative} has mode {path.stat().st_mode & 0o777:o}")
        secrets = set(template.post_hook.env_values())
        example = (project / ".env.example").read_text().splitlines()
        written = (project / ".env").read_text().splitlines()
        masked = [re.sub(r"=.*", "=", line) if line.split("=", 1)[0] in secrets else line for line in written]
        expected = [re.sub(r"=.*", "=", line) if line.split("=", 1)[0] in secrets else line for line in example]
        if masked != expected:
            problems.append(f"{where}: .env is not .env.example with secrets filled in")
    assert not problems, "\n".join(problems)


# Left-trimmed tags: outside the rare combination each file renders exactly as before.
PLANTS = {
    "typo": (
        "config/settings/production.py",
        '{%- if cookiecutter.ci == "jenkins" and cookiecutter.kubernetes == "y" %}\n'
        "JENKINS_ON_KUBERNETES = True\n"
        "if JENKINS_ON_KUBERNETES\n"  # the typo: no colon
        "    pass\n"
        "{%- endif %}\n",
        {"ci": "jenkins", "kubernetes": "y"},
        "compile",
    ),
    "undeclared import": (
        "{{cookiecutter.project_slug}}/core/health.py",
        '{%- if cookiecutter.graphql == "strawberry" %}\n'
        "import graphene  # noqa: E402, F401\n"  # graphene-django is only declared for graphql=graphene
        "{%- endif %}\n",
        {"graphql": "strawberry"},
        "undeclared-import",
    ),
    # benchmarks/ holds scripts: a module beside them is imported by its bare name, and must be kept.
    "script sibling pruned": (
        "benchmarks/api_bench.py",
        '{%- if cookiecutter.example_app == "cms" %}\n'
        "from example_shop import grow as grow_shop  # noqa: E402, F401\n"  # pruned unless ecommerce
        "{%- endif %}\n",
        {"example_app": "cms"},
        "import",
    ),
}


@pytest.mark.parametrize("plant", list(PLANTS), ids=list(PLANTS))
def test_a_bug_in_a_rare_combination_is_caught(tmp_path: Path, plant: str) -> None:
    """The layer, run on a copy of the template with one bug planted, names the file and the combination."""
    path, text, combination, check = PLANTS[plant]
    copy = tmp_path / "template"
    shutil.copytree(
        baking.TEMPLATE_DIR,
        copy,
        ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", ".tools", "__pycache__", ".ruff_cache"),
    )
    planted = copy / projection.SKELETON_NAME / path
    planted.write_text(planted.read_text() + text)
    report = exhaustive.run(copy, paths=[path], workers=1, progress=False, log=lambda _message: None)

    def in_combination(failure: exhaustive.Failure) -> bool:
        return all(dict(failure.combination).get(name) == value for name, value in combination.items())

    caught = [f for f in report.failures if f.path == path and f.check.startswith(check) and in_combination(f)]
    assert caught, f"the planted bug was not reported; failures: {[str(f) for f in report.failures]}"
    assert all(f"{name}={value}" in str(caught[0]) for name, value in combination.items())
    others = [str(f) for f in report.failures if not in_combination(f)]
    assert not others, f"failures outside the planted combination: {others}"


def test_dependencies_follow_set_aliases_includes_paths_and_the_pruning_table() -> None:
    dependencies = projection.file_dependencies()
    # {% from "answers.j2" import celery, rabbitmq, redis with context %} (templates/answers.j2 derives them from
    # task_queue, celery_broker and cache), kept when kubernetes=y.
    assert dependencies["k8s/secret.template.yaml"] == {"task_queue", "celery_broker", "cache", "kubernetes"}
    # The same import, and only the broker's answer read: the derived answers bring all three.
    assert dependencies[".env.example"] >= {"docker", "task_queue", "celery_broker", "cache"}
    # {% include "graphql/" ~ cookiecutter.graphql ~ "-" ~ cookiecutter.example_app ~ ".graphql" %}
    assert dependencies["schema.graphql"] == {"graphql", "example_app"}
    # A Jinja condition in the file name, and the ci row of KEEP_ONLY_WHEN.
    assert dependencies['.github/workflows/{% if cookiecutter.docker == "y" %}release.yml{% endif %}'] == {
        "docker",
        "ci",
    }
    assert dependencies["licenses/MIT.txt"] == {"open_source_license"}


@pytest.mark.parametrize(
    "source",
    ["{{ cookiecutter | tojson }}", "{% set answers = cookiecutter %}{{ answers.ci }}", "{{ cookiecutter[name] }}"],
    ids=["filter", "alias", "computed key"],
)
def test_using_the_whole_cookiecutter_object_fails_the_analysis(tmp_path: Path, source: str) -> None:
    copy = tmp_path / "template"
    shutil.copytree(
        baking.TEMPLATE_DIR,
        copy,
        ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", ".tools", "__pycache__", ".ruff_cache"),
    )
    (copy / projection.SKELETON_NAME / "docs" / "leak.md").write_text(source + "\n")
    with pytest.raises(projection.DependencyError, match=r"docs/leak\.md"):
        projection.Template(copy).dependencies  # noqa: B018

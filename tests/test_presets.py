"""Each preset is what its name says: minimal bakes the smallest project, full switches every feature on."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

import baking
from hooks import post_gen_project as post

PRESETS_DIR = baking.TEMPLATE_DIR / "presets"
OFF_VALUES = ("none", "n")
# Not a feature of the project: what happens to the folder after the bake.
NOT_FEATURES = frozenset({"init_git"})
# Dependencies that need a service besides the database (broker, cache, error tracker, metrics scraper) or
# that only an optional feature adds (GraphQL, JWT).
# PostgreSQL is the project's database by design (psycopg is always there; SQLite until DATABASE_URL is set).
FEATURE_DEPENDENCIES = frozenset(
    {
        "celery",
        "django-celery-beat",
        "django-celery-results",
        "django-timezone-field",
        "django-redis",
        "redis",
        "kombu",
        "sentry-sdk",
        "prometheus-client",
        "strawberry-graphql-django",
        "strawberry-graphql",
        "graphene-django",
        "djangorestframework-simplejwt",
    }
)


def preset(name: str) -> dict[str, str]:
    return yaml.safe_load((PRESETS_DIR / f"{name}.yaml").read_text())["default_context"]


def feature_options() -> dict[str, tuple[str, ...]]:
    """Choice options with an "off" value: each switches a feature on or off."""
    return {
        name: values
        for name, values in baking.CHOICE_OPTIONS.items()
        if name not in NOT_FEATURES and any(value in OFF_VALUES for value in values)
    }


def bake_preset(tmp_path: Path, name: str) -> Path:
    """Bake with the preset as cookiecutter's --config-file, replays kept out of $HOME."""
    config = tmp_path / f"{name}.yaml"
    config.write_text(
        (PRESETS_DIR / f"{name}.yaml").read_text()
        + f'replay_dir: "{tmp_path / "replay"}"\ncookiecutters_dir: "{tmp_path / "cookiecutters"}"\n'
    )
    return Path(
        baking.cookiecutter(
            str(baking.TEMPLATE_DIR), no_input=True, output_dir=str(tmp_path / "out"), config_file=str(config)
        )
    )


def dependency_names(project: Path) -> set[str]:
    dependencies = tomllib.loads((project / "pyproject.toml").read_text())["project"]["dependencies"]
    return {dependency.split("[")[0].split("=")[0].split("<")[0].split(">")[0].strip() for dependency in dependencies}


ALL_PRESETS = sorted(path.stem for path in PRESETS_DIR.glob("*.yaml"))
# Course modules baked as exercises (tests/test_starter.py bakes each and runs it both ways).
COURSE_MODULES = [name for name in ALL_PRESETS if name.startswith("course-") and name != "course-starter"]


@pytest.mark.parametrize("name", ALL_PRESETS)
def test_every_key_of_a_preset_is_an_option_with_an_offered_value(name: str) -> None:
    for key, value in preset(name).items():
        assert key in baking.OPTIONS, f"{name}.yaml: {key} is not an option of cookiecutter.json"
        if key in baking.CHOICE_OPTIONS:
            assert value in baking.CHOICE_OPTIONS[key], f"{name}.yaml: {key}={value!r} is not a choice"


def test_minimal_switches_every_feature_off() -> None:
    answers = preset("minimal")
    assert {name: answers.get(name) for name in feature_options()} == {
        name: next(value for value in values if value in OFF_VALUES) for name, values in feature_options().items()
    }
    assert answers["api_auth"] == "session", "session login needs no token table and no JWT dependency"


def test_full_switches_every_feature_on() -> None:
    answers = preset("full")
    off = [name for name in feature_options() if answers.get(name, "none") in OFF_VALUES]
    assert not off, f"full.yaml leaves these off: {off}"
    assert answers["django_version"] == baking.CHOICE_OPTIONS["django_version"][-1]


def test_the_minimal_preset_bakes_a_project_without_a_service_dependency(tmp_path: Path) -> None:
    project = bake_preset(tmp_path, "minimal")
    names = dependency_names(project)
    assert "psycopg" in names
    assert not names & FEATURE_DEPENDENCIES, f"minimal depends on {names & FEATURE_DEPENDENCIES}"
    for absent in ("Dockerfile", "k8s", ".github", ".gitlab-ci.yml", "Jenkinsfile", "config/celery.py"):
        assert not (project / absent).exists(), f"minimal bakes {absent}"


def test_the_full_preset_bakes_every_file_its_answers_keep(tmp_path: Path) -> None:
    project = bake_preset(tmp_path, "full")
    answers = {**baking.rendered_context(), **preset("full")}
    kept = [
        path.format(slug=answers["project_slug"])
        for option, keep_values, paths in post.KEEP_ONLY_WHEN
        if answers[option] in keep_values
        for path in paths
    ]
    # A path inside another value's folder (cms/graphql with the ecommerce app) goes with that folder.
    pruned = set(post.paths_to_prune(answers))
    expected = [path for path in kept if not any(Path(other) in Path(path).parents for other in pruned)]
    missing = [path for path in expected if not (project / path).exists()]
    assert not missing, f"full lacks {missing}"
    assert len(expected) > 40
    for feature in ("k8s", "Dockerfile", ".github", "config/celery.py", "config/sentry.py", "schema.graphql"):
        assert (project / feature).exists(), f"full lacks {feature}"


def test_a_preset_with_a_misspelt_key_or_an_choice_off_the_list_is_refused_by_the_cli(tmp_path: Path) -> None:
    """cookiecutter alone would warn about the choice, ignore the key and bake the defaults."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        baking.cookiecutter_config_file().read_text()
        + 'default_context:\n  api_auht: token\n  python_version: "3.11"\n'
    )
    command = [sys.executable, "-m", "cookiecutter", "--no-input", "--config-file", str(bad)]
    result = subprocess.run(
        [*command, "--output-dir", str(tmp_path / "out"), str(baking.TEMPLATE_DIR)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    refused = [line for line in result.stderr.splitlines() if line.startswith("  - ")]
    assert [line.removeprefix("  - ").split("=", 1)[0] for line in refused] == ["api_auht", "python_version"]
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_docs_presets_md_names_every_option_that_adds_or_removes_files() -> None:
    text = " ".join((PRESETS_DIR.parent / "docs" / "presets.md").read_text().split())
    sentence = text[text.index("Options that add or remove files") :].split(" must be fixed too")[0]
    named = set(re.findall(r"`(\w+)`", sentence))
    assert named == {option for option, _keep, _paths in post.KEEP_ONLY_WHEN}


@pytest.mark.parametrize("name", COURSE_MODULES)
def test_a_course_module_preset_fixes_every_choice_and_bakes_exercises_into_a_repository(name: str) -> None:
    """Every student and grader gets the same paths: no choice is left to cookiecutter.json's default."""
    answers = preset(name)
    assert set(baking.CHOICE_OPTIONS) <= set(answers), f"{name}.yaml leaves {set(baking.CHOICE_OPTIONS) - set(answers)}"
    assert answers["starter_mode"] == "exercises"
    assert answers["init_git"] == "y"
    assert "project_slug" in answers


def test_the_course_module_presets_are_the_four_the_docs_describe() -> None:
    assert COURSE_MODULES == ["course-caching", "course-celery", "course-graphql-cms", "course-rest-jwt"]
    guide = (PRESETS_DIR.parent / "docs" / "instructors.md").read_text()
    for name in COURSE_MODULES:
        assert f"`presets/{name}.yaml`" in guide


@pytest.mark.parametrize("name", COURSE_MODULES)
def test_a_course_module_preset_bakes_a_one_commit_repository_holding_its_exercises(tmp_path: Path, name: str) -> None:
    project = bake_preset(tmp_path, name)
    assert project.name == preset(name)["project_slug"]
    log = subprocess.run(
        ["git", "log", "--format=%s", "main"], cwd=project, capture_output=True, text=True, check=True, timeout=60
    )
    assert log.stdout.splitlines() == ["Initial commit from cookiecutter-prodev-backend"]
    tracked = subprocess.run(["git", "ls-files"], cwd=project, capture_output=True, text=True, check=True, timeout=60)
    assert {"EXERCISES.md", "grade.py"} <= set(tracked.stdout.splitlines())
    assert "make grade" in (project / "EXERCISES.md").read_text()

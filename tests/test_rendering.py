"""Promises about what a bake writes, per combination of the covering set (every one, file by file: exhaustive.py)."""

from __future__ import annotations

import json
import re
import stat
import subprocess
import sysconfig
import tomllib
from pathlib import Path

import yaml

import baking
from hooks import post_gen_project as post

RUFF = str(Path(sysconfig.get_path("scripts")) / "ruff")

# The only places where Jinja-looking text is legitimate in a rendered project.
JINJA_LOOKALIKES = {
    "${{": "a GitHub Actions expression",
}
DJANGO_TEMPLATE_SUFFIXES = {".html"}  # Django template tags are Jinja-like; cookiecutter variables still are not.
JINJA_MARKERS = re.compile(r"\{\{|\{%|\{#")
COOKIECUTTER_LEFTOVER = re.compile(r"(\{\{|\{%|\{#)[^\n]*cookiecutter")

LICENSE_MARKERS = {
    "MIT": "MIT License",
    "BSD-3-Clause": "Redistribution and use",
    "Apache-2.0": "Apache License",
    "GPL-3.0": "GNU GENERAL PUBLIC LICENSE",
    "Proprietary": "All rights reserved",
}


def _relative(project: Path, paths: list[Path]) -> list[str]:
    return [str(path.relative_to(project)) for path in paths]


def test_no_jinja_is_left(baked: Path) -> None:
    leftovers = []
    for path, text in baking.text_files(baked):
        if COOKIECUTTER_LEFTOVER.search(text):
            leftovers.append(path)
            continue
        if path.suffix in DJANGO_TEMPLATE_SUFFIXES:
            continue
        for lookalike in JINJA_LOOKALIKES:
            text = text.replace(lookalike, "")
        if JINJA_MARKERS.search(text):
            leftovers.append(path)
    assert not leftovers, f"Jinja left in: {_relative(baked, leftovers)}"


# Compiles every .py under a folder without writing bytecode; prints each failure.
COMPILE_EVERY_FILE = """
import pathlib, sys
failures = 0
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.py")):
    try:
        compile(path.read_text(encoding="utf-8"), str(path), "exec")
    except SyntaxError as error:
        print(f"{path}:{error.lineno}: {error.msg}")
        failures += 1
sys.exit(1 if failures else 0)
"""


def test_every_python_file_compiles(baked: Path, combination: baking.Combination) -> None:
    """With the chosen Python: the code may use syntax newer than the template's own interpreter."""
    python_version = combination.get("python_version", baking.DEFAULT_CHOICES["python_version"])
    interpreter = baking.find_interpreter(python_version)
    if interpreter is None:
        baking.fail_or_skip(f"no Python {python_version} interpreter found (pyenv, or python{python_version} on PATH)")
    result = subprocess.run(
        [str(interpreter), "-c", COMPILE_EVERY_FILE, str(baked)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"Python {python_version} cannot compile:\n{result.stdout}{result.stderr}"


def test_every_yaml_toml_and_json_file_parses(baked: Path) -> None:
    parsers = {
        ".yaml": lambda text: list(yaml.safe_load_all(text)),
        ".yml": lambda text: list(yaml.safe_load_all(text)),
        ".toml": tomllib.loads,
        ".json": json.loads,
    }
    checked = 0
    for path, text in baking.text_files(baked):
        if path.suffix in parsers:
            parsers[path.suffix](text)
            checked += 1
    assert checked, "no YAML, TOML or JSON file at all: is pyproject.toml missing?"


def _ruff(baked: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [RUFF, *args, "--no-cache", "."], cwd=baked, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_rendered_project_passes_ruff_check_untouched(baked: Path) -> None:
    result = _ruff(baked, "check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_rendered_project_passes_ruff_format_check_untouched(baked: Path) -> None:
    result = _ruff(baked, "format", "--check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_project_has_its_contracted_files(baked: Path, combination: baking.Combination) -> None:
    slug = baking.rendered_context(**combination)["project_slug"]
    expected = [
        "pyproject.toml",
        "manage.py",
        "config/settings/base.py",
        "config/settings/local.py",
        "config/settings/test.py",
        "config/settings/production.py",
        f"{slug}/users",
        f"{slug}/core",
        ".env.example",
        ".env",
        "LICENSE",
        "README.md",
        "Makefile",
        ".gitignore",
        ".pre-commit-config.yaml",
        ".editorconfig",
        ".python-version",
    ]
    assert not [name for name in expected if not (baked / name).exists()], "missing contracted files"


def test_the_python_version_is_the_chosen_one(baked: Path, combination: baking.Combination) -> None:
    assert (baked / ".python-version").read_text().strip() == combination["python_version"]
    requires = tomllib.loads((baked / "pyproject.toml").read_text())["project"]["requires-python"]
    assert combination["python_version"] in requires


def test_the_license_file_is_the_chosen_license(baked: Path, combination: baking.Combination) -> None:
    chosen = combination["open_source_license"]
    assert chosen in LICENSE_MARKERS, f"add a marker line for the new license {chosen!r} to LICENSE_MARKERS"
    assert LICENSE_MARKERS[chosen] in (baked / "LICENSE").read_text()
    assert not (baked / "licenses").exists()


def test_files_of_choices_not_taken_are_absent(baked: Path, combination: baking.Combination) -> None:
    answers = baking.rendered_context(**combination)
    left = [path for path in post.paths_to_prune(answers) if (baked / path).exists()]
    assert not left, f"files of choices not taken are still there: {left}"


def test_files_of_choices_taken_are_present(baked: Path, combination: baking.Combination) -> None:
    answers = baking.rendered_context(**combination)
    # A path kept by one rule may still go with a folder another rule prunes (shop/graphql/ with shop/).
    pruned = [Path(path) for path in post.paths_to_prune(answers)]
    kept = [
        path
        for option, keep_values, paths in post.KEEP_ONLY_WHEN
        if answers[option] in keep_values
        for path in (Path(raw.format(slug=answers["project_slug"])) for raw in paths)
        if not any(gone == path or gone in path.parents for gone in pruned)
    ]
    assert not [path for path in kept if not (baked / path).exists()], "files of the chosen options are missing"


def test_the_env_file_is_readable_by_its_owner_only(baked: Path) -> None:
    assert stat.S_IMODE((baked / ".env").stat().st_mode) == 0o600


def test_the_env_file_defines_every_key_of_the_example(baked: Path) -> None:
    example = baking.read_env_file(baked / ".env.example")
    assert set(baking.read_env_file(baked / ".env")) == set(example)


def test_the_django_secret_key_is_long_alphanumeric_and_passes_w009(baked: Path) -> None:
    key = baking.read_env_file(baked / ".env")["DJANGO_SECRET_KEY"]
    assert len(key) >= 50
    assert len(set(key)) >= 5
    assert not key.startswith("django-insecure-")
    assert key.isascii()
    assert key.isalnum()


def _git(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=False)


def test_git_holds_one_commit_without_the_env_file(baked: Path, combination: baking.Combination) -> None:
    if combination["init_git"] != "y":
        assert not (baked / ".git").exists()
        return
    assert _git(baked, "rev-list", "--count", "HEAD").stdout.strip() == "1"
    assert ".env" not in _git(baked, "ls-files").stdout.splitlines()
    assert _git(baked, "check-ignore", "--quiet", ".env").returncode == 0, ".env is not git-ignored"
    assert _git(baked, "status", "--porcelain").stdout == "", "the first commit left files out"


def test_two_bakes_hold_different_secrets(tmp_path: Path) -> None:
    first = baking.read_env_file(baking.bake(tmp_path / "one") / ".env")
    second = baking.read_env_file(baking.bake(tmp_path / "two") / ".env")
    for key in ("DJANGO_SECRET_KEY", "POSTGRES_PASSWORD", "DJANGO_ADMIN_URL"):
        if key in first:
            assert first[key] != second[key], f"{key} is the same in two bakes"
    assert first["DJANGO_SECRET_KEY"] != second["DJANGO_SECRET_KEY"]


def test_the_project_pins_the_ruff_the_template_checks_it_with(default_bake: Path) -> None:
    """Otherwise "passes ruff untouched" would hold for the template's ruff, not for the project's."""
    ours = subprocess.run([RUFF, "--version"], capture_output=True, text=True, check=True).stdout.split()[-1]
    pinned = re.findall(r"\bruff==([\w.]+)", (default_bake / "pyproject.toml").read_text())
    assert pinned == [ours], f"the project pins ruff {pinned}, the template checks with {ours}"


def test_the_suite_runs_in_random_order_under_a_timeout(default_bake: Path) -> None:
    """Order dependence and hung tests fail (README "Tests"): both plugins pinned, a timeout configured."""
    project = tomllib.loads((default_bake / "pyproject.toml").read_text())
    pinned = {spec.split("==")[0] for spec in project["dependency-groups"]["dev"] if "==" in spec}
    assert {"pytest-randomly", "pytest-timeout"} <= pinned
    assert project["tool"]["pytest"]["ini_options"]["timeout"] > 0


# A `# type: ignore` names its error codes, and a comment on its line or above it (above a run of them) says why.
TYPE_IGNORE = re.compile(r"#\s*type:\s*ignore(?P<codes>\[[\w,-]+\])?(?P<after>.*)$")


def test_every_type_ignore_names_its_codes_and_its_reason() -> None:
    """mypy's warn_unused_ignores catches stale ones per combination; this catches bare and unexplained ones."""
    problems = []
    for path in sorted(baking.TEMPLATE_DIR.glob("{{cookiecutter.project_slug}}/**/*.py")):
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines, 1):
            ignore = TYPE_IGNORE.search(line)
            if ignore is None:
                continue
            place = f"{path.relative_to(baking.TEMPLATE_DIR)}:{number}"
            if not ignore["codes"]:
                problems.append(f"{place}: names no error code")
            elif not ignore["after"].strip().startswith("#"):
                above = number - 2  # the line above the run of ignored lines this one ends
                while above >= 0 and TYPE_IGNORE.search(lines[above]):
                    above -= 1
                if above < 0 or not lines[above].strip().startswith("#"):
                    problems.append(f"{place}: no comment says why")
    assert not problems, "\n".join(problems)

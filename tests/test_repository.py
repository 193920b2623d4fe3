"""The template repository's own habits: `make help`, the pre-commit hooks and .editorconfig hold."""

from __future__ import annotations

import re
import shlex
import subprocess

import pytest
import yaml

import baking

ROOT = baking.TEMPLATE_DIR
VENV_BIN = ROOT / ".venv" / "bin"
HOOKS = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"]


def documented_targets() -> dict[str, str]:
    """The ``## name: text`` lines of the template's Makefile."""
    return dict(re.findall(r"^## ([a-z-]+): (.*)$", (ROOT / "Makefile").read_text(), re.M))


def tracked_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    return listed.stdout.splitlines()


def test_make_help_lists_every_documented_target() -> None:
    result = subprocess.run(
        ["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    listed = dict(line.split(maxsplit=1) for line in result.stdout.splitlines())
    assert listed == documented_targets()


def test_every_phony_target_is_documented() -> None:
    phony = re.search(r"^\.PHONY: (.*)$", (ROOT / "Makefile").read_text(), re.M)
    assert phony
    assert set(phony.group(1).split()) == set(documented_targets())


def test_every_pre_commit_hook_is_local_and_runs_the_locked_tooling() -> None:
    """No hook is fetched from the network, and each runs the version uv.lock pins (`uv run --frozen`)."""
    assert [repo["repo"] for repo in HOOKS] == ["local"]
    for hook in HOOKS[0]["hooks"]:
        assert hook["language"] == "system", hook["id"]
        words = shlex.split(hook["entry"])
        assert words[:3] == ["uv", "run", "--frozen"], hook["id"]
        assert words[3] == "python" or (VENV_BIN / words[3]).is_file(), f"{hook['id']}: {words[3]} is not installed"


def test_the_ruff_hooks_cover_what_make_lint_lints() -> None:
    lint = re.search(r"^lint:.*\n\t\$\(RUN\) ruff check (.*)$", (ROOT / "Makefile").read_text(), re.M)
    assert lint
    linted = lint.group(1).split()
    files = tracked_files()
    for hook in HOOKS[0]["hooks"]:
        if hook["id"].startswith("ruff"):
            pattern = re.compile(hook["files"])
            hooked = {name for name in files if pattern.search(name) and name.endswith(".py")}
            expected = {name for name in files if name.endswith(".py") and name.split("/")[0] in linted}
            assert hooked == expected, hook["id"]


@pytest.mark.parametrize("check", [["check"], ["format", "--check"]], ids=["ruff check", "ruff format"])
def test_the_template_s_own_code_passes_make_lint(check: list[str]) -> None:
    lint = re.search(r"^lint:.*\n\t\$\(RUN\) ruff check (.*)$", (ROOT / "Makefile").read_text(), re.M)
    assert lint
    command = [str(VENV_BIN / "ruff"), *check, "--no-cache", *lint.group(1).split()]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("hook_id", ["copy-only", "options-reference", "github-workflows"])
def test_each_checking_hook_passes_on_the_repository(hook_id: str) -> None:
    """The hooks that only check (they write nothing) pass on every file they match, as `pre-commit run -a` would."""
    hook = next(hook for hook in HOOKS[0]["hooks"] if hook["id"] == hook_id)
    command = shlex.split(hook["entry"])[3:]
    command[0] = str(VENV_BIN / command[0])
    if hook.get("pass_filenames", True):
        pattern = re.compile(hook["files"])
        command += [name for name in tracked_files() if pattern.search(name)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_repository_follows_its_editorconfig() -> None:
    """UTF-8, LF, a final newline and no trailing white space in every tracked text file outside the skeleton
    (which has its own .editorconfig); Makefile recipes are indented with tabs."""
    problems = []
    for name in tracked_files():
        path = ROOT / name
        if name.startswith("{{cookiecutter.project_slug}}/") or not path.is_file():
            continue
        data = path.read_bytes()
        if b"\0" in data:
            continue
        text = data.decode("utf-8")
        if "\r" in text:
            problems.append(f"{name}: CRLF")
        if text and not text.endswith("\n"):
            problems.append(f"{name}: no final newline")
        problems += [
            f"{name}:{number}: trailing white space"
            for number, line in enumerate(text.splitlines(), 1)
            if line != line.rstrip()
        ]
        if path.name == "Makefile":
            problems += [
                f"{name}:{number}: a recipe indented with spaces"
                for number, line in enumerate(text.splitlines(), 1)
                if re.match(r" {4,}(\$|@|uv|python|\.)", line)
            ]
    assert not problems, "\n".join(problems)

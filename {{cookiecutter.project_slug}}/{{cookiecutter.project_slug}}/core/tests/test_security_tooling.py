"""Bandit and the pre-commit secret scanner find nothing in the project as generated.

Each test runs a scanner over the whole project, which takes seconds: marker ``scan``, left out of the
quick loop and run by `make check`, `make test-all` and CI.
"""

import os
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

import pytest

pytestmark = pytest.mark.scan

PROJECT_ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
# The same exclusions as the hook in .pre-commit-config.yaml.
SCANNER_ARGS = ("--exclude-secrets", "^(guest|postgres|password)$")


def gitignore_rule() -> tuple[list[str], list[str]]:
    """The project's .gitignore as (patterns kept out, patterns let back in), matched on names."""
    lines = [line.strip() for line in (PROJECT_ROOT / ".gitignore").read_text().splitlines()]
    rules = [line.rstrip("/") for line in lines if line and not line.startswith("#")]
    kept_out = [".git", *(rule for rule in rules if not rule.startswith("!"))]
    let_in = [rule[1:] for rule in rules if rule.startswith("!")]
    return kept_out, let_in


IGNORED, UNIGNORED = gitignore_rule()


def not_committed(name: str) -> bool:
    """Whether .gitignore keeps this file or folder name out of the repository."""
    return not any(fnmatch(name, rule) for rule in UNIGNORED) and any(
        fnmatch(name, rule) for rule in IGNORED
    )


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, check=False
    )


def committed_files() -> list[str]:
    """Every file outside what .gitignore keeps out; ignored folders are not walked into (.venv)."""
    files = []
    for folder, subfolders, names in os.walk(PROJECT_ROOT):
        subfolders[:] = [name for name in subfolders if not not_committed(name)]
        files += [
            str((Path(folder) / name).relative_to(PROJECT_ROOT))
            for name in names
            if not not_committed(name)
        ]
    return sorted(files)


def test_bandit_reports_no_issue_in_the_code():
    result = run(
        str(BIN / "bandit"),
        "-c",
        "pyproject.toml",
        "-r",
        "config",
        "{{ cookiecutter.project_slug }}",
        "-q",
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_the_secret_scanner_finds_no_secret_in_any_committed_file():
    files = committed_files()

    result = run(str(BIN / "detect-secrets-hook"), *SCANNER_ARGS, *files)

    assert len(files) > 20
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_secret_scanner_catches_a_real_looking_secret(tmp_path):
    leaked = tmp_path / "settings_leak.py"
    secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"  # pragma: allowlist secret
    leaked.write_text(f'AWS_SECRET_ACCESS_KEY = "{secret}"\n')

    result = run(str(BIN / "detect-secrets-hook"), str(leaked))

    assert result.returncode != 0

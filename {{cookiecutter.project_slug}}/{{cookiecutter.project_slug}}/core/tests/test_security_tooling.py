"""Bandit and the pre-commit secret scanner find nothing in the project as generated.

Each test runs a scanner over the whole project, which takes seconds: marker ``scan``, left out of the
quick loop and run by `make check`, `make test-all` and CI.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.scan

PROJECT_ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
# The same exclusions as the hook in .pre-commit-config.yaml.
SCANNER_ARGS = ("--exclude-secrets", "^(guest|postgres|password)$")
# What .gitignore keeps out of the repository, and so out of the secret scanner's reach.
NOT_COMMITTED = {
    ".git",
    ".venv",
    ".env",
    ".coverage",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".mypy_cache",
    "db.sqlite3",
    "staticfiles",
    "media",
    "htmlcov",
}


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, check=False
    )


def committed_files() -> list[str]:
    """Every file outside what .gitignore keeps out; ignored folders are not walked into (.venv)."""
    files = []
    for folder, subfolders, names in os.walk(PROJECT_ROOT):
        subfolders[:] = [name for name in subfolders if name not in NOT_COMMITTED]
        files += [
            str((Path(folder) / name).relative_to(PROJECT_ROOT))
            for name in names
            if name not in NOT_COMMITTED and not name.startswith(".coverage")
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

"""Promises of the sentry and prometheus options and of the security tooling, for every combination
of the covering set: bandit passes on the rendered code, and each option's code exists only when chosen.
"""

from __future__ import annotations

import subprocess
import sysconfig
from pathlib import Path

import baking

BANDIT = str(Path(sysconfig.get_path("scripts")) / "bandit")

# What each option brings: an import that must appear only when the option is "y".
OPTION_IMPORTS = {"sentry": "import sentry_sdk", "prometheus": "from prometheus_client import"}


def python_sources(project: Path) -> str:
    return "\n".join(text for path, text in baking.text_files(project) if path.suffix == ".py")


def test_bandit_reports_no_issue_in_the_rendered_code(baked: Path, combination: baking.Combination) -> None:
    slug = baking.rendered_context(**combination)["project_slug"]
    result = subprocess.run(
        [BANDIT, "-c", "pyproject.toml", "-r", "config", slug, "-q"],
        cwd=baked,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_sentry_and_prometheus_code_is_there_only_when_chosen(baked: Path, combination: baking.Combination) -> None:
    sources = python_sources(baked)
    pyproject = (baked / "pyproject.toml").read_text()
    for option, marker in OPTION_IMPORTS.items():
        chosen = combination[option] == "y"
        assert (marker in sources) is chosen, f"{option}={combination[option]}: {marker!r}"
    assert ('"sentry-sdk==' in pyproject) is (combination["sentry"] == "y")
    assert ('"prometheus-client==' in pyproject) is (combination["prometheus"] == "y")


def test_the_metrics_token_is_generated_only_with_prometheus(baked: Path, combination: baking.Combination) -> None:
    values = baking.read_env_file(baked / ".env")
    if combination["prometheus"] == "y":
        token = values["DJANGO_METRICS_TOKEN"]
        assert len(token) >= 32
        assert token.isalnum()
    else:
        assert "DJANGO_METRICS_TOKEN" not in values


def test_the_secret_scanner_is_a_pre_commit_hook(default_bake: Path) -> None:
    config = (default_bake / ".pre-commit-config.yaml").read_text()
    assert "https://github.com/Yelp/detect-secrets" in config
    assert "id: detect-secrets" in config

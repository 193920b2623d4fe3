"""Promises that need a real environment: each baked project installs with uv, passes its own test suite
against PostgreSQL, passes Django's deployment checks, misses no migration and serves a valid OpenAPI schema.

Combinations: a covering array over the choices that can change run-time behaviour (``--exhaustive``: all).
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

import baking

pytestmark = pytest.mark.integration

DEFAULT_RUNTIME = {name: values[0] for name, values in baking.RUNTIME_OPTIONS.items()}
REDIS_URL = "redis://127.0.0.1:6379/0"


@dataclass(frozen=True)
class Environment:
    """A baked project with its own virtualenv, ready to run commands in."""

    project: Path
    python: Path

    def run(self, *args: str, **env: str) -> baking.Outcome:
        return baking.run([str(self.python), *args], cwd=self.project, env=baking.clean_environment(**env))

    def manage(self, *args: str, **env: str) -> baking.Outcome:
        return self.run("manage.py", *args, **env)


@pytest.fixture(scope="session")
def project_environment(tmp_path_factory: pytest.TempPathFactory, uv: str) -> Callable[..., Environment]:
    """Bake a combination and ``uv sync`` it, once per combination per worker (xdist groups by combination)."""
    root = tmp_path_factory.mktemp("integration")
    prepared: dict[str, Environment | str] = {}

    def prepare(combination: baking.Combination) -> Environment:
        key = baking.combination_id(combination)
        if key not in prepared:
            prepared[key] = _prepare(root / baking.short_name(combination), combination, uv)
        outcome = prepared[key]
        if isinstance(outcome, str):
            pytest.fail(outcome, pytrace=False)
        return outcome

    return prepare


def _prepare(output: Path, combination: baking.Combination, uv: str) -> Environment | str:
    python_version = combination.get("python_version", baking.DEFAULT_CHOICES["python_version"])
    interpreter = baking.find_interpreter(python_version)
    if interpreter is None:
        baking.fail_or_skip(f"no Python {python_version} interpreter found (pyenv versions or python{python_version})")
    output.mkdir()
    project = baking.bake(output, **combination)
    env = baking.clean_environment(UV_CACHE_DIR=str(baking.uv_cache_dir()), UV_PYTHON_DOWNLOADS="never")
    synced = baking.run([uv, "sync", "--python", str(interpreter)], cwd=project, env=env, timeout=900)
    if not synced.ok:
        return f"`uv sync` failed for {baking.combination_id(combination)}:\n{synced.report}"
    return Environment(project=project, python=project / ".venv" / "bin" / "python")


def _database_url(postgresql: str, combination: baking.Combination) -> str:
    """A database per combination, so parallel workers never share one (pytest-django adds a test_ prefix)."""
    return f"{postgresql}/prodev_{baking.short_name(combination)}"


def _redis_environment(combination: baking.Combination) -> dict[str, str]:
    """REDIS_URL for cache=redis, on a database index per combination (1-15): the suite empties it per test."""
    if combination.get("cache", baking.DEFAULT_CHOICES["cache"]) != "redis":
        return {}
    index = 1 + int(baking.short_name(combination), 16) % 15
    return {"REDIS_URL": f"redis://127.0.0.1:6379/{index}"}


def test_the_generated_suite_passes_against_postgresql(
    project_environment: Callable[..., Environment], runtime_combination: baking.Combination, postgresql: str
) -> None:
    environment = project_environment(runtime_combination)
    database_url = _database_url(postgresql, runtime_combination)
    vendor = environment.manage(
        "shell",
        "--command",
        "from django.db import connection; print(connection.vendor)",
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=database_url,
    )
    assert vendor.ok, vendor.report
    assert vendor.stdout.strip().splitlines()[-1:] == ["postgresql"], f"DATABASE_URL does not select PostgreSQL:\n{vendor.report}"
    suite = environment.run("-m", "pytest", DATABASE_URL=database_url, **_redis_environment(runtime_combination))
    assert suite.ok, suite.report


@pytest.mark.parametrize(
    "default_combination",
    [
        pytest.param(
            DEFAULT_RUNTIME,
            id=baking.combination_id(DEFAULT_RUNTIME),
            marks=pytest.mark.xdist_group(baking.combination_id(DEFAULT_RUNTIME)),
        )
    ],
)
def test_the_default_project_passes_its_suite_on_sqlite_with_no_services(
    project_environment: Callable[..., Environment], default_combination: baking.Combination
) -> None:
    environment = project_environment(default_combination)
    # No services here: CI=true would turn the Redis tests' skips into failures.
    suite = environment.run("-m", "pytest", CI="")
    assert suite.ok, suite.report


def test_check_deploy_passes_with_production_settings(
    project_environment: Callable[..., Environment], runtime_combination: baking.Combination, postgresql: str
) -> None:
    environment = project_environment(runtime_combination)
    secret_key = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(64))
    check = environment.manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secret_key,
        DATABASE_URL=f"{postgresql}/postgres",
        REDIS_URL=REDIS_URL,
        DJANGO_ALLOWED_HOSTS="api.example.com",
    )
    assert check.ok, check.report


def test_every_model_change_has_a_migration(
    project_environment: Callable[..., Environment], runtime_combination: baking.Combination, postgresql: str
) -> None:
    environment = project_environment(runtime_combination)
    migrations = environment.manage(
        "makemigrations", "--check", "--dry-run", DATABASE_URL=f"{postgresql}/postgres", REDIS_URL=REDIS_URL
    )
    assert migrations.ok, migrations.report


def test_the_openapi_schema_validates_without_warnings(
    project_environment: Callable[..., Environment],
    runtime_combination: baking.Combination,
    postgresql: str,
    tmp_path: Path,
) -> None:
    environment = project_environment(runtime_combination)
    schema = tmp_path / "schema.yaml"
    generated = environment.manage(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(schema),
        DATABASE_URL=f"{postgresql}/postgres",
        REDIS_URL=REDIS_URL,
    )
    assert generated.ok, generated.report
    document = yaml.safe_load(schema.read_text())
    assert str(document["openapi"]).startswith("3."), generated.report
    assert document["paths"], "the schema documents no endpoint"

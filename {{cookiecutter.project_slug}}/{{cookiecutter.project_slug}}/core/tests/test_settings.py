"""Settings modules started in a fresh interpreter, the way a server starts them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[3]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_READ_DOT_ENV_FILE": "false",
    "DJANGO_SECRET_KEY": "Kq7vR2mX9pL4wT8zN3bC6yH1jF5dS0aGeU7iO2kM4nB8xV6cZ1Lw3Ep5Rt7Yu9",  # pragma: allowlist secret
    "DJANGO_ALLOWED_HOSTS": "api.example.com",
    "DATABASE_URL": "sqlite:///:memory:",
{%- if cookiecutter.cache == "redis" %}
    "REDIS_URL": "redis://127.0.0.1:6379/0",
{%- endif %}
{%- if cookiecutter.task_queue == "celery" and cookiecutter.celery_broker == "redis" %}
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/1",
{%- elif cookiecutter.task_queue == "celery" %}
    "CELERY_BROKER_URL": "amqp://guest:guest@127.0.0.1:5672//",
{%- endif %}
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
{%- if cookiecutter.task_queue == "celery" %}
    clean.pop("CELERY_BROKER_URL", None)
{%- endif %}
{%- if cookiecutter.cache == "redis" %}
    clean.pop("REDIS_URL", None)
{%- endif %}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "missing",
    [
        "DJANGO_SECRET_KEY",
        "DJANGO_ALLOWED_HOSTS",
        "DATABASE_URL",
{%- if cookiecutter.cache == "redis" %}
        "REDIS_URL",
{%- endif %}
{%- if cookiecutter.task_queue == "celery" %}
        "CELERY_BROKER_URL",
{%- endif %}
    ],
)
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {key: value for key, value in PRODUCTION.items() if key != missing}

    result = manage("check", **env)

    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_production_passes_the_deployment_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_local_settings_say_once_which_database_and_cache_they_use():
    result = manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DJANGO_READ_DOT_ENV_FILE="false",
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr.count("local settings: database=sqlite3, cache=local memory") == 1
{%- if cookiecutter.cache == "redis" %}


def test_local_settings_use_redis_when_redis_url_is_set():
    # Only the settings are loaded: no connection is made, so no Redis server is needed.
    result = manage(
        "shell",
        "--command",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DJANGO_READ_DOT_ENV_FILE="false",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )

    assert result.returncode == 0, result.stderr
    assert "cache=redis" in result.stderr
    assert result.stdout.strip().splitlines()[-1] == "django_redis.cache.RedisCache"
{%- endif %}

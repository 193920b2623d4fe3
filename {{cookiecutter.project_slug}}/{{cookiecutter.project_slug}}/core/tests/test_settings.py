"""Settings modules started in a fresh interpreter, the way a server starts them (settings_process.py)."""

import contextlib
import tempfile
from collections.abc import Iterator
from io import StringIO

import pytest
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.checks import run_checks
from django.core.management import call_command
from django.test import override_settings

from .settings_process import LOCAL, PRODUCTION

REQUIRED = [
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DATABASE_URL",
{%- if cookiecutter.cache == "redis" %}
    "REDIS_URL",
{%- endif %}
{%- if cookiecutter.task_queue == "celery" %}
    "CELERY_BROKER_URL",
{%- endif %}
]
for missing in REQUIRED:
    PRODUCTION.variant(f"without {missing}", unset=(missing,))
{%- if cookiecutter.cache == "redis" %}
# Only the settings are loaded: no connection is made, so no Redis server is needed.
LOCAL.variant("with REDIS_URL", show=("CACHES",), REDIS_URL="redis://127.0.0.1:6379/0")
{%- endif %}


@contextlib.contextmanager
def static_root(*, collected: bool) -> Iterator[None]:
    """An empty STATIC_ROOT; when ``collected``, holding the manifest `collectstatic` writes."""
    with tempfile.TemporaryDirectory() as folder, override_settings(STATIC_ROOT=folder):
        if collected:
            assert isinstance(staticfiles_storage, ManifestFilesMixin)
            staticfiles_storage.save_manifest()
        yield


@PRODUCTION.question
def deployment_checks() -> str:
    """`manage.py check --deploy --fail-level WARNING` once `collectstatic` has run."""
    output = StringIO()
    with static_root(collected=True):
        call_command("check", deploy=True, fail_level="WARNING", stdout=output)
    return output.getvalue()


@PRODUCTION.question
def deployment_checks_before_collectstatic() -> list[str]:
    """The ids of what `manage.py check --deploy` reports before `collectstatic` has run."""
    with static_root(collected=False):
        return [str(message.id) for message in run_checks(include_deployment_checks=True)]


@LOCAL.question
def system_checks() -> str:
    """`manage.py check`."""
    output = StringIO()
    call_command("check", stdout=output)
    return output.getvalue()


@pytest.mark.parametrize("missing", REQUIRED)
def test_production_refuses_to_start_without_a_required_variable(production, missing):
    loaded = production.variant(f"without {missing}")

    assert loaded.error is not None
    assert f"Set the {missing} environment variable" in loaded.error


def test_production_passes_the_deployment_checks(production):
    assert "no issues" in production.of(deployment_checks)


def test_production_warns_when_static_files_were_never_collected(production):
    assert production.of(deployment_checks_before_collectstatic) == ["core.W001"]


def test_local_settings_say_once_which_database_and_cache_they_use(local):
    assert "no issues" in local.of(system_checks)
    assert local.stderr.count("local settings: database=sqlite3, cache=local memory") == 1
{%- if cookiecutter.cache == "redis" %}


def test_local_settings_use_redis_when_redis_url_is_set(local):
    loaded = local.variant("with REDIS_URL")

    assert loaded.error is None
    assert "cache=redis" in loaded.stderr
    assert loaded.values["CACHES"]["default"]["BACKEND"] == "django_redis.cache.RedisCache"
{%- endif %}

"""core/checks.py: what `manage.py check --deploy` adds to Django's own checks."""

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.checks import CheckMessage, run_checks

# Production's kind of static storage (WhiteNoise's subclasses it): files named after their hashes.
MANIFEST_STORAGE = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}


@pytest.fixture
def manifest_storage(settings, tmp_path):
    """A manifest storage over an empty STATIC_ROOT: the deployment before `collectstatic`."""
    settings.STORAGES = {**settings.STORAGES, "staticfiles": MANIFEST_STORAGE}
    settings.STATIC_ROOT = tmp_path
    return staticfiles_storage


def core_messages(*, deploy: bool) -> list[CheckMessage]:
    messages = run_checks(include_deployment_checks=deploy, tags=["staticfiles"])
    return [message for message in messages if str(message.id).startswith("core.")]


def test_serving_before_collectstatic_is_a_deployment_warning(manifest_storage):
    [message] = core_messages(deploy=True)

    assert message.id == "core.W001"
    assert "staticfiles.json" in message.msg
    assert "collectstatic" in message.hint


def test_the_manifest_collectstatic_writes_clears_it(manifest_storage):
    manifest_storage.save_manifest()

    assert core_messages(deploy=True) == []


def test_it_is_a_deployment_check_only(manifest_storage):
    assert core_messages(deploy=False) == []


def test_a_storage_without_a_manifest_needs_no_collectstatic():
    # The test settings serve static files from the apps' folders (WhiteNoise's finders).
    assert core_messages(deploy=True) == []

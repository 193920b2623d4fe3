"""/livez and /readyz."""

import threading
import time

import pytest
from django.db import OperationalError
from rest_framework import status

from .. import health


def test_livez_answers_without_touching_the_database(client):
    # No django_db mark: pytest-django would fail this test on any database access.
    response = client.get("/livez")

    assert response.status_code == status.HTTP_200_OK
    assert response.json() == {"status": "ok"}


def test_livez_refuses_writes(client):
    assert client.post("/livez").status_code == status.HTTP_405_METHOD_NOT_ALLOWED


@pytest.mark.django_db
def test_readyz_reports_every_dependency_ready(client):
    response = client.get("/readyz")

    assert response.status_code == status.HTTP_200_OK
    expected = {"database": "ok"}
{%- if cookiecutter.task_queue == "celery" %}
    expected["broker"] = "eager"  # Tasks run eagerly in the test settings: no broker to check.
{%- endif %}
{%- if cookiecutter.cache == "redis" %}
    expected["cache"] = "ok"
{%- endif %}
    assert response.json() == {"status": "ok", "checks": expected}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_answers_503_naming_the_dependency_that_is_down(client, monkeypatch):
    def database_down() -> None:
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.READINESS_CHECKS, "database", database_down)

    response = client.get("/readyz")

    assert response.status_code == status.HTTP_503_SERVICE_UNAVAILABLE
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["database"] == "unavailable"


@pytest.mark.django_db
def test_readyz_answers_503_in_bounded_time_when_a_dependency_hangs(client, monkeypatch, settings):
    settings.HEALTH_CHECK_TIMEOUT = 0.2
    released = threading.Event()

    def hangs() -> None:
        released.wait(timeout=5)

    monkeypatch.setitem(health.READINESS_CHECKS, "broker", hangs)
    started = time.monotonic()
    try:
        response = client.get("/readyz")
    finally:
        released.set()

    assert time.monotonic() - started < 2
    assert response.status_code == status.HTTP_503_SERVICE_UNAVAILABLE
    assert response.json()["checks"]["database"] == "ok"
    assert response.json()["checks"]["broker"] == "timeout"
{%- if cookiecutter.cache == "redis" %}


@pytest.mark.django_db
def test_readyz_reports_a_cache_that_loses_what_it_stores(client, settings):
    # The dummy backend stores nothing; a real Redis outage is in test_cache_redis.py.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    response = client.get("/readyz")

    assert response.status_code == status.HTTP_503_SERVICE_UNAVAILABLE
    assert response.json()["checks"]["database"] == "ok"
    assert response.json()["checks"]["cache"] == "unavailable"
{%- endif %}

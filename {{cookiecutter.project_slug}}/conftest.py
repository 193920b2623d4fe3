"""Fixtures shared by every test: clients, users, and a clean cache per test."""

{% if cookiecutter.task_queue == "celery" -%}
import os
{% endif -%}
from collections.abc import Callable, Iterator

import pytest
{%- if cookiecutter.task_queue == "celery" %}
from celery.contrib.testing.worker import start_worker
{%- endif %}
from django.core.cache import cache
from rest_framework.test import APIClient

{% if cookiecutter.task_queue == "celery" -%}
from config.celery import app as celery_app

{% endif -%}
from {{ cookiecutter.project_slug }}.core.caching import (
    discard_pending_invalidations,
    discard_unsent_counts,
)
from {{ cookiecutter.project_slug }}.core.request_context import LOG_CONTEXT
from {{ cookiecutter.project_slug }}.users.models import User
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory


{% if cookiecutter.cache == "redis" -%}
def clear_cache() -> None:
    """Empty the cache. On Redis, only this process's keys: the pytest-xdist workers share the database."""
    if hasattr(cache, "delete_pattern"):  # django-redis: the keys of this KEY_PREFIX and version
        cache.delete_pattern("*")
    else:
        cache.clear()
{%- else -%}
def clear_cache() -> None:
    """Empty the cache (local memory: this process's own)."""
    cache.clear()
{%- endif %}


@pytest.fixture(autouse=True)
def _clear_cache():
    """Throttle counters live in the cache: without this, tests leak 429s into each other.

    Invalidations kept to retry (a test stopped its Redis) are forgotten as well: retried during a
    later test, they would drop that test's cached pages at a random moment. So are hit and miss
    counts not yet added to the cache, which would show in a later test's counts.
    """
    clear_cache()
    yield
    discard_pending_invalidations()
    discard_unsent_counts()
    clear_cache()


@pytest.fixture(autouse=True)
def _empty_log_context() -> Iterator[None]:
    """Each test starts outside any request or task, as far as log lines are concerned.

    A client that never closes a response (the fuzzer calls the WSGI app directly) never sends
    request_finished, so that request's id would stay bound for the rest of this process: a task
    queued by a later test would carry it.
    """
    yield
    for variable in LOG_CONTEXT.values():
        variable.set("-")


@pytest.fixture
def empty_cache() -> Callable[[], None]:
    """What empties the cache around every test, for a test to call in between (the fuzzer)."""
    return clear_cache


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def user(db) -> User:
    return UserFactory.create()


@pytest.fixture
def staff_user(db) -> User:
    return UserFactory.create(is_staff=True, is_superuser=True)


@pytest.fixture
def user_client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def staff_client(staff_user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(staff_user)
    return client
{%- if cookiecutter.task_queue == "celery" %}


BROKER_HINT = "{{ 'a Redis broker: set CELERY_BROKER_URL=redis://127.0.0.1:6379/1' if cookiecutter.celery_broker == 'redis' else 'a RabbitMQ broker: set CELERY_BROKER_URL=amqp://guest:guest@127.0.0.1:5672//' }}"


@pytest.fixture
def celery_broker_url() -> str:
    """The real broker: without one, worker tests skip on a laptop and fail in CI, where it must be."""
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url:
        reason = f"needs {BROKER_HINT}"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{reason} (CI=true: worker tests may not skip)", pytrace=False)
        pytest.skip(reason)
    return url


@pytest.fixture
def celery_eager_off(celery_broker_url: str, transactional_db: None) -> Iterator[None]:
    """Queued tasks go to the real broker, into this run's queues, emptied first.

    transactional_db: a worker reads the rows through its own connection, so they must be committed.
    """
    celery_app.conf.task_always_eager = False
    celery_app.control.purge()
    yield
    celery_app.conf.task_always_eager = True


@pytest.fixture
def celery_worker(celery_eager_off: None) -> Iterator[None]:
    """A worker thread consuming this run's queues from the real broker.

    shutdown_timeout is generous: on a busy CI machine, closing the connection takes seconds.
    """
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=60):
        yield
{%- endif %}

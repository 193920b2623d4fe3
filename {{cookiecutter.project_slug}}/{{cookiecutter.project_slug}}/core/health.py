"""Readiness checks: one function per dependency, each raising when its dependency is down.

Checks run side by side in threads and each gets HEALTH_CHECK_TIMEOUT seconds, so a dependency
that hangs makes /readyz answer 503 in bounded time instead of hanging the probe.
"""

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeoutError

from django.conf import settings
{% if cookiecutter.cache == "redis" -%}
from django.core.cache import caches
{% endif -%}
from django.db import connections
{%- if cookiecutter.cache == "redis" %}
from django_redis.cache import RedisCache
{%- endif %}
{%- if cookiecutter.task_queue == "celery" %}

from config.celery import app as celery_app
{%- endif %}

logger = logging.getLogger(__name__)


# Results that count as ready: "eager" means tasks run in the calling process, so no broker is needed.
READY_RESULTS = frozenset({"ok", "eager"})


def check_database() -> None:
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
{%- if cookiecutter.task_queue == "celery" %}


# Long enough for a healthy broker on the same network, shorter than HEALTH_CHECK_TIMEOUT.
BROKER_TIMEOUT_SECONDS = 1


def check_broker() -> str | None:
    """Open a connection to the broker; with eager tasks (no broker configured) say "eager" instead."""
    if celery_app.conf.task_always_eager:
        return "eager"
    with celery_app.connection_for_write(connect_timeout=BROKER_TIMEOUT_SECONDS) as connection:
        # One immediate retry: kombu's default 2 s pause would outlast HEALTH_CHECK_TIMEOUT.
        connection.ensure_connection(
            max_retries=1, interval_start=0, timeout=BROKER_TIMEOUT_SECONDS
        )
    return None
{%- endif %}
{%- if cookiecutter.cache == "redis" %}


def check_cache() -> None:
    """Ping Redis itself: the cache hides an outage (IGNORE_EXCEPTIONS turns errors into misses).

    The client's socket timeouts (settings: SOCKET_CONNECT_TIMEOUT, SOCKET_TIMEOUT) bound the wait.
    """
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        backend.client.get_client(write=True).ping()
        return
    # Local memory (REDIS_URL unset): a round trip proves the backend works.
    backend.set("health:cache", "ok", timeout=5)
    if backend.get("health:cache") != "ok":
        raise RuntimeError("the cache lost a value it had just stored")
{%- endif %}


# Name shown in /readyz -> check. Each capability that adds a dependency adds a row.
# A check raises when its dependency is down; it may return a word other than "ok" (READY_RESULTS).
READINESS_CHECKS: dict[str, Callable[[], str | None]] = {
    "database": check_database,
{%- if cookiecutter.task_queue == "celery" %}
    "broker": check_broker,
{%- endif %}
{%- if cookiecutter.cache == "redis" %}
    "cache": check_cache,
{%- endif %}
}


def _in_own_thread(check: Callable[[], str | None]) -> str | None:
    # Django opens one database connection per thread: close this thread's before it ends.
    try:
        return check()
    finally:
        connections.close_all()


def run_readiness_checks() -> dict[str, str]:
    """Run every check; name each "ok" (or the word it returned), "unavailable" or "timeout".

    Details go to the log only.
    """
    timeout = settings.HEALTH_CHECK_TIMEOUT
    deadline = time.monotonic() + timeout
    executor = ThreadPoolExecutor(max_workers=len(READINESS_CHECKS), thread_name_prefix="readyz")
    futures = {
        name: executor.submit(_in_own_thread, check) for name, check in READINESS_CHECKS.items()
    }
    results = {}
    try:
        for name, future in futures.items():
            try:
                outcome = future.result(timeout=max(deadline - time.monotonic(), 0))
            except FutureTimeoutError:
                logger.error("Readiness check %r took longer than %ss", name, timeout)
                results[name] = "timeout"
            except Exception:
                logger.exception("Readiness check %r failed", name)
                results[name] = "unavailable"
            else:
                results[name] = outcome or "ok"
    finally:
        # Never wait for a hung check: its thread ends when its own socket timeout fires.
        executor.shutdown(wait=False, cancel_futures=True)
    return results

"""Readiness checks: one function per dependency, each raising when its dependency is down."""

import logging
from collections.abc import Callable

{% if cookiecutter.cache == "redis" -%}
from django.core.cache import caches
{% endif -%}
from django.db import connections
{%- if cookiecutter.cache == "redis" %}
from django_redis.cache import RedisCache
{%- endif %}

logger = logging.getLogger(__name__)


def check_database() -> None:
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
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
READINESS_CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
{%- if cookiecutter.cache == "redis" %}
    "cache": check_cache,
{%- endif %}
}


def run_readiness_checks() -> dict[str, str]:
    """Run every check; the details of a failure go to the log, not to the response."""
    results = {}
    for name, check in READINESS_CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Readiness check %r failed", name)
            results[name] = "unavailable"
        else:
            results[name] = "ok"
    return results

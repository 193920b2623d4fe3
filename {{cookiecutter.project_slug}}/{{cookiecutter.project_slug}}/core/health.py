"""Readiness checks: one function per dependency, each raising when its dependency is down."""

import logging
from collections.abc import Callable

from django.db import connections
{%- if cookiecutter.task_queue == "celery" %}

from config.celery import app as celery_app
{%- endif %}

logger = logging.getLogger(__name__)


def check_database() -> None:
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
{%- if cookiecutter.task_queue == "celery" %}


# Long enough for a healthy broker on the same network, short enough to answer a probe in time.
BROKER_TIMEOUT_SECONDS = 2


def check_broker() -> None:
    """Open a connection to the broker; with eager tasks (no broker configured) there is none to check."""
    if celery_app.conf.task_always_eager:
        return
    with celery_app.connection_for_write(connect_timeout=BROKER_TIMEOUT_SECONDS) as connection:
        connection.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
{%- endif %}


# Name shown in /readyz -> check. Each capability that adds a dependency adds a row.
READINESS_CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
{%- if cookiecutter.task_queue == "celery" %}
    "broker": check_broker,
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

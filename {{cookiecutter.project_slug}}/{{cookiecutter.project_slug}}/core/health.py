"""Readiness checks: one function per dependency, each raising when its dependency is down."""

import logging
from collections.abc import Callable

from django.db import connections

logger = logging.getLogger(__name__)


def check_database() -> None:
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")


# Name shown in /readyz -> check. Each capability that adds a dependency adds a row.
READINESS_CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
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

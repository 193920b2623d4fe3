"""The Redis client of the cache: a circuit breaker in front of a Redis that hangs.

django-redis with IGNORE_EXCEPTIONS already turns a failed call into a miss, and the socket
timeouts bound each call to half a second. But a request makes several cache calls (throttle,
the cached read, a miss storing its value), so a Redis that accepts connections and never answers
(a stopped process, a full network queue) costs every request seconds. After one connection
error or timeout, this client fails every call to that server at once for ``OPEN_SECONDS``;
then the next call tries again. The state is per process and per server.

Commands sent through a pipeline (``set_many``) bypass the breaker; their timeouts still apply.
"""

import logging
import time
from typing import Any

import redis

logger = logging.getLogger(__name__)

OPEN_SECONDS = 5.0
_open_until: dict[tuple[str, int, int], float] = {}


class CircuitOpenError(redis.ConnectionError):
    """Raised instead of calling a server that failed less than ``OPEN_SECONDS`` ago."""


class CircuitBreakerRedis(redis.Redis):
    """``redis.Redis`` whose commands fail fast while its server is known to be down."""

    def _server(self) -> tuple[str, int, int]:
        kwargs = self.connection_pool.connection_kwargs
        return (str(kwargs.get("host", "")), int(kwargs.get("port", 0)), int(kwargs.get("db", 0)))

    def execute_command(self, *args: Any, **options: Any) -> Any:
        server = self._server()
        if time.monotonic() < _open_until.get(server, 0.0):
            raise CircuitOpenError(f"Redis at {server[0]}:{server[1]} failed moments ago")
        try:
            return super().execute_command(*args, **options)
        except (redis.ConnectionError, redis.TimeoutError):
            _open_until[server] = time.monotonic() + OPEN_SECONDS
            host, port, _ = server
            logger.warning("Redis at %s:%s failed; skipping it for %s s", host, port, OPEN_SECONDS)
            raise


def reset() -> None:
    """Close every breaker (tests, or after a known recovery)."""
    _open_until.clear()

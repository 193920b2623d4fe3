"""Redis as the cache (django-redis), failing open: an outage turns every read into a miss."""

from typing import Any

from config.settings.base import CACHE_KEY_PREFIX, CACHE_VERSION, CACHES, REST_FRAMEWORK, env


def redis_cache(url: str) -> dict[str, Any]:
    """django-redis that fails open: with IGNORE_EXCEPTIONS an outage turns every read into a miss."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "VERSION": CACHE_VERSION,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            # A circuit breaker: after one failure, calls fail at once for a few seconds.
            "REDIS_CLIENT_CLASS": "{{ cookiecutter.project_slug }}.core.redis_client.CircuitBreakerRedis",
            "IGNORE_EXCEPTIONS": True,
            # Short timeouts: a Redis that hangs costs a request half a second, not a worker.
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }


# Redis when REDIS_URL is set (production.py requires it); base.py's local memory otherwise.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
# The anonymous and per-user rates in one Redis round trip each (core/throttling_redis.py); on
# another cache backend (the tests' local memory) these classes count the way DRF's do.
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
    "{{ cookiecutter.project_slug }}.core.throttling_redis.AnonRateThrottle",
    "{{ cookiecutter.project_slug }}.core.throttling_redis.UserRateThrottle",
]
# Log what IGNORE_EXCEPTIONS swallows, so an outage is visible while the API keeps answering.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

"""Redis in production (production.py): required, shared by every web process."""

from config.settings.base import env

from .cache import redis_cache

# Redis holds throttle counters and cached reads shared by every web process.
CACHES = {"default": redis_cache(env("REDIS_URL"))}

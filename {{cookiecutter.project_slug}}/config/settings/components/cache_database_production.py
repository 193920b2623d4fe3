"""The cache in production without Redis (production.py): a table in the database."""

from config.settings.base import CACHE_KEY_PREFIX, CACHE_VERSION

# The database cache holds throttle counters and cached reads shared by every web process;
# its table is created by the core app's migration, so `migrate` is the only deploy step.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "VERSION": CACHE_VERSION,
    }
}

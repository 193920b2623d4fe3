"""Redis in the test suite (test.py): each pytest-xdist worker keeps to keys of its own."""

import os

from config.settings.base import CACHE_KEY_PREFIX

from .cache import CACHES

# The pytest-xdist workers of a run share REDIS_URL's database, and the suite empties the cache
# around every test: each worker keeps its keys under a prefix of its own and empties only those.
if XDIST_WORKER := os.environ.get("PYTEST_XDIST_WORKER", ""):
    CACHE_KEY_PREFIX = f"{CACHE_KEY_PREFIX}-{XDIST_WORKER}"
    CACHES["default"]["KEY_PREFIX"] = CACHE_KEY_PREFIX

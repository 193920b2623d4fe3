"""Celery in the test suite (test.py): tasks inline, queues of this run only."""

from django.utils.crypto import get_random_string
from kombu import Queue

from config.settings.base import BASE_DIR, DATABASES, env

from .celery import (
{%- if cookiecutter.celery_broker == "redis" %}
    CELERY_BROKER_TRANSPORT_OPTIONS,
{%- endif %}
    CELERY_TASK_DEFAULT_QUEUE,
    CELERY_TASK_QUEUES,
    CELERY_TASK_ROUTES,
)

# Tasks run inline; the worker tests switch this off and use the broker in CELERY_BROKER_URL.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# Queue names of this run only, so that test runs sharing a broker never take each other's
# messages; a worker started by a test inherits the suffix through the environment. RabbitMQ
# deletes such a queue after ten idle minutes (x-expires); Redis drops an emptied list by itself.
TEST_QUEUE_SUFFIX = env("CELERY_TEST_QUEUE_SUFFIX", default=get_random_string(8))
CELERY_TASK_DEFAULT_QUEUE = f"{CELERY_TASK_DEFAULT_QUEUE}-{TEST_QUEUE_SUFFIX}"
CELERY_TASK_QUEUES = tuple(
    Queue(name, routing_key=name, expires=600)
    for name in (f"{queue.name}-{TEST_QUEUE_SUFFIX}" for queue in CELERY_TASK_QUEUES)
)
CELERY_TASK_ROUTES = {
    pattern: {"queue": f"{route['queue']}-{TEST_QUEUE_SUFFIX}"}
    for pattern, route in CELERY_TASK_ROUTES.items()
}
{%- if cookiecutter.celery_broker == "redis" %}
# The crash test's workers set this so that a killed worker's message comes back in seconds, not
# in the minutes production derives from the time limits (components/celery.py); they sweep every second.
if TEST_VISIBILITY_TIMEOUT := env.int("CELERY_TEST_VISIBILITY_TIMEOUT", default=0):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **CELERY_BROKER_TRANSPORT_OPTIONS,
        "visibility_timeout": TEST_VISIBILITY_TIMEOUT,
        "unacked_restore_interval": 1,
    }
{%- endif %}
# A worker in another process (the crash test) must see the test database: on SQLite, a file.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": BASE_DIR / "test-db.sqlite3"}

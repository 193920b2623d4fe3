"""Celery: broker, results, delivery guarantees, queues and beat (config/celery.py reads these)."""

from kombu import Queue

from config.settings.base import LOGGING, TIME_ZONE, env

# The broker comes from the environment (production requires it). Without one, as in a bare
# checkout, tasks run inline when they are queued, so the project works with no services.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Results live in the database (django-celery-results): the same store whichever broker is chosen,
# visible in the admin, and removed after CELERY_RESULT_EXPIRES by beat's daily backend_cleanup.
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_RESULT_EXPIRES = env.int("CELERY_RESULT_EXPIRES", default=60 * 60 * 24 * 7)
# JSON only: a pickled message from a compromised broker would run code in the worker.
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
# At-least-once delivery: acknowledge after the task returns and requeue when the worker process
# dies, one message in hand per process. Tasks are therefore written to be safe to run twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=90)
# The furthest ahead a task may be scheduled (countdown, ETA, retry backoff); later work is beat's.
CELERY_TASK_MAX_COUNTDOWN = env.int("CELERY_TASK_MAX_COUNTDOWN", default=5 * 60)
{%- if cookiecutter.celery_broker == "redis" %}
# Redis hands an unacknowledged message to another worker once the visibility timeout has passed:
# that is how long the task of a worker killed outright (OOM killer, lost node) waits. A live worker
# holds a message for at most its countdown plus the hard time limit, so the timeout is derived
# from those two plus a margin for clock skew between hosts (60 + 300 + 90 = 450 s by default);
# anything shorter would hand a waiting or running task to a second worker. Every worker sweeps for such
# messages every 10 s, so a killed worker's task runs again within about 8 minutes.
CELERY_VISIBILITY_MARGIN = 60
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": (
        CELERY_VISIBILITY_MARGIN + CELERY_TASK_MAX_COUNTDOWN + CELERY_TASK_TIME_LIMIT
    ),
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 5,
    "socket_timeout": 30,
}
{%- endif %}
CELERY_TASK_TRACK_STARTED = True
CELERY_WORKER_SEND_TASK_EVENTS = True
CELERY_TASK_SEND_SENT_EVENT = True
# Django's LOGGING stays in charge of the root logger (config/celery.py).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Named queues, so slow reports never hold up emails: run workers per queue with -Q at scale.
CELERY_TASK_DEFAULT_QUEUE = "default"
# Each queue is bound by its own name: a message routed to one queue lands in that queue only.
CELERY_TASK_QUEUES = tuple(
    Queue(name, routing_key=name) for name in ("default", "emails", "reports")
)
CELERY_TASK_ROUTES = {
    "*.send_*_email": {"queue": "emails"},
    "*.build_*_report": {"queue": "reports"},
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE

# In a worker, [task name and id] say which task wrote the line; elsewhere they are dashes.
LOGGING["formatters"]["plain"] = {
    "format": "%(asctime)s %(levelname)s [%(request_id)s] [%(task_name)s %(task_id)s] "
    "%(name)s %(message)s"
}

"""Celery over Redis: when a message held by a killed worker goes back to the queue."""

from config.settings.components.celery import CELERY_TASK_MAX_COUNTDOWN, CELERY_TASK_TIME_LIMIT

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

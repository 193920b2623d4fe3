"""The Celery app: configured from Django settings (CELERY_* names), tasks found in every installed app."""

import os
from logging.config import dictConfig
from typing import Any

from celery import Celery, signals

from {{ cookiecutter.project_slug }}.core import task_context

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("{{ cookiecutter.project_slug }}")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.setup_logging.connect
def use_django_logging(**kwargs: Any) -> None:
    """Workers and beat log through Django's LOGGING, so every process writes the same lines."""
    from django.conf import settings

    dictConfig(settings.LOGGING)


# Every log line written while a task runs names the task and the request that queued it.
signals.before_task_publish.connect(
    task_context.add_request_id_header, dispatch_uid="task_context.add_request_id_header"
)
signals.task_prerun.connect(task_context.bind_task, dispatch_uid="task_context.bind_task")
signals.task_postrun.connect(task_context.unbind_task, dispatch_uid="task_context.unbind_task")

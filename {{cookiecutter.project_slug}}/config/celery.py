"""The Celery app: configured from Django settings (CELERY_* names), tasks found in every installed app."""

import os
from logging.config import dictConfig
from typing import Any

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("{{ cookiecutter.project_slug }}")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.setup_logging.connect
def use_django_logging(**kwargs: Any) -> None:
    """Workers and beat log through Django's LOGGING, so every process writes the same lines."""
    from django.conf import settings

    dictConfig(settings.LOGGING)

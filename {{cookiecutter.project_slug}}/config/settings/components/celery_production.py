"""Celery in production (production.py): a real broker is required."""

from config.settings.base import env

# Tasks go through a real broker; eager execution would run them inside web requests.
CELERY_BROKER_URL = env("CELERY_BROKER_URL")

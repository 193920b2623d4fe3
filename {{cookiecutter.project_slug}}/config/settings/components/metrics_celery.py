"""Prometheus metrics of the Celery worker, served by the worker itself."""

from config.settings.base import env

# A Celery worker serves its own metrics on this port, under the METRICS_TOKEN of metrics.py (0: it
# serves none).
WORKER_METRICS_PORT = env.int("CELERY_METRICS_PORT", default=0)

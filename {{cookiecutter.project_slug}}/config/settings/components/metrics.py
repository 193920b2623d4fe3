"""Prometheus metrics at /metrics, behind a bearer token."""

from config.settings.base import env

# Unset: /metrics answers 404. Set: it answers only "Authorization: Bearer <this token>".
METRICS_TOKEN = env("DJANGO_METRICS_TOKEN", default="")

"""Prometheus metrics at /metrics, behind a bearer token."""

from config.settings.base import SECURE_REDIRECT_EXEMPT, env

# Unset: /metrics answers 404. Set: it answers only "Authorization: Bearer <this token>".
METRICS_TOKEN = env("DJANGO_METRICS_TOKEN", default="")
# The scraper, like the probes, calls the pods directly over plain HTTP.
SECURE_REDIRECT_EXEMPT = [*SECURE_REDIRECT_EXEMPT, r"^metrics$"]

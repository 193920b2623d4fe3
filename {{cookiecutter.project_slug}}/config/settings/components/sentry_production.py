"""Sentry in production (production.py): nothing is sent until SENTRY_DSN is set."""

from config.sentry import init_sentry
from config.settings.base import env

init_sentry(
    dsn=env("SENTRY_DSN", default=""),
    environment=env("SENTRY_ENVIRONMENT", default="production"),
    release=env("SENTRY_RELEASE", default="{{ cookiecutter.project_slug }}@{{ cookiecutter.version }}"),
    sample_rate=env.float("SENTRY_SAMPLE_RATE", default=1.0),
    traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
)

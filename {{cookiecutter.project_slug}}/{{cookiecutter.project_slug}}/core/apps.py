"""App registration for the shared core."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.core"
    label = "core"
    verbose_name = "Core"
{%- if cookiecutter.prometheus == "y" %}

    def ready(self) -> None:
        """Feed Prometheus from the hooks other modules offer, once every app is loaded."""
        from django.db.backends.signals import connection_created

        from . import caching, metrics{% if cookiecutter.task_queue == "celery" %}, metrics_celery{% endif %}

        caching.add_metrics_listener(metrics.count_cache_lookup)
        connection_created.connect(metrics.observe_connection, dispatch_uid="metrics.queries")
{%- if cookiecutter.task_queue == "celery" %}
        metrics_celery.connect_signals()
{%- endif %}
{%- endif %}

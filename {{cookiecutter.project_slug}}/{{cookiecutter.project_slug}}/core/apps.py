"""App registration for the shared core."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
{%- if cookiecutter.prometheus == "y" %}
        """Register the system checks, and feed Prometheus from the hooks other modules offer."""
        from django.core.checks import Tags, register
        from django.db.backends.signals import connection_created

        from . import caching, checks, metrics{% if cookiecutter.task_queue == "celery" %}, metrics_celery{% endif %}

        register(checks.static_files_collected, Tags.staticfiles, deploy=True)
        caching.add_metrics_listener(metrics.count_cache_lookup)
        connection_created.connect(metrics.observe_connection, dispatch_uid="metrics.queries")
{%- if cookiecutter.task_queue == "celery" %}
        metrics_celery.connect_signals()
{%- endif %}
{%- else %}
        """Register the system checks."""
        from django.core.checks import Tags, register

        from . import checks

        register(checks.static_files_collected, Tags.staticfiles, deploy=True)
{%- endif %}

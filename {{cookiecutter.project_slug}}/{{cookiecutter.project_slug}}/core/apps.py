"""App registration for the shared core."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.core"
    label = "core"
    verbose_name = "Core"
{%- if cookiecutter.prometheus == "y" %}

    def ready(self) -> None:
        """Feed Prometheus from the hooks other modules offer, once every app is loaded."""
{%- if cookiecutter.task_queue == "celery" %}
        from celery import signals
{%- endif %}

        from . import caching, metrics

        caching.add_metrics_listener(metrics.count_cache_lookup)
{%- if cookiecutter.task_queue == "celery" %}
        signals.task_prerun.connect(metrics.task_started, dispatch_uid="metrics.task_started")
        signals.task_postrun.connect(metrics.task_finished, dispatch_uid="metrics.task_finished")
        signals.worker_ready.connect(
            metrics.serve_worker_metrics, dispatch_uid="metrics.serve_worker_metrics"
        )
{%- endif %}
{%- endif %}

"""App registration for reports; installs the app's beat schedule after every migrate."""

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ReportsConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        post_migrate.connect(install_schedules, sender=self)


def install_schedules(*, using: str = "default", **kwargs: Any) -> None:
    # Imported here: models cannot be imported before the app registry is ready.
    from {{ cookiecutter.project_slug }}.core.periodic import periodic_tasks_install

    from .schedules import SCHEDULES

    periodic_tasks_install(specs=SCHEDULES, using=using)

"""Periodic tasks that the code owns, installed into django-celery-beat's tables by each app."""

from dataclasses import dataclass

from django.conf import settings
from django_celery_beat.models import CrontabSchedule, PeriodicTask


@dataclass(frozen=True)
class PeriodicTaskSpec:
    """A beat entry: a unique name, the task to send, and when (crontab fields, project time zone)."""

    name: str
    task: str
    minute: str = "0"
    hour: str = "*"
    day_of_week: str = "*"
    day_of_month: str = "*"
    month_of_year: str = "*"


def periodic_tasks_install(*, specs: tuple[PeriodicTaskSpec, ...], using: str = "default") -> None:
    """Create or update each entry by name; ``enabled`` is left alone so a pause made in the admin lasts."""
    for spec in specs:
        crontab, _ = CrontabSchedule.objects.using(using).get_or_create(
            minute=spec.minute,
            hour=spec.hour,
            day_of_week=spec.day_of_week,
            day_of_month=spec.day_of_month,
            month_of_year=spec.month_of_year,
            timezone=settings.TIME_ZONE,
        )
        PeriodicTask.objects.using(using).update_or_create(
            name=spec.name,
            defaults={"task": spec.task, "crontab": crontab, "interval": None},
        )

"""Background work for reports: safe to run twice, so a redelivered message changes nothing."""

{% if cookiecutter.starter_mode == "solution" -%}
from datetime import date, timedelta

from celery import shared_task
from django.utils import timezone

from . import services
{%- else -%}
from celery import shared_task
{%- endif %}


@shared_task
def build_daily_signup_report(day: str | None = None) -> dict[str, object]:
    """Report one day (ISO date; default: yesterday in the project's time zone)."""
{%- if cookiecutter.starter_mode == "exercises" %}
    raise NotImplementedError(
        "exercise report-task: parse the ISO day or take yesterday in the project's time zone, "
        "build the report with daily_signup_report_build() (safe to run twice) and return its day, "
        "signups and whether it was created (EXERCISES.md)"
    )
{%- else %}
    report_day = date.fromisoformat(day) if day else timezone.localdate() - timedelta(days=1)
    report, created = services.daily_signup_report_build(day=report_day)
    return {"day": report.day.isoformat(), "signups": report.signups, "created": created}
{%- endif %}

"""Background work for reports: safe to run twice, so a redelivered message changes nothing."""

from datetime import date, timedelta

from celery import shared_task
from django.utils import timezone

from .services import daily_signup_report_build


@shared_task
def build_daily_signup_report(day: str | None = None) -> dict[str, object]:
    """Report one day (ISO date; default: yesterday in the project's time zone)."""
    report_day = date.fromisoformat(day) if day else timezone.localdate() - timedelta(days=1)
    report, created = daily_signup_report_build(day=report_day)
    return {"day": report.day.isoformat(), "signups": report.signups, "created": created}

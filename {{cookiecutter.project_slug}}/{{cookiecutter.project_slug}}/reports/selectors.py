"""Reads for reports."""

from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from {{ cookiecutter.project_slug }}.users.models import User

from .models import DailySignupReport


def signup_count(*, day: date) -> int:
    """Accounts created on ``day`` in the project's time zone; a range, so the index on date_joined serves it."""
    start = datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())
    end = start + timedelta(days=1)
    return User.objects.filter(date_joined__gte=start, date_joined__lt=end).count()


def daily_signup_report_list() -> QuerySet[DailySignupReport]:
    """Every daily report, newest day first."""
    return DailySignupReport.objects.order_by("-day")

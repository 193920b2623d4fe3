"""Writes of reports; each is one transaction and keyed by what it reports on."""

from datetime import date

from django.db import transaction

from .models import DailySignupReport
from .selectors import signup_count


@transaction.atomic
def daily_signup_report_build(*, day: date) -> tuple[DailySignupReport, bool]:
    """Store the signups of ``day`` once; later calls return the stored row untouched (created=False)."""
    existing = DailySignupReport.objects.filter(day=day).first()
    if existing is not None:
        return existing, False
    # get_or_create rather than save: two deliveries racing past the check above meet the unique
    # key, and the second one gets the first one's row instead of an IntegrityError.
    signups = signup_count(day=day)
    return DailySignupReport.objects.get_or_create(day=day, defaults={"signups": signups})

"""Report services and selectors: counted once per day, in the project's time zone."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

from ..models import DailySignupReport
from ..selectors import daily_signup_report_list, signup_count
from ..services import daily_signup_report_build

pytestmark = pytest.mark.django_db
DAY = date(2025, 3, 14)


def joined(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone())


def test_signup_count_counts_only_accounts_created_that_day():
    UserFactory(date_joined=joined(DAY, 0))
    UserFactory(date_joined=joined(DAY, 23))
    UserFactory(date_joined=joined(DAY - timedelta(days=1), 23))
    UserFactory(date_joined=joined(DAY + timedelta(days=1), 0))

    assert signup_count(day=DAY) == 2


def test_building_a_report_stores_the_days_signups():
    UserFactory.create_batch(3, date_joined=joined(DAY, 12))

    report, created = daily_signup_report_build(day=DAY)

    assert created is True
    assert (report.day, report.signups) == (DAY, 3)


def test_building_a_day_again_changes_nothing():
    UserFactory(date_joined=joined(DAY, 12))
    first, _ = daily_signup_report_build(day=DAY)
    UserFactory(date_joined=joined(DAY, 13))

    again, created = daily_signup_report_build(day=DAY)

    assert created is False
    assert again == first
    assert again.signups == 1
    assert DailySignupReport.objects.count() == 1


def test_reports_are_listed_newest_day_first():
    for day in (DAY, DAY + timedelta(days=2), DAY + timedelta(days=1)):
        daily_signup_report_build(day=day)

    days = [report.day for report in daily_signup_report_list()]

    assert days == [DAY + timedelta(days=2), DAY + timedelta(days=1), DAY]
    assert str(daily_signup_report_list().first()) == f"{DAY + timedelta(days=2)}: 0 signups"

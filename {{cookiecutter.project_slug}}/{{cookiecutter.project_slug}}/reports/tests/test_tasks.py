"""Report tasks, run eagerly."""

from datetime import timedelta

import pytest
from django.utils import timezone

from config.celery import app as celery_app

from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

from ..models import DailySignupReport
from ..tasks import build_daily_signup_report

pytestmark = pytest.mark.django_db


def test_the_report_task_reports_yesterday_by_default():
    yesterday = timezone.localdate() - timedelta(days=1)
    UserFactory(date_joined=timezone.now() - timedelta(days=1))

    outcome = build_daily_signup_report.delay().get()

    assert outcome == {"day": yesterday.isoformat(), "signups": 1, "created": True}
    assert DailySignupReport.objects.get().day == yesterday


def test_a_redelivered_report_message_changes_nothing():
    day = timezone.localdate().isoformat()
    UserFactory()
    first = build_daily_signup_report.delay(day).get()
    UserFactory()

    second = build_daily_signup_report.delay(day).get()

    assert first == {"day": day, "signups": 1, "created": True}
    assert second == {"day": day, "signups": 1, "created": False}
    assert DailySignupReport.objects.count() == 1


def test_the_report_task_goes_to_the_reports_queue():
    route = celery_app.amqp.router.route({}, build_daily_signup_report.name)

    assert route["queue"].name.startswith("reports")

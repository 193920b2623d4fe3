"""Beat schedules that the project installs itself into django-celery-beat's tables."""

import pytest
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import ModelEntry

from config.celery import app as celery_app

from {{ cookiecutter.project_slug }}.reports.apps import install_schedules

pytestmark = pytest.mark.django_db
REPORT = "Daily signup report"


def test_migrate_installs_the_daily_report_schedule():
    entry = PeriodicTask.objects.select_related("crontab").get(name=REPORT)

    assert entry.task == "{{ cookiecutter.project_slug }}.reports.tasks.build_daily_signup_report"
    assert (entry.crontab.minute, entry.crontab.hour) == ("15", "0")
    assert entry.enabled


def test_installing_again_keeps_a_pause_made_in_the_admin_and_adds_no_duplicate():
    PeriodicTask.objects.filter(name=REPORT).update(enabled=False)

    install_schedules()

    assert list(PeriodicTask.objects.filter(name=REPORT).values_list("enabled", flat=True)) == [
        False
    ]


def test_beats_database_scheduler_reads_the_entry_as_a_daily_crontab():
    entry = ModelEntry(PeriodicTask.objects.get(name=REPORT), app=celery_app)

    assert entry.task.endswith("build_daily_signup_report")
    assert (entry.schedule.hour, entry.schedule.minute) == ({0}, {15})
    assert entry.schedule.day_of_week == set(range(7))

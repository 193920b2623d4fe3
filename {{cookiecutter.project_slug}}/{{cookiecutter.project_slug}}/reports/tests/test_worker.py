"""Reports through a real broker and real workers, including one killed mid-task (needs CELERY_BROKER_URL)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

from ..models import DailySignupReport
from ..tasks import build_daily_signup_report

PROJECT_ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.usefixtures("celery_worker")
def test_a_real_worker_builds_a_report_once_however_often_it_is_sent():
    UserFactory.create_batch(2)
    day = timezone.localdate().isoformat()

    first = build_daily_signup_report.delay(day).get(timeout=30)
    second = build_daily_signup_report.delay(day).get(timeout=30)

    assert first == {"day": day, "signups": 2, "created": True}
    assert second == {"day": day, "signups": 2, "created": False}
    assert DailySignupReport.objects.count() == 1


def database_url() -> str:
    """The test database, as a URL another process can open."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = quote(db["USER"], safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def start_worker_process(name: str, *options: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DJANGO_READ_DOT_ENV_FILE": "false",
        "DATABASE_URL": database_url(),
        "CELERY_TEST_QUEUE_SUFFIX": settings.TEST_QUEUE_SUFFIX,
    }
    command = [
        sys.executable,
        "-m",
        "{{ cookiecutter.project_slug }}.reports.tests.crash_worker",
        *options,
        "--pool=solo",
        f"--hostname={name}@%h",
        f"--queues={settings.CELERY_TASK_ROUTES['*.build_*_report']['queue']}",
        "--without-gossip",
        "--without-mingle",
        "--loglevel=WARNING",
    ]
    return subprocess.Popen(command, cwd=PROJECT_ROOT, env=env)


def wait_for(condition, timeout: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"gave up after {timeout} s"
        time.sleep(0.1)


@pytest.mark.usefixtures("celery_eager_off")
def test_a_worker_killed_mid_task_loses_nothing_and_the_report_is_stored_once(record_property):
    UserFactory.create_batch(3)
    day = timezone.localdate().isoformat()
    doomed = start_worker_process("doomed", "--stall")
    try:
        result = build_daily_signup_report.delay(day)
        # The report is committed and the doomed worker now stalls before acknowledging.
        wait_for(DailySignupReport.objects.exists, timeout=60)
        stored = DailySignupReport.objects.get()
        killed_at = time.monotonic()
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(timeout=10)
    finally:
        doomed.kill()

    rescuer = start_worker_process("rescuer")
    try:
        outcome = result.get(timeout=120)
        recovered_in = time.monotonic() - killed_at
    finally:
        rescuer.terminate()
        rescuer.wait(timeout=30)

    # The rescuer ran the redelivered message to the end, and it changed nothing.
    assert doomed.returncode == -signal.SIGKILL
    assert outcome == {"day": day, "signups": 3, "created": False}
    assert list(DailySignupReport.objects.values_list("pk", "signups", "created_at")) == [
        (stored.pk, 3, stored.created_at)
    ]
    record_property("redelivered_after_kill_seconds", round(recovered_in, 2))
    print(f"redelivered and done {recovered_in:.2f} s after the kill, rescuer start-up included")

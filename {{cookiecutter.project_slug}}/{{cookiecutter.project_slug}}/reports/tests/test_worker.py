"""Reports through a real broker and real workers, including a whole worker killed mid-task (needs CELERY_BROKER_URL)."""

import contextlib
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
{%- if cookiecutter.celery_broker == "redis" %}
# Seconds before Redis hands out a dead worker's message, in this test only (production derives it
# from the time limits: minutes); long enough that the doomed worker is killed well before it.
TEST_VISIBILITY_TIMEOUT = 5
{%- endif %}


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


def start_worker_process(name: str, *options: str, **env: str) -> subprocess.Popen[bytes]:
    """A worker in a session (process group) of its own, so the test can kill it whole."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DJANGO_READ_DOT_ENV_FILE": "false",
        "DATABASE_URL": database_url(),
        "CELERY_TEST_QUEUE_SUFFIX": settings.TEST_QUEUE_SUFFIX,
{%- if cookiecutter.celery_broker == "redis" %}
        "CELERY_TEST_VISIBILITY_TIMEOUT": str(TEST_VISIBILITY_TIMEOUT),
{%- endif %}
        **env,
    }
    command = [
        sys.executable,
        "-m",
        "{{ cookiecutter.project_slug }}.reports.tests.crash_worker",
        *options,
        f"--hostname={name}@%h",
        f"--queues={settings.CELERY_TASK_ROUTES['*.build_*_report']['queue']}",
        "--without-gossip",
        "--without-mingle",
        "--loglevel=WARNING",
    ]
    return subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, start_new_session=True)


def wait_for(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"gave up after {timeout} s"
        time.sleep(0.1)


def is_dead(pid: int) -> bool:
    """Gone, or a zombie waiting to be reaped: either way it runs nothing."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        if Path("/proc").is_dir():
            return True
        try:  # no procfs (macOS): ask the kernel
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False
    return stat.rsplit(")", 1)[1].split()[0] in {"Z", "X"}


@pytest.mark.usefixtures("celery_eager_off")
def test_a_whole_worker_killed_mid_task_loses_nothing_and_the_report_is_stored_once(
    record_property, tmp_path
):
    """SIGKILL to every process of the worker (the main process and its pool child), as the OOM
    killer or a lost node does: nothing is left to requeue the message, the broker must."""
    UserFactory.create_batch(3)
    day = timezone.localdate().isoformat()
    pid_file = tmp_path / "task.pid"
    options = ("--stall", "--pool=prefork", "--concurrency=1")
    doomed = start_worker_process("doomed", *options, CRASH_WORKER_PID_FILE=str(pid_file))
    try:
        result = build_daily_signup_report.delay(day)
        # The report is committed and the doomed worker's pool child now stalls before acknowledging.
        wait_for(pid_file.exists, timeout=60)
        child = int(pid_file.read_text())
        stored = DailySignupReport.objects.get()
        killed_at = time.monotonic()
        os.killpg(doomed.pid, signal.SIGKILL)
        doomed.wait(timeout=10)
        wait_for(lambda: is_dead(child), timeout=10)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(doomed.pid, signal.SIGKILL)
        doomed.wait(timeout=10)

    rescuer = start_worker_process("rescuer", "--pool=solo")
    try:
        outcome = result.get(timeout=120)
        recovered_in = time.monotonic() - killed_at
    finally:
        rescuer.terminate()
        rescuer.wait(timeout=30)

    # The task ran in a pool child, and the whole worker died with it.
    assert child != doomed.pid
    assert doomed.returncode == -signal.SIGKILL
    # The rescuer ran the redelivered message to the end, and it changed nothing: done once.
    assert outcome == {"day": day, "signups": 3, "created": False}
    assert list(DailySignupReport.objects.values_list("pk", "signups", "created_at")) == [
        (stored.pk, 3, stored.created_at)
    ]
{%- if cookiecutter.celery_broker == "redis" %}
    # Redis hands the message out once the visibility timeout has passed; the rescuer's start-up
    # and the machine's load add the rest.
    assert recovered_in < TEST_VISIBILITY_TIMEOUT + 60
{%- else %}
    # RabbitMQ requeues the message as soon as the dead worker's connection closes.
    assert recovered_in < 60
{%- endif %}
    record_property("redelivered_after_kill_seconds", round(recovered_in, 2))
    print(f"redelivered and done {recovered_in:.2f} s after the kill, rescuer start-up included")

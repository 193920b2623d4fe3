"""Celery tasks in Prometheus: counted by outcome and timed, and served by the worker itself."""

import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from celery import shared_task
from celery.concurrency.prefork import TaskPool as PreforkPool
from django.conf import settings
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from {{ cookiecutter.project_slug }}.reports.tasks import build_daily_signup_report
from {{ cookiecutter.project_slug }}.reports.tests.test_worker import database_url

from .. import metrics_celery
from .test_metrics import TOKEN, sample

PROJECT_ROOT = Path(__file__).resolve().parents[3]


@shared_task
def succeed() -> str:
    return "done"


@shared_task
def fail() -> None:
    raise ValueError("fails on purpose")


@shared_task(bind=True, max_retries=1)
def fail_once(self) -> str:
    if self.request.retries == 0:
        raise self.retry(countdown=0)
    return "done on the second try"


def wait_for(condition: Callable[[], bool], timeout: float = 30) -> None:
    """task_postrun runs just after the result is stored: the count may lag the result a moment."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"gave up after {timeout} s"
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str, token: str | None = None) -> tuple[int, str]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (a local http URL)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def scraped(body: str, name: str, **labels: str) -> float:
    return sum(
        value
        for family in text_string_to_metric_families(body)
        for sample_name, sample_labels, value, *_ in family.samples
        if sample_name == name and labels.items() <= sample_labels.items()
    )


@pytest.mark.usefixtures("celery_worker")
@pytest.mark.parametrize(
    ("task", "states"),
    [(succeed, ["succeeded"]), (fail, ["failed"]), (fail_once, ["retried", "succeeded"])],
    ids=["success", "failure", "retry"],
)
def test_a_task_run_by_a_real_worker_is_counted_by_outcome_and_timed(task, states):
    def count(state: str) -> float:
        return sample("celery_tasks_total", task=task.name, state=state)

    before = {state: count(state) for state in ("succeeded", "failed", "retried")}
    runs_before = sample("celery_task_duration_seconds_count", task=task.name)

    task.delay().get(timeout=30, propagate=False)

    expected = {state: before[state] + states.count(state) for state in before}
    wait_for(lambda: {state: count(state) for state in before} == expected)
    runs = sample("celery_task_duration_seconds_count", task=task.name)
    assert runs == runs_before + len(states)


def test_the_worker_endpoint_answers_only_the_bearer_token():
    server = metrics_celery.start_worker_metrics_server(port=0, token=TOKEN)
    url = f"http://127.0.0.1:{server.server_port}/"
    try:
        refused = get(url)
        wrong = get(url, token="not-the-token")
        served = get(url, token=TOKEN)
    finally:
        server.shutdown()
        server.server_close()

    assert refused[0] == wrong[0] == 401
    assert '"not_authenticated"' in refused[1]
    assert served[0] == 200
    assert "# TYPE celery_tasks_total counter" in served[1]


def test_a_worker_serves_no_metrics_until_port_and_token_are_set(settings):
    settings.WORKER_METRICS_PORT = 0
    settings.METRICS_TOKEN = TOKEN

    assert metrics_celery.serve_worker_metrics(sender=None) is None


def test_a_prefork_worker_without_a_shared_directory_is_warned_about(settings, caplog, monkeypatch):
    settings.WORKER_METRICS_PORT = free_port()
    settings.METRICS_TOKEN = TOKEN
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    consumer = type("Consumer", (), {"pool": PreforkPool(limit=1)})()

    with caplog.at_level(logging.INFO, logger=metrics_celery.__name__):
        server = metrics_celery.serve_worker_metrics(sender=consumer)
    assert server is not None
    server.shutdown()
    server.server_close()

    assert "PROMETHEUS_MULTIPROC_DIR" in caplog.text
    assert f"port {settings.WORKER_METRICS_PORT}" in caplog.text


@pytest.mark.usefixtures("celery_eager_off")
def test_a_prefork_worker_serves_what_its_child_processes_counted_on_its_own_port(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DJANGO_READ_DOT_ENV_FILE": "false",
        "DATABASE_URL": database_url(),
        "CELERY_TEST_QUEUE_SUFFIX": settings.TEST_QUEUE_SUFFIX,
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
        "CELERY_METRICS_PORT": str(port),
        "DJANGO_METRICS_TOKEN": TOKEN,
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "--app=config",
            "worker",
            "--pool=prefork",
            "--concurrency=2",
            "--hostname=metrics@%h",
            f"--queues={settings.CELERY_TASK_ROUTES['*.build_*_report']['queue']}",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=PROJECT_ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/"
    name = build_daily_signup_report.name
    try:
        day = timezone.localdate().isoformat()
        results = [build_daily_signup_report.delay(day) for _ in range(3)]
        for result in results:
            result.get(timeout=60)
        wait_for(lambda: scraped(get(url, TOKEN)[1], "celery_tasks_total", task=name) == 3)
        body = get(url, TOKEN)[1]
        refused = get(url)[0]
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    assert scraped(body, "celery_tasks_total", task=name, state="succeeded") == 3
    assert scraped(body, "celery_task_duration_seconds_count", task=name) == 3
    assert refused == 401

"""The Celery app: what it finds, how it delivers, how it logs, and how /readyz sees the broker."""

import logging
import time

import pytest
from celery import signals
from django.conf import settings
from rest_framework import status

from config.celery import app as celery_app

from .settings_process import LOCAL, PRODUCTION

PROJECT_TASKS = {
    "{{ cookiecutter.project_slug }}.users.tasks.send_welcome_email",
    "{{ cookiecutter.project_slug }}.reports.tasks.build_daily_signup_report",
}


def test_the_tasks_of_every_app_are_registered():
    celery_app.loader.import_default_modules()

    assert set(celery_app.tasks) >= PROJECT_TASKS


def test_delivery_is_at_least_once_with_json_only():
    conf = celery_app.conf

    assert (conf.task_acks_late, conf.task_reject_on_worker_lost) == (True, True)
    assert conf.worker_prefetch_multiplier == 1
    assert conf.accept_content == ["json"]
    assert conf.task_soft_time_limit < conf.task_time_limit


def test_no_task_is_held_longer_than_the_limits_the_broker_settings_are_derived_from():
    """A message is held unacknowledged for its countdown, then at most the hard time limit."""
    celery_app.loader.import_default_modules()
    conf = celery_app.conf
    for name in PROJECT_TASKS:
        task = celery_app.tasks[name]
        assert (task.time_limit or conf.task_time_limit) <= conf.task_time_limit, name
        assert getattr(task, "retry_backoff_max", 0) <= settings.CELERY_TASK_MAX_COUNTDOWN, name
{%- if cookiecutter.celery_broker == "redis" %}


def test_the_redis_visibility_timeout_is_the_longest_hold_plus_a_margin():
    """Longer than any live worker holds a message (else it runs twice), and only minutes long,
    so the task of a worker killed outright runs elsewhere within minutes, not hours."""
    conf = celery_app.conf
    options = conf.broker_transport_options
    longest_hold = settings.CELERY_TASK_MAX_COUNTDOWN + conf.task_time_limit

    assert options["visibility_timeout"] == longest_hold + settings.CELERY_VISIBILITY_MARGIN == 450
    # Every worker looks for abandoned messages every 10 s, not every 100 s (kombu's default).
    assert (options["unacked_restore_interval"], options["unacked_restore_throttle"]) == (10, 1)


PRODUCTION.variant(
    "with longer task limits",
    show=("CELERY_BROKER_TRANSPORT_OPTIONS",),
    CELERY_TASK_TIME_LIMIT="600",
    CELERY_TASK_SOFT_TIME_LIMIT="540",
)


def test_production_derives_the_visibility_timeout_from_the_configured_limits(production):
    loaded = production.variant("with longer task limits")

    assert loaded.error is None
    options = loaded.values["CELERY_BROKER_TRANSPORT_OPTIONS"]
    assert options["visibility_timeout"] == 960  # 600 + 300 + 60
{%- endif %}


def test_every_queue_is_bound_by_its_own_name_so_no_message_lands_twice():
    bindings = {queue.name: queue.routing_key for queue in celery_app.conf.task_queues}

    assert bindings == {name: name for name in bindings}
    assert len(bindings) == 3


def test_workers_log_through_djangos_logging_configuration():
    signals.setup_logging.send(sender=None, loglevel=logging.INFO, logfile=None, format="")

    root = logging.getLogger()
    formats = [handler.formatter._fmt for handler in root.handlers if handler.formatter]
    assert settings.LOGGING["formatters"]["plain"]["format"] in formats


@pytest.mark.django_db
def test_readyz_reports_an_unreachable_broker_quickly(client, monkeypatch):
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    # Celery reads the variable before its settings, so the variable is what must point nowhere.
{%- if cookiecutter.celery_broker == "redis" %}
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
{%- else %}
    monkeypatch.setenv("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:1//")
{%- endif %}
    started = time.monotonic()

    response = client.get("/readyz")

    assert time.monotonic() - started < 10
    assert response.status_code == status.HTTP_503_SERVICE_UNAVAILABLE
    assert response.json()["checks"]["database"] == "ok"
    assert response.json()["checks"]["broker"] == "unavailable"


@pytest.mark.usefixtures("celery_eager_off")
def test_readyz_reaches_the_real_broker(client):
    response = client.get("/readyz")

    assert response.status_code == status.HTTP_200_OK
    assert response.json()["checks"]["database"] == "ok"
    assert response.json()["checks"]["broker"] == "ok"


LOCAL.variant("without a broker", unset=("CELERY_BROKER_URL",))
LOCAL.variant("with a broker", CELERY_BROKER_URL="redis://127.0.0.1:6379/1")
PRODUCTION.variant("without CELERY_BROKER_URL", unset=("CELERY_BROKER_URL",))


@pytest.mark.parametrize(
    ("variant", "announced"),
    [("without a broker", "tasks=eager (no CELERY_BROKER_URL)"), ("with a broker", "tasks=broker")],
)
def test_local_settings_say_whether_tasks_run_eagerly(local, variant, announced):
    loaded = local.variant(variant)

    assert loaded.error is None
    assert loaded.stderr.count(announced) == 1


def test_production_refuses_to_start_without_a_broker(production):
    loaded = production.variant("without CELERY_BROKER_URL")

    assert loaded.error is not None
    assert "Set the CELERY_BROKER_URL environment variable" in loaded.error

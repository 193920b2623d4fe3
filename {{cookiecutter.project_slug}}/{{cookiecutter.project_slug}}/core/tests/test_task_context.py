"""Log lines written inside a Celery task name the task, and the request that queued it."""

import json
import logging
import logging.config

import pytest
from celery import shared_task
from django.conf import settings

from ..request_context import LogContextFilter, request_id, task_id, task_name

logger = logging.getLogger(__name__)


@shared_task
def log_a_line() -> dict[str, str]:
    """Log one line and say what the task saw in the log context."""
    logger.warning("a line from inside a task")
    return {"task_id": task_id.get(), "task_name": task_name.get(), "request_id": request_id.get()}


@pytest.mark.usefixtures("celery_worker")
def test_a_line_logged_by_a_task_on_a_real_worker_names_the_task(console_output):
    result = log_a_line.delay()

    seen = result.get(timeout=30)

    lines = console_output.getvalue().splitlines()
    line = next(line for line in lines if "a line from inside a task" in line)
    assert f"[{log_a_line.name} {result.id}]" in line
    assert seen == {"task_id": result.id, "task_name": log_a_line.name, "request_id": "-"}


@pytest.mark.usefixtures("celery_worker")
def test_a_task_queued_during_a_request_logs_that_requests_id(console_output):
    token = request_id.set("trace-6666-7777")
    try:
        result = log_a_line.delay()
    finally:
        request_id.reset(token)

    seen = result.get(timeout=30)

    assert seen["request_id"] == "trace-6666-7777"
    line = next(
        line
        for line in console_output.getvalue().splitlines()
        if "a line from inside a task" in line
    )
    assert "[trace-6666-7777]" in line


def test_after_an_eager_task_the_callers_context_is_back():
    token = request_id.set("trace-8888-9999")
    try:
        seen = log_a_line.delay().get()
        after = (request_id.get(), task_id.get(), task_name.get())
    finally:
        request_id.reset(token)

    assert seen["request_id"] == "trace-8888-9999"
    assert seen["task_name"] == log_a_line.name
    assert after == ("trace-8888-9999", "-", "-")


def test_the_json_format_carries_the_task_id_and_name():
    configurator = logging.config.DictConfigurator(settings.LOGGING)
    # A copy: configure_formatter pops "()" from the dict it is given.
    formatter = configurator.configure_formatter(dict(settings.LOGGING["formatters"]["json"]))
    record = logging.LogRecord("app", logging.INFO, __file__, 1, "sent", None, None)
    tokens = [task_id.set("0f2c-task"), task_name.set("users.tasks.send_welcome_email")]
    try:
        LogContextFilter().filter(record)
    finally:
        for token in reversed(tokens):
            token.var.reset(token)

    line = json.loads(formatter.format(record))

    assert (line["task_id"], line["task_name"]) == ("0f2c-task", "users.tasks.send_welcome_email")
    assert line["request_id"] == "-"

"""A request id on every request: taken from X-Request-ID when well-formed, else generated.

The id is echoed in the response header and added to every log record written while the request
runs, so one id finds a request in the proxy's, the application's and Sentry's records.
{%- if cookiecutter.task_queue == "celery" %}
While a Celery task runs, its id and name are on every record too, and so is the id of the request
that queued it (core/task_context.py binds them).
{%- endif %}
"""

import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

REQUEST_ID_HEADER = "X-Request-ID"
# Ids from a proxy or a client are trusted only in this shape: they end up in logs and headers,
# so no spaces, no control characters and a bounded length.
WELL_FORMED_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")

request_id: ContextVar[str] = ContextVar("request_id", default="-")
{%- if cookiecutter.task_queue == "celery" %}
task_id: ContextVar[str] = ContextVar("task_id", default="-")
task_name: ContextVar[str] = ContextVar("task_name", default="-")
{%- endif %}

# Log record attribute -> the context variable that fills it. A capability with its own context
# adds a row here and every log line carries it.
LOG_CONTEXT: dict[str, ContextVar[str]] = {
    "request_id": request_id,
{%- if cookiecutter.task_queue == "celery" %}
    "task_id": task_id,
    "task_name": task_name,
{%- endif %}
}

logger = logging.getLogger(__name__)


class LogContextFilter(logging.Filter):
    """Copy the current value of every LOG_CONTEXT variable onto each record."""

    def filter(self, record: logging.LogRecord) -> bool:
        for attribute, variable in LOG_CONTEXT.items():
            setattr(record, attribute, variable.get())
        return True


def incoming_or_new_id(incoming: str | None) -> str:
    if incoming and WELL_FORMED_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Bind the request id for the whole request and log one line per request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Not reset on the way out: Django logs 4xx/5xx answers after the middleware returns.
        # request_finished clears it once the response is sent.
        request_id.set(incoming_or_new_id(request.headers.get(REQUEST_ID_HEADER)))
        started = time.perf_counter()
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id.get()
        logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response


@receiver(request_finished, dispatch_uid="request_context.clear_request_id")
def clear_request_id(**kwargs: object) -> None:
    """Lines logged between requests (on a reused worker thread) carry no stale id."""
    request_id.set("-")

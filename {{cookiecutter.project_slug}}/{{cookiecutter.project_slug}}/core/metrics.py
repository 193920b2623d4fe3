"""Prometheus metrics: requests, database queries and cache lookups, served at /metrics to a scraper.

Built on prometheus-client directly rather than django-prometheus, whose releases cap Django below
6.1; Django's own hooks (middleware and ``connection.execute_wrapper``) are all it takes.

/metrics is off until DJANGO_METRICS_TOKEN is set (404), and then answers only requests that send
``Authorization: Bearer <token>``: the endpoint is never public, even on a public host name.
{%- if cookiecutter.task_queue == "celery" %}

Celery workers count their tasks (Celery's task_prerun and task_postrun signals) and serve them
themselves: with CELERY_METRICS_PORT set, a worker answers scrapes on that port, under the same
token. A worker is another process group than the web, often in another container or on another
host, so the two cannot share a PROMETHEUS_MULTIPROC_DIR; a scraper finds each worker as it finds
each web process.
Within a worker, the prefork pool runs tasks in child processes: give the worker its own empty
PROMETHEUS_MULTIPROC_DIR and the port serves the sum of every child's counts.
{%- endif %}
"""

import hmac
{%- if cookiecutter.task_queue == "celery" %}
import json
import logging
{%- endif %}
import os
{%- if cookiecutter.task_queue == "celery" %}
import threading
{%- endif %}
import time
{%- if cookiecutter.task_queue == "celery" %}
from collections.abc import Callable, Iterable
{%- else %}
from collections.abc import Callable
{%- endif %}
from contextlib import ExitStack
{%- if cookiecutter.task_queue == "celery" %}
from socketserver import ThreadingMixIn
{%- endif %}
from typing import Any
{%- if cookiecutter.task_queue == "celery" %}
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
{%- endif %}

{% if cookiecutter.task_queue == "celery" -%}
from celery import Task, states
from celery.concurrency.prefork import TaskPool as PreforkPool
{% endif -%}
from django.conf import settings
from django.db import connections
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
{%- if cookiecutter.task_queue == "celery" %}
    make_wsgi_app,
{%- endif %}
    multiprocess,
)
from rest_framework import status

from . import caching
from .exceptions import error_body
{%- if cookiecutter.task_queue == "celery" %}

logger = logging.getLogger(__name__)
{%- endif %}

HTTP_REQUESTS = Counter(
    "django_http_requests_total",
    "HTTP requests answered, by method, route and status code.",
    ["method", "route", "status"],
)
HTTP_LATENCY = Histogram(
    "django_http_request_duration_seconds",
    "Time to answer an HTTP request, by method and route.",
    ["method", "route"],
)
DB_QUERIES = Counter(
    "django_db_queries_total",
    "SQL statements run, by database alias and outcome.",
    ["alias", "outcome"],
)
DB_LATENCY = Histogram(
    "django_db_query_duration_seconds",
    "Time to run one SQL statement, by database alias.",
    ["alias"],
)
CACHE_LOOKUPS = Counter(
    "django_cache_lookups_total",
    "Cache reads, by cache name (e.g. users.list) and result (hit or miss).",
    ["cache", "result"],
)
{%- if cookiecutter.task_queue == "celery" %}
TASKS = Counter(
    "celery_tasks_total",
    "Celery tasks run, by task name and how they ended (succeeded, failed, retried).",
    ["task", "state"],
)
TASK_DURATION = Histogram(
    "celery_task_duration_seconds",
    "Time a Celery task ran, by task name, whatever its outcome.",
    ["task"],
    # Tasks run longer than requests: up to the hard time limit (CELERY_TASK_TIME_LIMIT, 90 s).
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
)
# Celery's state after a run -> the state label; anything else (ignored, rejected) in lower case.
TASK_STATE_LABELS = {states.SUCCESS: "succeeded", states.FAILURE: "failed", states.RETRY: "retried"}
{%- endif %}


def record_cache_lookup(*, cache: str, hit: bool) -> None:
    """Count one cache read; the code that reads the cache calls this."""
    CACHE_LOOKUPS.labels(cache=cache, result="hit" if hit else "miss").inc()


def count_cache_lookup(name: str, outcome: str) -> None:
    """The listener core/apps.py gives core.caching: each named cached read, as a hit or a miss."""
    record_cache_lookup(cache=name, hit=outcome == caching.HIT)
{%- if cookiecutter.task_queue == "celery" %}


# Task id -> when it started; postrun pops it, so the dict holds only tasks still running.
_task_started: dict[str, float] = {}


def task_started(task_id: str, **kwargs: Any) -> None:
    """task_prerun: note the start, in the process (pool child) that runs the task."""
    _task_started[task_id] = time.perf_counter()


def task_finished(task_id: str, task: Task, state: str | None = None, **kwargs: Any) -> None:
    """task_postrun: count the task by how it ended and observe how long it ran."""
    started = _task_started.pop(task_id, time.perf_counter())
    label = TASK_STATE_LABELS.get(state or "", str(state).lower())
    TASKS.labels(task=task.name, state=label).inc()
    TASK_DURATION.labels(task=task.name).observe(time.perf_counter() - started)
{%- endif %}


def _query_observer(alias: str) -> Callable[..., Any]:
    def observe(
        execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        started = time.perf_counter()
        outcome = "error"
        try:
            result = execute(sql, params, many, context)
            outcome = "ok"
            return result
        finally:
            DB_QUERIES.labels(alias=alias, outcome=outcome).inc()
            DB_LATENCY.labels(alias=alias).observe(time.perf_counter() - started)

    return observe


class PrometheusMiddleware:
    """Time each request and count its queries; label by route pattern, never by raw path."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        with ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(_query_observer(alias)))
            response = self.get_response(request)
        match = request.resolver_match
        # Unmatched paths share one label: a scanner probing random URLs cannot grow the series.
        route = match.route if match else "<unmatched>"
        method = request.method or ""
        HTTP_REQUESTS.labels(method=method, route=route, status=response.status_code).inc()
        HTTP_LATENCY.labels(method=method, route=route).observe(time.perf_counter() - started)
        return response


def _registry() -> CollectorRegistry:
    # Under gunicorn each worker counts on its own; with PROMETHEUS_MULTIPROC_DIR set they share files.
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


def _token_matches(authorization: str, token: str) -> bool:
    return hmac.compare_digest(authorization.encode(), f"Bearer {token}".encode())


def _authorised(request: HttpRequest) -> bool:
    return _token_matches(request.headers.get("Authorization", ""), settings.METRICS_TOKEN)


def _refusal_body() -> dict[str, Any]:
    return error_body(
        status_code=status.HTTP_401_UNAUTHORIZED,
        code="not_authenticated",
        message="Send the metrics bearer token.",
    )


@never_cache
@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    """The metrics in Prometheus' text format, for a scraper holding the bearer token."""
    if not settings.METRICS_TOKEN:
        raise Http404
    if not _authorised(request):
        response = JsonResponse(_refusal_body(), status=status.HTTP_401_UNAUTHORIZED)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)
{%- if cookiecutter.task_queue == "celery" %}


# A worker's own metrics endpoint -----------------------------------------------------------

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def worker_metrics_app(*, token: str) -> WSGIApp:
    """prometheus-client's WSGI app, answering only the bearer token, as /metrics does."""
    serve = make_wsgi_app(_registry())

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if _token_matches(environ.get("HTTP_AUTHORIZATION", ""), token):
            return serve(environ, start_response)
        start_response(
            "401 Unauthorized",
            [("Content-Type", "application/json"), ("WWW-Authenticate", 'Bearer realm="metrics"')],
        )
        return [json.dumps(_refusal_body()).encode()]

    return app


class _QuietRequestHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """A scrape every few seconds is not worth a log line each."""


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def start_worker_metrics_server(*, port: int, token: str) -> WSGIServer:
    """Serve the worker's metrics on ``port`` from a daemon thread; the token keeps it private.

    It listens on every interface because the scraper connects from another host or container;
    open the port to the scraper only, never to the internet.
    """
    server = make_server(
        "",
        port,
        worker_metrics_app(token=token),
        server_class=_ThreadingWSGIServer,
        handler_class=_QuietRequestHandler,
    )
    threading.Thread(target=server.serve_forever, name="worker-metrics", daemon=True).start()
    return server


def serve_worker_metrics(sender: Any = None, **kwargs: Any) -> WSGIServer | None:
    """worker_ready: start the endpoint when CELERY_METRICS_PORT and DJANGO_METRICS_TOKEN are set."""
    if not (settings.WORKER_METRICS_PORT and settings.METRICS_TOKEN):
        return None
    if isinstance(getattr(sender, "pool", None), PreforkPool) and (
        "PROMETHEUS_MULTIPROC_DIR" not in os.environ
    ):
        logger.warning(
            "Without PROMETHEUS_MULTIPROC_DIR the prefork pool's tasks are counted in its child "
            "processes, which this endpoint cannot see: set it to an empty directory."
        )
    server = start_worker_metrics_server(
        port=settings.WORKER_METRICS_PORT, token=settings.METRICS_TOKEN
    )
    logger.info("Worker metrics served on port %s", server.server_port)
    return server
{%- endif %}

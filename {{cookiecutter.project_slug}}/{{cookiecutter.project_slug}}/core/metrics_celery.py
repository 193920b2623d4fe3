"""Prometheus metrics of Celery workers: tasks counted by name and outcome, served by the worker itself.

Workers count their tasks (Celery's task_prerun and task_postrun signals) and serve them themselves:
with CELERY_METRICS_PORT set, a worker answers scrapes on that port, under the token of /metrics. A
worker is another process group than the web, often in another container or on another host, so the
two cannot share a PROMETHEUS_MULTIPROC_DIR; a scraper finds each worker as it finds each web process.
Within a worker, the prefork pool runs tasks in child processes: give the worker its own empty
PROMETHEUS_MULTIPROC_DIR and the port serves the sum of every child's counts.
"""

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from celery import Task, signals, states
from django.conf import settings
from prometheus_client import Counter, Histogram, make_wsgi_app

from .metrics import metrics_registry, refusal_body, token_matches

logger = logging.getLogger(__name__)

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


def connect_signals() -> None:
    """Count every task, and serve a worker's metrics once it is ready (core/apps.py calls this)."""
    signals.task_prerun.connect(task_started, dispatch_uid="metrics.task_started")
    signals.task_postrun.connect(task_finished, dispatch_uid="metrics.task_finished")
    signals.worker_ready.connect(serve_worker_metrics, dispatch_uid="metrics.serve_worker_metrics")


# A worker's own metrics endpoint -----------------------------------------------------------

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def worker_metrics_app(*, token: str) -> WSGIApp:
    """prometheus-client's WSGI app, answering only the bearer token, as /metrics does."""
    serve = make_wsgi_app(metrics_registry())

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if token_matches(environ.get("HTTP_AUTHORIZATION", ""), token):
            return serve(environ, start_response)
        start_response(
            "401 Unauthorized",
            [("Content-Type", "application/json"), ("WWW-Authenticate", 'Bearer realm="metrics"')],
        )
        return [json.dumps(refusal_body()).encode()]

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
    # Imported here, in a worker: web processes (which connect this signal too) never load the pool.
    from celery.concurrency.prefork import TaskPool as PreforkPool

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

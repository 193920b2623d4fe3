"""Prometheus metrics: requests, database queries and cache lookups, served at /metrics to a scraper.

Built on prometheus-client directly rather than django-prometheus, whose releases cap Django below
6.1; Django's own hooks (middleware, ``connection_created`` and execute wrappers) are all it takes.

/metrics is off until DJANGO_METRICS_TOKEN is set (404), and then answers only requests that send
``Authorization: Bearer <token>``: the endpoint is never public, even on a public host name. With
Celery, core/metrics_celery.py counts the tasks and serves each worker's metrics.
"""

import hmac
import os
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper
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
    multiprocess,
)
from rest_framework import status

from . import caching
from .exceptions import error_body

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


def record_cache_lookup(*, cache: str, hit: bool) -> None:
    """Count one cache read; the code that reads the cache calls this."""
    CACHE_LOOKUPS.labels(cache=cache, result="hit" if hit else "miss").inc()


def count_cache_lookup(name: str, outcome: str) -> None:
    """The listener core/apps.py gives core.caching: each named cached read, as a hit or a miss."""
    record_cache_lookup(cache=name, hit=outcome == caching.HIT)


def observe_query(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
) -> Any:
    """Count and time one SQL statement: the wrapper every connection runs its queries through."""
    alias = context["connection"].alias
    started = time.perf_counter()
    outcome = "error"
    try:
        result = execute(sql, params, many, context)
        outcome = "ok"
        return result
    finally:
        DB_QUERIES.labels(alias=alias, outcome=outcome).inc()
        DB_LATENCY.labels(alias=alias).observe(time.perf_counter() - started)


def observe_connection(connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """Run every query of ``connection`` through observe_query, from its first on.

    Connected to ``connection_created`` (core/apps.py): installed once per connection rather than
    around each request, so a request pays nothing for it, and queries outside requests (commands,
    tasks) are counted too. A reconnection keeps its wrapper list, so the wrapper is added once.
    """
    if observe_query not in connection.execute_wrappers:
        connection.execute_wrappers.append(observe_query)


class PrometheusMiddleware:
    """Time each request; label by route pattern, never by raw path."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        match = request.resolver_match
        # Unmatched paths share one label: a scanner probing random URLs cannot grow the series.
        route = match.route if match else "<unmatched>"
        method = request.method or ""
        HTTP_REQUESTS.labels(method=method, route=route, status=response.status_code).inc()
        HTTP_LATENCY.labels(method=method, route=route).observe(time.perf_counter() - started)
        return response


def metrics_registry() -> CollectorRegistry:
    """The registry to serve: this process's, or every process's files under PROMETHEUS_MULTIPROC_DIR."""
    # Under gunicorn each worker counts on its own; with PROMETHEUS_MULTIPROC_DIR set they share files.
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


def token_matches(authorization: str, token: str) -> bool:
    """Whether an Authorization header carries the bearer token, compared in constant time."""
    return hmac.compare_digest(authorization.encode(), f"Bearer {token}".encode())


def _authorised(request: HttpRequest) -> bool:
    return token_matches(request.headers.get("Authorization", ""), settings.METRICS_TOKEN)


def refusal_body() -> dict[str, Any]:
    """The API's error body for a scrape without the token."""
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
        response = JsonResponse(refusal_body(), status=status.HTTP_401_UNAUTHORIZED)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(generate_latest(metrics_registry()), content_type=CONTENT_TYPE_LATEST)

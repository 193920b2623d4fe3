"""/metrics: off without a token, refused without the right one, and counting what matters."""

import pytest
from django.db import connection
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families
from rest_framework import status

from .. import metrics

TOKEN = "k3Rx9vQ2mZ7pL4wT8nB6cY1h"  # pragma: allowlist secret


@pytest.fixture
def metrics_on(settings):
    settings.METRICS_TOKEN = TOKEN


def scrape(client) -> str:
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == status.HTTP_200_OK
    return response.content.decode()


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_metrics_are_not_served_until_a_token_is_configured(client, settings):
    settings.METRICS_TOKEN = ""

    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer ")

    assert response.status_code == status.HTTP_404_NOT_FOUND


@pytest.mark.usefixtures("metrics_on")
@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Token {TOKEN}", TOKEN])
def test_a_scrape_without_the_bearer_token_is_refused(client, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}

    response = client.get("/metrics", **extra)

    assert response.status_code == status.HTTP_401_UNAUTHORIZED
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["error"]["code"] == "not_authenticated"


@pytest.mark.usefixtures("metrics_on")
def test_requests_are_counted_by_route_pattern_and_status(client):
    before = sample("django_http_requests_total", method="GET", route="livez", status="200")

    client.get("/livez")
    client.get("/no/such/page/12345/")
    body = scrape(client)

    after = sample("django_http_requests_total", method="GET", route="livez", status="200")
    assert after == before + 1
    assert 'route="<unmatched>"' in body
    assert "/no/such/page/12345/" not in body
    assert "django_http_request_duration_seconds_bucket" in body


def test_database_queries_made_by_a_request_are_counted(user_client):
    before = sample("django_db_queries_total", alias="default", outcome="ok")

    response = user_client.patch("/api/v1/users/me/", {"name": "Counted"})

    assert response.status_code == status.HTTP_200_OK
    assert sample("django_db_queries_total", alias="default", outcome="ok") > before


def test_queries_outside_a_request_are_counted_too(db):
    before = sample("django_db_queries_total", alias="default", outcome="ok")

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")

    assert sample("django_db_queries_total", alias="default", outcome="ok") == before + 1


def test_every_connection_runs_its_queries_through_the_observer_once():
    metrics.observe_connection(connection)  # a reconnection sends connection_created again

    assert connection.execute_wrappers.count(metrics.observe_query) == 1


def test_a_failing_query_is_counted_as_an_error():
    before = sample("django_db_queries_total", alias="default", outcome="error")

    def broken(*args):
        raise RuntimeError("syntax error")

    with pytest.raises(RuntimeError):
        metrics.observe_query(broken, "SELEC 1", None, False, {"connection": connection})

    assert sample("django_db_queries_total", alias="default", outcome="error") == before + 1


def test_cache_hits_and_misses_are_counted_apart():
    hits = sample("django_cache_lookups_total", cache="default", result="hit")
    misses = sample("django_cache_lookups_total", cache="default", result="miss")

    metrics.record_cache_lookup(cache="default", hit=True)
    metrics.record_cache_lookup(cache="default", hit=False)
    metrics.record_cache_lookup(cache="default", hit=False)

    assert sample("django_cache_lookups_total", cache="default", result="hit") == hits + 1
    assert sample("django_cache_lookups_total", cache="default", result="miss") == misses + 2


@pytest.mark.usefixtures("metrics_on")
def test_a_cached_list_read_shows_in_metrics_as_a_miss_then_a_hit(client, staff_client):
    def lookups() -> dict[str, float]:
        families = text_string_to_metric_families(scrape(client))
        counts = {"hit": 0.0, "miss": 0.0}
        for family in families:
            for name, labels, value, *_ in family.samples:
                if name == "django_cache_lookups_total" and labels["cache"] == "users.list":
                    counts[labels["result"]] = value
        return counts

    before = lookups()
    first = staff_client.get("/api/v1/users/")
    after_first = lookups()
    second = staff_client.get("/api/v1/users/")
    after_second = lookups()

    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert after_first == {"hit": before["hit"], "miss": before["miss"] + 1}
    assert after_second == {"hit": before["hit"] + 1, "miss": before["miss"] + 1}


@pytest.mark.usefixtures("metrics_on")
def test_with_several_worker_processes_the_shared_directory_is_read(client, monkeypatch, tmp_path):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))

    body = scrape(client)

    # No worker has written a file yet: the in-process counters are not what is served.
    assert "django_http_requests_total{" not in body

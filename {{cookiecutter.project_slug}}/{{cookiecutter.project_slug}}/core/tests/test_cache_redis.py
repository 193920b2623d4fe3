"""Redis itself: where keys live, readiness, and an outage the API survives.

Tests that use ``redis_cache`` need REDIS_URL (the suite then runs on Redis); the outage test
starts and kills its own redis-server. Without them a test skips naming Redis, except under
CI=true, where it fails: CI must never pass by skipping them.
"""

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from typing import NoReturn

import pytest
import redis
from django.core.cache import BaseCache, caches
from django.urls import reverse
from rest_framework import status

from config.settings.components.cache import redis_cache as redis_cache_settings
{%- if cookiecutter.example_app == "ecommerce" %}

from {{ cookiecutter.project_slug }}.shop.tests.factories import ProductFactory
{%- elif cookiecutter.example_app == "cms" %}

from {{ cookiecutter.project_slug }}.cms.tests.factories import PublishedPostFactory
{%- endif %}

from .. import caching, redis_client

pytestmark = pytest.mark.django_db
LIST = reverse("users:list")


def unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the Redis tests must run, not skip)")
    pytest.skip(reason)


@pytest.fixture
def redis_cache(settings) -> BaseCache:
    if not settings.CACHES["default"]["BACKEND"].startswith("django_redis."):
        unavailable("needs Redis: set REDIS_URL=redis://127.0.0.1:6379/<db>")
    return caches["default"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def own_redis() -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """A redis-server of this test's own, on a free port, that the test may kill."""
    binary = shutil.which("redis-server")
    if binary is None:
        unavailable("needs the redis-server binary, to start a Redis it can kill")
    port = free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis.from_url(url, socket_timeout=0.5).ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                server.kill()
                raise
            time.sleep(0.05)
    yield server, url
    server.send_signal(signal.SIGCONT)  # in case the test stopped it
    server.kill()
    server.wait()
    redis_client.reset()


@pytest.fixture
def hanging_redis() -> Iterator[str]:
    """A server that accepts connections and never answers: a stopped Redis, a network stall."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    redis_client.reset()


def test_keys_carry_the_project_prefix_and_the_cache_version(redis_cache, settings):
    redis_cache.set("probe", "value")

    raw = redis_cache.client.get_client()
    assert raw.exists(f"{settings.CACHE_KEY_PREFIX}:{settings.CACHE_VERSION}:probe") == 1


def test_a_cached_list_page_lives_in_redis_for_every_process(redis_cache, settings, staff_client):
    staff_client.get(LIST)

    raw = redis_cache.client.get_client()
    assert raw.keys(f"{settings.CACHE_KEY_PREFIX}:{settings.CACHE_VERSION}:users.list:*")
    assert staff_client.get(LIST)["X-Cache"] == "HIT"


def test_a_warm_page_costs_one_redis_round_trip_throttle_included(
    redis_cache, staff_client, monkeypatch
):
    sent: list[str] = []
    send = redis_client.CircuitBreakerRedis.execute_command

    def counted(self: redis.Redis, *args: object, **options: object) -> object:
        sent.append(str(args[0]))
        return send(self, *args, **options)

    staff_client.get(LIST)  # the cold read stores the page
    monkeypatch.setattr(redis_client.CircuitBreakerRedis, "execute_command", counted)

    response = staff_client.get(LIST)

    assert response["X-Cache"] == "HIT"
    assert sent == ["EVALSHA"]  # the throttle's script, which also read the page


def test_a_warm_page_still_counts_against_the_rate(redis_cache, staff_client, low_rates):
    statuses = [staff_client.get(LIST) for _ in range(4)]  # the per-user rate: 3/minute

    assert [response.status_code for response in statuses] == [200, 200, 200, 429]
    assert [response["X-Cache"] for response in statuses[:3]] == ["MISS", "HIT", "HIT"]


def test_a_throttled_caller_is_one_small_entry_whatever_its_requests(
    redis_cache, user_client, user
):
    for _ in range(3):
        assert user_client.get(reverse("users:me")).status_code == status.HTTP_200_OK

    raw = redis_cache.client.get_client()
    entry = raw.hgetall(redis_cache.make_key(f"window:throttle_user_{user.pk}"))
    assert entry.keys() == {b"w", b"c", b"p"}  # window number, its count, the previous one's
    assert int(entry[b"c"]) + int(entry[b"p"]) == 3


# Forking while the parent's sending thread may hold its lock is the case under test: the child
# makes its own locks (``caching._after_fork_in_child``).
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_forked_worker_sends_its_own_counts_and_not_its_parents(redis_cache):
    """gunicorn forks its workers from a master that may have counted reads: each worker starts
    its own sending thread (threads do not survive a fork) and leaves the master's counts to it."""
    caching.cached_get_or_set("tests.forked", lambda: "value", timeout=60)  # a miss, unsent
    pid = os.fork()
    if pid == 0:  # the child: two hits, sent by a thread of its own
        try:
            for _ in range(2):
                caching.cached_get_or_set("tests.forked", lambda: "value", timeout=60)
            deadline = time.monotonic() + 3 * caching.COUNTS_FLUSH_SECONDS + 2
            while time.monotonic() < deadline:
                if redis_cache.get("metrics:tests.forked:hit") == 2:
                    os._exit(0)
                time.sleep(0.05)
        finally:
            os._exit(1)
    _, status_code = os.waitpid(pid, 0)

    assert os.waitstatus_to_exitcode(status_code) == 0
    assert caching.cache_stats()["tests.forked"] == {"hits": 2, "misses": 1}


def test_readyz_pings_redis(redis_cache, client):
    response = client.get("/readyz")

    assert response.status_code == status.HTTP_200_OK
    assert response.json()["checks"]["cache"] == "ok"


@pytest.fixture
def main_list(client, staff_user) -> str:
    """The project's main cached list, with one row, as the caller it is cached for."""
{%- if cookiecutter.example_app == "ecommerce" %}
    ProductFactory()
    return reverse("shop:product-list")  # the public catalogue: anonymous visitors
{%- elif cookiecutter.example_app == "cms" %}
    PublishedPostFactory()
    return reverse("cms:post-list")  # the public feed: anonymous readers
{%- else %}
    client.force_login(staff_user)  # the session lives in the database, not in Redis
    return LIST
{%- endif %}


def test_with_redis_killed_the_api_answers_200_within_2_s_and_readyz_503(
    own_redis, settings, main_list, client
):
    server, url = own_redis
    settings.CACHES = {"default": redis_cache_settings(url)}
    assert client.get(main_list)["X-Cache"] == "MISS"
    assert client.get(main_list)["X-Cache"] == "HIT"
    assert client.get("/readyz").status_code == status.HTTP_200_OK

    server.kill()
    server.wait()
    started = time.monotonic()
    response = client.get(main_list)
    elapsed = time.monotonic() - started

    assert response.status_code == status.HTTP_200_OK
    assert elapsed < 2, f"the API took {elapsed:.2f} s with Redis down"
    assert response["X-Cache"] == "MISS"  # served from the database
    assert len(response.json()["results"]) == 1
    ready = client.get("/readyz")
    assert ready.status_code == status.HTTP_503_SERVICE_UNAVAILABLE
    assert ready.json()["checks"]["database"] == "ok"
    assert ready.json()["checks"]["cache"] == "unavailable"


def test_with_redis_hanging_one_request_waits_for_a_timeout_and_the_next_ones_do_not(
    hanging_redis, settings, main_list, client
):
    settings.CACHES = {"default": redis_cache_settings(hanging_redis)}
    elapsed = []
    for _ in range(3):
        started = time.monotonic()
        response = client.get(main_list)
        elapsed.append(time.monotonic() - started)
        assert response.status_code == status.HTTP_200_OK
        assert response["X-Cache"] == "MISS"

    # Without the breaker each of a request's cache calls waits for its 0.5 s timeout (6-7 s a
    # request, measured); with it, the first call times out and the rest fail at once. The
    # bounds leave room for a loaded machine and still fail without the breaker.
    assert elapsed[0] < 2, f"the first request took {elapsed[0]:.2f} s"
    assert max(elapsed[1:]) < 1, f"later requests took {elapsed[1:]}"
    ready = client.get("/readyz")
    assert ready.status_code == status.HTTP_503_SERVICE_UNAVAILABLE
    assert ready.json()["checks"]["cache"] == "unavailable"


def test_the_breaker_tries_redis_again_after_it_recovers(
    own_redis, settings, main_list, client, monkeypatch
):
    server, url = own_redis
    settings.CACHES = {"default": redis_cache_settings(url)}
    monkeypatch.setattr(redis_client, "OPEN_SECONDS", 0.2)
    server.send_signal(signal.SIGSTOP)
    assert client.get(main_list)["X-Cache"] == "MISS"  # the call times out: the breaker opens

    server.send_signal(signal.SIGCONT)
    time.sleep(0.3)

    assert client.get(main_list)["X-Cache"] == "MISS"
    assert client.get(main_list)["X-Cache"] == "HIT"
    assert client.get("/readyz").status_code == status.HTTP_200_OK

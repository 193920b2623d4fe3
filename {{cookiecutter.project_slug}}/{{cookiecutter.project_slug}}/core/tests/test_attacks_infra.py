"""Attacks on the cache through Redis itself: a stall that swallows an invalidation, and a crawler of
missing rows. Each test starts a redis-server of its own (it may stop it); without the binary a test
skips, except under CI=true, where it fails.
"""

import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import redis
from django.core.cache import cache
from django.urls import reverse
from rest_framework import status
from rest_framework.test import APIClient

from config.settings.components.cache import redis_cache as redis_cache_settings

{% if cookiecutter.example_app == "ecommerce" -%}
from {{ cookiecutter.project_slug }}.shop.tests.factories import ProductFactory
{% elif cookiecutter.example_app == "cms" -%}
from {{ cookiecutter.project_slug }}.cms.tests.factories import PublishedPostFactory
{% endif -%}
from {{ cookiecutter.project_slug }}.users.models import User
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

from .. import caching, redis_client
from .test_cache_redis import own_redis  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
# The circuit breaker's pause and the retry thread's period, shortened from 5 s and 1 s so that a
# stall costs a test about a second instead of six; the bound below is the same sum of them.
OPEN_SECONDS = 1.0
PENDING_RETRY_SECONDS = 0.1
# After Redis answers again, an invalidation it missed is applied within OPEN_SECONDS +
# PENDING_RETRY_SECONDS and one timed-out call of 0.5 s (docs/caching.md); 3 s of room for a
# loaded machine.
FRESH_WITHIN_SECONDS = OPEN_SECONDS + PENDING_RETRY_SECONDS + 0.5 + 3


@pytest.fixture
def stoppable_redis(
    request: pytest.FixtureRequest, settings
) -> Iterator[tuple[subprocess.Popen[bytes], redis.Redis]]:
    """A redis-server of this test's own as the cache, with a client to look inside; the test may stop it.

    The breaker and the retry thread run on the shortened periods above (a patch of its own: a test's
    ``monkeypatch.undo()`` leaves them alone)."""
    server, url = request.getfixturevalue("own_redis")
    settings.CACHES = {"default": redis_cache_settings(url)}
    with pytest.MonkeyPatch.context() as periods:
        periods.setattr(redis_client, "OPEN_SECONDS", OPEN_SECONDS)
        periods.setattr(caching, "PENDING_RETRY_SECONDS", PENDING_RETRY_SECONDS)
        yield server, redis.Redis.from_url(url, socket_timeout=5)
        # Resumed before own_redis kills it, so nothing waits on a stopped server.
        server.send_signal(signal.SIGCONT)
        caching.discard_pending_invalidations()


def stale_seconds_after_a_stall(
    server: subprocess.Popen[bytes], raw: redis.Redis, generation: str, write: Callable[[], Any]
) -> float:
    """Stop Redis, ``write`` through the API, resume Redis: how long the stale generation stays.

    The attack: a write's invalidation never arrives. Another process reads through the generation
    held in Redis, so until it changes that process serves the old data.
    """
    key = cache.make_key(generation)
    cached = raw.get(key)
    assert cached is not None, "read the page first, so that it is cached"
    server.send_signal(signal.SIGSTOP)
    try:
        response = write()
    finally:
        server.send_signal(signal.SIGCONT)
    resumed = time.monotonic()
    assert response.status_code == status.HTTP_200_OK  # the write committed, its invalidation lost
    while raw.get(key) == cached:
        elapsed = time.monotonic() - resumed
        assert elapsed < FRESH_WITHIN_SECONDS, f"still stale {elapsed:.1f} s after Redis resumed"
        time.sleep(0.1)
    stale_for = time.monotonic() - resumed
    print(f"stale for {stale_for:.2f} s after Redis resumed")
    return stale_for


def test_a_write_while_redis_is_stalled_is_read_fresh_soon_after_it_answers_again(
    stoppable_redis, staff_client
):
    server, raw = stoppable_redis
    user = UserFactory(name="Before")
    writer = APIClient()
    writer.force_authenticate(user)
    detail = reverse("users:detail", args=[user.pk])
    assert staff_client.get(detail).json()["name"] == "Before"  # cached now, for every process

    stale_seconds_after_a_stall(
        server,
        raw,
        f"generation:object:users.user:{user.pk}",
        lambda: writer.patch(reverse("users:me"), {"name": "After"}),
    )

    assert staff_client.get(detail).json()["name"] == "After"
    assert staff_client.get(detail).json()["name"] == "After"  # and cached again, fresh
{%- if cookiecutter.example_app == "ecommerce" %}


def test_a_price_changed_while_redis_is_stalled_is_served_fresh_soon_after_it_answers_again(
    stoppable_redis, client, staff_client
):
    server, raw = stoppable_redis
    product = ProductFactory(price="30.00")
    page = reverse("shop:product-detail", args=[product.slug])
    assert client.get(page).json()["price"] == "30.00"  # cached for every anonymous visitor

    stale_seconds_after_a_stall(
        server,
        raw,
        f"generation:object:shop.product:{product.slug}",
        lambda: staff_client.patch(page, {"price": "99.00"}),
    )

    assert client.get(page).json()["price"] == "99.00"
    assert client.get(page).json()["price"] == "99.00"
{%- endif %}


def test_while_an_invalidation_waits_this_process_reads_around_the_stale_generation(
    stoppable_redis, staff_client, monkeypatch
):
    _, raw = stoppable_redis
    user = UserFactory(name="Before")
    detail = reverse("users:detail", args=[user.pk])
    assert staff_client.get(detail).json()["name"] == "Before"
    generation = f"generation:object:users.user:{user.pk}"
    stale = raw.get(cache.make_key(generation))

    # A write whose invalidation failed and was kept, Redis answering again, the retry not run yet.
    User.objects.filter(pk=user.pk).update(name="After")  # sends no signal: invalidates nothing
    with caching._pending_lock:
        caching._pending.add(generation)
    monkeypatch.setattr(caching, "flush_pending_invalidations", lambda: False)

    assert staff_client.get(detail).json()["name"] == "After"  # read around the stale entry
    assert raw.get(cache.make_key(generation)) == stale

    monkeypatch.undo()  # the retry runs with the next read
    assert staff_client.get(detail).json()["name"] == "After"
    assert not caching._pending
    assert raw.get(cache.make_key(generation)) not in {None, stale}


def dbsize_after(client, urls: list[str], raw: redis.Redis) -> int:
    for url in urls:
        assert client.get(url).status_code == status.HTTP_404_NOT_FOUND
    caching.flush_counts()  # the miss counts, which a thread would add within a second
    return int(raw.dbsize())


def test_requests_for_rows_that_do_not_exist_leave_no_key_in_redis(stoppable_redis, staff_client):
    """A crawler of random ids on a cached detail page must not fill Redis with keys."""
    _, raw = stoppable_redis
    missing = [reverse("users:detail", args=[10_000_000 + n]) for n in range(30)]
    before = dbsize_after(staff_client, missing[:1], raw)  # throttle and hit/miss counters exist

    assert dbsize_after(staff_client, missing[1:], raw) == before
{%- if cookiecutter.example_app == "ecommerce" %}


def test_anonymous_requests_for_random_product_slugs_leave_no_key_in_redis(stoppable_redis, client):
    _, raw = stoppable_redis
    ProductFactory()
    missing = [reverse("shop:product-detail", args=[f"no-such-product-{n}"]) for n in range(30)]
    before = dbsize_after(client, missing[:1], raw)

    assert dbsize_after(client, missing[1:], raw) == before
{%- elif cookiecutter.example_app == "cms" %}


def test_anonymous_requests_for_random_post_ids_leave_no_key_in_redis(stoppable_redis, client):
    _, raw = stoppable_redis
    PublishedPostFactory()
    missing = [reverse("cms:post-detail", args=[10_000_000 + n]) for n in range(30)]
    before = dbsize_after(client, missing[:1], raw)

    assert dbsize_after(client, missing[1:], raw) == before
{%- endif %}

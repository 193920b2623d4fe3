"""The anonymous and per-user rates counted in Redis in one round trip (core/throttling_redis.py)."""

import pytest
from django.urls import reverse
from rest_framework import status
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from .. import throttling_redis

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("count", "previous", "elapsed", "expected"),
    [
        # Only this window counted, and full: into the next one until 3 * (1 - x/60) < 3.
        (3, 0, 20.0, 60.0),
        # Room in this window once the previous window's weight falls: 3 * (1 - 40/60) = 1, 1 + 1 < 3.
        (1, 3, 10.0, 30.0),
        # This window full and the previous one too: into the next window until 3 * (1 - x/60) < 3.
        (3, 3, 30.0, 30.0 + 20.0),
    ],
)
def test_a_refused_caller_is_told_when_the_weighted_count_allows_it_again(
    count, previous, elapsed, expected
):
    waited = throttling_redis.seconds_until_allowed(
        count=count, previous=previous, elapsed=elapsed, limit=3, duration=60
    )

    assert waited == pytest.approx(expected)


@pytest.mark.parametrize(
    ("anon", "user", "counted"),
    [("2/minute", "3/minute", False), ("2/minute", "1/minute", True), ("2/day", "3/minute", False)],
)
def test_the_per_user_rate_counts_anonymous_callers_only_when_it_can_refuse_first(
    monkeypatch, api_client, anon, user, counted
):
    rates = {"anon": anon, "user": user}
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", rates)
    codes = [api_client.post(reverse("auth:register"), {}).status_code for _ in range(2)]

    # 1/minute per user refuses the second anonymous request; under 2/minute anonymous it passes.
    assert (codes[-1] == status.HTTP_429_TOO_MANY_REQUESTS) is counted


def test_on_another_cache_backend_the_rates_are_drf_s_own(user_client, low_rates, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    url = reverse("users:me")
    codes = [user_client.get(url).status_code for _ in range(4)]

    assert codes == [200, 200, 200, status.HTTP_429_TOO_MANY_REQUESTS]
    assert int(user_client.get(url)["Retry-After"]) > 0

"""Brute-force limits on the admin's login form: per client IP and per account, failing closed.

Every POST to the admin login counts, right password or wrong (as the API's sign-in throttles do),
once against the client's address (core/client_ip.py, so a forged X-Forwarded-For is no new
client) and once against the account named in the form. Past either limit the form answers 429
with Retry-After until the window ends, even for the right password: a guesser learns nothing.

Fail closed: the counters live in the cache. When the cache cannot count (Redis down or its
circuit breaker open; the database cache's table unreachable), the login answers 503 instead of
letting unlimited guesses through. The API keeps answering while Redis is down (docs/caching.md);
only the admin's sign-in waits for it, because an admin account is the one worth guessing and a
cache outage is something an attacker may cause. Staff already signed in keep their sessions,
which live in the database.

The project's own cache counters are used rather than django-axes: no authentication backend or
middleware wrapping every ``authenticate()`` call (the API's sign-in has its own throttles), no
extra tables, and the same client identity as every other per-IP limit.
"""

import hashlib
import logging
import math
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from rest_framework import status

from .client_ip import client_ip
from .exceptions import error_body

logger = logging.getLogger(__name__)
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"10/hour"`` -> (10, 3600): the same spelling as DRF's throttle rates."""
    count, period = rate.split("/")
    return int(count), PERIODS[period.strip()[0]]


def _count_attempt(scope: str, ident: str, window: int) -> tuple[int, int] | None:
    """Add one to this window's counter: (attempts so far, seconds left), or None if the cache cannot count.

    Windows are fixed (aligned to the epoch), so the key names its window and never needs its
    expiry extended. ``incr`` raises ValueError when ``add`` stored nothing, and django-redis's
    IGNORE_EXCEPTIONS turns an outage into None: both mean "cannot count".
    """
    now = time.time()
    bucket = int(now // window)
    key = f"admin-login:{scope}:{ident}:{bucket}"
    try:
        cache.add(key, 0, timeout=window)
        attempts = cache.incr(key)
    except Exception:  # Any backend's failure: the guard fails closed below.
        logger.warning("admin login: the cache cannot count attempts", exc_info=True)
        return None
    if not isinstance(attempts, int):
        logger.warning("admin login: the cache cannot count attempts")
        return None
    return attempts, math.ceil((bucket + 1) * window - now)


def _refusal(status_code: int, code: str, message: str, retry_after: int) -> JsonResponse:
    response = JsonResponse(
        error_body(status_code=status_code, code=code, message=message), status=status_code
    )
    response["Retry-After"] = str(max(retry_after, 1))
    return response


def guard_login(login_view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap the admin's login view with the per-IP and per-account limits."""

    def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.method != "POST":
            return login_view(request, *args, **kwargs)
        rates = settings.ADMIN_LOGIN_RATES
        checks = [("ip", client_ip(request), rates["ip"])]
        username = request.POST.get("username", "").strip().lower()
        if username:
            # Hashed: keys stay short and hold no email address.
            account = hashlib.sha256(username.encode()).hexdigest()
            checks.append(("account", account, rates["account"]))
        for scope, ident, rate in checks:
            limit, window = parse_rate(rate)
            counted = _count_attempt(scope, ident, window)
            if counted is None:
                return _refusal(
                    status.HTTP_503_SERVICE_UNAVAILABLE,
                    "login_unavailable",
                    "Signing in to the admin is unavailable for a moment; try again shortly.",
                    30,
                )
            attempts, seconds_left = counted
            if attempts > limit:
                return _refusal(
                    status.HTTP_429_TOO_MANY_REQUESTS,
                    "throttled",
                    "Too many sign-in attempts; try again later.",
                    seconds_left,
                )
        return login_view(request, *args, **kwargs)

    return guarded

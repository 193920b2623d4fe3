"""DRF's anonymous and per-user rates on Redis, each checked in one round trip.

Every API request passes the anonymous and per-user rates, so on Redis they count in one round
trip (``RedisWindowThrottle``) instead of DRF's two: DRF reads the caller's list of request times and
writes it back, a list that grows to the rate's size (1,000 times for 1000/hour) and is unpickled
and pickled again on every request. Here a Lua script keeps two counters per caller, this window's
and the previous one's, and allows a request while the previous window's count, weighted by the
part of it still inside the sliding window, plus this window's count stays under the rate. Like
DRF, only allowed requests are counted. While Redis does not answer, requests are allowed, as
DRF's throttles allow them when the cache fails open. Other cache backends take DRF's way.

The same round trip reads what the view will read next: a view with ``cache_prefetch_keys(request)``
(``core/caching.CachedListMixin``) names the cache keys of its page, the script returns their
values with its answer, and ``cache_prefetched(values)`` hands them back, so a warm cached page
costs one round trip in all, throttle included.

components/cache.py names these classes in DEFAULT_THROTTLE_CLASSES; core/throttling.py holds the
DRF-backed ones a project without Redis uses.
"""

import logging
import math
import time
from typing import TYPE_CHECKING

import redis
from django.core.cache import caches
from django_redis.cache import RedisCache
from redis.commands.core import Script
from rest_framework import throttling
from rest_framework.request import Request

from .throttling import ClientIPMixin

if TYPE_CHECKING:  # DRF imports this module while it defines APIView: no import of views here.
    from rest_framework.views import APIView

logger = logging.getLogger(__name__)

# KEYS[1]: the caller's counters (a hash: window number, its count, the previous window's count);
# KEYS[2..]: cache keys to read for the view, if it is allowed.
# ARGV: this window's number, the rate's number of requests, the previous window's weight, the TTL.
# Returns {allowed (1 or 0), this window's count, the previous window's count[, values of KEYS[2..]]}.
WINDOW_SCRIPT = """
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local weight = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'w', 'c', 'p')
local w = tonumber(state[1])
local c = tonumber(state[2]) or 0
local p = tonumber(state[3]) or 0
if w ~= window then
  if w == window - 1 then p = c else p = 0 end
  c = 0
end
if math.ceil(p * weight) + c >= limit then
  return {0, c, p}
end
c = c + 1
redis.call('HSET', KEYS[1], 'w', window, 'c', c, 'p', p)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
if #KEYS > 1 then
  return {1, c, p, redis.call('MGET', unpack(KEYS, 2))}
end
return {1, c, p}
"""


def seconds_until_allowed(
    *, count: int, previous: int, elapsed: float, limit: int, duration: int
) -> float:
    """How long a refused caller waits: until the weighted count drops below ``limit`` again.

    ``elapsed`` is how far into the current window the refusal came. Within this window only the
    previous window's weight falls; once this window's own count fills the rate, the wait runs
    into the next window, where this window's count becomes the weighted one.
    """
    if count < limit and previous:
        # Weighted previous count must fall to limit - count - 1: solve for the window position.
        position = duration * (1 - (limit - count - 1) / previous)
        if position < duration:
            return max(position - elapsed, 0.0)
    into_next = duration * (1 - (limit - 1) / count) if count >= limit else 0.0
    return duration - elapsed + max(into_next, 0.0)


class RedisWindowThrottle(throttling.SimpleRateThrottle):
    """One Redis round trip per check: a sliding window made of two fixed-window counters."""

    refused_wait: float | None = None
    # Set by SimpleRateThrottle.__init__ from the rate (the stubs do not declare them).
    num_requests: int
    duration: int

    def allow_request(self, request: Request, view: "APIView") -> bool:
        backend = caches["default"]
        if self.rate is None or not isinstance(backend, RedisCache):
            return super().allow_request(request, view)
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        window, elapsed = divmod(time.time(), self.duration)
        # Any (getattr): a view of any class may offer its keys; CachedListMixin does.
        keys_for = getattr(view, "cache_prefetch_keys", None)
        prefetch: list[str] = keys_for(request) if keys_for is not None else []
        try:
            client = backend.client.get_client(write=True)
            allowed, count, previous, *read = _window_script(client)(
                # Not DRF's key: its value there is a pickled list of times, not these counters.
                keys=[
                    backend.make_key(f"window:{self.key}"),
                    *(backend.make_key(key) for key in prefetch),
                ],
                args=[
                    int(window),
                    self.num_requests,
                    1 - elapsed / self.duration,
                    2 * self.duration,
                ],
                client=client,
            )
        except redis.RedisError:
            logger.warning("throttle: Redis did not answer; the request is allowed")
            return True
        if allowed:
            if read:
                decode = backend.client.decode
                values = [None if value is None else decode(value) for value in read[0]]
                # The hook of the view that offered the keys (typed here as any APIView).
                view.cache_prefetched(dict(zip(prefetch, values, strict=True)))  # type: ignore[attr-defined]
            return True
        self.refused_wait = seconds_until_allowed(
            count=count,
            previous=previous,
            elapsed=elapsed,
            limit=self.num_requests,
            duration=self.duration,
        )
        return False

    def wait(self) -> float | None:
        if self.refused_wait is not None:
            return math.ceil(self.refused_wait) or 1
        return super().wait()


_scripts: list[Script] = []


def _window_script(client: redis.Redis) -> Script:
    """The script, registered once per process (redis-py sends EVALSHA, loading it when missing)."""
    if not _scripts:
        _scripts.append(client.register_script(WINDOW_SCRIPT))
    return _scripts[0]


class AnonRateThrottle(ClientIPMixin, RedisWindowThrottle, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(ClientIPMixin, RedisWindowThrottle, throttling.UserRateThrottle):
    """DRF's per-user rate; an anonymous caller is left to the anonymous rate when it is stricter.

    DRF counts anonymous callers by address under both rates; when the view also applies
    ``AnonRateThrottle`` allowing no more requests over a window no shorter (100/hour against
    1000/hour), this second count can never refuse first, and skipping it saves each anonymous
    request a round trip.
    """

    def get_cache_key(self, request: Request, view: "APIView") -> str | None:
        if not request.user.is_authenticated and self._anon_rate_is_stricter(view):
            return None
        return super().get_cache_key(request, view)

    def _anon_rate_is_stricter(self, view: "APIView") -> bool:
        # Throttles checked outside a DRF view get None: nothing to compare with.
        for throttle_class in getattr(view, "throttle_classes", ()):
            anon_rate = issubclass(throttle_class, throttling.AnonRateThrottle) and (
                throttle_class().rate
            )
            if anon_rate and self.rate:
                anon_requests, anon_duration = self.parse_rate(anon_rate)
                return (anon_requests or 0) <= self.num_requests and (
                    anon_duration or 0
                ) >= self.duration
        return False

"""Caching in three layers, with keys that every write invalidates.

- View layer: ``CachedListMixin`` caches the data of a list endpoint per URL, language and caller.
- Low-level layer: ``CachedValue`` (over ``cached_get_or_set``) caches an expensive read.
- Per-object layer: ``CachedObject`` caches one row's payload by primary key (or slug).

Invalidation uses generations. Each entry is stored with the current *generation* of what it
depends on: a model (any row of it) or one row. A read fetches the entry and those generations in
one round trip and serves the entry only when they still match. ``invalidate_on_write(Model)``
connects ``post_save``, ``post_delete`` and ``m2m_changed``, so a write through the API, the admin
or a shell drops those generations: the next read makes a new random one, and every entry stored
under the old one, under any number of query strings and on any cache backend, is a miss from then
on; no key scan is needed. Generations are dropped at once and again after the transaction commits,
so a read that ran concurrently with the write cannot store pre-commit data under the new one.

A generation that cannot be dropped because the cache is unreachable (a stalled or restarting
Redis) is remembered by the process that wrote and dropped again, by a background thread every
``PENDING_RETRY_SECONDS`` and before that process's next cached read, until the cache takes it;
that process's own reads skip it meanwhile. The bound on a stale read once the cache answers
again is in docs/caching.md (with Redis: the circuit breaker's 5 s plus this 1 s retry). A read that fails (a 404, an error) caches nothing and drops the generations it started, so
requests for rows that do not exist leave no key behind.

Every read is counted as a hit or a miss under its name: each process adds its counts to the
cache at most once a second (``COUNTS_FLUSH_SECONDS``, from a background thread), so
``manage.py cache_stats`` sees every process without a round trip on each read; and each read
goes at once to each listener added with ``add_metrics_listener`` (a hook for a metrics exporter).
"""

import hashlib
import logging
import os
import secrets
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

from django.core.cache import cache
from django.db import connections, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import translation
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

logger = logging.getLogger(__name__)

HIT, MISS = "hit", "miss"
# Any lifetime is correct (a lost generation only causes misses); a day bounds the keys kept
# for rows nobody reads any more.
GENERATION_TIMEOUT = 60 * 60 * 24
_MISSING = object()

MetricsListener = Callable[[str, str], None]
_listeners: list[MetricsListener] = []
# Names of every cache declared in code, in declaration order: what cache_stats reports.
METRIC_NAMES: dict[str, None] = {}


# Generations -----------------------------------------------------------------------------


def model_scope(model: type[models.Model]) -> str:
    """What a write to any row of ``model`` invalidates."""
    return f"model:{model._meta.label_lower}"


def object_scope(model: type[models.Model], pk: object) -> str:
    """What a write to the row ``pk`` of ``model`` invalidates."""
    return f"object:{model._meta.label_lower}:{pk}"


def _generation_key(scope: str) -> str:
    return f"generation:{scope}"


def _current_generations(
    keys: Sequence[str], found: dict[str, Any]
) -> tuple[list[str], list[str], bool]:
    """The generations under ``keys`` (``found``: what the cache holds of them), starting missing ones.

    Also returns the keys of those this call started, and whether a value read under these
    generations may be stored (not when one of them is known to be stale in the cache).
    """
    tokens: list[str] = []
    started: list[str] = []
    storable = True
    for key in keys:
        if key in _pending:
            # Its invalidation has not reached the cache, so the generation there is stale: use
            # one of this call only, and store nothing under it.
            tokens.append(secrets.token_hex(8))
            storable = False
            continue
        token = found.get(key)
        if token is None:
            token = secrets.token_hex(8)
            if cache.add(key, token, timeout=GENERATION_TIMEOUT):
                started.append(key)
            else:
                # Another process started it first; with the cache down, ours is never stored
                # and every read misses, which is what an outage should do.
                token = cache.get(key, token)
        tokens.append(token)
    return tokens, started, storable


def invalidate(*scopes: str, using: str | None = None) -> None:
    """Drop the generations of ``scopes`` now and again once the current transaction commits."""
    keys = [_generation_key(scope) for scope in scopes]
    _drop_generations(keys)
    transaction.on_commit(lambda: _drop_generations(keys), using=using)


# Invalidations the cache did not take ----------------------------------------------------

PENDING_RETRY_SECONDS = 1.0
# Generation keys whose deletion failed, in this process; dropped again until the cache answers.
_pending: set[str] = set()
_pending_lock = threading.Lock()
_retrier: threading.Thread | None = None


def _delete_or_raise(keys: list[str]) -> None:
    """Delete ``keys``, raising when the cache did not take the command.

    django-redis's IGNORE_EXCEPTIONS turns a failed delete into silence; its client raises.
    """
    client = getattr(cache, "client", None)
    if client is not None and hasattr(client, "delete_many"):
        client.delete_many(keys)
    else:
        cache.delete_many(keys)


def _drop_generations(keys: list[str]) -> None:
    try:
        _delete_or_raise(keys)
    except Exception:
        logger.warning("Cache unreachable: %d invalidations kept to retry", len(keys))
        with _pending_lock:
            _pending.update(keys)
            _start_retrier()


def flush_pending_invalidations() -> bool:
    """Drop again the generations whose invalidation failed; ``True`` when none is left."""
    with _pending_lock:
        keys = sorted(_pending)
    if not keys:
        return True
    try:
        _delete_or_raise(keys)
    except Exception:
        return False
    with _pending_lock:
        _pending.difference_update(keys)
        left = bool(_pending)
    if not left:
        logger.warning("Cache reachable again: the invalidations kept to retry are applied")
    return not left


def discard_pending_invalidations() -> None:
    """Forget the invalidations kept to retry (tests: a cache they stopped is gone for good)."""
    with _pending_lock:
        _pending.clear()


def _start_retrier() -> None:
    """Start the retry thread unless it runs; call with ``_pending_lock`` held."""
    global _retrier
    if _retrier is None:
        _retrier = _start_background(
            "cache-invalidation-retry", lambda: PENDING_RETRY_SECONDS, _retry_pending
        )


def _retry_pending() -> bool:
    """One pass of the retry thread; ``True`` (and the thread ends) once nothing is left."""
    global _retrier
    flush_pending_invalidations()
    with _pending_lock:
        if _pending:
            return False
        _retrier = None
        return True


def _start_background(
    name: str, period: Callable[[], float], step: Callable[[], bool]
) -> threading.Thread:
    """Run ``step`` every ``period()`` seconds in a daemon thread until it returns ``True``.

    The period is read before each pass, so a test that shortens it shortens a running thread's.

    The thread then closes the database connections it opened: with the database cache (the
    production cache when Redis is not chosen) each pass is a query, and a connection left to the
    garbage collector would stay open on the server until it ran.
    """

    def run() -> None:
        try:
            while True:
                time.sleep(period())
                if step():
                    return
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread


def invalidate_model(model: type[models.Model], *, using: str | None = None) -> None:
    """Invalidate every list and summary that depends on ``model``.

    Signals do this for ``save()`` and ``delete()``; call it after ``QuerySet.update()``,
    ``bulk_create()`` or raw SQL, which send no signal.
    """
{%- if cookiecutter.cache == "redis" and cookiecutter.starter_mode == "exercises" %}
    raise NotImplementedError(
        "exercise cache-invalidation: drop the generation of the model's scope with invalidate(), "
        "on the same database alias, so every cached list and summary built on it is read afresh "
        "(EXERCISES.md)"
    )
{%- else %}
    invalidate(model_scope(model), using=using)
{%- endif %}


def _related_model(field: models.ForeignKey[Any, Any]) -> type[models.Model]:
    """The model a foreign key points to (django-stubs 5.2 still allows the unresolved "self")."""
    related = field.related_model
    return field.model if isinstance(related, str) else related


def invalidate_on_write(
    model: type[models.Model],
    *,
    ignore_update_fields: Iterable[str] = (),
    lookup_field: str = "pk",
    parents: Iterable[str] = (),
) -> None:
    """Invalidate ``model``'s lists and the row's object cache whenever a row is written.

    Saves, deletes and changes to the row's many-to-many fields (from either side) all count.

    ``ignore_update_fields``: a ``save(update_fields=...)`` touching only these fields
    invalidates nothing (e.g. ``last_login``, written on every sign-in but cached nowhere).
    ``lookup_field``: the field the row's ``CachedObject`` is keyed by (``"slug"`` for URLs by
    slug); when a save changes it, the entry under the old value is invalidated too.
    ``parents``: foreign keys whose target's object cache shows this row (a comment count on
    its post): a write invalidates that row as well. The parent's cache must be keyed by pk.
    """
    ignored = frozenset(ignore_update_fields)
    parent_fields = [
        cast(models.ForeignKey[Any, Any], model._meta.get_field(name)) for name in parents
    ]
    previous_lookup = f"_caching_previous_{lookup_field}"

    def scopes_of(instance: models.Model) -> list[str]:
        found = [model_scope(model), object_scope(model, getattr(instance, lookup_field))]
        if hasattr(instance, previous_lookup):
            found.append(object_scope(model, getattr(instance, previous_lookup)))
        for field in parent_fields:
            parent_pk = getattr(instance, field.attname)
            if parent_pk is not None:
                found.append(object_scope(_related_model(field), parent_pk))
        return found

    def remember_lookup(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
        # One query, only on saves that may change the lookup value of an existing row.
        update_fields = kwargs.get("update_fields")
        if instance._state.adding or (update_fields and lookup_field not in update_fields):
            return
        stored = sender._base_manager.using(kwargs["using"]).filter(pk=instance.pk)
        previous = stored.values_list(lookup_field, flat=True).first()
        if previous is not None and previous != getattr(instance, lookup_field):
            setattr(instance, previous_lookup, previous)

    def on_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields and ignored.issuperset(update_fields):
            return
        invalidate(*scopes_of(instance), using=kwargs["using"])
        instance.__dict__.pop(previous_lookup, None)

    def on_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
        invalidate(*scopes_of(instance), using=kwargs["using"])

    def on_m2m_change(instance: models.Model, action: str, reverse: bool, **kwargs: Any) -> None:
        if not action.startswith("post_"):
            return
        if not reverse:  # instance is a row of ``model``
            invalidate(*scopes_of(instance), using=kwargs["using"])
            return
        # instance is on the other side; pk_set names the rows of ``model`` (None on clear(),
        # where only the lists can be invalidated: object caches expire by their timeout).
        rows = [object_scope(model, pk) for pk in kwargs.get("pk_set") or ()]
        invalidate(model_scope(model), *rows, using=kwargs["using"])

    uid = f"caching:{model._meta.label_lower}"
    post_save.connect(on_save, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(on_delete, sender=model, weak=False, dispatch_uid=uid)
    if lookup_field != "pk":
        pre_save.connect(remember_lookup, sender=model, weak=False, dispatch_uid=uid)
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        m2m_changed.connect(on_m2m_change, sender=through, weak=False, dispatch_uid=uid)


# Hit and miss counts ---------------------------------------------------------------------


def add_metrics_listener(listener: MetricsListener) -> None:
    """Call ``listener(name, "hit" | "miss")`` on every counted read, e.g. to feed Prometheus."""
    _listeners.append(listener)


def remove_metrics_listener(listener: MetricsListener) -> None:
    _listeners.remove(listener)


def _metric_key(name: str, outcome: str) -> str:
    return f"metrics:{name}:{outcome}"


COUNTS_FLUSH_SECONDS = 1.0
# Events counted in this process and not yet added to the cache: {metric key: events}.
_unsent: Counter[str] = Counter()
_unsent_lock = threading.Lock()
# Held while counts taken from ``_unsent`` are on their way to the cache, so that a flush (or a
# reset) made meanwhile waits for them: cache_stats() then reads every count this process made.
_sending_lock = threading.Lock()
_sender: threading.Thread | None = None


def _record(name: str, outcome: str) -> None:
    with _unsent_lock:
        _unsent[_metric_key(name, outcome)] += 1
        _start_sender()
    for listener in _listeners:
        try:
            listener(name, outcome)
        except Exception:
            # A broken exporter must not break the read it was told about.
            logger.exception("Cache metrics listener %r failed", listener)


def flush_counts() -> None:
    """Add this process's counts to the cache now, as the background thread does every second."""
    with _sending_lock:
        with _unsent_lock:
            counts = dict(_unsent)
            _unsent.clear()
        for key, events in counts.items():
            try:
                cache.incr(key, events)
            except ValueError:  # the first events since the counts were last reset
                if not cache.add(key, events, timeout=None):
                    cache.incr(key, events)


def discard_unsent_counts() -> None:
    """Forget the counts not yet added to the cache (tests: each starts with none)."""
    with _unsent_lock:
        _unsent.clear()


def _start_sender() -> None:
    """Start the thread that adds the counts to the cache unless it runs; ``_unsent_lock`` held."""
    global _sender
    if _sender is None:
        _sender = _start_background("cache-counts", lambda: COUNTS_FLUSH_SECONDS, _send_counts)


def _send_counts() -> bool:
    """One pass of the counts thread; ``True`` (and the thread ends) once nothing is unsent."""
    global _sender
    try:
        flush_counts()
    except Exception:
        # A backend that raises (one that is down fails open instead) loses these counts; the
        # thread goes on, or this process would never send a count again.
        logger.exception("Cache hit and miss counts could not be sent")
    with _unsent_lock:
        if _unsent:
            return False
        _sender = None
        return True


def cache_stats() -> dict[str, dict[str, int]]:
    """Hits and misses of every declared cache, summed over every process sharing the cache.

    This process's own counts are added first; another process's may be a second behind.
    """
    flush_counts()
    found = cache.get_many(_metric_keys())
    return {
        name: {
            "hits": int(found.get(_metric_key(name, HIT), 0)),
            "misses": int(found.get(_metric_key(name, MISS), 0)),
        }
        for name in METRIC_NAMES
    }


def _metric_keys() -> list[str]:
    return [_metric_key(name, outcome) for name in METRIC_NAMES for outcome in (HIT, MISS)]


def reset_cache_stats() -> None:
    with _sending_lock:
        discard_unsent_counts()
        cache.delete_many(_metric_keys())


def _after_fork_in_child() -> None:
    """A forked process (a gunicorn worker) has none of its parent's threads: it starts its own.

    Its parent's unsent counts stay the parent's to send; invalidations kept to retry are retried
    by the child as well (dropping a generation twice is harmless).
    """
    global _sender, _unsent_lock, _sending_lock, _retrier, _pending_lock
    _sender, _retrier = None, None
    _unsent_lock, _sending_lock = threading.Lock(), threading.Lock()
    _pending_lock = threading.Lock()
    _unsent.clear()
    if _pending:
        with _pending_lock:
            _start_retrier()


os.register_at_fork(after_in_child=_after_fork_in_child)


# The low-level layer ---------------------------------------------------------------------


def entry_key(name: str, parts: Iterable[object] = ()) -> str:
    """``<name>:<digest of parts>``; the digest keeps keys short and safe."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:32]
    return f"{name}:{digest}"


def lookup_keys(name: str, scopes: Sequence[str], parts: Iterable[object] = ()) -> list[str]:
    """What one read fetches: the generation of each scope, then the entry."""
    return [*(_generation_key(scope) for scope in scopes), entry_key(name, parts)]


def cached_get_or_set[T](
    name: str,
    compute: Callable[[], T],
    *,
    key_parts: Iterable[object] = (),
    scopes: Sequence[str] = (),
    timeout: int,
    counted: bool = True,
    prefetched: dict[str, Any] | None = None,
) -> T:
    """The cached result of ``compute()``, or its fresh result stored for ``timeout`` seconds.

    One round trip reads the entry with the generations of ``scopes``; the entry is served when it
    was stored under those same generations, so invalidating a scope makes it a miss. ``None`` is
    cached like any value; an exception from ``compute`` (a 404) caches nothing and drops the
    generations this call started, so reads of rows that do not exist write no key. With the
    cache down every call is a miss that computes: slower, never wrong. ``counted=False``: a
    lookup made for another one, which counts the read as a hit or a miss, so one read is never
    counted twice. ``prefetched``: the values of ``lookup_keys`` read already (``None`` for a
    missing key), e.g. by the throttle's round trip; then this read makes none of its own.
    """
    METRIC_NAMES.setdefault(name)
    if _pending:
        flush_pending_invalidations()
        prefetched = None  # read before the invalidations it flushed
    *generation_keys, key = lookup_keys(name, scopes, key_parts)
    if prefetched is not None and prefetched.keys() >= {key, *generation_keys}:
        found = {read: value for read, value in prefetched.items() if value is not None}
    else:
        found = cache.get_many([*generation_keys, key])
    entry = found.get(key)
    if (
        type(entry) is tuple
        and entry[0] == tuple(found.get(generation) for generation in generation_keys)
        and not _pending.intersection(generation_keys)
    ):
        if counted:
            _record(name, HIT)
        return cast(T, entry[1])
    if counted:
        _record(name, MISS)
    tokens, started, storable = _current_generations(generation_keys, found)
    try:
        value = compute()
    except BaseException:
        if started:
            cache.delete_many(started)
        raise
    if storable:
        cache.set(key, (tuple(tokens), value), timeout)
    return value


class CachedValue[T]:
    """A named read cached until a row of ``depends_on`` changes or ``timeout`` passes."""

    def __init__(
        self,
        name: str,
        *,
        depends_on: Iterable[type[models.Model]],
        timeout: int,
    ) -> None:
        self.name = name
        self.scopes = [model_scope(model) for model in depends_on]
        self.timeout = timeout
        METRIC_NAMES.setdefault(name)

    def get_or_set(self, compute: Callable[[], T], *key_parts: object) -> T:
        return cached_get_or_set(
            self.name,
            compute,
            key_parts=key_parts,
            scopes=self.scopes,
            timeout=self.timeout,
        )


# The per-object layer --------------------------------------------------------------------


class CachedObject[T]:
    """One row's payload by primary key, until that row (or a row of ``depends_on``) changes."""

    def __init__(
        self,
        name: str,
        *,
        model: type[models.Model],
        timeout: int,
        depends_on: Iterable[type[models.Model]] = (),
    ) -> None:
        self.name = name
        self.model = model
        self.timeout = timeout
        self.extra_scopes = [model_scope(other) for other in depends_on]
        METRIC_NAMES.setdefault(name)

    def get_or_set(self, lookup: object, compute: Callable[[], T], *variant: object) -> T:
        """``lookup``: the row's pk, or the ``lookup_field`` given to ``invalidate_on_write``.

        ``variant``: what else the payload depends on (who reads it, a language), if anything.
        """
        return cached_get_or_set(
            self.name,
            compute,
            key_parts=(lookup, *variant),
            scopes=[object_scope(self.model, lookup), *self.extra_scopes],
            timeout=self.timeout,
        )

    def get_or_404(
        self,
        lookup: object,
        rows: models.QuerySet[Any],
        serialize: Callable[[Any], T],
        *variant: object,
    ) -> T:
        """``serialize(row)`` for the one row of ``rows``, cached; no row is a 404 that writes no key.

        ``rows``: the caller's queryset narrowed to the lookup (it applies who may see what).
        """

        def compute() -> T:
            row = rows.first()
            if row is None:
                raise exceptions.NotFound()
            return serialize(row)

        return self.get_or_set(lookup, compute, *variant)


# The view layer --------------------------------------------------------------------------


def request_audience(request: Request, *, per_user: bool = True) -> str:
    """``anonymous``, else ``user:<pk>`` (or ``authenticated`` when not ``per_user``)."""
    if not request.user.is_authenticated:
        return "anonymous"
    return f"user:{request.user.pk}" if per_user else "authenticated"


class CachedListMixin:
    """Cache the data of a DRF list view; put it first in the bases.

    ``list()`` runs after authentication, permissions and throttles, so a cached page is never
    served to a caller the view would refuse. The key varies on the absolute URL (host, path,
    query string: filters, search, ordering, page, format), the active language and the
    caller (``cache_per_user``: each user their own entry; otherwise one for anonymous and one
    for signed-in callers; override ``get_cache_audience`` for other groupings, returning
    ``None`` for callers who bypass the cache). The data is cached once for every format (JSON,
    CSV, the browsable API render it); JSON is also cached rendered, and a hit sends those bytes.
    ``cache_prefetch_keys`` names the keys of that JSON page, so that a throttle which reads them
    in its own round trip (core/throttling_redis.py) leaves list() no round trip to make.
    """

    cache_name: str = ""
    cache_models: tuple[type[models.Model], ...] = ()
    cache_timeout: int = 60
    cache_per_user: bool = True
    # For lists whose rows depend on roles and ownership: signed-in callers read the database.
    cache_anonymous_only: bool = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.cache_name:
            METRIC_NAMES.setdefault(cls.cache_name)

    def get_cache_audience(self, request: Request) -> str | None:
        """Who shares a cached page with this caller; ``None``: nobody, read the database."""
        if self.cache_anonymous_only and request.user.is_authenticated:
            return None
        return request_audience(request, per_user=self.cache_per_user)

    # What the throttle read for this request's page in its own round trip (cache_prefetched).
    prefetched_cache: dict[str, Any] | None = None

    def _cache_key_parts(self, request: Request, audience: str) -> tuple[object, ...]:
        return (request.build_absolute_uri(), translation.get_language(), audience)

    def _cache_scopes(self) -> list[str]:
        return [model_scope(model) for model in self.cache_models]

    def _json_key_parts(self, request: Request, audience: str) -> tuple[object, ...] | None:
        """The key parts of the page as rendered JSON, or ``None`` when another format was asked."""
        if type(getattr(request, "accepted_renderer", None)) is not JSONRenderer:
            return None
        return (*self._cache_key_parts(request, audience), "json", request.accepted_media_type)

    def cache_prefetch_keys(self, request: Request) -> list[str]:
        """The keys a warm JSON page is read from, for the throttle to read in its round trip.

        Called by ``core/throttling_redis.py`` once authentication and content negotiation ran.
        """
        if request.method not in ("GET", "HEAD") or self.prefetched_cache is not None:
            return []
        audience = self.get_cache_audience(request)
        parts = None if audience is None else self._json_key_parts(request, audience)
        return [] if parts is None else lookup_keys(self.cache_name, self._cache_scopes(), parts)

    def cache_prefetched(self, values: dict[str, Any]) -> None:
        self.prefetched_cache = values

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # A mixin: ListAPIView, later in the view's bases, defines list (mypy cannot see it).
        uncached_list = super().list  # type: ignore[misc]
        audience = self.get_cache_audience(request)
        if audience is None:
            response: Response = uncached_list(request, *args, **kwargs)
            response["X-Cache"] = "BYPASS"
            return response
        missed = False
        key_parts = self._cache_key_parts(request, audience)
        scopes = self._cache_scopes()

        def compute() -> Any:
            nonlocal missed
            missed = True
            return uncached_list(request, *args, **kwargs).data

        def cached_data(*, counted: bool = True) -> Any:
            return cached_get_or_set(
                self.cache_name,
                compute,
                key_parts=key_parts,
                scopes=scopes,
                timeout=self.cache_timeout,
                counted=counted,
            )

        json_key_parts = self._json_key_parts(request, audience)
        if json_key_parts is None:
            return Response(cached_data(), headers={"X-Cache": "MISS" if missed else "HIT"})
        # JSON, the common case, is also cached rendered: a hit sends the stored bytes, with no
        # serializer and no renderer run. Accept's parameters (indent) change the bytes. A miss
        # renders the data entry that other formats share.
        renderer = request.accepted_renderer

        def render() -> str | bytes:  # what BaseRenderer.render may return, in newer DRF stubs
            # get_renderer_context comes from APIView, later in the view's bases (mypy cannot see it).
            context = self.get_renderer_context()  # type: ignore[attr-defined]
            return renderer.render(cached_data(counted=False), request.accepted_media_type, context)

        body = cached_get_or_set(
            self.cache_name,
            render,
            key_parts=json_key_parts,
            scopes=scopes,
            timeout=self.cache_timeout,
            prefetched=self.prefetched_cache,
        )
        response = Response(headers={"X-Cache": "MISS" if missed else "HIT"})
        response.content = body  # already rendered: Django's handler then skips the renderer
        response["Content-Type"] = renderer.media_type
        return response

{% if cookiecutter.cache == "redis" -%}
"""The caching helpers: counted reads, generations, invalidation on write, the stats command.

They run on whichever cache the settings chose: Redis when REDIS_URL is set, local memory otherwise.
"""
{%- else -%}
"""The caching helpers: counted reads, generations, invalidation on write, the stats command."""
{%- endif %}

import io
import json
import time
from collections.abc import Callable, Iterator

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.test import RequestFactory
from rest_framework import generics, permissions
from rest_framework.test import force_authenticate
from rest_framework.throttling import BaseThrottle

from {{ cookiecutter.project_slug }}.users.api.serializers import UserOutputSerializer
from {{ cookiecutter.project_slug }}.users.models import User
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

from .. import caching

pytestmark = pytest.mark.django_db


class Counter:
    """A compute function that says how often it ran."""

    def __init__(self, value: object = "fresh") -> None:
        self.calls = 0
        self.value = value

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def test_a_value_is_computed_once_then_served_from_the_cache():
    compute = Counter()
    cached = caching.CachedValue("tests.value", depends_on=[User], timeout=60)

    assert cached.get_or_set(compute) == "fresh"
    assert cached.get_or_set(compute) == "fresh"

    assert compute.calls == 1
    assert caching.cache_stats()["tests.value"] == {"hits": 1, "misses": 1}


def test_none_is_cached_like_any_other_value():
    compute = Counter(value=None)

    for _ in range(2):
        assert caching.cached_get_or_set("tests.none", compute, timeout=60) is None

    assert compute.calls == 1


def test_key_parts_keep_values_apart():
    first, second = Counter("a"), Counter("b")

    assert caching.cached_get_or_set("tests.parts", first, key_parts=(1,), timeout=60) == "a"
    assert caching.cached_get_or_set("tests.parts", second, key_parts=(2,), timeout=60) == "b"


def test_saving_a_row_invalidates_what_depends_on_its_model():
    compute = Counter()
    cached = caching.CachedValue("tests.model", depends_on=[User], timeout=60)
    cached.get_or_set(compute)

    UserFactory()
    cached.get_or_set(compute)

    assert compute.calls == 2


def test_a_write_invalidates_again_when_the_transaction_commits(django_capture_on_commit_callbacks):
    # A read running beside the write could cache pre-commit data after the first invalidation;
    # the second one, after commit, makes that entry unreachable.
    compute = Counter()
    cached = caching.CachedValue("tests.commit", depends_on=[User], timeout=60)

    with django_capture_on_commit_callbacks() as callbacks:
        UserFactory()
        cached.get_or_set(compute)  # the racing read, inside the window
    assert len(callbacks) == 1
    callbacks[0]()
    cached.get_or_set(compute)

    assert compute.calls == 2


def test_an_object_cache_is_invalidated_by_its_own_row_only():
    first, second = UserFactory(), UserFactory()
    cached = caching.CachedObject("tests.object", model=User, timeout=60)
    compute = Counter()
    cached.get_or_set(first.pk, compute)
    cached.get_or_set(second.pk, compute)

    second.name = "Changed"
    second.save()
    cached.get_or_set(first.pk, compute)
    cached.get_or_set(second.pk, compute)

    assert compute.calls == 3  # two cold reads, then only the changed row again


def test_deleting_a_row_invalidates_its_object_cache():
    user = UserFactory()
    cached = caching.CachedObject("tests.deleted", model=User, timeout=60)
    compute = Counter()
    cached.get_or_set(user.pk, compute)

    pk = user.pk
    user.delete()
    cached.get_or_set(pk, compute)

    assert compute.calls == 2


def test_a_save_of_ignored_fields_only_invalidates_nothing():
    user = UserFactory()
    cached = caching.CachedObject("tests.ignored", model=User, timeout=60)
    compute = Counter()
    cached.get_or_set(user.pk, compute)

    user.save(update_fields=["last_login"])  # what every sign-in does
    cached.get_or_set(user.pk, compute)

    assert compute.calls == 1


def test_adding_or_removing_a_group_from_either_side_invalidates_the_user():
    user = UserFactory()
    group = Group.objects.create(name="Reviewers")
    cached = caching.CachedObject("tests.m2m", model=User, timeout=60)
    compute = Counter()
    cached.get_or_set(user.pk, compute)

    user.groups.add(group)  # m2m_changed from the user's side
    cached.get_or_set(user.pk, compute)
    group.user_set.remove(user)  # ... and from the group's side
    cached.get_or_set(user.pk, compute)
    cached.get_or_set(user.pk, compute)

    assert compute.calls == 3


@pytest.fixture
def groups_by_name() -> Iterator[caching.CachedObject[object]]:
    """Groups cached by their unique name, as a model looked up by slug would be."""
    caching.invalidate_on_write(Group, lookup_field="name")
    yield caching.CachedObject("tests.by_name", model=Group, timeout=60)
    for signal in (pre_save, post_save, post_delete, m2m_changed):
        signal.disconnect(dispatch_uid="caching:auth.group", sender=Group)
    m2m_changed.disconnect(dispatch_uid="caching:auth.group", sender=Group.permissions.through)


def test_renaming_the_lookup_field_invalidates_the_old_and_the_new_value(groups_by_name):
    group = Group.objects.create(name="Before")
    old, new = Counter("old"), Counter("new")
    groups_by_name.get_or_set("Before", old)
    groups_by_name.get_or_set("After", new)  # e.g. a 404 that was cached under the new name

    group.name = "After"
    group.save()
    groups_by_name.get_or_set("Before", old)
    groups_by_name.get_or_set("After", new)

    assert (old.calls, new.calls) == (2, 2)


def test_variants_of_one_object_are_cached_apart_and_invalidated_together():
    user = UserFactory()
    cached = caching.CachedObject("tests.variants", model=User, timeout=60)

    assert cached.get_or_set(user.pk, Counter("en"), "en") == "en"
    assert cached.get_or_set(user.pk, Counter("fr"), "fr") == "fr"
    user.save()
    compute = Counter("fresh")
    cached.get_or_set(user.pk, compute, "en")

    assert compute.calls == 1


class AnonymousOnlyUserList(caching.CachedListMixin, generics.ListAPIView):
    permission_classes = (permissions.AllowAny,)
    serializer_class = UserOutputSerializer
    cache_name = "tests.anonymous_only"
    cache_models = (User,)
    cache_anonymous_only = True

    def get_queryset(self):
        return User.objects.order_by("id")


def test_an_anonymous_only_list_lets_signed_in_callers_bypass_the_cache(user):
    view = AnonymousOnlyUserList.as_view()
    signed_in = RequestFactory().get("/users/")
    force_authenticate(signed_in, user=user)

    assert view(RequestFactory().get("/users/"))["X-Cache"] == "MISS"
    assert view(RequestFactory().get("/users/"))["X-Cache"] == "HIT"
    assert view(signed_in)["X-Cache"] == "BYPASS"


class PrefetchingThrottle(BaseThrottle):
    """What the Redis throttle does with a view's keys (core/throttling_redis.py), on any backend."""

    def allow_request(self, request, view) -> bool:
        keys = view.cache_prefetch_keys(request)
        if keys:
            found = cache.get_many(keys)
            view.cache_prefetched({key: found.get(key) for key in keys})
        return True


class PrefetchedUserList(caching.CachedListMixin, generics.ListAPIView):
    permission_classes = (permissions.AllowAny,)
    throttle_classes = (PrefetchingThrottle,)
    serializer_class = UserOutputSerializer
    cache_name = "tests.prefetched"
    cache_models = (User,)

    def get_queryset(self):
        return User.objects.order_by("id")


def test_a_page_whose_keys_the_throttle_read_makes_no_cache_read_of_its_own(monkeypatch):
    view = PrefetchedUserList.as_view()
    cold = view(RequestFactory().get("/users/"))
    reads: list[list[str]] = []
    get_many = cache.get_many

    def counted(keys, *args, **kwargs):
        reads.append(list(keys))
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counted)
    warm = view(RequestFactory().get("/users/"))
    warm_reads = list(reads)
    UserFactory()  # invalidates the page: the next read misses, though its keys were read early
    after_write = view(RequestFactory().get("/users/"))

    assert (cold["X-Cache"], warm["X-Cache"], after_write["X-Cache"]) == ("MISS", "HIT", "MISS")
    assert warm.content == cold.content
    assert [len(keys) for keys in warm_reads] == [2]  # the throttle's: a generation and the page
    assert json.loads(after_write.content)["count"] == json.loads(cold.content)["count"] + 1


def test_invalidate_model_covers_writes_that_send_no_signal():
    UserFactory()
    compute = Counter()
    cached = caching.CachedValue("tests.bulk", depends_on=[User], timeout=60)
    cached.get_or_set(compute)

    User.objects.update(name="Bulk")  # no post_save
    cached.get_or_set(compute)
    caching.invalidate_model(User)
    cached.get_or_set(compute)

    assert compute.calls == 2


def test_a_lost_generation_only_causes_a_miss():
    compute = Counter()
    caching.cached_get_or_set("tests.lost", compute, scopes=["scope:a"], timeout=60)

    cache.delete("generation:scope:a")  # evicted, or the cache was flushed
    caching.cached_get_or_set("tests.lost", compute, scopes=["scope:a"], timeout=60)

    assert compute.calls == 2


def test_counts_reach_the_cache_within_seconds_without_being_asked():
    caching.cached_get_or_set("tests.sent", Counter(), timeout=60)
    key = "metrics:tests.sent:miss"

    deadline = time.monotonic() + 3 * caching.COUNTS_FLUSH_SECONDS + 2
    while cache.get(key) is None and time.monotonic() < deadline:
        time.sleep(0.05)

    assert cache.get(key) == 1  # sent by the background thread: no read waited for it


def test_a_send_that_fails_leaves_the_thread_sending(monkeypatch, caplog):
    send = caching.flush_counts
    failed: list[bool] = []

    def fail_once() -> None:
        if not failed:
            failed.append(True)
            raise RuntimeError("the cache refused")
        send()

    monkeypatch.setattr(caching, "flush_counts", fail_once)
    caching.cached_get_or_set("tests.refused", Counter(), timeout=60)
    key = "metrics:tests.refused:miss"

    deadline = time.monotonic() + 4 * caching.COUNTS_FLUSH_SECONDS + 2
    while cache.get(key) is None and time.monotonic() < deadline:
        time.sleep(0.05)

    assert failed
    assert "counts could not be sent" in caplog.text
    assert cache.get(key) == 1  # sent by the same thread, a second later


@pytest.fixture
def database_cache(settings) -> Iterator[Callable[[bool], None]]:
    """The database cache (production's when Redis is not chosen), with a switch that takes its
    table away and puts it back: a cache that refuses every command, then answers again.

    Threads reach the table too (the retry thread), hence a transactional test database.
    """
    table, away = "tests_cache", "tests_cache_away"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table}
    }
    call_command("createcachetable", verbosity=0)
    quote = connection.ops.quote_name

    def reachable(answers: bool) -> None:
        old, new = (away, table) if answers else (table, away)
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {quote(old)} RENAME TO {quote(new)}")

    yield reachable
    with connection.cursor() as cursor:
        for name in (table, away):
            cursor.execute(f"DROP TABLE IF EXISTS {quote(name)}")


def wait_for_the_retry_thread_to_end() -> None:
    deadline = time.monotonic() + 4 * caching.PENDING_RETRY_SECONDS + 2
    while caching._retrier is not None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert caching._retrier is None, "the retry thread still runs"


@pytest.mark.django_db(transaction=True)
def test_an_invalidation_the_cache_refused_is_applied_once_it_answers(
    database_cache, monkeypatch, caplog
):
    monkeypatch.setattr(caching, "PENDING_RETRY_SECONDS", 0.05)
    compute = Counter()
    caching.cached_get_or_set("tests.refused", compute, scopes=["scope:r"], timeout=60)

    database_cache(False)
    caching.invalidate("scope:r")  # a write while the cache is away: its generation stays
    time.sleep(0.2)  # retries that fail
    assert "invalidations kept to retry" in caplog.text
    database_cache(True)
    wait_for_the_retry_thread_to_end()

    assert "Cache reachable again" in caplog.text
    caching.cached_get_or_set("tests.refused", compute, scopes=["scope:r"], timeout=60)
    assert compute.calls == 2  # the retry thread dropped the generation: a miss


@pytest.mark.django_db(transaction=True)
def test_a_read_applies_the_invalidations_kept_to_retry_before_it_reads(
    database_cache, monkeypatch
):
    monkeypatch.setattr(caching, "PENDING_RETRY_SECONDS", 2.0)  # the thread sleeps past the read
    compute = Counter()
    caching.cached_get_or_set("tests.kept", compute, scopes=["scope:k"], timeout=60)

    database_cache(False)
    caching.invalidate("scope:k")
    database_cache(True)
    for _ in range(2):
        caching.cached_get_or_set("tests.kept", compute, scopes=["scope:k"], timeout=60)

    # A miss, then a hit: the first read dropped the generation and stored under a new one.
    # (Reading around a kept invalidation instead would miss every time until the thread ran.)
    assert compute.calls == 2
    wait_for_the_retry_thread_to_end()


def test_an_entry_stored_under_an_old_generation_is_a_miss():
    compute = Counter()
    caching.cached_get_or_set("tests.old", compute, scopes=["scope:b"], timeout=60)
    stored = cache.get(caching.entry_key("tests.old"))

    caching.invalidate("scope:b")
    caching.cached_get_or_set("tests.old", compute, scopes=["scope:b"], timeout=60)
    cache.set(caching.entry_key("tests.old"), stored)  # a slow read storing what it read before
    caching.cached_get_or_set("tests.old", compute, scopes=["scope:b"], timeout=60)

    assert compute.calls == 3


def test_listeners_hear_every_hit_and_miss():
    heard = []

    def listener(name: str, outcome: str) -> None:
        heard.append((name, outcome))

    caching.add_metrics_listener(listener)
    try:
        for _ in range(2):
            caching.cached_get_or_set("tests.heard", Counter(), timeout=60)
    finally:
        # Only this one: the Prometheus listener CoreConfig.ready() added must stay.
        caching.remove_metrics_listener(listener)

    assert heard == [("tests.heard", "miss"), ("tests.heard", "hit")]


def test_a_failing_listener_does_not_break_the_read(caplog):
    def broken(name: str, outcome: str) -> None:
        raise RuntimeError("exporter down")

    caching.add_metrics_listener(broken)
    try:
        value = caching.cached_get_or_set("tests.broken", Counter(), timeout=60)
    finally:
        caching.remove_metrics_listener(broken)

    assert value == "fresh"
    assert "Cache metrics listener" in caplog.text


def test_the_stats_command_prints_counts_and_resets_them():
    for _ in range(3):
        caching.cached_get_or_set("tests.command", Counter(), timeout=60)
    out = io.StringIO()

    call_command("cache_stats", "--reset", stdout=out)

    line = next(row for row in out.getvalue().splitlines() if row.startswith("tests.command"))
    assert line.split() == ["tests.command", "2", "1", "66.7%"]
    assert "users.list" in out.getvalue()  # declared by the views, read or not
    assert caching.cache_stats()["tests.command"] == {"hits": 0, "misses": 0}


@pytest.mark.parametrize("run", [1, 2])
def test_every_test_starts_with_an_empty_cache(run):
    # The second run fails if the first one's entry (or a throttle counter) leaked into it.
    assert cache.get("leak-probe") is None
    cache.set("leak-probe", run, timeout=None)

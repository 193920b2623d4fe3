"""The PostgreSQL backend's health check: no SELECT 1 while the socket is quiet, a reconnect when not.

Needs PostgreSQL (the project's CI sets DATABASE_URL); on SQLite there is no such backend to test.
"""

import select

import pytest
from django.db import connection, connections

from ..postgresql.base import DatabaseWrapper

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the PostgreSQL backend: set DATABASE_URL=postgres://...",
    ),
]


@pytest.fixture
def health_checked(settings):
    """The default connection as a server keeps it: persistent, health-checked, opened."""
    connection.close()
    connection.settings_dict["CONN_MAX_AGE"] = 60
    connection.settings_dict["CONN_HEALTH_CHECKS"] = True
    connection.ensure_connection()
    yield connection
    connection.close()


def selects_of_one(monkeypatch) -> list[None]:
    calls: list[None] = []
    is_usable = DatabaseWrapper.is_usable

    def counting(self: DatabaseWrapper) -> bool:
        calls.append(None)
        return is_usable(self)

    monkeypatch.setattr(DatabaseWrapper, "is_usable", counting)
    return calls


def test_the_settings_use_this_backend():
    assert isinstance(connections["default"], DatabaseWrapper)


def test_a_quiet_connection_is_used_without_a_round_trip(health_checked, monkeypatch):
    calls = selects_of_one(monkeypatch)
    health_checked.close_if_unusable_or_obsolete()  # what Django does as a request starts

    with health_checked.cursor() as cursor:
        cursor.execute("SELECT 2")
        assert cursor.fetchone() == (2,)
    assert calls == []


def test_a_connection_the_server_ended_is_replaced_before_its_next_query(
    health_checked, monkeypatch
):
    old_pid = health_checked.connection.info.backend_pid
    # Another session ends this one, as a server restart or an administrator would.
    other = connections.create_connection("default")
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [old_pid])
    other.close()
    # The server's notice reaches the socket soon after: wait for it (at most 5 s).
    select.select([health_checked.connection.fileno()], [], [], 5)
    calls = selects_of_one(monkeypatch)
    health_checked.close_if_unusable_or_obsolete()  # what Django does as a request starts

    with health_checked.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (new_pid,) = cursor.fetchone()

    assert calls == [None]  # the socket was not quiet: Django's SELECT 1 ran, and failed
    assert new_pid != old_pid

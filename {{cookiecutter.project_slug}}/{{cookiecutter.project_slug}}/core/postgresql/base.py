"""Django's PostgreSQL backend, with its connection health check made free while nothing is wrong.

With ``CONN_HEALTH_CHECKS`` Django sends ``SELECT 1`` on a kept connection before the first query
of every request: one more round trip per request, to learn that the connection still works.
A server that closes a connection (a restart, ``pg_terminate_backend``, an idle timeout) says so
on its socket first: a notice, then end of file, so the socket turns readable while no query is
running. This backend polls the socket without waiting; only when something is there to read does
it run Django's ``SELECT 1`` (and reconnect if that fails). A quiet socket is a working connection.
A server that vanished without a word (a cut cable) is found by the request's own query, as
``SELECT 1`` would have found it.

The settings use this backend for every PostgreSQL ``DATABASE_URL``.
"""

import select

import psycopg
from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    # Set by Django's BaseDatabaseWrapper (the stubs do not declare them).
    health_check_enabled: bool
    health_check_done: bool

    def close_if_health_check_failed(self) -> None:
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and self._socket_is_quiet()
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def _socket_is_quiet(self) -> bool:
        """Nothing to read and no hang-up on the connection's socket, this instant."""
        try:
            poller = select.poll()
            poller.register(self.connection.fileno(), select.POLLIN | select.POLLPRI)
            return not poller.poll(0)
        except (OSError, ValueError, psycopg.Error):
            # No socket any more (closed by the client library): Django's check decides.
            return False

"""PostgreSQL for the window and the command line: a server that went away is said plainly
(ServerUnreachable, a PseError a screen shows beside its unsaved work) and the next try opens a
new connection."""

from __future__ import annotations

import peewee

from ..i18n import _
from .connection import DatabaseRefused, ServerUnreachable, Target, lost_message

#: Libpq settings a site's URL may override (``?tcp_user_timeout=60000``). A cut network is
#: noticed instead of waiting for the system's TCP timeout (15 minutes or more): a dead server
#: in ten seconds at connection; an idle connection by keepalives in about a minute; a query or
#: a save sent to a server that vanished by ``tcp_user_timeout`` (ms): unacknowledged data for
#: 30 s closes the connection, and the screen says the server cannot be reached.
POSTGRES_DEFAULTS = {"connect_timeout": 10, "keepalives": 1, "keepalives_idle": 30,
                     "keepalives_interval": 10, "keepalives_count": 3,
                     "tcp_user_timeout": 30_000}

#: What libpq says when the server went away (lower case); any error on a closed connection too.
_LOST_WORDS = ("server closed the connection", "terminating connection", "could not connect",
               "connection refused", "no connection to the server", "connection timed out",
               "could not receive data", "could not send data", "connection to server",
               "ssl syscall error", "eof detected", "network is unreachable", "no route to host")


class PsePostgresqlDatabase(peewee.PostgresqlDatabase):
    """PostgreSQL that says "the server cannot be reached" instead of a driver error, and
    opens a new connection on the next try once the old one is dead.

    A dead connection is only replaced outside a transaction: the transaction that met the
    error ends first (its rollback is skipped: the server already dropped it).
    """

    label = "PostgreSQL"

    def _dead(self) -> bool:
        conn = self._state.conn
        return conn is not None and bool(getattr(conn, "closed", 0))

    def _lost(self, exc: Exception) -> bool:
        if self._dead() or isinstance(exc, peewee.InterfaceError):
            return True
        text = str(exc).lower()
        return any(word in text for word in _LOST_WORDS)

    def _unreachable(self, exc: Exception) -> ServerUnreachable:
        return ServerUnreachable(lost_message(self.label))

    def _closed_by_server(self) -> bool:
        """An idle connection the server ended (a restart, an admin): its socket says so.

        Checked before each statement outside a transaction, one ``select`` with no wait, so
        the first save once the server is back goes through instead of meeting the old
        connection. A cut network sends nothing: that one is found by the timeouts.
        """
        import select

        conn = self._state.conn
        if conn is None or self.in_transaction() or getattr(conn, "closed", 1):
            return False
        try:
            # The server's last words (a FATAL message) are read first, its end of the
            # socket next: that read raises. A notice is read and dropped.
            for _attempt in range(3):
                if not select.select([conn], [], [], 0)[0]:
                    break
                conn.poll()
        except Exception:
            return True
        return bool(conn.closed)

    def _drop_dead(self) -> None:
        if self._closed_by_server():
            try:
                self._state.conn.close()
            except Exception:  # already gone: nothing to free
                pass
        if self._dead() and not self.in_transaction():
            try:
                self._state.conn.close()
            except Exception:  # already gone: nothing to free
                pass
            self._state.reset()

    def connect(self, reuse_if_open=False):
        try:
            return super().connect(reuse_if_open)
        except (peewee.OperationalError, peewee.InterfaceError) as exc:
            raise self._unreachable(exc) from exc

    def cursor(self, named_cursor=None):
        self._drop_dead()
        return super().cursor(named_cursor)

    def execute_sql(self, sql, params=None):
        try:
            return super().execute_sql(sql, params)
        except (peewee.OperationalError, peewee.InterfaceError) as exc:
            if self._lost(exc):
                raise self._unreachable(exc) from exc
            raise

    def begin(self, isolation_level=None):
        try:
            return super().begin(isolation_level)
        except (peewee.OperationalError, peewee.InterfaceError) as exc:
            if self._lost(exc):
                raise self._unreachable(exc) from exc
            raise

    def commit(self):
        try:
            return super().commit()
        except (peewee.OperationalError, peewee.InterfaceError) as exc:
            if self._lost(exc):
                raise self._unreachable(exc) from exc
            raise

    def rollback(self):
        if self._dead() or self.is_closed():
            return  # the server ended the transaction with the connection
        try:
            return super().rollback()
        except (peewee.OperationalError, peewee.InterfaceError) as exc:
            if not self._lost(exc):
                raise

    def close(self):
        if self._dead():
            self._state.reset()
            return True
        return super().close()


def connect_postgres(url: str) -> peewee.Database:
    """A PostgreSQL handle for ``url`` (not connected yet), with the defaults below."""
    from playhouse.db_url import parse

    params = parse(url)
    if not params.get("database"):
        raise DatabaseRefused(_("The address {url} has no database name (postgresql://server/"
                                "DATABASE).").format(url=Target(url).label))
    for key, value in POSTGRES_DEFAULTS.items():
        params.setdefault(key, value)
    db = PsePostgresqlDatabase(**params)
    db.label = Target(url).label
    return db

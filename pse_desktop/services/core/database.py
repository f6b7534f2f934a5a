"""Opening the database for the window, so views never import the db package; and the window's
entry in the list of who has the database open (a restore refuses while others are there)."""

from __future__ import annotations

from ...db import (
    DatabaseRefused, DataReplaced, OpenResult, ServerUnreachable, Target, database, dialect,
    init_database, resolve_target, sessions,
)
from ...i18n import _

__all__ = ["DatabaseRefused", "OpenResult", "Target", "open_database", "resolve_target",
           "open_session", "keep_alive", "server_problem", "close_session", "HEARTBEAT_MS"]

HEARTBEAT_MS = sessions.HEARTBEAT_SECONDS * 1000


def open_database(target: Target) -> OpenResult:
    """Open (creating when missing) and upgrade the database; raise DatabaseRefused if unusable."""
    return init_database(target)


def open_session(target: Target, user_name: str) -> sessions.Session | None:
    """Note that this window has the database open for ``user_name`` (SQLite files only)."""
    if target.is_postgres:
        return None
    try:
        return sessions.register(target.path, user_name)
    except OSError:  # a folder we cannot write: the write check before each save still guards
        return None


def keep_alive(session: sessions.Session | None) -> str | None:
    """Refresh the window's entry; return a message when the data was replaced meanwhile."""
    obj = database.obj
    check = getattr(obj, "check_identity", None)
    try:
        if check is not None:
            check()
    except DataReplaced as exc:
        return str(exc)
    if session is not None:
        try:
            sessions.beat(session)
        except OSError:
            pass
    return None


def server_problem() -> str | None:
    """On a shared server: None when it answers, else what the status bar says. SQLite: None.

    One ``SELECT 1``, so a window learns the server is gone (and back) before the next save.
    The window runs it off the Tk thread (a cut network answers only after the timeouts of
    db/postgres.py); a thread's own connection is closed after it, the window's is kept.
    """
    obj = database.obj
    if obj is None or not dialect.is_postgres(obj):
        return None
    opened_here = obj.is_closed()
    try:
        obj.execute_sql("SELECT 1")
    except ServerUnreachable:
        # the status bar is short: the server's name is beside it already
        return _("Database server unreachable: check the network or VPN.")
    finally:
        if opened_here and not obj.in_transaction():
            try:
                obj.close()
            except Exception:  # the server already dropped it: nothing to free
                pass
    return None


def close_session(session: sessions.Session | None) -> None:
    if session is not None:
        sessions.unregister(session)

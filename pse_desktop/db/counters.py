"""Numbers that never collide: one counter row per series, taken inside the caller's transaction.

``UPDATE counter SET value = value + 1`` locks the row until the transaction ends on PostgreSQL
(a second till waits, then reads the next value); on SQLite every write transaction already holds
the database's write lock (``BEGIN IMMEDIATE``). A rolled-back transaction gives its number back,
so numbers stay gap-free. A series with no row yet (a database made before counters) starts from
the largest number already used.
"""

from __future__ import annotations

from typing import Callable

from .connection import database
from .core import Counter


def next_value(key: str, used_max: Callable[[], int]) -> int:
    """Return the next number of series ``key``; call inside ``database.atomic()``."""
    if not database.in_transaction():
        raise RuntimeError("next_value must run inside the transaction that uses the number")
    if not _bump(key):
        Counter.insert(key=key, value=int(used_max() or 0)).on_conflict_ignore().execute()
        if not _bump(key):
            raise RuntimeError(f"counter {key} could not be created")
    return Counter.select(Counter.value).where(Counter.key == key).scalar()


def _bump(key: str) -> int:
    return Counter.update(value=Counter.value + 1).where(Counter.key == key).execute()


def lock_for_update(query):
    """``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite's writer already holds the write lock."""
    from .dialect import is_postgres

    return query.for_update() if is_postgres() else query

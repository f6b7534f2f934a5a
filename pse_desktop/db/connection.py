"""The one database handle, and the single place that opens it and sets its pragmas."""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import peewee
from ..i18n import _

from ..errors import PseError

#: Every model binds to this proxy; ``init_database`` points it at the real database.
database = peewee.DatabaseProxy()

#: Written into the SQLite header (``PRAGMA application_id``) so a PSE file is recognised.
PSE_APPLICATION_ID = 0x50534544  # "PSED"

SQLITE_HEADER = b"SQLite format 3\x00"

#: Power cuts are common: FULL sync makes a committed record survive one.
SQLITE_PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("busy_timeout", 3000),
    ("synchronous", 2),
    ("cache_size", -16000),
)

ENV_VAR = "PSE_DATABASE"


#: A write that meets another one waits ``busy_timeout`` per attempt, this many attempts.
BUSY_ATTEMPTS = 2


class DatabaseRefused(Exception):
    """The file given is not a database this program may open; it was left untouched."""


class ServerUnreachable(DatabaseRefused, PseError):
    """The shared PostgreSQL server did not answer (network, VPN, server down, password).

    At start it refuses the database like a bad file; in the middle of a session it is the
    error a screen shows beside its unsaved work (a PseError), and the next try reconnects.
    """


class DatabaseBusy(PseError):
    """Another window or program kept the database busy longer than we wait: nothing was saved."""

    def __init__(self, message: str = ""):
        super().__init__(message or "Someone else is saving, try again in a moment.")


class DataReplaced(PseError):
    """The database file was replaced (a restore) since this program opened it."""

    def __init__(self, message: str = ""):
        super().__init__(message or (
            "The data was replaced (a backup was restored) while this window was open. "
            "Nothing was saved: close PSE Desktop and open it again."))


def _is_busy(exc: Exception) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text


def file_identity(path: Path) -> tuple[int, int] | None:
    """Return (device, inode) of a file: a restore that replaces the file changes it."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def new_generation() -> int:
    """A fresh data generation number (kept in ``PRAGMA user_version``; a restore sets one)."""
    return random.randint(1, 2**31 - 1)


#: Connections to a file that was replaced under them: never closed, since closing the last
#: connection of a WAL database deletes its -wal and -shm files *by name*, which now belong
#: to the new file. They go when the process ends.
_ORPHANS: list = []


class PseSqliteDatabase(peewee.SqliteDatabase):
    """SQLite that retries a busy write, then says so, and never writes over restored data.

    A restore writes the backup into the live file and gives it a new generation number
    (``PRAGMA user_version``): every transaction of another window checks it once it holds its
    lock, and stops with DataReplaced instead of saving into data it has not seen. A file
    replaced by another program (a new inode) is caught the same way: such a connection would
    go on writing into the old, deleted file.
    """

    def __init__(self, *args, **kwargs):
        # What each thread's connection saw when it opened: the file and its generation.
        # Kept per thread, like the connection itself: a shared attribute would be blanked
        # by one thread opening while another checks, and read as a restore.
        self._seen = threading.local()
        super().__init__(*args, **kwargs)

    @property
    def identity(self) -> tuple[int, int] | None:
        return getattr(self._seen, "identity", None)

    @property
    def generation(self) -> int | None:
        return getattr(self._seen, "generation", None)

    def _initialize_connection(self, conn):
        self._seen.identity = self._seen.generation = None
        super()._initialize_connection(conn)
        self._seen.generation = conn.execute("PRAGMA user_version").fetchone()[0]
        self._seen.identity = file_identity(Path(self.database))

    def _replaced(self) -> bool:
        if self.identity is None or self.is_closed():
            return False
        if file_identity(Path(self.database)) != self.identity:
            return True
        current = self._state.conn.execute("PRAGMA user_version").fetchone()[0]
        return current != self.generation

    def check_identity(self) -> None:
        """Raise DataReplaced when the data is no longer the data this connection opened."""
        if self._replaced():
            raise DataReplaced()

    def _close(self, conn):
        if self.identity is not None and file_identity(Path(self.database)) != self.identity:
            _ORPHANS.append(conn)
            return
        super()._close(conn)

    def begin(self, lock_type=None):
        for attempt in range(BUSY_ATTEMPTS):
            try:
                super().begin(lock_type)
                break
            except peewee.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                # Each attempt already waited busy_timeout; a short random pause keeps two
                # waiting writers from retrying in step.
                time.sleep(random.uniform(0.05, 0.3))
        else:
            raise DatabaseBusy()
        # Checked inside the transaction: no restore can slip in between check and write.
        try:
            self.check_identity()
        except DataReplaced:
            self._state.conn.execute("ROLLBACK")
            raise

    def execute_sql(self, sql, params=None, *args, **kwargs):
        # A write outside a transaction is checked like a transaction; reads are not (cost).
        if not self.in_transaction() and sql.lstrip()[:6].upper() not in ("SELECT", "PRAGMA"):
            self.check_identity()
        try:
            return super().execute_sql(sql, params, *args, **kwargs)
        except peewee.OperationalError as exc:
            if _is_busy(exc):
                raise DatabaseBusy() from exc
            raise

    def commit(self):
        try:
            return super().commit()
        except peewee.OperationalError as exc:
            if _is_busy(exc):
                raise DatabaseBusy() from exc
            raise


@dataclass(frozen=True)
class Target:
    """Where the database lives: a SQLite path or a PostgreSQL URL."""

    url: str

    @property
    def is_postgres(self) -> bool:
        return self.url.startswith(("postgresql://", "postgres://"))

    @property
    def path(self) -> Path | None:
        return None if self.is_postgres else Path(self.url)

    @property
    def label(self) -> str:
        if self.is_postgres:
            # Never show a password in the status bar or the logs.
            rest = self.url.split("://", 1)[1]
            host = rest.rsplit("@", 1)[-1]  # a password may hold an "@" of its own
            return f"PostgreSQL {host}"
        return str(self.path)


def default_database_path() -> Path:
    """Return the SQLite file in the user's data folder."""
    import platformdirs

    return Path(platformdirs.user_data_dir("pse-desktop", "PSE")) / "pse.sqlite3"


def resolve_target(arg: str | None = None) -> Target:
    """Return the database chosen by ``--db``, else ``$PSE_DATABASE``, else the default file."""
    chosen = arg or os.environ.get(ENV_VAR) or str(default_database_path())
    if chosen.startswith(("postgresql://", "postgres://")):
        return Target(chosen)
    return Target(str(Path(chosen).expanduser().resolve()))


def probe_sqlite_file(path: Path) -> str:
    """Return 'missing', 'empty' or 'pse' for a file, or raise DatabaseRefused; never writes."""
    if not path.exists():
        return "missing"
    if path.is_dir():
        raise DatabaseRefused(_("{path} is a folder, not a database file.").format(path=path))
    size = path.stat().st_size
    if size == 0:
        return "empty"
    with open(path, "rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise DatabaseRefused(_("{path} is not a PSE Desktop database (it is not an SQLite file).").format(path=path))
    app_id = int.from_bytes(header[68:72], "big")
    if app_id != PSE_APPLICATION_ID:
        raise DatabaseRefused(
            _("{path} is an SQLite file but not a PSE Desktop database; it was left untouched.").format(path=path)
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    wal = path.with_name(path.name + "-wal")
    # A file shorter than its header says was cut short (a copy interrupted by a power cut).
    if page_count and size < page_size * page_count and not (wal.exists() and wal.stat().st_size):
        raise DatabaseRefused(
            _("{path} is damaged: it is shorter than it should be ({size} of {value} bytes). Restore it from a backup.").format(path=path, size=size, value=page_size * page_count)
        )
    return "pse"


def integrity_errors(path: Path, quick: bool = False) -> list[str]:
    """Return the problems SQLite finds in a file opened read-only (empty list when fine)."""
    pragma = "PRAGMA quick_check" if quick else "PRAGMA integrity_check"
    try:
        rows = _read_only_rows(path, pragma, immutable=False)
    except sqlite3.OperationalError as exc:
        wal = path.with_name(path.name + "-wal")
        journal = path.with_name(path.name + "-journal")
        if "readonly" not in str(exc):
            return [str(exc)]
        if (wal.exists() and wal.stat().st_size) or (journal.exists() and journal.stat().st_size):
            return [f"{path} has a transaction left unfinished by a program that stopped (a power "
                    "cut?): open it once with PSE Desktop, which rolls it back, then check again."]
        # A shared-memory file left without its WAL (a program killed while closing): a
        # read-only reader may not rebuild it, and with no WAL the file alone is the data.
        try:
            rows = _read_only_rows(path, pragma, immutable=True)
        except sqlite3.DatabaseError as again:
            return [str(again)]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    problems = [r[0] for r in rows if r[0] != "ok"]
    return problems


def _read_only_rows(path: Path, sql: str, immutable: bool) -> list:
    uri = f"file:{path}?mode=ro" + ("&immutable=1" if immutable else "")
    conn = sqlite3.connect(uri, uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _connect_sqlite(path: Path) -> peewee.SqliteDatabase:
    from ..files import private_dir, private_file

    private_dir(path.parent)
    private_file(path)  # SQLite gives its -wal and -shm files the database file's mode
    return PseSqliteDatabase(
        str(path), pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE", check_same_thread=False
    )


def _connect_postgres(url: str) -> peewee.Database:
    from .postgres import connect_postgres

    return connect_postgres(url)


def open_raw(target: Target) -> peewee.Database:
    """Point the proxy at the target's database and connect; no checks, no migrations."""
    if target.is_postgres:
        db = _connect_postgres(target.url)
    else:
        db = _connect_sqlite(target.path)
    database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
    except ServerUnreachable as exc:
        raise ServerUnreachable(unreachable_message(target, exc.__cause__ or exc)) from None
    if not target.is_postgres:
        from ..files import private_companions

        private_companions(target.path)
        current = db.execute_sql("PRAGMA application_id").fetchone()[0]
        if current != PSE_APPLICATION_ID:
            db.execute_sql(f"PRAGMA application_id = {PSE_APPLICATION_ID}")
            # The header lives in the main file: copy it there now, or a second window opening
            # this new database before the first checkpoint would not recognise it.
            db.execute_sql("PRAGMA wal_checkpoint(PASSIVE)")
    return db


def unreachable_message(target: Target, exc: Exception) -> str:
    """What to tell a site when the shared server does not answer."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    first = first.replace(target.url, target.label)
    return _("The shared database server cannot be reached ({server}: {reason}). Check this "
             "computer's network or VPN connection, then try again; nothing saved on the server "
             "is lost. Meanwhile take attendance on the blank paper registers (the login screen "
             "prints them from this computer's copy) and type it in when the server is back."
             ).format(server=target.label, reason=first)


def lost_message(label: str) -> str:
    """What a screen says when the server went away in the middle of the work."""
    return _("The shared database server ({server}) cannot be reached: nothing was saved. What "
             "you typed is still on the screen: check the network or VPN connection and save "
             "again when the server is back.").format(server=label)


def reading():
    """A read-only transaction: one consistent view of the data that never takes the write lock.

    On SQLite (WAL) a deferred transaction that only reads lets other programs write meanwhile;
    the default (IMMEDIATE) would hold the write lock for the whole read.
    """
    obj = database.obj
    if isinstance(obj, peewee.SqliteDatabase):
        return obj.atomic(lock_type="DEFERRED")
    return database.atomic()


def close_database() -> None:
    """Close the current connection, if any."""
    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()

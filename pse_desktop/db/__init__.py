"""The database: one deferred handle, opened by ``init_database``, upgraded by migrations."""

from __future__ import annotations

import datetime as dt
import importlib
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from . import migrations, sessions
from .connection import (
    PSE_APPLICATION_ID, DatabaseBusy, DatabaseRefused, DataReplaced, ServerUnreachable, Target,
    close_database, database, integrity_errors, open_raw, probe_sqlite_file, reading,
    resolve_target,
)
from ..i18n import _


__all__ = [
    "DatabaseBusy", "DatabaseRefused", "DataReplaced", "OpenResult", "ServerUnreachable", "Target",
    "close_database", "database", "init_database", "integrity_errors", "load_models", "reading",
    "resolve_target", "sessions", "sqlite_copy", "PSE_APPLICATION_ID",
]


@dataclass
class OpenResult:
    target: Target
    created: bool = False
    upgraded: list[str] = field(default_factory=list)
    backup_path: Path | None = None


def load_models() -> None:
    """Import every area's models so that all migrations are registered."""
    from ..areas import model_modules

    for name in model_modules():
        importlib.import_module(name)


def all_models() -> list:
    """Every table's model, parents before children (the order to copy or load them in)."""
    import peewee

    from .base import BaseModel

    load_models()
    found, stack = [], list(BaseModel.__subclasses__())
    while stack:
        model = stack.pop()
        stack.extend(model.__subclasses__())
        if model._meta.table_name and not getattr(model._meta, "abstract", False):
            found.append(model)
    found = sorted(set(found), key=lambda m: m._meta.table_name)
    return peewee.sort_models(found)


def sqlite_copy(src: Path, dest: Path) -> Path:
    """Copy a live SQLite database with the online backup API; return ``dest``."""
    from ..files import private_dir, private_file

    private_dir(dest.parent)
    tmp = dest.with_name(dest.name + ".part")
    if tmp.exists():
        tmp.unlink()
    private_file(tmp)  # the copy keeps this mode when renamed
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(str(tmp))
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    finally:
        source.close()
    tmp.replace(dest)
    return dest


def _read_versions(path: Path, recovered: bool = False) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        has = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (migrations.SCHEMA_TABLE,)
        ).fetchone()
        if not has:
            return {}
        rows = conn.execute(f"SELECT area, version FROM {migrations.SCHEMA_TABLE}").fetchall()
        return migrations.applied_versions_from_cursor(rows)
    except sqlite3.OperationalError as exc:
        if "readonly" not in str(exc) or recovered:
            raise DatabaseRefused(_("{path} is damaged and cannot be read ({exc}). Restore a backup.").format(path=path, exc=exc))
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(_("{path} is damaged and cannot be read ({exc}). Restore a backup.").format(path=path, exc=exc))
    finally:
        conn.close()
    # Here only for a transaction left unfinished by a power cut (a hot journal): a read-only
    # reader may not roll it back. Opening the file for writing does, as SQLite always does;
    # the folder and the file were found writable just before.
    fix = sqlite3.connect(str(path))
    try:
        fix.execute("SELECT count(*) FROM sqlite_master").fetchall()
    finally:
        fix.close()
    return _read_versions(path, recovered=True)


def upgrade_backup_dir(path: Path) -> Path:
    return path.parent / "backups"


def init_database(
    target: Target | str | None = None,
    *,
    create: bool = True,
    upto: dict[str, int] | None = None,
    backup_dir: Path | None = None,
) -> OpenResult:
    """Open the database, refusing foreign, damaged or newer files, and bring it up to date.

    An existing database that needs migrations is first copied to ``backup_dir``.
    ``upto`` limits the versions applied (tests use it to build an older database).
    """
    if not isinstance(target, Target):
        target = resolve_target(target)
    load_models()
    close_database()
    result = OpenResult(target)
    if not target.is_postgres:
        path = target.path
        status = probe_sqlite_file(path)
        if status == "missing" and not create:
            raise DatabaseRefused(_("There is no database at {path}. Create one with 'pse-desktop init'.").format(path=path))
        _refuse_read_only(path, status)
        applied = _read_versions(path) if status == "pse" else {}
        _refuse_newer(applied, str(path))
        steps = migrations.pending(applied, upto)
        result.created = status in ("missing", "empty")
        if steps and status == "pse" and applied:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            dest = (backup_dir or upgrade_backup_dir(path)) / f"before-upgrade-{stamp}.sqlite3"
            result.backup_path = sqlite_copy(path, dest)
    db = open_raw(target)
    if target.is_postgres:
        applied = migrations.applied_versions(db)
        _refuse_newer(applied, target.label)
        steps = migrations.pending(applied, upto)
        result.created = not applied
    migrations.run(db, steps)
    result.upgraded = [f"{m.area} {m.version}: {m.description}" for m in steps]
    return result


def _refuse_read_only(path: Path, status: str) -> None:
    """Say "read-only" (not "damaged") for a file or folder this account cannot write."""
    import errno

    from ..files import explain

    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # the folders still to make go in the first one that exists
    folder_ok = os.access(folder, os.W_OK)
    file_ok = status == "missing" or os.access(path, os.W_OK)
    if not (folder_ok and file_ok):
        which = path if not file_ok else folder
        raise DatabaseRefused(explain(PermissionError(errno.EACCES, "read-only"), which,
                                      _("working in this database"))
                              + " " + _("Open it from a writable folder, or make it writable."))


def _refuse_newer(applied: dict[str, int], where: str) -> None:
    newer = migrations.newer_areas(applied)
    if newer:
        close_database()
        raise DatabaseRefused(
            _("{where} was made by a newer version of PSE Desktop ({join}). Install the newer program; the database was left untouched.").format(where=where, join=', '.join(newer))
        )

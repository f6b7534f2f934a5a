"""Backups with SQLite's online backup API, checks of database files, and restore.

A PostgreSQL database is backed up with pg_dump and restored with pg_restore (``pgdump``).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ... import db as dbmod
from ...files import explain, private_file
from ...db import DatabaseBusy, DatabaseRefused, Target, guards, migrations, sessions, sqlite_copy
from ...db.connection import new_generation
from . import audit, pgdump, settings
from ..common.errors import ConflictError, MachineProblem, ValidationError
from .permissions import Actor, require
from ...i18n import _

PREFIX = "pse-backup-"


@dataclass
class CheckReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    versions: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _sqlite_only(target: Target) -> Path:
    if target.is_postgres:
        raise ConflictError(_("Backups of a PostgreSQL database are made with pg_dump by its server."))
    return target.path


def backup_folder(target: Target) -> Path:
    """Return the backups folder: the setting, else 'backups' next to the database."""
    chosen = ""
    try:
        chosen = settings.get("backup_dir") or ""
    except Exception:  # database not open (CLI check on a closed file)
        chosen = ""
    if chosen:
        return Path(chosen).expanduser()
    if target.is_postgres:
        return dbmod.connection.default_database_path().parent / "backups"
    return target.path.parent / "backups"


def _suffix(target: Target) -> str:
    return pgdump.SUFFIX if target.is_postgres else ".sqlite3"


def list_backups(target: Target) -> list[Path]:
    """Return the backups in the folder, newest first."""
    folder = backup_folder(target)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{PREFIX}*{_suffix(target)}"), reverse=True)


def _copy(target: Target, dest: Path | None, now: dt.datetime | None = None) -> Path:
    if dest is None:
        stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
        dest = backup_folder(target) / f"{PREFIX}{stamp}{_suffix(target)}"
    dest = Path(dest)
    if target.is_postgres:
        return pgdump.dump(target.url, dest)
    src = _sqlite_only(target)
    try:
        return sqlite_copy(src, dest)
    except (OSError, sqlite3.Error) as exc:
        part = dest.with_name(dest.name + ".part")
        try:
            part.unlink(missing_ok=True)  # never leave a cut copy behind
        except OSError:
            pass
        if isinstance(exc, sqlite3.Error):  # SQLite says "unable to open" for a closed folder
            import errno

            full = "full" in str(exc).lower()
            exc_os = OSError(errno.ENOSPC if full else errno.EACCES, str(exc))
            said = explain(exc_os, dest.parent, _("the backup"))
        else:
            said = explain(exc, dest.parent, _("the backup"))
        if said is None:
            raise
        raise MachineProblem(_("The backup was not made. {said} The backups folder is "
                               "{folder}.").format(said=said, folder=dest.parent)) from exc


def prune(target: Target, now: dt.datetime | None = None) -> list[Path]:
    """Keep the daily, weekly and monthly generations within the size limit, remove copies cut
    short and old restore safety copies; return what was deleted."""
    from .generations import leftovers, to_delete

    folder = backup_folder(target)
    found = list_backups(target)
    gone = to_delete(found, daily=int(settings.get("backup_daily")),
                     weekly=int(settings.get("backup_weekly")),
                     monthly=int(settings.get("backup_monthly")),
                     max_bytes=int(settings.get("backup_max_mb")) * 1_000_000)
    gone += leftovers(folder, now or dt.datetime.now())
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def space_used(target: Target) -> tuple[int, int, int]:
    """Return (backups kept, bytes they use, the size limit in bytes) for the Backups screen."""
    found = list_backups(target)
    used = sum(p.stat().st_size for p in found if p.exists())
    return len(found), used, int(settings.get("backup_max_mb")) * 1_000_000


def auto_backup(target: Target, now: dt.datetime | None = None) -> Path | None:
    """The backup made at start and once a day: at most one a day, no user needed."""
    from .generations import stamp_day

    if target.is_postgres or not target.path.exists():
        return None
    today = (now or dt.datetime.now()).date()
    if any(stamp_day(p) == today for p in list_backups(target)):
        prune(target, now)  # still clears copies a power cut left behind
        return None
    path = _copy(target, None, now)
    prune(target, now)
    return path


def make_backup(actor: Actor, target: Target, dest: Path | None = None) -> Path:
    """Copy the database to ``dest`` (or the backups folder) and record it."""
    require(actor, "admin.backup")
    path = _copy(target, dest)
    if dest is None:
        prune(target)
    with dbmod.database.atomic():
        audit.record(actor, "core", "backup", "database", "", f"backup written to {path}")
    return path


def check_file(path: Path) -> CheckReport:
    """Check a database or backup file without changing it."""
    path = Path(path)
    report = CheckReport(path)
    if path.suffix == pgdump.SUFFIX:
        report.problems.extend(pgdump.check_dump(path))
        if report.ok:
            report.versions = pgdump.schema_versions(path)
        return report
    try:
        status = dbmod.probe_sqlite_file(path)
    except DatabaseRefused as exc:
        report.problems.append(str(exc))
        return report
    if status != "pse":
        report.problems.append(f"{path} does not exist." if status == "missing"
                               else f"{path} is empty.")
        return report
    report.problems.extend(dbmod.integrity_errors(path))
    if report.problems:
        return report
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute(f"SELECT area, version FROM {migrations.SCHEMA_TABLE}").fetchall()
        have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        report.problems.append(f"no schema version ({exc})")
        return report
    finally:
        conn.close()
    dbmod.load_models()
    report.versions = migrations.applied_versions_from_cursor(rows)
    newer = migrations.newer_areas(report.versions)
    if newer:
        report.problems.append("made by a newer PSE Desktop: " + ", ".join(newer))
    elif not migrations.pending(report.versions):
        # An older file gets its protections from the upgrade; a current one must have them all.
        # A lock or append-only trigger dropped (by hand, or by a tool): the data it guards
        # (finalised payroll, audit log, ledgers) could be changed without a trace.
        lost = guards.missing_from(have, tables)
        if lost:
            report.problems.append("protections missing: " + ", ".join(lost))
    return report


def refuse_while_open_elsewhere(live: Path) -> None:
    """Raise ConflictError naming who else has the database open: a restore would pull the
    file from under their window."""
    open_elsewhere = sessions.others(live)
    if open_elsewhere:
        who = "; ".join(s.describe() for s in open_elsewhere)
        raise ConflictError(
            _("The database is open in another window: {who}. Ask them to close PSE Desktop "
              "(or close it yourself), then restore.").format(who=who))


def _stamp_generation(path: Path) -> None:
    """Give the data to restore a new generation number: open windows see it changed."""
    conn = sqlite3.connect(str(path))
    try:
        conn.execute(f"PRAGMA user_version = {new_generation()}")
        conn.commit()
    finally:
        conn.close()


def _copy_into_live(staged: Path, live: Path) -> None:
    """Write the backup into the live file with SQLite's backup API, as one transaction.

    The file is never replaced: a window that has it open keeps a valid file under it and
    sees the new generation at its next save, instead of writing into a deleted file (and
    deleting the new file's -wal and -shm when it closes).
    """
    src = sqlite3.connect(f"file:{staged}?mode=ro", uri=True)
    dst = sqlite3.connect(str(live), timeout=10)
    try:
        src.backup(dst)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseBusy() from exc
        raise
    finally:
        dst.close()
        src.close()


def restore(actor: Actor, target: Target, source: Path) -> Path:
    """Replace the database with ``source`` after checking it; return the safety copy's path.

    The current database is copied to the backups folder first, so a restore can be undone.
    """
    require(actor, "admin.backup")
    source = Path(source)
    report = check_file(source)
    if not report.ok:
        raise ValidationError("backup file", "; ".join(report.problems))
    if target.is_postgres:
        return _restore_postgres(actor, target, source)
    if source.suffix == pgdump.SUFFIX:
        raise ValidationError("backup file", _("a PostgreSQL backup goes into a PostgreSQL database"))
    live = _sqlite_only(target)
    refuse_while_open_elsewhere(live)
    folder = backup_folder(target)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    safety = None
    if live.exists():
        safety = _copy(target, folder / f"before-restore-{stamp}.sqlite3")
    staged = live.with_name(live.name + ".restoring")
    private_file(staged)
    shutil.copyfile(source, staged)
    try:
        _stamp_generation(staged)
        dbmod.close_database()
        if live.exists():
            _copy_into_live(staged, live)
        else:
            os.replace(staged, live)
    finally:
        staged.unlink(missing_ok=True)
    dbmod.init_database(target, backup_dir=folder)
    prune(target)  # old safety copies and generations, by the restored database's settings
    with dbmod.database.atomic():
        audit.record(actor, "core", "restore", "database", "",
                     f"restored from {source}; previous database kept as {safety}")
    return safety


def _restore_postgres(actor: Actor, target: Target, source: Path) -> None:
    """pg_restore into the target database, which must be empty (a shared server's current
    database may be in use by other sites: restore into a new one, then point them at it)."""
    if source.suffix != pgdump.SUFFIX:
        raise ValidationError("backup file", _("a PostgreSQL database is restored from a "
                                                "{suffix} backup; to load a SQLite file use migrate-to")
                              .format(suffix=pgdump.SUFFIX))
    pgdump.tool("pg_restore")
    db = dbmod.open_raw(target)
    tables = [t for t in db.get_tables() if t != migrations.SCHEMA_TABLE]
    if tables:
        dbmod.close_database()
        raise ConflictError(_("{database} is not empty ({n} tables). Create an empty database "
                              "(createdb NAME), restore into it, then point the sites at it.")
                            .format(database=target.label, n=len(tables)))
    if migrations.SCHEMA_TABLE in db.get_tables():
        db.execute_sql(f"DROP TABLE {migrations.SCHEMA_TABLE}")
    dbmod.close_database()
    pgdump.load(target.url, source)
    dbmod.init_database(target)
    with dbmod.database.atomic():
        audit.record(actor, "core", "restore", "database", "", f"restored from {source}")
    return None

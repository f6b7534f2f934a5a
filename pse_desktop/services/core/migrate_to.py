"""Move an office from its SQLite file to the shared PostgreSQL server, in one command.

Every table is copied in one transaction (parents before children), the id sequences are set
after the copied ids, and the row counts of both sides are compared before the commit. The SQLite
file is only ever opened read-only: it stays as it was, a fallback if anything goes wrong.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ... import db as dbmod
from ...db import Target, all_models, dialect, migrations
from ..common.errors import ConflictError, ValidationError
from ...i18n import _
from . import audit, backup
from .permissions import Actor, require

BATCH = 20_000


@dataclass
class MoveReport:
    source: Path
    destination: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def migrate_to(actor: Actor, source: Target, destination: Target, progress=None) -> MoveReport:
    """Copy the SQLite database ``source`` into the empty PostgreSQL ``destination``."""
    require(actor, "admin.backup")
    if source.is_postgres:
        raise ValidationError("database", _("migrate-to copies from an SQLite file (use --db FILE)"))
    if not destination.is_postgres:
        raise ValidationError("destination", _("give a postgresql:// URL"))
    check = backup.check_file(source.path)
    if not check.ok:
        raise ValidationError("database", "; ".join(check.problems))
    if migrations.pending(check.versions):
        raise ConflictError(_("{file} was made by an older version: open it once with this "
                              "program (it is upgraded after a backup), then move it.").format(file=source.path))
    progress = progress or (lambda message, fraction: None)
    dbmod.close_database()
    dbmod.init_database(destination)
    db = dbmod.database.obj
    models = all_models()
    report = MoveReport(source.path, destination.label)
    src = _read_only(source.path)
    try:
        with db.atomic():
            _refuse_data(models)
            tables = ", ".join(f'"{m._meta.table_name}"' for m in models)
            for m in models:
                db.execute_sql(f'ALTER TABLE "{m._meta.table_name}" DISABLE TRIGGER USER')
            # the migrations' own rows (default rates, themes) come back from the file
            db.execute_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
            for i, m in enumerate(models):
                progress(m._meta.table_name, i / len(models))
                report.counts[m._meta.table_name] = _copy_table(src, m)
            for m in models:
                db.execute_sql(f'ALTER TABLE "{m._meta.table_name}" ENABLE TRIGGER USER')
            dialect.set_sequences(db, models)
            wrong = [f"{name}: {n} in the file, {m.select().count()} on the server"
                     for m in models for name, n in [(m._meta.table_name,
                                                      report.counts[m._meta.table_name])]
                     if m.select().count() != n]
            if wrong:
                raise ConflictError("the copy is incomplete, nothing was kept: " + "; ".join(wrong))
            audit.record(actor, "core", "migrate", "database", "",
                         f"moved from {source.path}: {report.rows} rows in {len(models)} tables")
    finally:
        src.close()
    progress("done", 1.0)
    return report


def _refuse_data(models) -> None:
    from ...db.core import User

    if User.select().exists():
        raise ConflictError(_("the server's database already has data: move an office into a new, "
                              "empty database (createdb NAME)"))


def _copy_table(src: sqlite3.Connection, model) -> int:
    table = model._meta.table_name
    columns = [f.column_name for f in model._meta.sorted_fields]
    have = {row[1] for row in src.execute(f'PRAGMA table_info("{table}")')}
    if not have:
        return 0
    columns = [c for c in columns if c in have]
    bools = {f.column_name for f in model._meta.sorted_fields if f.field_type == "BOOL"}
    cursor = src.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in columns)} '
                         f'FROM "{table}" ORDER BY rowid')
    total = 0
    while True:
        rows = cursor.fetchmany(BATCH)
        if not rows:
            return total
        if bools:
            flags = [i for i, c in enumerate(columns) if c in bools]
            rows = [tuple(bool(v) if i in flags and v is not None else v
                          for i, v in enumerate(row)) for row in rows]
        dialect.insert_rows(f'"{table}"', [f'"{c}"' for c in columns], rows)
        total += len(rows)

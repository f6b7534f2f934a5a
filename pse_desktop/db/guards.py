"""Database triggers that keep history honest on both engines: append-only tables and locks.

An area declares its guards once; its migration installs them on SQLite (``RAISE(ABORT)``) or
PostgreSQL (a plpgsql function raising SQLSTATE 23000, so both engines report an
``IntegrityError``); ``missing`` lists the triggers a database lacks (``pse-desktop check``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import peewee as pw

#: SQLSTATE integrity_constraint_violation: psycopg2 and peewee raise IntegrityError for it.
PG_ERRCODE = "23000"


@dataclass(frozen=True)
class Guard:
    name: str
    table: str
    op: str  # INSERT, UPDATE or DELETE
    condition: str  # SQL over OLD/NEW, "" for always
    message: str


_AREAS: dict[str, list] = {}


def declare(area: str, source) -> None:
    """Register ``source()`` (returning guards) for ``area``; read at install and check time."""
    _AREAS.setdefault(area, []).append(source)


def guards(area: str | None = None) -> list[Guard]:
    areas = [area] if area else list(_AREAS)
    return [g for a in areas for source in _AREAS.get(a, []) for g in source()]


def append_only(tables, message: str = "{table} rows are never changed"):
    """A source of guards refusing UPDATE and DELETE on each table."""
    def source():
        return [Guard(f"{t}_no_{op.lower()}", t, op, "", message.format(table=t))
                for t in tables for op in ("UPDATE", "DELETE")]
    return source


_CLAUSE = re.compile(r"^BEFORE (INSERT|UPDATE|DELETE) ON (\w+)(?: WHEN (.*))?$", re.S)


def from_clauses(clauses: dict[str, str], message: str):
    """A source of guards from SQLite trigger clauses: ``{name: "BEFORE op ON t WHEN cond"}``."""
    def source():
        out = []
        for name, clause in clauses.items():
            m = _CLAUSE.match(clause.strip())
            if not m:
                raise ValueError(f"guard {name}: cannot read {clause!r}")
            out.append(Guard(name, m.group(2), m.group(1), m.group(3) or "", message))
        return out
    return source


def _quote(text: str) -> str:
    return text.replace("'", "''")


def install(db: pw.Database, area: str) -> None:
    """Create (or replace) the area's triggers; safe to run again."""
    for g in guards(area):
        if isinstance(db, pw.PostgresqlDatabase):
            ret = "OLD" if g.op == "DELETE" else "NEW"
            body = f"RAISE EXCEPTION '{_quote(g.message)}' USING ERRCODE = '{PG_ERRCODE}';"
            if g.condition:
                body = f"IF {g.condition} THEN {body} END IF;"
            db.execute_sql(f"CREATE OR REPLACE FUNCTION {g.name}() RETURNS trigger AS $$ "
                           f"BEGIN {body} RETURN {ret}; END; $$ LANGUAGE plpgsql")
            db.execute_sql(f"DROP TRIGGER IF EXISTS {g.name} ON {g.table}")
            db.execute_sql(f"CREATE TRIGGER {g.name} BEFORE {g.op} ON {g.table} "
                           f"FOR EACH ROW EXECUTE FUNCTION {g.name}()")
            if g.op == "DELETE" and not g.condition:  # TRUNCATE skips row triggers
                db.execute_sql(f"DROP TRIGGER IF EXISTS {g.table}_no_truncate ON {g.table}")
                db.execute_sql(f"CREATE TRIGGER {g.table}_no_truncate BEFORE TRUNCATE ON "
                               f"{g.table} FOR EACH STATEMENT EXECUTE FUNCTION {g.name}()")
        else:
            when = f" WHEN {g.condition}" if g.condition else ""
            db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS {g.name} BEFORE {g.op} ON {g.table}"
                           f"{when} BEGIN SELECT RAISE(ABORT, '{_quote(g.message)}'); END")


def present(db: pw.Database) -> set[str]:
    """Return the names of the triggers in the database."""
    if isinstance(db, pw.PostgresqlDatabase):
        rows = db.execute_sql("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal").fetchall()
    else:
        rows = db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    return {r[0] for r in rows}


def missing(db: pw.Database) -> list[str]:
    """Return 'table: trigger' for every declared guard the open database lacks."""
    return missing_from(present(db), set(db.get_tables()))


def missing_from(have: set[str], tables: set[str]) -> list[str]:
    """Return 'table: trigger' for every declared guard on ``tables`` not among ``have``."""
    return [f"{g.table}: {g.name}" for g in guards() if g.table in tables and g.name not in have]

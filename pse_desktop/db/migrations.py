"""Schema versions per area, and the migrations that bring an older database up to date.

Each area's model module registers its migrations with ``@migration(area, version, text)``.
A migration that adds a table uses ``create_tables``; one that changes an existing table uses
``playhouse.migrate`` so that it runs on SQLite and PostgreSQL alike. Migrations never change:
a later change is a new migration with the next version number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

import peewee

SCHEMA_TABLE = "pse_schema"


@dataclass(frozen=True)
class Migration:
    area: str
    version: int
    description: str
    apply: Callable[[peewee.Database], None]


_REGISTRY: dict[str, dict[int, Migration]] = {}
#: (area, version) -> the SQLite triggers (locks, append-only logs) a database of that version has
_TRIGGERS: dict[tuple[str, int], set[str]] = {}
_AREA_ORDER: list[str] = []


def migration(area: str, version: int, description: str):
    """Register ``fn(db)`` as migration ``version`` of ``area``."""

    def deco(fn):
        versions = _REGISTRY.setdefault(area, {})
        if area not in _AREA_ORDER:
            _AREA_ORDER.append(area)
        if version in versions and versions[version].apply is not fn:
            raise RuntimeError(f"migration {area} {version} registered twice")
        versions[version] = Migration(area, version, description, fn)
        return fn

    return deco


def expect_triggers(area: str, version: int, names) -> None:
    """Declare the triggers that migration ``version`` of ``area`` leaves in a SQLite database."""
    _TRIGGERS.setdefault((area, version), set()).update(names)


def expected_triggers(applied: dict[str, int]) -> set[str]:
    """Return the triggers a SQLite database at the ``applied`` versions must have."""
    return {name for (area, version), names in _TRIGGERS.items()
            if applied.get(area, 0) >= version for name in names}


def known_versions() -> dict[str, int]:
    """Return the newest version of each area this program knows."""
    return {area: max(v) for area, v in _REGISTRY.items() if v}


def ensure_schema_table(db: peewee.Database) -> None:
    db.execute_sql(
        f"CREATE TABLE IF NOT EXISTS {SCHEMA_TABLE} ("
        "area VARCHAR(40) PRIMARY KEY, version INTEGER NOT NULL, applied_at VARCHAR(32) NOT NULL)"
    )


def applied_versions_from_cursor(rows) -> dict[str, int]:
    return {area: int(version) for area, version in rows}


def applied_versions(db: peewee.Database) -> dict[str, int]:
    """Return the version of each area stored in the database (empty for a new one)."""
    if SCHEMA_TABLE not in db.get_tables():
        return {}
    return applied_versions_from_cursor(
        db.execute_sql(f"SELECT area, version FROM {SCHEMA_TABLE}").fetchall()
    )


def newer_areas(applied: dict[str, int]) -> list[str]:
    """Return a description of each area the database has in a newer version than we know."""
    known = known_versions()
    out = []
    for area, version in sorted(applied.items()):
        if area not in known:
            out.append(f"{area} (version {version}, unknown to this program)")
        elif version > known[area]:
            out.append(f"{area} (version {version}, this program knows {known[area]})")
    return out


def pending(applied: dict[str, int], upto: dict[str, int] | None = None) -> list[Migration]:
    """Return the migrations still to run, area by area in registration order."""
    out = []
    for area in _AREA_ORDER:
        limit = (upto or {}).get(area, max(_REGISTRY[area]))
        for version in sorted(_REGISTRY[area]):
            if applied.get(area, 0) < version <= limit:
                out.append(_REGISTRY[area][version])
    return out


def run(db: peewee.Database, steps: list[Migration]) -> None:
    """Run migrations, each in its own transaction with its version bump."""
    ensure_schema_table(db)
    for mig in steps:
        with db.atomic():
            mig.apply(db)
            now = dt.datetime.now().isoformat(timespec="seconds")
            updated = db.execute_sql(
                f"UPDATE {SCHEMA_TABLE} SET version = %s, applied_at = %s WHERE area = %s"
                .replace("%s", db.param),
                (mig.version, now, mig.area),
            ).rowcount
            if not updated:
                db.execute_sql(
                    f"INSERT INTO {SCHEMA_TABLE} (area, version, applied_at) VALUES (%s, %s, %s)"
                    .replace("%s", db.param),
                    (mig.area, mig.version, now),
                )

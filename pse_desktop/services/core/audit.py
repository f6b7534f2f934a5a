"""The append-only audit log: who changed what, and when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...db.core import AuditEntry, User
from .permissions import Actor, internal, require


@internal
def record(actor: Actor, area: str, action: str, entity: str, entity_id, summary: str) -> None:
    """Append one entry; call it inside the write's transaction."""
    AuditEntry.create(
        at=dt.datetime.now(),
        user=actor.id,
        username=actor.username,
        area=area,
        action=action,
        entity=entity,
        entity_id="" if entity_id is None else str(entity_id),
        summary=summary[:2000],
    )


def describe_changes(before: dict, after: dict) -> str:
    """Return 'field: old -> new' for each changed field, for readable audit summaries."""
    parts = []
    for key, new in after.items():
        old = before.get(key)
        if old != new:
            parts.append(f"{key}: {old!r} -> {new!r}")
    return "; ".join(parts) or "no change"


@dataclass(frozen=True)
class AuditRow:
    at: dt.datetime
    username: str
    area: str
    action: str
    entity: str
    entity_id: str
    summary: str


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    total: int
    page: int
    page_size: int


def list_entries(actor: Actor, *, username: str | None = None, area: str | None = None,
                 date_from: dt.date | None = None, date_to: dt.date | None = None,
                 page: int = 0, page_size: int = 200) -> AuditPage:
    """Return one page of entries, newest first, filtered."""
    require(actor, "admin.audit")
    query = AuditEntry.select()
    if username:
        query = query.where(AuditEntry.username == username)
    if area:
        query = query.where(AuditEntry.area == area)
    if date_from:
        query = query.where(AuditEntry.at >= dt.datetime.combine(date_from, dt.time()))
    if date_to:
        query = query.where(AuditEntry.at < dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time()))
    total = query.count()
    rows = [
        AuditRow(e.at, e.username, e.area, e.action, e.entity, e.entity_id, e.summary)
        for e in query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(page_size).offset(page * page_size)
    ]
    return AuditPage(rows, total, page, page_size)


def filter_choices(actor: Actor) -> tuple[list[str], list[str]]:
    """Return the user names and areas that appear in the log, for the filter boxes."""
    require(actor, "admin.audit")
    users = sorted({u.username for u in User.select(User.username)} |
                   {r.username for r in AuditEntry.select(AuditEntry.username).distinct()})
    areas = sorted(r.area for r in AuditEntry.select(AuditEntry.area).distinct())
    return users, areas

"""A child's attendance history: every mark, who recorded it and when, and the changes made
to the registers of those days afterwards (from the audit log: who, when, why)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...db.centres import Child, Group, Mark
from ...db.core import AuditEntry, User
from ..common.errors import NotFound
from ...i18n import _
from ..core.permissions import Actor, require
from .rules import AREA, MARKS


@dataclass(frozen=True)
class RegisterChange:
    at: dt.datetime
    user: str
    summary: str  # the audit line: the day's marks, how many changed, and the reason


@dataclass(frozen=True)
class MarkHistory:
    day: dt.date
    group: str
    status: str  # the mark in force: Present, Absent...
    reason: str  # an excused absence's reason
    recorded_by: str
    recorded_at: dt.datetime | None
    changes: tuple[RegisterChange, ...]  # each later save of that day's register that changed marks


@dataclass(frozen=True)
class ChildHistory:
    child_id: int
    code: str
    name: str
    marks: list[MarkHistory]


def child_history(actor: Actor, code_or_id, *, first: dt.date | None = None,
                  last: dt.date | None = None) -> ChildHistory:
    """The child's marks (newest first) between ``first`` and ``last``, each with the register
    changes of its day."""
    query = Child.select()
    child = (query.where(Child.id == int(code_or_id)).first() if str(code_or_id).isdigit()
             else query.where(Child.code == str(code_or_id).strip().upper()).first())
    if child is None:
        raise NotFound(_("child {child}").format(child=code_or_id))
    require(actor, "attendance.view", centre_id=child.centre_id)
    where = Mark.child == child.id
    if first:
        where &= Mark.day >= first
    if last:
        where &= Mark.day <= last
    marks = list(Mark.select(Mark, Group).join(Group).where(where)
                 .order_by(Mark.day.desc()))
    users = {u.id: u.username for u in User.select(User.id, User.username)
             .where(User.id.in_([m.recorded_by_id for m in marks if m.recorded_by_id] or [0]))}
    keys = [f"{m.group.id}:{m.day}" for m in marks]
    audit: dict[str, list[RegisterChange]] = {}
    if keys:
        entries = (AuditEntry.select()
                   .where((AuditEntry.area == AREA) & (AuditEntry.entity == "register")
                          & AuditEntry.entity_id.in_(keys))
                   .order_by(AuditEntry.at))
        for e in entries:
            if "changed" in e.summary or "reason:" in e.summary:
                audit.setdefault(e.entity_id, []).append(
                    RegisterChange(e.at, e.username, e.summary))
    rows = [MarkHistory(m.day, m.group.name, MARKS.get(m.status, m.status), m.reason,
                        users.get(m.recorded_by_id, ""), m.recorded_at,
                        tuple(audit.get(f"{m.group.id}:{m.day}", ())))
            for m in marks]
    return ChildHistory(child.id, child.code, child.name_latin, rows)

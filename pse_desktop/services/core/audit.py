"""The append-only audit log: who changed what, and when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...db.core import AuditEntry, User
from .permissions import Actor, internal, require
from ...i18n import N_, _


#: What an entry did, by its action code, in words the log shows in the reader's language
#: (tests/services/core/test_audit.py reads the services for codes missing here).
ACTIONS = {
    "activate": N_("activate"),
    "adjust": N_("adjust"),
    "approve": N_("approve"),
    "assign": N_("assign"),
    "attendance": N_("attendance"),
    "backup": N_("backup"),
    "bom": N_("bill of materials"),
    "build": N_("build"),
    "cancel": N_("cancel"),
    "cancel_count": N_("cancel count"),
    "cancelled": N_("cancelled"),
    "change_password": N_("change password"),
    "close": N_("close"),
    "close_day": N_("close day"),
    "collect": N_("collect"),
    "complete": N_("complete"),
    "confirmed": N_("confirmed"),
    "correct": N_("correct"),
    "count": N_("count"),
    "create": N_("create"),
    "damage": N_("damage"),
    "deactivate": N_("deactivate"),
    "decide": N_("decide"),
    "delete": N_("delete"),
    "deliver": N_("deliver"),
    "delivered": N_("delivered"),
    "demo": N_("demo"),
    "designate": N_("designate"),
    "done": N_("done"),
    "draft": N_("draft"),
    "drop": N_("drop"),
    "end": N_("end"),
    "enter_count": N_("enter count"),
    "export": N_("export"),
    "finalise": N_("finalise"),
    "import": N_("import"),
    "in_progress": N_("in progress"),
    "lines": N_("lines"),
    "login": N_("login"),
    "login_failed": N_("login failed"),
    "lost": N_("lost"),
    "mark": N_("mark"),
    "mid_month": N_("mid-month payment"),
    "migrate": N_("migrate"),
    "move": N_("move"),
    "notes": N_("notes"),
    "output": N_("output"),
    "pay": N_("pay"),
    "post_count": N_("post count"),
    "propose": N_("propose"),
    "quick_fill": N_("quick fill"),
    "rate": N_("rate"),
    "receive": N_("receive"),
    "reconcile": N_("reconcile"),
    "refuse": N_("refuse"),
    "register": N_("register"),
    "reopen_day": N_("reopen day"),
    "reset_password": N_("reset password"),
    "restore": N_("restore"),
    "return": N_("return"),
    "select": N_("select"),
    "sell": N_("sell"),
    "skill": N_("skill"),
    "start_count": N_("start count"),
    "transfer": N_("transfer"),
    "uniforms": N_("uniforms"),
    "unselect": N_("unselect"),
    "update": N_("update"),
    "void": N_("void"),
}


def action_label(action: str) -> str:
    """An entry's action in the reader's language (a code not listed stays as stored)."""
    return _(ACTIONS[action]) if action in ACTIONS else action


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

"""This computer's copy of what the blank paper registers need (centres, groups, their children,
days off), so that a centre can still print them when the shared server cannot be reached.

One small file per computer, refreshed each time the daily register screen loads: the centres
the user sees are replaced, the others kept (two centres' staff may share a computer). It holds
names and codes only, never marks, and is written 0600 like the database.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ...db.centres import Child, GroupMembership
from ...db.core import Centre
from ...i18n import _
from ..common.errors import NotFound
from ..core import settings
from ..core.connections import machine_file
from ..core.permissions import Actor, require
from .groups import days_off, list_groups
from .rules import centre_ids_for, month_bounds
from .summary import MonthRegister, RegisterLine

#: Days off kept ahead: a copy made today prints this month and the next ones.
MONTHS_AHEAD = 3
VERSION = 1


def copy_path() -> Path:
    return machine_file("paper-registers.json")


def _months(today: dt.date) -> tuple[dt.date, dt.date]:
    first = today.replace(day=1)
    year, month = divmod(first.month - 1 + MONTHS_AHEAD, 12)
    last = dt.date(first.year + year, month + 1, 1) - dt.timedelta(days=1)
    return first, last


def _centre_copy(actor: Actor, centre: Centre, today: dt.date) -> dict:
    first, last = _months(today)
    groups = []
    for info in list_groups(actor, centre.id):
        members = (Child.select(Child.code, Child.name_km, Child.name_latin)
                   .join(GroupMembership)
                   .where(GroupMembership.group == info.id, GroupMembership.start_on <= today,
                          GroupMembership.end_on.is_null() | (GroupMembership.end_on >= today),
                          Child.enrolled_on <= today,
                          Child.exit_on.is_null() | (Child.exit_on >= today))
                   .order_by(Child.name_latin, Child.id).tuples())
        groups.append({"name": info.name, "label": info.label, "staff": info.staff_name,
                       "children": [list(row) for row in members]})
    off = days_off(centre.id, first, last)
    return {"code": centre.code, "name": centre.name, "groups": groups,
            "days_off": {d.isoformat(): name for d, name in sorted(off.items())}}


def keep_copy(actor: Actor, today: dt.date | None = None) -> Path:
    """Write (or refresh) this computer's copy for the centres the actor sees; return its path."""
    require(actor, "attendance.view")
    today = today or dt.date.today()
    limit = centre_ids_for(actor)
    query = Centre.select().where(Centre.active == True).order_by(Centre.code)  # noqa: E712
    if limit is not None:
        query = query.where(Centre.id.in_(limit))
    fresh = {c.code: _centre_copy(actor, c, today) for c in query}
    old = read_copy() or {}
    centres = {c["code"]: c for c in old.get("centres", []) if c.get("code") not in fresh}
    centres.update(fresh)
    data = {"version": VERSION, "saved_on": today.isoformat(), "org": settings.get("org_name"),
            "days_per_week": settings.get("school_days_per_week"),
            "centres": [centres[code] for code in sorted(centres)]}
    return _write(data)


def _write(data: dict) -> Path:
    from ...files import private_file

    path = copy_path()
    tmp = private_file(path.with_name(path.name + ".part"))
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    return path


def read_copy() -> dict | None:
    """This computer's copy, or None when there is none (or it cannot be read)."""
    try:
        data = json.loads(copy_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return None
    return data


def copy_summary() -> str | None:
    """One line saying what the copy holds (centres, children, date), or None without a copy."""
    data = read_copy()
    if not data or not data["centres"]:
        return None
    children = sum(len(g["children"]) for c in data["centres"] for g in c["groups"])
    return _("Copy of {date}: {centres}, {children} children").format(
        date=data["saved_on"], centres=", ".join(c["code"] for c in data["centres"]),
        children=children)


def blank_registers_from_copy(month, centre_code: str | None = None) -> list[MonthRegister]:
    """The blank registers of a month (every group, or one centre's) from this computer's copy;
    no database is opened. Raise NotFound when there is no copy."""
    data = read_copy()
    if not data or not data["centres"]:
        raise NotFound(_("This computer has no copy of the registers yet: it is made when the "
                         "daily register screen is opened while the server is reachable."))
    first, last = month_bounds(month)
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    per_week = data.get("days_per_week") or 5
    out = []
    for centre in data["centres"]:
        if centre_code and centre["code"] != centre_code:
            continue
        off = {dt.date.fromisoformat(d): name for d, name in centre["days_off"].items()}
        closed = {d: off.get(d) or d.strftime("%a") for d in days
                  if d in off or d.weekday() >= per_week}
        for group in centre["groups"]:
            lines = [RegisterLine(0, code, km, latin) for code, km, latin in group["children"]]
            out.append(MonthRegister(data["org"], centre["code"], centre["name"], group["name"],
                                     group["label"], group["staff"], first, last, days, closed,
                                     lines, blank=True))
    return out


def print_blank_from_copy(month, out, centre_code: str | None = None) -> Path:
    """Draw the month's blank registers from this computer's copy into a PDF; return its path."""
    from ...reports.centres.register import render_registers

    return render_registers(blank_registers_from_copy(month, centre_code), out)

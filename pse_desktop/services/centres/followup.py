"""Follow-up lists: children absent several school days in a row, children under a rate this
month, groups without a register today; with the family's contact, for a visit."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from peewee import fn

from ...db.centres import Child, Group, GroupMembership, Mark
from ...db.core import Centre
from ..core import settings
from .rules import centre_ids_for, month_bounds, relation_label
from .groups import why_closed
from .summary import rate
from .families import families_by_id
from ..core.permissions import Actor, can, require
from ...i18n import _, ngettext


@dataclass(frozen=True)
class FollowUp:
    child_id: int
    code: str
    name_km: str
    name_latin: str
    centre_code: str
    group_name: str
    figure: str  # "5 days" or "62%"
    last_present: dt.date | None
    family_code: str
    contact: str
    guardians: str


def _rows(child_ids, figures: dict, last_present: dict, today: dt.date) -> list[FollowUp]:
    kids = list(Child.select(Child, Centre.code.alias("centre_code")).join(Centre)
                .where(Child.id.in_(list(child_ids))).objects())
    fams = families_by_id(k.family_id for k in kids)
    groups = dict(GroupMembership.select(GroupMembership.child, Group.name).join(Group)
                  .where(GroupMembership.child.in_(list(child_ids)), GroupMembership.start_on <= today,
                         GroupMembership.end_on.is_null() | (GroupMembership.end_on >= today))
                  .tuples())
    out = []
    for k in kids:
        f = fams.get(k.family_id)
        out.append(FollowUp(k.id, k.code, k.name_km, k.name_latin, k.centre_code,
                            groups.get(k.id, ""), figures[k.id], last_present.get(k.id),
                            f.code if f else "", f.contact if f else "",
                            ", ".join(f"{g.name_latin} ({relation_label(g.relation)})"
                                      for g in f.guardians) if f else ""))
    return out


def absence_streaks(actor: Actor, min_days: int | None = None, today: dt.date | None = None,
                    centre_id: int | None = None) -> list[FollowUp]:
    """Return children whose last ``min_days`` (setting ``absence_streak_days``) marks are all
    'absent', longest streak first; the figure is the length of the streak."""
    require(actor, "attendance.followup", centre_id=centre_id)
    n = min_days or settings.get("absence_streak_days")
    today = today or dt.date.today()
    # The last n days on which anyone was marked, read from the (day) index.
    recent = [r[0] for r in Mark.select(Mark.day).where(
        Mark.day <= today, Mark.day >= today - dt.timedelta(days=60))
        .distinct().order_by(Mark.day.desc()).limit(n).tuples()]
    if len(recent) < n:
        return []
    candidates = [cid for (cid,) in Mark.select(Mark.child)
                  .where(Mark.day.in_(recent), Mark.status == "A")
                  .group_by(Mark.child).having(fn.COUNT(Mark.id) == n).tuples()]
    if not candidates:
        return []
    limit = centre_ids_for(actor) if centre_id is None else [centre_id]
    query = Child.select(Child.id).where(Child.id.in_(candidates), Child.exit_on.is_null()
                                         | (Child.exit_on >= today))
    if limit is not None:
        query = query.where(Child.centre.in_(limit))
    keep = {c.id for c in query}
    streaks, last_present = {}, {}
    history = (Mark.select(Mark.child, Mark.day, Mark.status)
               .where(Mark.child.in_(list(keep)), Mark.day >= today - dt.timedelta(days=120),
                      Mark.day <= today)
               .order_by(Mark.child, Mark.day.desc()).tuples())
    by_child = defaultdict(list)
    for cid, day, status in history:
        by_child[cid].append((day, status))
    for cid in keep:
        count = 0
        for day, status in by_child[cid]:
            if status != "A":
                last_present[cid] = day if isinstance(day, dt.date) else dt.date.fromisoformat(day)
                break
            count += 1
        streaks[cid] = count
    rows = _rows(keep, {cid: ngettext("{n} day", "{n} days", streaks[cid]).format(n=streaks[cid])
                        for cid in keep}, last_present, today)
    return sorted(rows, key=lambda r: (-int(r.figure.split()[0]), r.centre_code, r.name_latin))


def low_attendance(actor: Actor, month=None, percent: int | None = None, today: dt.date | None = None,
                   min_marks: int = 3) -> list[FollowUp]:
    """Return children under ``percent`` (setting ``low_attendance_percent``) this month,
    lowest first; children with fewer than ``min_marks`` marks are left out."""
    require(actor, "attendance.followup")
    today = today or dt.date.today()
    first, last = month_bounds(month or today)
    percent = percent or settings.get("low_attendance_percent")
    query = (Mark.select(Mark.child, Mark.status, fn.COUNT(Mark.id))
             .where(Mark.day.between(first, min(last, today))))
    limit = centre_ids_for(actor)
    if limit is not None:
        query = query.join(Group).where(Group.centre.in_(limit))
    counts: dict[int, Counter] = defaultdict(Counter)
    for cid, status, n in query.group_by(Mark.child, Mark.status).tuples():
        counts[cid][status] = n
    low = {cid: rate(c) for cid, c in counts.items()
           if sum(c.values()) >= min_marks and rate(c) is not None and rate(c) < percent}
    rows = _rows(low, {cid: f"{v:.0f}%" for cid, v in low.items()}, {}, today)
    return sorted(rows, key=lambda r: (float(r.figure[:-1]), r.centre_code, r.name_latin))


@dataclass(frozen=True)
class OpenRegister:
    group_id: int
    centre_id: int
    centre_code: str
    group_name: str
    children: int
    marked: int


def unregistered_groups(actor: Actor, day: dt.date | None = None) -> list[OpenRegister]:
    """Return the actor's groups with children that day but not every child marked yet."""
    require(actor, "attendance.view")
    day = day or dt.date.today()
    query = (Group.select(Group.id, Group.centre, Group.name, Centre.code).join(Centre)
             .where(Group.active == True))  # noqa: E712
    limit = centre_ids_for(actor)
    if limit is not None:
        query = query.where(Group.centre.in_(limit))
    groups = list(query.tuples())
    open_centres = {cid for cid in {g[1] for g in groups} if not why_closed(cid, day)}
    size = dict(GroupMembership.select(GroupMembership.group, fn.COUNT(Child.id)).join(Child)
                .where(GroupMembership.start_on <= day,
                       GroupMembership.end_on.is_null() | (GroupMembership.end_on >= day),
                       Child.enrolled_on <= day, Child.exit_on.is_null() | (Child.exit_on >= day))
                .group_by(GroupMembership.group).tuples())
    marked = dict(Mark.select(Mark.group, fn.COUNT(Mark.id)).where(Mark.day == day)
                  .group_by(Mark.group).tuples())
    return [OpenRegister(gid, cid, code, name, size.get(gid, 0), marked.get(gid, 0))
            for gid, cid, name, code in groups
            if cid in open_centres and size.get(gid, 0) and marked.get(gid, 0) < size.get(gid, 0)]


def home_cards(actor: Actor, target) -> list:
    """Home page: registers still to take today; for the follow-up, absences in a row."""
    from ..core.home import Card

    cards = []
    if can(actor, "attendance.mark"):
        waiting = unregistered_groups(actor)
        if waiting:
            lines = [_("{centre} {group}: {marked} of {children} marked").format(
                centre=o.centre_code, group=o.group_name, marked=o.marked, children=o.children)
                     for o in waiting[:6]]
            if len(waiting) > 6:
                lines.append(_("... and {value} more").format(value=len(waiting) - 6))
            cards.append(Card(_("Registers to take today"), tuple(lines), "register", "warning"))
    if can(actor, "attendance.followup"):
        streaks = absence_streaks(actor)
        if streaks:
            lines = [_("{name} ({centre}): absent {figure}").format(
                name=r.name_latin, centre=r.centre_code, figure=r.figure) for r in streaks[:5]]
            if len(streaks) > 5:
                lines.append(_("... {n} children in all").format(n=len(streaks)))
            cards.append(Card(_("Absent days in a row"), tuple(lines), "followup", "danger"))
    return cards

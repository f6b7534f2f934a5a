"""The daily register: who is in a group on a day, and saving their marks.

A whole day is saved with one multi-row upsert on (child, day), and the group's monthly totals
are adjusted by the difference in the same transaction, with one audit entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass

from peewee import EXCLUDED

from ...db import database, dialect
from ...db.centres import Child, Group, GroupMembership, Mark, MonthTotal
from ...db.core import User
from ..core import audit
from ..common import validate
from .rules import AREA, EXCUSE_REASONS, MARK_COLUMNS, MARKS
from .groups import get_group, why_closed
from ..common.errors import ConflictError, NotFound, ValidationError
from ..core.permissions import Actor, require
from ...formats import format_date
from ...i18n import _


@dataclass(frozen=True)
class RegisterRow:
    child_id: int
    code: str
    name_km: str
    name_latin: str
    sex: str
    status: str  # "" when not marked yet
    reason: str
    recorded_by: str
    recorded_at: dt.datetime | None


@dataclass(frozen=True)
class Register:
    group_id: int
    centre_id: int
    group_name: str
    day: dt.date
    closed: str | None  # why there is no register that day, or None
    rows: list[RegisterRow]
    #: Changes whenever anyone saves a mark of this group and day: ``record_day`` refuses to
    #: overwrite a register loaded at another version.
    version: str = ""

    @property
    def marked(self) -> int:
        return sum(1 for r in self.rows if r.status)

    def counts(self) -> Counter:
        return Counter(r.status for r in self.rows if r.status)


class RegisterChanged(ConflictError):
    """Someone else saved this register since it was loaded; ``register`` is what is there now."""

    def __init__(self, register: Register):
        names = sorted({r.recorded_by for r in register.rows if r.recorded_by})
        super().__init__(
            f"{', '.join(names) or 'Someone else'} changed this register since you opened it. "
            "Their marks are shown now; nothing of yours was saved.")
        self.register = register


def changed_rows(before: Register, now: Register) -> list[RegisterRow]:
    """Return the rows of ``now`` whose mark differs from ``before`` (another user's changes)."""
    old = {r.child_id: (r.status, r.reason) for r in before.rows}
    return [r for r in now.rows if old.get(r.child_id, ("", "")) != (r.status, r.reason)]


def _version(group_id: int, day: dt.date) -> str:
    rows = (Mark.select(Mark.child, Mark.status, Mark.reason, Mark.recorded_by, Mark.recorded_at)
            .where(Mark.group == group_id, Mark.day == day).order_by(Mark.child).tuples())
    text = "|".join(f"{c},{s},{r},{b},{_as_datetime(a)}" for c, s, r, b, a in rows)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _members_query(group_id: int, day: dt.date):
    return (Child.select(Child.id, Child.code, Child.name_km, Child.name_latin, Child.sex)
            .join(GroupMembership)
            .where(GroupMembership.group == group_id, GroupMembership.start_on <= day,
                   GroupMembership.end_on.is_null() | (GroupMembership.end_on >= day),
                   Child.enrolled_on <= day, Child.exit_on.is_null() | (Child.exit_on >= day)))


def load_register(actor: Actor, group_id: int, day: dt.date) -> Register:
    """Return the children of a group on a day with their marks (and who recorded them)."""
    group = Group.get_or_none(Group.id == group_id)
    if group is None:
        raise NotFound(_("group {group_id}").format(group_id=group_id))
    require(actor, "attendance.view", centre_id=group.centre_id)
    day = validate.date("date", day)
    marks = {m[0]: m[1:] for m in Mark.select(Mark.child, Mark.status, Mark.reason, Mark.recorded_by,
                                               Mark.recorded_at)
             .where(Mark.group == group_id, Mark.day == day).tuples()}
    users = {}
    if marks:
        ids = {m[2] for m in marks.values() if m[2]}
        users = {u.id: u.full_name or u.username
                 for u in User.select(User.id, User.full_name, User.username).where(User.id.in_(ids))}
    rows = []
    for cid, code, name_km, name_latin, sex in _members_query(group_id, day).order_by(
            Child.name_latin, Child.id).tuples():
        status, reason, by, at = marks.get(cid, ("", "", None, None))
        who = users.get(by, "") if by else ("command line" if status else "")
        rows.append(RegisterRow(cid, code, name_km, name_latin, sex, status, reason, who,
                                _as_datetime(at)))
    return Register(group_id, group.centre_id, group.name, day, why_closed(group.centre_id, day),
                    rows, _version(group_id, day))


def _as_datetime(value):
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def record_day(actor: Actor, group_id: int, day, marks: dict[int, tuple[str, str] | str],
               change_reason: str = "", today: dt.date | None = None,
               version: str | None = None) -> Register:
    """Save marks {child_id: status or (status, reason)} of a group's day; return the register.

    Refused for future days, days the centre is closed and children not in the group that day;
    a day in the past needs ``change_reason`` (audited). With ``version`` (from the register the
    user is looking at), raises RegisterChanged if someone else saved the register since.
    """
    group = Group.get_or_none(Group.id == group_id)
    if group is None:
        raise NotFound(_("group {group_id}").format(group_id=group_id))
    require(actor, "attendance.mark", centre_id=group.centre_id)
    day = validate.date("date", day)
    today = today or dt.date.today()
    if day > today:
        raise ValidationError("date", _("is in the future: attendance is taken on the day"))
    closed = why_closed(group.centre_id, day)
    if closed:
        raise ConflictError(_("The centre is closed on {day} ({closed}).").format(
            day=format_date(day), closed=closed))
    change_reason = validate.text("reason", change_reason, 200, required=False)
    if day < today and not change_reason:
        raise ValidationError("reason", _("changing a past day's register needs a reason"))
    clean: dict[int, tuple[str, str]] = {}
    for child_id, value in marks.items():
        status, reason = value if isinstance(value, (tuple, list)) and len(value) == 2 else (value, "")
        status = status.strip().upper() if isinstance(status, str) else status
        if not isinstance(status, str) or status not in MARKS:
            raise ValidationError("mark", _("must be one of {join}, not {status!r}").format(
                join=', '.join(MARKS), status=status if isinstance(status, str) and len(status) < 20 else "..."))
        reason = (reason or "").strip() if isinstance(reason, (str, type(None))) else reason
        if status == "E":
            if not reason:
                raise ValidationError("reason", _("an excused absence needs a reason from the list"))
            validate.choice("reason", reason, EXCUSE_REASONS)
        else:
            reason = ""
        clean[int(child_id)] = (status, reason)
    if not clean:
        raise ValidationError("mark", _("nothing to save"))
    members = {cid for (cid,) in _members_query(group_id, day).select(Child.id).tuples()}
    strangers = set(clean) - members
    if strangers:
        raise ConflictError(_("{n} of these children are not in {name} on {day}.").format(n=len(strangers), name=group.name, day=day))
    now = dt.datetime.now()
    with database.atomic():
        if version is not None and _version(group_id, day) != version:
            raise RegisterChanged(load_register(actor, group_id, day))
        before_rows = list(Mark.select(Mark.child, Mark.group, Mark.status, Mark.reason)
                           .where(Mark.child.in_(list(clean)), Mark.day == day).tuples())
        before = {cid: (s, r) for cid, _g, s, r in before_rows}
        rows = [{"child": cid, "day": day, "group": group_id, "status": s, "reason": r,
                 "recorded_by": actor.id, "recorded_at": now} for cid, (s, r) in clean.items()]
        (Mark.insert_many(rows)
         .on_conflict(conflict_target=[Mark.child, Mark.day],
                      update={Mark.group: EXCLUDED.group_id, Mark.status: EXCLUDED.status,
                              Mark.reason: EXCLUDED.reason, Mark.recorded_by: EXCLUDED.recorded_by_id,
                              Mark.recorded_at: EXCLUDED.recorded_at})
         .execute())
        # A child moved here from another group keeps a mark of that group for this day: the
        # upsert moves it, so it leaves that group's totals and joins this one's.
        deltas: dict[int, Counter] = {group_id: Counter(s for s, _r in clean.values())}
        for _cid, old_group, status, _r in before_rows:
            deltas.setdefault(old_group, Counter())[status] -= 1
        for gid, delta in deltas.items():
            centre_id = group.centre_id if gid == group_id else Group.get_by_id(gid).centre_id
            _add_to_totals(gid, centre_id, day, delta)
        counts = Counter(s for s, _r in clean.values())
        text = ", ".join(f"{n} {MARKS[s].lower()}" for s, n in sorted(counts.items()))
        summary = f"{group.name} {day}: {text}"
        changes = _mark_changes(before, clean)
        if changes:
            summary += "; changed: " + "; ".join(changes)
        if change_reason:
            summary += f"; reason: {change_reason}"
        audit.record(actor, AREA, "mark", "register", f"{group_id}:{day}", summary)
    return load_register(actor, group_id, day)


def _mark_changes(before: dict[int, tuple[str, str]], after: dict[int, tuple[str, str]]) -> list[str]:
    """Return 'STM-0001 Sok Dara: absent -> present' for each child whose mark changed."""
    moved = [cid for cid, mark in after.items() if cid in before and before[cid] != mark]
    if not moved:
        return []
    names = {cid: f"{code} {latin}" for cid, code, latin in
             Child.select(Child.id, Child.code, Child.name_latin).where(Child.id.in_(moved)).tuples()}

    def word(mark: tuple[str, str]) -> str:
        status, reason = mark
        return MARKS[status].lower() + (f" ({reason})" if reason else "")

    return [f"{names.get(cid, cid)}: {word(before[cid])} -> {word(after[cid])}"
            for cid in sorted(moved, key=lambda c: names.get(c, ""))]


def _add_to_totals(group_id: int, centre_id: int, day: dt.date, delta: Counter) -> None:
    delta = {MARK_COLUMNS[s]: n for s, n in delta.items() if n}
    if not delta:
        return
    month = day.year * 100 + day.month
    row = {"group": group_id, "centre": centre_id, "month": month,
           **{c: 0 for c in MARK_COLUMNS.values()}, **delta}
    update = {getattr(MonthTotal, c): getattr(MonthTotal, c) + getattr(EXCLUDED, c) for c in delta}
    MonthTotal.insert(row).on_conflict(conflict_target=[MonthTotal.group, MonthTotal.month],
                                       update=update).execute()


def mark_everyone_present(actor: Actor, group_id: int, day, change_reason: str = "",
                          today: dt.date | None = None) -> Register:
    """Mark present every child of the group not yet marked that day."""
    register = load_register(actor, group_id, validate.date("date", day))
    unmarked = {r.child_id: "P" for r in register.rows if not r.status}
    if not unmarked:
        return register
    return record_day(actor, group_id, day, unmarked, change_reason, today, register.version)


def move_marks(actor: Actor, child_id: int, group_id: int, from_day: dt.date) -> int:
    """Give a moved child's marks from ``from_day`` on to the new group, totals with them.

    Part of moving a child (runs in that transaction); returns the number of marks moved.
    """
    new_centre = Group.get_by_id(group_id).centre_id
    require(actor, "children.edit", centre_id=new_centre)
    rows = list(Mark.select(Mark.id, Mark.group, Mark.day, Mark.status)
                .where(Mark.child == child_id, Mark.day >= from_day, Mark.group != group_id)
                .tuples())
    if not rows:
        return 0
    for mark_id, old_group, day, status in rows:
        day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
        _add_to_totals(old_group, Group.get_by_id(old_group).centre_id, day, Counter({status: -1}))
        _add_to_totals(group_id, new_centre, day, Counter({status: 1}))
    Mark.update(group=group_id).where(Mark.id.in_([r[0] for r in rows])).execute()
    return len(rows)


def totals_mismatches() -> list[str]:
    """Return every (group, month) whose stored totals differ from a count of its marks."""
    counted: dict[tuple[int, int], Counter] = {}
    for gid, day, status in Mark.select(Mark.group, Mark.day, Mark.status).tuples().iterator():
        day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
        counted.setdefault((gid, day.year * 100 + day.month), Counter())[status] += 1
    stored = {}
    for t in MonthTotal.select():
        stored[(t.group_id, t.month)] = Counter(
            {s: getattr(t, c) for s, c in MARK_COLUMNS.items() if getattr(t, c)})
    out = []
    for key in sorted(set(counted) | set(stored)):
        want, have = +counted.get(key, Counter()), +stored.get(key, Counter())
        if want != have:
            out.append(f"group {key[0]} month {key[1]}: marks {dict(want)}, totals {dict(have)}")
    return out


def rebuild_month_totals() -> int:
    """Recount every monthly total from the marks (after a bulk load); return the rows written."""
    month = dialect.year_month(Mark.day)
    counts = [dialect.count_if(Mark.status == s) for s in MARK_COLUMNS]
    query = (Mark.select(Mark.group, Group.centre, month, *counts).join(Group)
             .group_by(Mark.group, Group.centre, month))
    columns = [MonthTotal.group, MonthTotal.centre, MonthTotal.month,
               *(getattr(MonthTotal, c) for c in MARK_COLUMNS.values())]
    with database.atomic():
        MonthTotal.delete().execute()
        MonthTotal.insert_from(query, columns).execute()
    return MonthTotal.select().count()


def group_label(group_id: int) -> str:
    return get_group(group_id).label

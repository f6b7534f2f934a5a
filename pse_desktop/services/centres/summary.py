"""Monthly registers, rates per group and centre, a child's history: plain data for screens,
PDFs and exports. The rate is (present + late) / marks recorded."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from peewee import fn

from ...db.centres import Child, Group, GroupMembership, Mark, MonthTotal
from ...db.core import Centre
from ..core import settings
from .rules import MARK_COLUMNS, centre_ids_for, month_bounds
from .groups import days_off, get_group
from ..core.permissions import Actor, require


def rate(counts) -> float | None:
    """Return the attendance rate in percent (present + late over all marks), None if no marks."""
    total = sum(counts.get(s, 0) for s in MARK_COLUMNS)
    if not total:
        return None
    return round(100.0 * (counts.get("P", 0) + counts.get("L", 0)) / total, 1)


def format_rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}%"


@dataclass
class RegisterLine:
    child_id: int
    code: str
    name_km: str
    name_latin: str
    marks: dict[dt.date, str] = field(default_factory=dict)

    def counts(self) -> Counter:
        return Counter(self.marks.values())

    @property
    def rate(self) -> float | None:
        return rate(self.counts())


@dataclass
class MonthRegister:
    org: str
    centre_code: str
    centre_name: str
    group_name: str
    group_label: str
    staff_name: str
    first: dt.date
    last: dt.date
    days: list[dt.date]
    closed: dict[dt.date, str]  # day -> why: a holiday's name, or "" on a closed weekday
    lines: list[RegisterLine]
    blank: bool = False

    @property
    def school_days(self) -> list[dt.date]:
        return [d for d in self.days if d not in self.closed]

    def totals(self) -> Counter:
        out: Counter = Counter()
        for line in self.lines:
            out.update(line.counts())
        return out

    @property
    def rate(self) -> float | None:
        return rate(self.totals())


def month_register(actor: Actor, group_id: int, month, blank: bool = False) -> MonthRegister:
    """Return a group's register for a month: its children, their marks, days closed."""
    info = get_group(group_id)
    require(actor, "attendance.view", centre_id=info.centre_id)
    first, last = month_bounds(month)
    centre = Centre.get_by_id(info.centre_id)
    per_week = settings.get("school_days_per_week")
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    off = days_off(info.centre_id, first, last)
    closed = {d: off.get(d) or "" for d in days if d in off or d.weekday() >= per_week}
    members = (Child.select(Child.id, Child.code, Child.name_km, Child.name_latin)
               .join(GroupMembership)
               .where(GroupMembership.group == group_id, GroupMembership.start_on <= last,
                      GroupMembership.end_on.is_null() | (GroupMembership.end_on >= first),
                      Child.enrolled_on <= last, Child.exit_on.is_null() | (Child.exit_on >= first)))
    lines = {cid: RegisterLine(cid, code, km, latin) for cid, code, km, latin in members.tuples()}
    if not blank:
        query = (Mark.select(Mark.child, Mark.day, Mark.status)
                 .where(Mark.group == group_id, Mark.day.between(first, last)).tuples())
        missing = set()
        for cid, day, status in query:
            if cid not in lines:
                missing.add(cid)
                lines[cid] = RegisterLine(cid, "", "", "")
            lines[cid].marks[_as_date(day)] = status
        for c in Child.select(Child.id, Child.code, Child.name_km, Child.name_latin).where(
                Child.id.in_(list(missing))):
            lines[c.id].code, lines[c.id].name_km, lines[c.id].name_latin = c.code, c.name_km, c.name_latin
    ordered = sorted(lines.values(), key=lambda line: (line.name_latin, line.child_id))
    return MonthRegister(settings.get("org_name"), centre.code, centre.name, info.name, info.label,
                         info.staff_name, first, last, days, closed, ordered, blank)


def month_registers(actor: Actor, month, centre_id: int | None = None, group_name: str | None = None,
                    blank: bool = False) -> list[MonthRegister]:
    """Return the registers of every group (of a centre, or named ``group_name``) for a month."""
    require(actor, "attendance.view", centre_id=centre_id)
    query = Group.select(Group.id).where(Group.active == True).order_by(Group.centre, Group.name)  # noqa: E712
    if centre_id is not None:
        query = query.where(Group.centre == centre_id)
    elif centre_ids_for(actor) is not None:
        query = query.where(Group.centre.in_(centre_ids_for(actor)))
    if group_name:
        query = query.where(fn.LOWER(Group.name) == group_name.strip().lower())
    return [month_register(actor, g.id, month, blank) for g in query]


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


@dataclass(frozen=True)
class RateRow:
    key: str  # centre code, or "CODE group"
    label: str
    period: str  # "2026-03" or "2026"
    counts: dict
    rate: float | None


def _count_dict(row) -> dict:
    return {s: getattr(row, col) or 0 for s, col in MARK_COLUMNS.items()}


def monthly_rates(actor: Actor, month, by: str = "group") -> list[RateRow]:
    """Return the rate of each group (``by='group'``) or centre (``'centre'``) for a month,
    from the monthly totals table."""
    require(actor, "attendance.view")
    first, _last = month_bounds(month)
    key = first.year * 100 + first.month
    sums = [fn.SUM(getattr(MonthTotal, c)).alias(c) for c in MARK_COLUMNS.values()]
    out = []
    if by == "centre":
        query = (MonthTotal.select(Centre.code, Centre.name, *sums).join(Centre)
                 .where(MonthTotal.month == key).group_by(Centre.id).order_by(Centre.code))
        for row in query.objects():
            counts = _count_dict(row)
            out.append(RateRow(row.code, row.name, f"{first:%Y-%m}", counts, rate(counts)))
    else:
        query = (MonthTotal.select(Centre.code, Group.name, *sums).join(Group)
                 .join_from(MonthTotal, Centre).where(MonthTotal.month == key)
                 .group_by(Group.id, Centre.id).order_by(Centre.code, Group.name))
        for row in query.objects():
            counts = _count_dict(row)
            out.append(RateRow(f"{row.code} {row.name}", row.name, f"{first:%Y-%m}", counts,
                               rate(counts)))
    limit = centre_ids_for(actor)
    if limit is not None:
        codes = {c.code for c in Centre.select(Centre.code).where(Centre.id.in_(limit))}
        out = [r for r in out if r.key.split()[0] in codes]
    return out


def yearly_rates(actor: Actor, first_year: int, last_year: int) -> dict[str, dict[int, float | None]]:
    """Return {centre code: {year: rate}} from the monthly totals (the 10-year trend)."""
    require(actor, "attendance.view")
    sums = [fn.SUM(getattr(MonthTotal, c)).alias(c) for c in MARK_COLUMNS.values()]
    year = (MonthTotal.month / 100).alias("year")
    query = (MonthTotal.select(Centre.code, year, *sums).join(Centre)
             .where(MonthTotal.month.between(first_year * 100 + 1, last_year * 100 + 12))
             .group_by(Centre.code, MonthTotal.month / 100).objects())
    out: dict[str, dict[int, float | None]] = defaultdict(dict)
    for row in query:
        out[row.code][int(row.year)] = rate(_count_dict(row))
    return dict(out)


def centre_month_summary(actor: Actor, centre_id: int, month) -> list[tuple[int, Counter]]:
    """Return (child id, Counter of marks) for every child marked in a centre's month."""
    require(actor, "attendance.view", centre_id=centre_id)
    first, last = month_bounds(month)
    groups = [g.id for g in Group.select(Group.id).where(Group.centre == centre_id)]
    query = (Mark.select(Mark.child, Mark.status, fn.COUNT(Mark.id))
             .where(Mark.group.in_(groups), Mark.day.between(first, last))
             .group_by(Mark.child, Mark.status).tuples())
    out: dict[int, Counter] = defaultdict(Counter)
    for cid, status, n in query:
        out[cid][status] = n
    return sorted(out.items())


@dataclass(frozen=True)
class HistoryMonth:
    month: str
    counts: dict
    rate: float | None


def child_history(actor: Actor, child_id: int, months: int = 12, today: dt.date | None = None
                  ) -> tuple[list[HistoryMonth], list[tuple[dt.date, str, str]]]:
    """Return a child's monthly counts for the last months and the absences of that time."""
    child = Child.get_by_id(child_id)
    require(actor, "attendance.view", centre_id=child.centre_id)
    today = today or dt.date.today()
    first = (today.replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(day=1)
    by_month: dict[str, Counter] = defaultdict(Counter)
    absences = []
    for day, status, reason in (Mark.select(Mark.day, Mark.status, Mark.reason)
                                .where(Mark.child == child_id, Mark.day.between(first, today))
                                .order_by(Mark.day).tuples()):
        day = _as_date(day)
        by_month[f"{day:%Y-%m}"][status] += 1
        if status not in ("P", "L"):
            absences.append((day, status, reason))
    history = [HistoryMonth(m, dict(c), rate(c)) for m, c in sorted(by_month.items())]
    return history, absences

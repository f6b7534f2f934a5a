"""Outcomes of vocational training per course and per trade: completion rate, the share of those
who completed working or self-employed at 6 and 12 months, and the monthly income before (from
the family survey, or as told by someone from outside) against the income at 6 months. The
export has one row per trainee."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from ...db.centres import Family
from ...db.training import Course, FollowUpVisit, Outcome, Trade, Trainee
from ..common import tables, validate
from ..core import audit
from ..core.permissions import Actor, require
from .rules import AREA, require_view
from ...i18n import local_name


@dataclass(frozen=True)
class TraineeRow:
    trainee_id: int
    course_id: int
    course: str
    trade: str
    family: str
    name: str
    status: str
    completed: bool
    outcome: str  # placed, self-employed, ""
    income_before_usd_cents: int | None
    working_6: bool | None  # None: no follow-up at 6 months yet
    income_6_usd_cents: int | None
    working_12: bool | None
    income_12_usd_cents: int | None


def trainee_rows(course_id: int | None = None) -> list[TraineeRow]:
    query = Trainee.select().order_by(Trainee.course, Trainee.name)
    if course_id:
        query = query.where(Trainee.course == course_id)
    rows = list(query)
    courses = {c.id: c for c in Course.select()}
    trades = {t.id: t.name for t in Trade.select()}
    codes = dict(Family.select(Family.id, Family.code).tuples())
    kinds: dict[int, str] = {}
    for tid, kind in Outcome.select(Outcome.trainee, Outcome.kind).order_by(Outcome.start_on).tuples():
        kinds[tid] = "placed" if kind == "placement" else "self-employed"
    follows = {(f.trainee_id, f.months): f for f in FollowUpVisit.select()}
    out = []
    for t in rows:
        c = courses[t.course_id]
        f6, f12 = follows.get((t.id, 6)), follows.get((t.id, 12))
        out.append(TraineeRow(
            t.id, c.id, f"{trades[c.trade_id]} {c.cohort}", trades[c.trade_id],
            codes.get(t.family_id, ""), t.name, t.status, t.status == "completed",
            kinds.get(t.id, ""), t.income_before_usd_cents,
            f6.working if f6 else None, f6.income_usd_cents if f6 else None,
            f12.working if f12 else None, f12.income_usd_cents if f12 else None))
    return out


@dataclass(frozen=True)
class OutcomeLine:
    label: str  # the course, or the trade
    trainees: int  # selected at some point (completed, dropped, still on the course)
    completed: int
    dropped: int
    followed_6: int
    working_6: int
    followed_12: int
    working_12: int
    income_before_avg: int | None  # US cents a month, of those with both figures at 6 months
    income_6_avg: int | None

    @property
    def completion_pct(self) -> int | None:
        return self.completed * 100 // self.trainees if self.trainees else None

    @property
    def working_6_pct(self) -> int | None:
        return self.working_6 * 100 // self.followed_6 if self.followed_6 else None

    @property
    def working_12_pct(self) -> int | None:
        return self.working_12 * 100 // self.followed_12 if self.followed_12 else None


def _line(label: str, rows: list[TraineeRow]) -> OutcomeLine:
    taken = [r for r in rows if r.status != "waiting"]
    pairs = [(r.income_before_usd_cents, r.income_6_usd_cents) for r in taken
             if r.income_before_usd_cents is not None and r.income_6_usd_cents is not None]
    return OutcomeLine(
        label, len(taken), sum(r.completed for r in taken),
        sum(r.status == "dropped" for r in taken),
        sum(r.working_6 is not None for r in taken), sum(bool(r.working_6) for r in taken),
        sum(r.working_12 is not None for r in taken), sum(bool(r.working_12) for r in taken),
        sum(b for b, _ in pairs) // len(pairs) if pairs else None,
        sum(a for _, a in pairs) // len(pairs) if pairs else None)


def by_course(actor: Actor, year: int | None = None) -> list[OutcomeLine]:
    require_view(actor)
    groups: dict[int, list[TraineeRow]] = defaultdict(list)
    labels, starts = {}, {}
    for r in trainee_rows():
        groups[r.course_id].append(r)
    for c in Course.select(Course.id, Course.start_on, Course.cohort, Trade.name, Trade.name_km) \
            .join(Trade):
        labels[c.id] = f"{local_name(c.trade.name, c.trade.name_km)} {c.cohort}"
        starts[c.id] = c.start_on if isinstance(c.start_on, dt.date) else \
            dt.date.fromisoformat(str(c.start_on)[:10])
    ids = sorted(groups, key=lambda cid: starts.get(cid, dt.date.min), reverse=True)
    if year:
        ids = [cid for cid in ids if starts[cid].year == year]
    return [_line(labels[cid], groups[cid]) for cid in ids]


def by_trade(actor: Actor) -> list[OutcomeLine]:
    require_view(actor)
    groups: dict[str, list[TraineeRow]] = defaultdict(list)
    for r in trainee_rows():
        groups[r.trade].append(r)
    names_km = dict(Trade.select(Trade.name, Trade.name_km).tuples())
    return [_line(local_name(trade, names_km.get(trade, "")), rows)
            for trade, rows in sorted(groups.items())]


def course_outcome(actor: Actor, course_id: int) -> OutcomeLine:
    require_view(actor)
    rows = trainee_rows(course_id)
    course = Course.get_by_id(course_id)
    return _line(f"{local_name(course.trade.name, course.trade.name_km)} {course.cohort}", rows)


def _money(cents) -> str:
    return "" if cents is None else validate.format_cents(cents)


HEADER = ["course", "trade", "family", "trainee", "status", "completed",
          "placed or self-employed", "income before (USD)", "income at 6 months (USD)",
          "working at 6 months", "working at 12 months"]


def export_trainees(actor: Actor, path) -> int:
    """One row per trainee (CSV or XLSX by the file's ending); the export is audited."""
    require(actor, "training.export")
    path = tables.check_table_path(path)
    rows = [r for r in trainee_rows() if r.status != "waiting"]

    def yes(v):
        return "" if v is None else ("yes" if v else "no")

    count = tables.write_table(
        path, HEADER,
        ([r.course, r.trade, r.family, r.name, r.status, yes(r.completed), r.outcome,
          _money(r.income_before_usd_cents), _money(r.income_6_usd_cents), yes(r.working_6),
          yes(r.working_12)] for r in rows), sheet="training")
    from ...db import database

    with database.atomic():
        audit.record(actor, AREA, "export", "training", "", f"{count} trainees to {path.name}")
    return count

"""The social team's reports and exports: families per priority level per centre, assessments
done against due per worker and half-year, families whose situation improved or worsened,
emergency support per kind and month against the budget, and the family file for a case
conference. Every export needs ``social.export`` and is recorded.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from collections import Counter, defaultdict
from dataclasses import dataclass

from peewee import fn

from ...db.centres import Child, Family
from ...db.core import Centre, User
from ...db.social import (Assessment, CaseAssignment, Priority, SupportPayment, SupportRequest,
                          Survey)
from ..centres.families import families_by_id
from ..centres.summary import rate
from ..common import tables, validate
from ..core.permissions import Actor, require
from . import assessments, caseload, priority, support, survey
from .rules import DOMAINS, LEVELS, SUPPORT_KINDS, record_access
from ...i18n import _


def levels_by_centre(actor: Actor) -> dict[str, Counter]:
    """{centre code: Counter(level -> families)} for the families with a survey."""
    require(actor, "social.view")
    levels = {p.family_id: p.override_level or p.computed_level for p in Priority.select()}
    centres = caseload._centres_of(levels)
    out: dict[str, Counter] = defaultdict(Counter)
    for fid, level in levels.items():
        out[centres.get(fid, "-")][level] += 1
    return dict(sorted(out.items()))


def half_of(day: dt.date) -> str:
    return f"{day.year}-H{1 if day.month <= 6 else 2}"


@dataclass(frozen=True)
class DoneDue:
    worker: str
    half: str
    done: int  # families assessed at least once in the half-year
    due: int  # families followed by the worker during the half-year


def done_against_due(actor: Actor, year: int) -> list[DoneDue]:
    """Per worker and half-year: families assessed against families followed (one each due)."""
    require(actor, "social.view")
    out = []
    names = {u.id: u.full_name or u.username for u in User.select()}
    for half, first, last in ((f"{year}-H1", dt.date(year, 1, 1), dt.date(year, 6, 30)),
                              (f"{year}-H2", dt.date(year, 7, 1), dt.date(year, 12, 31))):
        followed: dict[int, set[int]] = defaultdict(set)
        for wid, fid in (CaseAssignment.select(CaseAssignment.worker, CaseAssignment.family)
                         .where(CaseAssignment.start_on <= last,
                                CaseAssignment.end_on.is_null() | (CaseAssignment.end_on > first))
                         .tuples()):
            followed[wid].add(fid)
        assessed = defaultdict(set)
        for fid, wid in (Assessment.select(Assessment.family, Assessment.visitor)
                         .where(Assessment.visited_on.between(first, last)).tuples()):
            assessed[wid].add(fid)
        for wid in sorted(set(followed) | set(assessed), key=lambda w: names.get(w, "")):
            out.append(DoneDue(names.get(wid, str(wid)), half,
                               len(assessed[wid] & followed[wid]) if followed[wid]
                               else len(assessed[wid]), len(followed[wid])))
    return out


@dataclass(frozen=True)
class Change:
    family_id: int
    code: str
    before: dt.date
    after: dt.date
    trend: dict
    difference: int  # total score after minus before


def changes(actor: Actor) -> tuple[list[Change], list[Change]]:
    """Families whose situation improved, and those whose situation worsened, between their last
    two assessments (by the sum of the domain scores), biggest change first."""
    require(actor, "social.view")
    by_family: dict[int, list[Assessment]] = defaultdict(list)
    for row in Assessment.select().order_by(Assessment.family, Assessment.visited_on.desc(),
                                            Assessment.id.desc()):
        if len(by_family[row.family_id]) < 2:
            by_family[row.family_id].append(row)
    codes = dict(Family.select(Family.id, Family.code).tuples())
    better, worse = [], []
    for fid, rows in by_family.items():
        if len(rows) < 2:
            continue
        after, before = rows
        sa = {d: getattr(after, d) for d in DOMAINS}
        sb = {d: getattr(before, d) for d in DOMAINS}
        diff = sum(sa.values()) - sum(sb.values())
        item = Change(fid, codes.get(fid, ""), before.visited_on, after.visited_on,
                      assessments.trend(sb, sa), diff)
        if diff > 0:
            better.append(item)
        elif diff < 0:
            worse.append(item)
    better.sort(key=lambda c: -c.difference)
    worse.sort(key=lambda c: c.difference)
    return better, worse


def support_by_month(actor: Actor, year: int) -> dict[str, list[int]]:
    """{kind: [US cents paid in January .. December]} plus the budget as a 13th figure."""
    require(actor, "social.view")
    out = {k: [0] * 13 for k in SUPPORT_KINDS}
    rows = (SupportPayment.select(SupportPayment.paid_on, SupportPayment.amount,
                                  SupportRequest.kind, SupportRequest.currency)
            .join(SupportRequest)
            .where(SupportPayment.paid_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
            .tuples())
    for paid_on, amount, kind, currency in rows:
        if not isinstance(paid_on, dt.date):
            paid_on = dt.date.fromisoformat(str(paid_on)[:10])
        out[kind][paid_on.month - 1] += support.usd_cents(amount, currency)
    for b in support.budgets(actor, year):
        out[b.kind][12] = b.budget_usd_cents
    return out


# -- the family file --------------------------------------------------------------------------

@dataclass(frozen=True)
class ChildLine:
    code: str
    name_latin: str
    name_km: str
    centre: str
    programme: str
    rate: float | None  # last twelve months


@dataclass(frozen=True)
class FamilyFile:
    family: object  # FamilyInfo
    worker: str
    history: list
    survey: object  # SurveyInfo
    priority: object  # PriorityInfo or None
    assessments: list
    support: list
    payments: dict  # request id -> [PaymentInfo]
    children: list[ChildLine]
    printed_on: dt.date
    printed_by: str


def children_attendance(family_id: int, today: dt.date) -> list[ChildLine]:
    first = validate.years_from(today, -1)  # 29 February a year back is the 28th
    from ...db.centres import Mark

    counts: dict[int, Counter] = defaultdict(Counter)
    for cid, status, n in (Mark.select(Mark.child, Mark.status, fn.COUNT(Mark.id))
                           .join(Child).where(Child.family == family_id,
                                              Mark.day.between(first, today))
                           .group_by(Mark.child, Mark.status).tuples()):
        counts[cid][status] = n
    rows = (Child.select(Child, Centre).join(Centre).where(Child.family == family_id)
            .order_by(Child.birth_date))
    return [ChildLine(c.code, c.name_latin, c.name_km, c.centre.code, c.programme,
                      rate(counts[c.id]) if counts[c.id] else None) for c in rows]


def family_file(actor: Actor, family_id: int, today: dt.date | None = None) -> FamilyFile:
    """Everything about a family for a case conference (recorded as an opening of its file)."""
    require(actor, "social.view")
    today = today or dt.date.today()
    info = families_by_id([family_id]).get(family_id)
    if info is None:
        from ..common.errors import NotFound

        raise NotFound(_("family {family_id}").format(family_id=family_id))
    status = caseload.current(family_id)
    requests = support.list_requests(actor, family_id=family_id)
    record_access(actor, family_id, "family file")
    return FamilyFile(
        info, (status.worker.full_name or status.worker.username) if status else "",
        caseload.history(actor, family_id), survey.get_survey(actor, family_id),
        priority.get_priority(actor, family_id), assessments.list_assessments(actor, family_id),
        requests, {r.id: support.payments(actor, r.id) for r in requests},
        children_attendance(family_id, today), today, actor.full_name or actor.username)


# -- exports ----------------------------------------------------------------------------------

def _export(actor: Actor, what: str, path, header, rows) -> int:
    require(actor, "social.export")
    path = tables.check_table_path(path)
    count = tables.write_table(path, header, rows, sheet=what)
    record_access(actor, None, f"export {what} ({count} rows)")
    return count


def export_families(actor: Actor, path, today: dt.date | None = None) -> int:
    """One row per followed or surveyed family: code, centre, social worker, priority level,
    last assessment, next due, IDPoor level."""
    require(actor, "social.export")
    today = today or dt.date.today()
    ids = sorted({fid for (fid,) in CaseAssignment.select(CaseAssignment.family)
                  .where(CaseAssignment.end_on.is_null()).tuples()}
                 | {fid for (fid,) in Survey.select(Survey.family).tuples()})
    idpoor = dict(Survey.select(Survey.family, Survey.idpoor_level).tuples())
    rows = caseload.case_rows(ids, today)
    return _export(actor, "families", path,
                   ["code", "centre", "social worker", "priority", "last assessment", "next due",
                    "IDPoor level"],
                   ([r.code, r.centre, r.worker, r.level, r.last_visit or "", r.next_due or "",
                     idpoor.get(r.family_id, "") or ""] for r in rows))


def _period(first, last) -> tuple[dt.date, dt.date]:
    first = validate.date("from", first)
    last = validate.date("to", last)
    if last < first:
        from ..common.errors import ValidationError

        raise ValidationError("to", _("is before the start of the period"))
    return first, last


def export_assessments(actor: Actor, first, last, path) -> int:
    require(actor, "social.export")
    first, last = _period(first, last)
    query = (Assessment.select(Assessment, Family.code, User.username)
             .join(Family, on=Assessment.family == Family.id)
             .switch(Assessment).join(User, on=Assessment.visitor == User.id)
             .where(Assessment.visited_on.between(first, last))
             .order_by(Assessment.visited_on, Assessment.id))
    return _export(actor, "assessments", path,
                   ["date", "family", "visited by", *DOMAINS, "what changed", "decisions"],
                   ([a.visited_on, a.family.code, a.visitor.username,
                     *(getattr(a, d) for d in DOMAINS), a.changes, a.decisions] for a in query))


def _amount(amount: int, currency: str) -> int | Decimal:
    """A number a spreadsheet adds up: riel whole, dollars from cents."""
    return amount if currency == "KHR" else Decimal(amount) / 100


def export_support(actor: Actor, first, last, path) -> int:
    require(actor, "social.export")
    first, last = _period(first, last)
    query = (SupportRequest.select().where(SupportRequest.requested_on.between(first, last))
             .order_by(SupportRequest.requested_on, SupportRequest.id))
    reqs = support._infos(query)
    return _export(actor, "support", path,
                   ["requested on", "family", "kind", "currency", "amount each", "instalments",
                    "total USD", "status", "decided on", "decided by", "paid instalments",
                    "why"],
                   ([r.requested_on, r.family_code, r.kind, r.currency,
                     _amount(r.amount, r.currency), r.payments,
                     Decimal(r.usd_cents_total) / 100, r.state, r.decided_on or "",
                     r.decided_by, r.paid, r.why] for r in reqs))

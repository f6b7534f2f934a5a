"""Assessments, at least twice a year: the situation per domain on a simple scale (1 critical,
2 difficult, 3 fair, 4 good), what changed, decisions, next steps (follow-up tasks, the same as
the parent meetings' follow-ups), each domain shown against the previous assessment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...db import database
from ...db.centres import Family
from ...db.core import User
from ...db.social import Assessment, CaseAssignment
from ..common import validate
from ..common.errors import NotFound, ValidationError
from ..core import audit
from ..core.home import Card
from ..core.permissions import Actor, can, require
from .caseload import caseload, case_rows, sort_rows
from .rules import AREA, DOMAINS, SCALE, kind_text, record_access
from ...formats import format_date
from ...i18n import _, ngettext


@dataclass(frozen=True)
class AssessmentInfo:
    id: int
    family_id: int
    visited_on: dt.date
    visitor: str
    scores: dict  # domain -> 1..4
    changes: str
    decisions: str
    case_notes: str | None  # None: the reader may not see it
    trend: dict  # domain -> "better", "same", "worse" or "" (first assessment)

    @property
    def total(self) -> int:
        return sum(self.scores.values())


def trend(before: dict | None, after: dict) -> dict:
    """Each domain of ``after`` against ``before``: better, same or worse ("" with no before)."""
    if not before:
        return {d: "" for d in DOMAINS}
    return {d: "better" if after[d] > before[d] else "worse" if after[d] < before[d] else "same"
            for d in DOMAINS}


def _scores(row: Assessment) -> dict:
    return {d: getattr(row, d) for d in DOMAINS}


def list_assessments(actor: Actor, family_id: int) -> list[AssessmentInfo]:
    """A family's assessments, newest first, each against the one before it."""
    require(actor, "social.view")
    sensitive = can(actor, "social.sensitive")
    rows = list(Assessment.select(Assessment, User).join(User, on=Assessment.visitor == User.id)
                .where(Assessment.family == family_id)
                .order_by(Assessment.visited_on, Assessment.id))
    out = []
    previous = None
    for r in rows:
        scores = _scores(r)
        out.append(AssessmentInfo(r.id, family_id, r.visited_on,
                                  r.visitor.full_name or r.visitor.username, scores, r.changes,
                                  r.decisions, r.case_notes if sensitive else None,
                                  trend(previous, scores)))
        previous = scores
    record_access(actor, family_id, "assessments")
    return out[::-1]


def record_assessment(actor: Actor, family_id: int, visited_on, scores: dict, *,
                      changes: str = "", decisions: str = "", case_notes: str = "",
                      next_steps=(), visitor_id: int | None = None,
                      today: dt.date | None = None) -> AssessmentInfo:
    """Record a visit; ``next_steps`` [(action, due_on), ...] become follow-up tasks."""
    require(actor, "social.survey")
    today = today or dt.date.today()
    family = Family.get_or_none(Family.id == family_id)
    if family is None:
        raise NotFound(_("family {family_id}").format(family_id=family_id))
    visited_on = validate.date("visit date", visited_on)
    earliest = validate.years_from(today, -3)  # 29 February three years back is the 28th
    if visited_on > today or visited_on < earliest:
        raise ValidationError("visit date", _("must be between {low} and {high}").format(
            low=earliest, high=today))
    clean = {}
    for d in DOMAINS:
        clean[d] = validate.integer(d, scores.get(d), 1, 4)
    changes = validate.text("what changed", changes, 3000, required=False)
    decisions = validate.text("decisions", decisions, 3000, required=False)
    case_notes = validate.text("case notes", case_notes, 5000, required=False)
    if case_notes:
        require(actor, "social.sensitive")
    visitor_id = visitor_id or actor.id
    if visitor_id is None or User.get_or_none(User.id == visitor_id) is None:
        raise ValidationError("visited by", _("is unknown"))
    steps = []
    for n, step in enumerate(next_steps or (), start=1):
        action, due = step
        action = validate.text(f"next step {n}", action, 300)
        due = validate.date(f"next step {n}: due", due, required=False)
        steps.append((action, due))
    with database.atomic():
        row = Assessment.create(family=family_id, visited_on=visited_on, visitor=visitor_id,
                                changes=changes, decisions=decisions, case_notes=case_notes,
                                **clean)
        if steps:
            from ..meetings.followup import add_followup

            for action, due in steps:
                add_followup(actor, family_id, action, due_on=due, assigned_to_id=visitor_id,
                             today=today)
        audit.record(actor, AREA, "create", "assessment", row.id,
                     f"family {family.code} on {visited_on}: "
                     + ", ".join(f"{d} {SCALE[clean[d]]}" for d in DOMAINS)
                     + (f"; {len(steps)} next steps" if steps else ""))
    return next(a for a in list_assessments(actor, family_id) if a.id == row.id)


def overdue(actor: Actor, worker_id: int | None = None, everyone: bool = False,
            today: dt.date | None = None):
    """Families whose assessment is due before today: one worker's, or the whole team's."""
    today = today or dt.date.today()
    if everyone:
        require(actor, "social.assign")
        ids = [fid for (fid,) in CaseAssignment.select(CaseAssignment.family)
               .where(CaseAssignment.end_on.is_null()).tuples()]
        rows = sort_rows(case_rows(ids, today), today)
    else:
        rows = caseload(actor, worker_id, today)
    return [r for r in rows if r.overdue(today)]


def home_cards(actor: Actor, target) -> list[Card]:
    """The social worker's overdue assessments; a leader's support requests waiting too."""
    if not can(actor, "social.view"):
        return []
    today = dt.date.today()
    cards: list[Card] = []
    mine = overdue(actor, today=today)
    lines = [_("{code} {guardians} (due {day})").format(
        code=r.code, guardians=r.guardians, day=format_date(r.next_due)) for r in mine[:5]]
    if len(mine) > 5:
        lines.append(ngettext("... and {n} more", "... and {n} more", len(mine) - 5).format(
            n=len(mine) - 5))
    if lines:
        cards.append(Card(_("Assessments overdue"), tuple(lines), "social_caseload", "danger"))
    if can(actor, "social.support.approve"):
        from .support import waiting

        req = waiting(actor)
        if req:
            cards.append(Card(_("Emergency support to decide"),
                              tuple(f"{r.family_code}: {kind_text(r.kind)}, {r.total_text}"
                                    for r in req[:5]),
                              "social_support", "warning"))
    return cards

"""Caseloads: each family followed by one social worker; a reassignment keeps the history.

A social worker's list shows their families with priority and the next assessment due, overdue
first. A team leader (``social.assign``) sees every worker's caseload and its size. Centre staff
may only learn whether a family is followed, and by whom (``social.status``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, fn

from ...db import database
from ...db.centres import Child, Family
from ...db.core import Centre, User
from ...db.social import Assessment, CaseAssignment, Priority
from ..centres.families import families_by_id, require_family
from ..centres.rules import centre_ids_for
from ..common import validate
from ..common.errors import NotFound, ValidationError
from ..core import audit, settings
from ..core.permissions import Actor, can, require
from .rules import AREA, LEVEL_RANK
from ...i18n import _

SOCIAL_ROLES = ("social_team", "social_lead")


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30,
            31, 31, 30, 31, 30, 31][month - 1]
    return dt.date(year, month, min(day.day, last))


def next_due(last_visit: dt.date | None, since: dt.date | None) -> dt.date | None:
    """When the next assessment is due: months after the last one, or at once for a family never
    assessed (from the day it was taken on)."""
    if last_visit is not None:
        return add_months(last_visit, settings.get("assessment_months"))
    return since


def workers() -> list[tuple[int, str]]:
    """(id, name) of the active social workers and team leaders."""
    return [(u.id, u.full_name or u.username) for u in
            User.select().where(User.active == True, User.role.in_(SOCIAL_ROLES))  # noqa: E712
            .order_by(User.full_name)]


def current(family_id: int) -> CaseAssignment | None:
    return (CaseAssignment.select().where(CaseAssignment.family == family_id,
                                          CaseAssignment.end_on.is_null())
            .order_by(CaseAssignment.start_on.desc()).first())


def assign(actor: Actor, family_id: int, worker_id: int, reason: str = "",
           start_on=None, today: dt.date | None = None) -> None:
    """Give a family to a social worker from ``start_on`` (today); the previous one ends."""
    require(actor, "social.assign")
    today = today or dt.date.today()
    if Family.get_or_none(Family.id == family_id) is None:
        raise NotFound(_("family {family_id}").format(family_id=family_id))
    worker = User.get_or_none(User.id == worker_id)
    if worker is None or not worker.active or worker.role not in SOCIAL_ROLES:
        raise ValidationError("social worker", _("must be an active member of the social team"))
    start_on = validate.date("from", start_on, required=False) or today
    reason = validate.text("reason", reason, 200, required=False)
    with database.atomic():
        old = current(family_id)
        if old is not None:
            if old.worker_id == worker_id:
                raise ValidationError("social worker", _("already follows this family"))
            if start_on < old.start_on:
                raise ValidationError("from", _("must be on or after {day}").format(day=old.start_on))
            if not reason:
                raise ValidationError("reason", _("a reassignment needs a reason"))
            old.end_on = start_on
            old.save()
        CaseAssignment.create(family=family_id, worker=worker_id, start_on=start_on,
                              reason=reason, assigned_by=actor.id)
        audit.record(actor, AREA, "assign", "family", family_id,
                     f"social worker: {old.worker.username if old else None!r} -> "
                     f"{worker.username!r} from {start_on}" + (f"; {reason}" if reason else ""))


@dataclass(frozen=True)
class AssignmentRow:
    worker: str
    start_on: dt.date
    end_on: dt.date | None
    reason: str


def history(actor: Actor, family_id: int) -> list[AssignmentRow]:
    require(actor, "social.view")
    rows = (CaseAssignment.select(CaseAssignment, User).join(User, on=CaseAssignment.worker == User.id)
            .where(CaseAssignment.family == family_id).order_by(CaseAssignment.start_on.desc()))
    return [AssignmentRow(r.worker.full_name or r.worker.username, r.start_on, r.end_on, r.reason)
            for r in rows]


@dataclass(frozen=True)
class FollowStatus:
    followed: bool
    worker: str = ""
    since: dt.date | None = None


def follow_status(actor: Actor, family_id: int) -> FollowStatus:
    """Whether the social team follows a family, and by whom: all that centre staff may see (of
    the families of their centres)."""
    require_family(actor, "social.status", family_id)
    row = current(family_id)
    if row is None:
        return FollowStatus(False)
    return FollowStatus(True, row.worker.full_name or row.worker.username, row.start_on)


@dataclass(frozen=True)
class CaseRow:
    family_id: int
    code: str
    guardians: str  # Latin names
    guardians_km: str
    centre: str
    worker: str
    level: str  # "" without a survey
    last_visit: dt.date | None
    next_due: dt.date | None

    def overdue(self, today: dt.date) -> bool:
        return self.next_due is not None and self.next_due < today


def _centres_of(family_ids) -> dict[int, str]:
    out: dict[int, str] = {}
    rows = (Child.select(Child.family, Centre.code).join(Centre)
            .where(Child.family.in_(list(family_ids)))
            .order_by(Child.exit_on.is_null(), Child.birth_date))
    for fid, code in rows.tuples():
        out[fid] = code  # the last one wins: youngest enrolled child's centre
    return out


def case_rows(family_ids, today: dt.date) -> list[CaseRow]:
    """Rows for these families with their current worker, level and next assessment due."""
    family_ids = list(family_ids)
    if not family_ids:
        return []
    infos = families_by_id(family_ids)
    last = dict(Assessment.select(Assessment.family, fn.MAX(Assessment.visited_on))
                .where(Assessment.family.in_(family_ids)).group_by(Assessment.family).tuples())
    levels = {p.family_id: p.override_level or p.computed_level
              for p in Priority.select().where(Priority.family.in_(family_ids))}
    cases = {c.family_id: c for c in CaseAssignment.select(CaseAssignment, User)
             .join(User, on=CaseAssignment.worker == User.id)
             .where(CaseAssignment.family.in_(family_ids), CaseAssignment.end_on.is_null())}
    centres = _centres_of(family_ids)
    out = []
    for fid in family_ids:
        info = infos.get(fid)
        if info is None:
            continue
        case = cases.get(fid)
        lv = last.get(fid)
        if lv is not None and not isinstance(lv, dt.date):
            lv = dt.date.fromisoformat(str(lv)[:10])
        out.append(CaseRow(
            fid, info.code, ", ".join(g.name_latin for g in info.guardians),
            " ".join(g.name_km for g in info.guardians if g.name_km), centres.get(fid, ""),
            (case.worker.full_name or case.worker.username) if case else "", levels.get(fid, ""),
            lv, next_due(lv, case.start_on if case else None)))
    return out


def sort_rows(rows: list[CaseRow], today: dt.date) -> list[CaseRow]:
    """Overdue first, then by due date, then by priority."""
    far = dt.date.max
    return sorted(rows, key=lambda r: (not r.overdue(today), r.next_due or far,
                                       LEVEL_RANK.get(r.level, 9), r.code))


def caseload(actor: Actor, worker_id: int | None = None,
             today: dt.date | None = None) -> list[CaseRow]:
    """A worker's families (the actor's own by default), overdue first."""
    require(actor, "social.view")
    today = today or dt.date.today()
    worker_id = actor.id if worker_id is None else worker_id
    if worker_id != actor.id:
        require(actor, "social.assign")
    ids = [fid for (fid,) in CaseAssignment.select(CaseAssignment.family)
           .where(CaseAssignment.worker == worker_id, CaseAssignment.end_on.is_null()).tuples()]
    return sort_rows(case_rows(ids, today), today)


@dataclass(frozen=True)
class WorkerLoad:
    worker_id: int
    worker: str
    families: int
    overdue: int
    urgent: int


def team(actor: Actor, today: dt.date | None = None) -> list[WorkerLoad]:
    """Every social worker's caseload size, overdue assessments and urgent families."""
    require(actor, "social.assign")
    today = today or dt.date.today()
    out = []
    for wid, name in workers():
        rows = caseload(actor, wid, today)
        out.append(WorkerLoad(wid, name, len(rows), sum(r.overdue(today) for r in rows),
                              sum(r.level == "urgent" for r in rows)))
    return out


def unassigned(actor: Actor, limit: int = 500) -> list[int]:
    """Families with a child in a centre that no social worker follows."""
    require(actor, "social.assign")
    followed = CaseAssignment.select(CaseAssignment.family).where(CaseAssignment.end_on.is_null())
    query = (Family.select(Family.id).join(Child, JOIN.INNER, on=Child.family == Family.id)
             .where(Family.id.not_in(followed), Child.exit_on.is_null())
             .distinct().order_by(Family.id).limit(limit))
    return [fid for (fid,) in query.tuples()]


def may_see_family(actor: Actor, family_id: int) -> bool:
    """Centre staff see only families with a child in their centres; the team sees all."""
    if can(actor, "social.view"):
        return True
    ids = centre_ids_for(actor)
    if ids is None:
        return True
    return Child.select().where(Child.family == family_id, Child.centre.in_(ids)).exists()


def find(actor: Actor, text: str = "", *, level: str = "", centre: str = "",
         worker_id: int | None = None, limit: int = 200,
         today: dt.date | None = None) -> list[CaseRow]:
    """Families by code, village or a guardian's name, filtered by level, centre and worker;
    most urgent first (the priority list across centres)."""
    from ...db.centres import Guardian

    require(actor, "social.view")
    today = today or dt.date.today()
    text = validate.text("search", text, 80, required=False)
    query = Family.select(Family.id).order_by(Family.code)
    if text:
        like = f"%{text}%"
        by_guardian = Guardian.select(Guardian.family).where(
            Guardian.name_latin ** like | Guardian.name_km.contains(text))
        query = query.where(Family.code ** like | Family.village ** like
                            | Family.id.in_(by_guardian))
    if level:
        query = query.where(Family.id.in_(Priority.select(Priority.family).where(
            (Priority.override_level == level)
            | ((Priority.override_level == "") & (Priority.computed_level == level)))))
    if worker_id:
        query = query.where(Family.id.in_(CaseAssignment.select(CaseAssignment.family).where(
            CaseAssignment.worker == worker_id, CaseAssignment.end_on.is_null())))
    if centre:
        query = query.where(Family.id.in_(
            Child.select(Child.family).join(Centre).where(Centre.code == centre)))
    if not text:  # the priority list: surveyed families; a search finds the others too
        query = query.where(Family.id.in_(Priority.select(Priority.family)))
    ids = [fid for (fid,) in query.limit(5000).tuples()]
    rows = case_rows(ids, today)
    if centre:
        rows = [r for r in rows if r.centre == centre]
    rows.sort(key=lambda r: (LEVEL_RANK.get(r.level, 9), r.next_due or dt.date.max, r.code))
    return rows[:limit]


def family_id(actor: Actor, code: str) -> int:
    """The id of the family with this code (for the screens' code fields)."""
    require(actor, "social.view")
    code = validate.text("family", code, 20).upper()
    row = Family.get_or_none(Family.code == code)
    if row is None:
        raise ValidationError("family", _("there is no family with the code {code!r}").format(code=code))
    return row.id

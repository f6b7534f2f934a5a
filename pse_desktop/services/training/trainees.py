"""Selection of trainees: candidates from the families on the priority list (a guardian, or a
young adult of the household with the age checked), selected within the course's capacity, the
rest waiting; someone outside PSE's families with a reason; dropping out with a reason, which
gives the family's social worker a follow-up task."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...db import database
from ...db.centres import Family, Guardian
from ...db.social import HouseholdMember, Priority, Survey
from ...db.training import Course, Trainee
from ..common import validate
from ..common.errors import ConflictError, NotFound, ValidationError
from ..core import audit, settings
from ..core.permissions import Actor
from ..social.rules import LEVEL_RANK
from .rules import AREA, require_manage, require_view
from ...i18n import _, local_name, ngettext


@dataclass(frozen=True)
class Candidate:
    family_id: int
    family_code: str
    level: str
    kind: str  # guardian, member
    person_id: int  # guardian or household member id
    name: str
    name_km: str
    relation: str
    age: int | None
    income_khr: int | None


def khr_to_usd_cents(khr: int | None) -> int | None:
    if khr is None:
        return None
    rate = settings.get("khr_per_usd")
    return (khr * 100 + rate // 2) // rate


def _members(family_id: int) -> list[HouseholdMember]:
    survey = Survey.get_or_none(Survey.family == family_id)
    if survey is None:
        return []
    return list(HouseholdMember.select().where(HouseholdMember.survey == survey.id)
                .order_by(HouseholdMember.position))


def candidates(actor: Actor, family_id: int) -> list[Candidate]:
    """The family's guardians and the young adults of its household (by the survey's ages)."""
    require_view(actor)
    family = Family.get_or_none(Family.id == family_id)
    if family is None:
        raise NotFound(_("family {family_id}").format(family_id=family_id))
    prio = Priority.get_or_none(Priority.family == family_id)
    level = (prio.override_level or prio.computed_level) if prio else ""
    members = _members(family_id)
    by_name = {m.name.strip().lower(): m for m in members}
    low, high = settings.get("training_min_age"), settings.get("training_max_age")
    out = []
    for g in Guardian.select().where(Guardian.family == family_id).order_by(Guardian.id):
        m = by_name.get(g.name_latin.strip().lower())
        out.append(Candidate(family_id, family.code, level, "guardian", g.id, g.name_latin,
                             g.name_km, g.relation, m.age if m else None,
                             m.income_khr if m else None))
    guardians = {c.name.strip().lower() for c in out}
    for m in members:
        if m.name.strip().lower() not in guardians and low <= m.age <= high:
            out.append(Candidate(family_id, family.code, level, "member", m.id, m.name, "",
                                 m.relation, m.age, m.income_khr))
    return out


@dataclass(frozen=True)
class TraineeInfo:
    id: int
    course_id: int
    kind: str
    family_id: int | None
    family_code: str
    name: str
    name_km: str
    age: int | None
    phone: str
    outside_reason: str
    income_before_usd_cents: int | None
    status: str
    priority: str
    proposed_on: dt.date
    dropped_on: dt.date | None
    drop_reason: str
    completed_on: dt.date | None
    certificate_no: str | None


def _infos(query) -> list[TraineeInfo]:
    rows = list(query)
    codes = dict(Family.select(Family.id, Family.code)
                 .where(Family.id.in_({r.family_id for r in rows if r.family_id})).tuples()) \
        if rows else {}
    return [TraineeInfo(r.id, r.course_id, r.kind, r.family_id, codes.get(r.family_id, ""),
                        r.name, r.name_km, r.age, r.phone, r.outside_reason,
                        r.income_before_usd_cents, r.status, r.priority, r.proposed_on,
                        r.dropped_on, r.drop_reason, r.completed_on, r.certificate_no)
            for r in rows]


def get_trainee(actor: Actor, trainee_id: int) -> TraineeInfo:
    require_view(actor)
    found = _infos(Trainee.select().where(Trainee.id == trainee_id))
    if not found:
        raise NotFound(_("trainee {trainee_id}").format(trainee_id=trainee_id))
    return found[0]


def list_trainees(actor: Actor, course_id: int, status: str | None = None) -> list[TraineeInfo]:
    """A course's trainees: selected first, then the waiting list in priority order."""
    require_view(actor)
    query = Trainee.select().where(Trainee.course == course_id)
    if status:
        query = query.where(Trainee.status == status)
    order = {"selected": 0, "completed": 0, "waiting": 1, "dropped": 2}
    return sorted(_infos(query), key=lambda t: (order.get(t.status, 3),
                                                LEVEL_RANK.get(t.priority, 9), t.proposed_on,
                                                t.id))


def of_family(actor: Actor, family_id: int) -> list[tuple[str, TraineeInfo]]:
    """(course label, trainee) of the members of a family, for its file."""
    require_view(actor)
    rows = _infos(Trainee.select().where(Trainee.family == family_id)
                  .order_by(Trainee.proposed_on.desc()))
    from .courses import get_course

    return [(get_course(actor, t.course_id).label, t) for t in rows]


def _open_course(course_id: int) -> Course:
    course = Course.get_or_none(Course.id == course_id)
    if course is None:
        raise NotFound(_("course {course_id}").format(course_id=course_id))
    if course.status != "open":
        raise ConflictError(_("This course is closed."))
    return course


def _lock_course(course_id: int) -> None:
    """Take the course row's write lock first, so that two people selecting for the same course
    at once are done one after the other (SQLite and PostgreSQL alike)."""
    Course.update(capacity=Course.capacity).where(Course.id == course_id).execute()


def _taken(course_id: int) -> int:
    return Trainee.select().where(Trainee.course == course_id,
                                  Trainee.status.in_(("selected", "completed"))).count()


def propose(actor: Actor, course_id: int, family_id: int, kind: str, person_id: int, *,
            phone: str = "", today: dt.date | None = None) -> TraineeInfo:
    """Put a family's guardian or young adult on a course's waiting list."""
    require_manage(actor)
    today = today or dt.date.today()
    kind = validate.choice("who", kind, ("guardian", "member"))
    phone = validate.text("phone", phone, 40, required=False)
    found = [c for c in candidates(actor, family_id)
             if c.kind == kind and c.person_id == person_id]
    if not found:
        if kind == "member" and HouseholdMember.get_or_none(HouseholdMember.id == person_id):
            low, high = settings.get("training_min_age"), settings.get("training_max_age")
            raise ValidationError("age", _("a young adult must be {low} to {high} years old").format(
                low=low, high=high))
        raise ValidationError("who", _("is not a guardian or household member of this family"))
    c = found[0]
    with database.atomic():
        _open_course(course_id)
        same = Trainee.select().where(Trainee.course == course_id, Trainee.family == family_id,
                                      Trainee.name == c.name, Trainee.status != "dropped")
        if same.exists():
            raise ValidationError("who", _("{name} is already on this course").format(name=c.name))
        row = Trainee.create(course=course_id, kind=kind, family=family_id,
                             guardian=person_id if kind == "guardian" else None,
                             member=person_id if kind == "member" else None, name=c.name,
                             name_km=c.name_km, age=c.age, phone=phone,
                             income_before_usd_cents=khr_to_usd_cents(c.income_khr),
                             status="waiting", priority=c.level, proposed_on=today,
                             proposed_by=actor.id)
        audit.record(actor, AREA, "propose", "trainee", row.id,
                     f"course {course_id}: {c.name} of family {c.family_code} ({c.level or '-'})")
    return get_trainee(actor, row.id)


def add_outside(actor: Actor, course_id: int, name: str, age, reason: str, *, name_km: str = "",
                phone: str = "", income_usd=None, today: dt.date | None = None) -> TraineeInfo:
    """Put someone who is not in a PSE family on the waiting list, with the reason."""
    require_manage(actor)
    today = today or dt.date.today()
    name = validate.text("name", name, 80)
    name_km = validate.text("Khmer name", name_km, 80, required=False)
    age = validate.integer("age", age, settings.get("training_min_age"), 99)
    reason = validate.text("reason", reason, 300)
    phone = validate.text("phone", phone, 40, required=False)
    income = (validate.money_cents("income before", income_usd)
              if income_usd not in (None, "") else None)
    with database.atomic():
        _open_course(course_id)
        row = Trainee.create(course=course_id, kind="outside", name=name, name_km=name_km,
                             age=age, phone=phone, outside_reason=reason,
                             income_before_usd_cents=income, status="waiting",
                             proposed_on=today, proposed_by=actor.id)
        audit.record(actor, AREA, "propose", "trainee", row.id,
                     f"course {course_id}: {name} from outside PSE families ({reason})")
    return get_trainee(actor, row.id)


def select(actor: Actor, trainee_id: int) -> TraineeInfo:
    """Take a waiting trainee on the course, if a place is left."""
    require_manage(actor)
    row = Trainee.get_or_none(Trainee.id == trainee_id)
    if row is None:
        raise NotFound(_("trainee {trainee_id}").format(trainee_id=trainee_id))
    with database.atomic():
        _lock_course(row.course_id)
        n = Trainee.update(status="selected").where(Trainee.id == trainee_id,
                                                    Trainee.status == "waiting").execute()
        row = Trainee.get_or_none(Trainee.id == trainee_id)
        if row is None:
            raise NotFound(_("trainee {trainee_id}").format(trainee_id=trainee_id))
        if n != 1:
            raise ConflictError(_("{name} is {state}, not waiting.").format(
                name=row.name, state=_(row.status)))
        course = _open_course(row.course_id)
        if _taken(course.id) > course.capacity:
            raise ConflictError(ngettext("The course is full ({n} place).",
                                         "The course is full ({n} places).",
                                         course.capacity).format(n=course.capacity))
        audit.record(actor, AREA, "select", "trainee", trainee_id,
                     f"{row.name}: waiting -> selected")
    return get_trainee(actor, trainee_id)


def unselect(actor: Actor, trainee_id: int) -> TraineeInfo:
    """Put a selected trainee back on the waiting list (before any mark)."""
    require_manage(actor)
    with database.atomic():
        n = Trainee.update(status="waiting").where(Trainee.id == trainee_id,
                                                   Trainee.status == "selected").execute()
        row = Trainee.get_or_none(Trainee.id == trainee_id)
        if row is None:
            raise NotFound(_("trainee {trainee_id}").format(trainee_id=trainee_id))
        if n != 1:
            raise ConflictError(_("{name} is {state}, not selected.").format(
                name=row.name, state=_(row.status)))
        audit.record(actor, AREA, "unselect", "trainee", trainee_id,
                     f"{row.name}: selected -> waiting")
    return get_trainee(actor, trainee_id)


def fill_from_priority(actor: Actor, course_id: int) -> list[TraineeInfo]:
    """Select waiting trainees, most urgent family first, up to the capacity; returns those
    selected. The others stay on the waiting list."""
    require_manage(actor)
    with database.atomic():
        _lock_course(course_id)
        course = _open_course(course_id)
        left = course.capacity - _taken(course_id)
        waiting = [t for t in list_trainees(actor, course_id, "waiting")]
        chosen = waiting[:max(left, 0)]
        if chosen:
            Trainee.update(status="selected").where(
                Trainee.id.in_([t.id for t in chosen])).execute()
            audit.record(actor, AREA, "select", "course", course_id,
                         f"{len(chosen)} selected from the priority list: "
                         + ", ".join(t.name for t in chosen)[:900])
    return [get_trainee(actor, t.id) for t in chosen]


def drop_out(actor: Actor, trainee_id: int, reason: str, *, on=None,
             today: dt.date | None = None) -> TraineeInfo:
    """Record that a trainee left the course, with the reason; the family's social worker gets a
    follow-up task when the family has a child in a centre."""
    from ..meetings.followup import add_followup
    from ..meetings.planning import family_centre
    from ..social.caseload import current

    require_manage(actor)
    today = today or dt.date.today()
    reason = validate.text("reason", reason, 300)
    on = validate.date("date", on, required=False) or today
    with database.atomic():
        n = Trainee.update(status="dropped", dropped_on=on, drop_reason=reason).where(
            Trainee.id == trainee_id, Trainee.status.in_(("selected", "waiting"))).execute()
        row = Trainee.get_or_none(Trainee.id == trainee_id)
        if row is None:
            raise NotFound(_("trainee {trainee_id}").format(trainee_id=trainee_id))
        if n != 1:
            raise ConflictError(_("{name} is {state}.").format(name=row.name, state=_(row.status)))
        audit.record(actor, AREA, "drop", "trainee", trainee_id,
                     f"{row.name} left the course on {on}: {reason}")
        if row.family_id and family_centre(row.family_id) is not None:
            case = current(row.family_id)
            add_followup(actor, row.family_id,
                         _("Visit {name}: left the {trade} course ({reason})").format(
                             name=row.name,
                             trade=local_name(row.course.trade.name, row.course.trade.name_km),
                             reason=reason)[:300], assigned_to_id=case.worker_id if case else None,
                         today=today)
    return get_trainee(actor, trainee_id)

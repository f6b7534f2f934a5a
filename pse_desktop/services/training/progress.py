"""Attendance and progress: the register of a session (P present, A absent), the skills checklist
marked as each trainee acquires the skills, and completion, computed against the course's
thresholds of attendance and skills, with a numbered certificate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import IntegrityError, fn

from ...db import database
from ...db.training import Acquired, Counter, Presence, Session, Skill, Trainee
from ..common import validate
from ..common.errors import ConflictError, NotFound, ValidationError
from ..core import audit
from ..core.permissions import Actor
from .rules import AREA, MARKS, require_manage, require_mark, require_marker, require_view
from ...i18n import _

ACTIVE = ("selected", "completed")


def _session(session_id: int) -> Session:
    row = Session.get_or_none(Session.id == session_id)
    if row is None:
        raise NotFound(_("session {session_id}").format(session_id=session_id))
    return row


def register(actor: Actor, session_id: int) -> list[tuple[int, str, str]]:
    """(trainee id, name, mark or "") of a session's trainees (those who dropped out are left
    out; their marks stay)."""
    require_marker(actor)
    session = _session(session_id)
    require_mark(actor, session.course_id)
    marks = dict(Presence.select(Presence.trainee, Presence.status)
                 .where(Presence.session == session_id).tuples())
    rows = (Trainee.select().where(Trainee.course == session.course_id,
                                   Trainee.status.in_(ACTIVE)).order_by(Trainee.name))
    return [(t.id, t.name, marks.get(t.id, "")) for t in rows]


def save_register(actor: Actor, session_id: int, marks: dict[int, str],
                  today: dt.date | None = None) -> int:
    """Save a session's marks {trainee id: "P" | "A" | ""}; returns how many are saved."""
    require_marker(actor)
    today = today or dt.date.today()
    session = _session(session_id)
    course = require_mark(actor, session.course_id)
    if course.status != "open":
        raise ConflictError(_("This course is closed."))
    day = session.day if isinstance(session.day, dt.date) else dt.date.fromisoformat(str(session.day))
    if day > today:
        raise ValidationError("session", _("is in the future"))
    allowed = {t for (t,) in Trainee.select(Trainee.id).where(
        Trainee.course == course.id, Trainee.status.in_(ACTIVE)).tuples()}
    clean = {}
    for tid, mark in marks.items():
        if tid not in allowed:
            raise ValidationError("trainee", _("{tid} is not a trainee of this course").format(
                tid=tid))
        mark = mark.strip().upper() if isinstance(mark, str) else mark  # ' p ' as typed is P
        if mark not in MARKS + ("",):
            raise ValidationError("mark", _("{mark!r} is not P or A").format(
                mark=mark if isinstance(mark, str) and len(mark) < 20 else "..."))
        clean[tid] = mark
    marks = clean
    with database.atomic():
        Presence.delete().where(Presence.session == session_id,
                                Presence.trainee.in_(list(marks))).execute()
        rows = [{"session": session_id, "trainee": tid, "status": m, "recorded_by": actor.id}
                for tid, m in marks.items() if m]
        if rows:
            Presence.insert_many(rows).execute()
        present = sum(1 for r in rows if r["status"] == "P")
        audit.record(actor, AREA, "register", "session", session_id,
                     f"{day}: {present} present, {len(rows) - present} absent")
    return len(rows)


def skills_of(actor: Actor, trainee_id: int) -> list[tuple[int, str, str, dt.date | None]]:
    """(skill id, English, Khmer, acquired on or None) of the trainee's trade."""
    require_view(actor)
    t = Trainee.get_or_none(Trainee.id == trainee_id)
    if t is None:
        raise NotFound(_("trainee {trainee_id}").format(trainee_id=trainee_id))
    got = dict(Acquired.select(Acquired.skill, Acquired.acquired_on)
               .where(Acquired.trainee == trainee_id).tuples())
    return [(s.id, s.name, s.name_km, got.get(s.id))
            for s in Skill.select().where(Skill.trade == t.course.trade_id).order_by(Skill.position)]


def mark_skill(actor: Actor, trainee_id: int, skill_id: int, acquired: bool = True, *,
               on=None, today: dt.date | None = None) -> None:
    require_marker(actor)
    today = today or dt.date.today()
    on = validate.date("date", on, required=False) or today
    t = Trainee.get_or_none(Trainee.id == trainee_id)
    if t is None:
        raise NotFound(_("trainee {trainee_id}").format(trainee_id=trainee_id))
    course = require_mark(actor, t.course_id)
    skill = Skill.get_or_none(Skill.id == skill_id)
    if skill is None or skill.trade_id != course.trade_id:
        raise ValidationError("skill", _("is not on this trade's checklist"))
    if t.status != "selected":
        raise ConflictError(_("{name} is {state}.").format(name=t.name, state=_(t.status)))
    with database.atomic():
        if acquired:
            try:
                with database.atomic():
                    Acquired.create(trainee=trainee_id, skill=skill_id, acquired_on=on,
                                    marked_by=actor.id)
            except IntegrityError:
                return
        elif not Acquired.delete().where(Acquired.trainee == trainee_id,
                                         Acquired.skill == skill_id).execute():
            return
        audit.record(actor, AREA, "skill", "trainee", trainee_id,
                     f"{t.name}: {skill.name} {'acquired' if acquired else 'not acquired'}")


@dataclass(frozen=True)
class Progress:
    trainee_id: int
    name: str
    status: str
    sessions_held: int  # sessions with at least one mark
    present: int
    skills: int
    skills_total: int
    attendance_pct: int
    skills_pct: int
    meets: bool  # reaches both thresholds
    certificate_no: str | None


def progress(actor: Actor, course_id: int) -> list[Progress]:
    """Each trainee's attendance and skills against the course's thresholds."""
    require_view(actor)
    from ...db.training import Course

    course = Course.get_or_none(Course.id == course_id)
    if course is None:
        raise NotFound(_("course {course_id}").format(course_id=course_id))
    held = (Session.select().where(Session.course == course_id,
                                   Session.id.in_(Presence.select(Presence.session))).count())
    present = dict(Presence.select(Presence.trainee, fn.COUNT(Presence.id))
                   .join(Session).where(Session.course == course_id, Presence.status == "P")
                   .group_by(Presence.trainee).tuples())
    total = Skill.select().where(Skill.trade == course.trade_id).count()
    skills = dict(Acquired.select(Acquired.trainee, fn.COUNT(Acquired.id)).join(Trainee)
                  .where(Trainee.course == course_id).group_by(Acquired.trainee).tuples())
    out = []
    for t in Trainee.select().where(Trainee.course == course_id,
                                    Trainee.status.in_(ACTIVE + ("dropped",))).order_by(Trainee.name):
        p, s = present.get(t.id, 0), skills.get(t.id, 0)
        a_pct = p * 100 // held if held else 0
        s_pct = s * 100 // total if total else 0
        out.append(Progress(t.id, t.name, t.status, held, p, s, total, a_pct, s_pct,
                            t.status != "dropped" and held > 0 and a_pct >= course.attendance_pct
                            and s_pct >= course.skills_pct, t.certificate_no))
    return out


def next_number(series: str) -> int:
    """The next number of a series, gap-free (the counter row is updated inside the write)."""
    for _attempt in range(3):
        if Counter.update(last=Counter.last + 1).where(Counter.series == series).execute():
            return Counter.get(Counter.series == series).last
        try:
            with database.atomic():
                Counter.create(series=series, last=1)
            return 1
        except IntegrityError:
            continue
    raise ConflictError(_("Someone else is saving, try again in a moment."))


def complete(actor: Actor, course_id: int, today: dt.date | None = None) -> list[Progress]:
    """Mark completed every selected trainee who reaches the thresholds, each with a certificate
    number; returns those completed now."""
    require_manage(actor)
    today = today or dt.date.today()
    with database.atomic():
        ready = [p for p in progress(actor, course_id) if p.meets and p.status == "selected"]
        for p in ready:
            number = next_number(f"CT{today.year}")
            Trainee.update(status="completed", completed_on=today,
                           certificate_no=f"CT-{today.year}-{number:04d}").where(
                Trainee.id == p.trainee_id).execute()
        audit.record(actor, AREA, "complete", "course", course_id,
                     f"{len(ready)} completed: " + ", ".join(p.name for p in ready)[:900])
    done = {p.trainee_id for p in ready}
    return [p for p in progress(actor, course_id) if p.trainee_id in done]

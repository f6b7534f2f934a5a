"""Trades with their skills checklists, and courses: trade, cohort, dates, trainer, place,
capacity, the thresholds to complete, and sessions on the timetable's weekdays between the
start and the end, public holidays (days off of every centre) left out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from ...db import database
from ...db.centres import DayOff
from ...db.core import User
from ...db.training import Course, Session, Skill, Trade, Trainee
from ..common import validate
from ..common.errors import ConflictError, NotFound, ValidationError
from ..core import audit
from ..core.permissions import Actor, can
from ...formats import format_date
from ...i18n import _, local_name, ngettext
from .rules import AREA, require_manage, require_view

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class TradeInfo:
    id: int
    code: str
    name: str
    name_km: str
    skills: list[tuple[int, str, str]]  # (id, English, Khmer)


def trades(actor: Actor) -> list[TradeInfo]:
    require_view(actor)
    skills: dict[int, list] = {}
    for s in Skill.select().order_by(Skill.trade, Skill.position):
        skills.setdefault(s.trade_id, []).append((s.id, s.name, s.name_km))
    return [TradeInfo(t.id, t.code, t.name, t.name_km, skills.get(t.id, []))
            for t in Trade.select().where(Trade.active == True).order_by(Trade.name)]  # noqa: E712


def trainers() -> list[tuple[int, str]]:
    """(id, name) of the active users who may train a course (any role)."""
    return [(u.id, u.full_name or u.username) for u in
            User.select().where(User.active == True).order_by(User.full_name, User.username)]  # noqa: E712


@dataclass(frozen=True)
class CourseInfo:
    id: int
    trade_id: int
    trade: str
    trade_km: str
    cohort: str
    start_on: dt.date
    end_on: dt.date
    trainer_id: int
    trainer: str
    place: str
    capacity: int
    weekdays: str
    attendance_pct: int
    skills_pct: int
    status: str
    sessions: int
    selected: int  # selected or completed
    waiting: int

    @property
    def label(self) -> str:
        """The trade in the reader's language (a seeded trade translated, Khmer from the
        record) and the cohort."""
        return f"{self.trade_name} {self.cohort}"

    @property
    def trade_name(self) -> str:
        return local_name(self.trade, self.trade_km)

    @property
    def timetable(self) -> str:
        return " ".join(WEEKDAY_NAMES[int(d)] for d in self.weekdays)


def _infos(query) -> list[CourseInfo]:
    rows = list(query)
    ids = [c.id for c in rows]
    sessions = dict(Session.select(Session.course, fn.COUNT(Session.id))
                    .where(Session.course.in_(ids)).group_by(Session.course).tuples()) if ids else {}
    counts: dict[tuple[int, str], int] = {}
    if ids:
        for cid, status, n in (Trainee.select(Trainee.course, Trainee.status, fn.COUNT(Trainee.id))
                               .where(Trainee.course.in_(ids))
                               .group_by(Trainee.course, Trainee.status).tuples()):
            counts[(cid, status)] = n
    trades_ = {t.id: t for t in Trade.select()}
    users = {u.id: u.full_name or u.username for u in User.select()}
    return [CourseInfo(c.id, c.trade_id, trades_[c.trade_id].name, trades_[c.trade_id].name_km,
                       c.cohort, c.start_on, c.end_on, c.trainer_id, users.get(c.trainer_id, ""),
                       c.place, c.capacity, c.weekdays, c.attendance_pct, c.skills_pct, c.status,
                       sessions.get(c.id, 0),
                       counts.get((c.id, "selected"), 0) + counts.get((c.id, "completed"), 0),
                       counts.get((c.id, "waiting"), 0)) for c in rows]


def get_course(actor: Actor, course_id: int) -> CourseInfo:
    require_view(actor)
    found = _infos(Course.select().where(Course.id == course_id))
    if not found:
        raise NotFound(_("course {course_id}").format(course_id=course_id))
    return found[0]


def list_courses(actor: Actor, *, year: int | None = None, mine: bool = False) -> list[CourseInfo]:
    """Courses, newest first; a trainer who is not of the social team sees only their own."""
    require_view(actor)
    query = Course.select().order_by(Course.start_on.desc(), Course.id.desc())
    if mine or not can(actor, "training.view"):
        query = query.where(Course.trainer == actor.id)
    if year:
        query = query.where(Course.start_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return _infos(query)


def public_holidays(first: dt.date, last: dt.date) -> set[dt.date]:
    return {d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)[:10])
            for (d,) in DayOff.select(DayOff.day).where(DayOff.centre.is_null(),
                                                       DayOff.day.between(first, last)).tuples()}


def session_days(start_on: dt.date, end_on: dt.date, weekdays: str) -> list[dt.date]:
    """The days of the timetable between start and end, public holidays left out."""
    holidays = public_holidays(start_on, end_on)
    wanted = {int(d) for d in weekdays}
    out, day = [], start_on
    while day <= end_on:
        if day.weekday() in wanted and day not in holidays:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def clean_weekdays(value) -> str:
    """'0,2,4', '024', [0, 2, 4] or 'Mon Wed Fri' -> '024'."""
    if isinstance(value, str):
        parts = value.replace(",", " ").split()
    elif isinstance(value, (list, tuple, set)):
        parts = [str(v) for v in value]
    else:
        raise ValidationError("timetable", _("needs at least one day of the week"))
    days = set()
    for part in parts:
        name = part[:3].title()
        if name in WEEKDAY_NAMES:
            days.add(WEEKDAY_NAMES.index(name))
        elif part.isascii() and part.isdecimal() and all(c in "0123456" for c in part):
            days.update(int(c) for c in part)  # "4", or "024" as the course keeps them
        else:
            raise ValidationError("timetable", _("{part!r} is not a day of the week").format(
                part=part))
    if not days:
        raise ValidationError("timetable", _("needs at least one day of the week"))
    return "".join(str(d) for d in sorted(days))


def clean_course(values: dict) -> dict:
    trade_id = validate.record_id("trade", values.get("trade_id"))
    trade = None if trade_id is None else Trade.get_or_none(Trade.id == trade_id)
    if trade is None:
        raise ValidationError("trade", _("is unknown"))
    start_on = validate.date("start", values.get("start_on"))
    end_on = validate.date("end", values.get("end_on"))
    if end_on <= start_on:
        raise ValidationError("end", _("must be after the start"))
    if (end_on - start_on).days > 366:
        raise ValidationError("end", _("a course lasts at most a year"))
    trainer_id = validate.record_id("trainer", values.get("trainer_id"))
    trainer = None if trainer_id is None else User.get_or_none(User.id == trainer_id)
    if trainer is None or not trainer.active:
        raise ValidationError("trainer", _("must be an active user"))
    return {
        "trade": trade.id, "cohort": validate.text("cohort", values.get("cohort"), 40),
        "start_on": start_on, "end_on": end_on, "trainer": trainer.id,
        "place": validate.text("place", values.get("place", ""), 120, required=False),
        "capacity": validate.integer("capacity", values.get("capacity"), 1, 200),
        "weekdays": clean_weekdays(values.get("weekdays", "0 1 2 3 4")),
        "attendance_pct": validate.integer("attendance to complete (%)",
                                           values.get("attendance_pct", 80), 0, 100),
        "skills_pct": validate.integer("skills to complete (%)",
                                       values.get("skills_pct", 80), 0, 100),
    }


def create_course(actor: Actor, values: dict) -> CourseInfo:
    """A new course and its sessions from the timetable."""
    require_manage(actor)
    clean = clean_course(values)
    days = session_days(clean["start_on"], clean["end_on"], clean["weekdays"])
    if not days:
        raise ValidationError("timetable", _("gives no session between the start and the end"))
    with database.atomic():
        if Course.select().where(Course.trade == clean["trade"],
                                 Course.cohort == clean["cohort"]).exists():
            raise ValidationError("cohort", _("this trade already has a course of that cohort"))
        row = Course.create(created_by=actor.id, **clean)
        Session.insert_many([{"course": row.id, "day": d} for d in days]).execute()
        audit.record(actor, AREA, "create", "course", row.id,
                     f"{clean['cohort']}: {clean['start_on']} - {clean['end_on']}, "
                     f"{len(days)} sessions, capacity {clean['capacity']}")
    return get_course(actor, row.id)


def update_course(actor: Actor, course_id: int, values: dict) -> CourseInfo:
    """Change an open course; its sessions are made again from the dates and the timetable.

    Refused: a closed course; a capacity below the trainees already selected; another trade once
    skills of the course's trade are marked; dates or days that would leave out a session
    already marked (the marks stay with their session).
    """
    from ...db.training import Acquired, Presence

    require_manage(actor)
    clean = clean_course(values)
    wanted = session_days(clean["start_on"], clean["end_on"], clean["weekdays"])
    if not wanted:
        raise ValidationError("timetable", _("gives no session between the start and the end"))
    with database.atomic():
        row = Course.get_or_none(Course.id == course_id)
        if row is None:
            raise NotFound(_("course {course_id}").format(course_id=course_id))
        if row.status != "open":
            raise ConflictError(_("This course is closed: it can no longer be changed."))
        before = {k: getattr(row, f"{k}_id" if k in ("trade", "trainer") else k) for k in clean}
        _check_update(row, clean, set(wanted), Acquired, Presence)
        for k, v in clean.items():
            setattr(row, k, v)
        row.save()
        existing = {_day(s.day) for s in Session.select().where(Session.course == course_id)}
        Session.delete().where(Session.course == course_id,
                               Session.day.not_in(wanted)).execute()
        new = [{"course": course_id, "day": d} for d in wanted if d not in existing]
        if new:
            Session.insert_many(new).execute()
        audit.record(actor, AREA, "update", "course", course_id,
                     f"{row.cohort}: " + audit.describe_changes(before, clean))
    return get_course(actor, course_id)


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _check_update(row: Course, clean: dict, wanted: set[dt.date], Acquired, Presence) -> None:
    """Refuse a change that would break what is already recorded on the course."""
    taken = Trainee.select().where(Trainee.course == row.id,
                                   Trainee.status.in_(("selected", "completed"))).count()
    if clean["capacity"] < taken:
        raise ValidationError("capacity", ngettext(
            "cannot be below the {n} trainee already selected",
            "cannot be below the {n} trainees already selected", taken).format(n=taken))
    if Course.select().where(Course.trade == clean["trade"], Course.cohort == clean["cohort"],
                             Course.id != row.id).exists():
        raise ValidationError("cohort", _("this trade already has a course of that cohort"))
    if clean["trade"] != row.trade_id and (
            Acquired.select().join(Trainee).where(Trainee.course == row.id).exists()):
        raise ValidationError("trade", _("cannot change: skills of this trade are already "
                                         "marked for trainees"))
    marked = sorted({_day(d) for (d,) in Session.select(Session.day)
                     .join(Presence, on=(Presence.session == Session.id))
                     .where(Session.course == row.id).tuples()} - wanted)
    if marked:
        day = marked[0]
        if day < clean["start_on"]:
            raise ValidationError("start", _("cannot be after {day}: attendance is marked that "
                                             "day").format(day=format_date(day)))
        day = marked[-1]
        if day > clean["end_on"]:
            raise ValidationError("end", _("cannot be before {day}: attendance is marked that "
                                           "day").format(day=format_date(day)))
        raise ValidationError("timetable", _("leaves out {day}, a session with attendance "
                                             "marked").format(day=format_date(marked[0])))


def close_course(actor: Actor, course_id: int) -> CourseInfo:
    """Close a course once its completions are decided: no more marks."""
    require_manage(actor)
    with database.atomic():
        n = Course.update(status="closed").where(Course.id == course_id,
                                                 Course.status == "open").execute()
        if n != 1:
            if Course.get_or_none(Course.id == course_id) is None:
                raise NotFound(_("course {course_id}").format(course_id=course_id))
            raise ConflictError(_("This course is already closed."))
        audit.record(actor, AREA, "close", "course", course_id, "status: open -> closed")
    return get_course(actor, course_id)


def sessions(actor: Actor, course_id: int) -> list[tuple[int, dt.date]]:
    require_view(actor)
    return [(s.id, s.day if isinstance(s.day, dt.date) else dt.date.fromisoformat(str(s.day)))
            for s in Session.select().where(Session.course == course_id).order_by(Session.day)]

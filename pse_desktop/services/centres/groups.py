"""Groups of each centre and the calendar: public holidays, closing days, school days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...db import database
from ...i18n import N_
from ...db.centres import DayOff, Group
from ...db.core import Centre, User
from ..core import audit, settings
from ..common import validate
from .rules import AREA, PROGRAMMES, SESSIONS, centre_ids_for
from ..common.errors import ConflictError, NotFound, ValidationError
from ..core.permissions import Actor, can, require
from ...formats import format_date
from ...i18n import _


@dataclass(frozen=True)
class GroupInfo:
    id: int
    centre_id: int
    centre_code: str
    name: str
    programme: str
    session: str
    staff_id: int | None
    staff_name: str
    active: bool

    @property
    def label(self) -> str:
        """"Sun (daycare)", "Morning 1 (after-school, morning)", in the reader's language."""
        session = f", {_(SESSIONS[self.session]).lower()}" if self.session else ""
        return f"{self.name} ({_(PROGRAMMES[self.programme]).split(' (')[0].lower()}{session})"


def _group_info(g: Group, centre_codes: dict, staff_names: dict) -> GroupInfo:
    return GroupInfo(g.id, g.centre_id, centre_codes.get(g.centre_id, ""), g.name, g.programme,
                     g.session, g.staff_id, staff_names.get(g.staff_id, ""), g.active)


def list_groups(actor: Actor, centre_id: int | None = None, active_only: bool = True) -> list[GroupInfo]:
    """Return the groups of a centre (or of every centre the actor may see)."""
    require(actor, "attendance.view", centre_id=centre_id)
    query = Group.select().order_by(Group.centre, Group.name)
    if centre_id is not None:
        query = query.where(Group.centre == centre_id)
    else:
        limit = centre_ids_for(actor)
        if limit is not None:
            query = query.where(Group.centre.in_(limit))
    if active_only:
        query = query.where(Group.active == True)  # noqa: E712
    codes = {c.id: c.code for c in Centre.select(Centre.id, Centre.code)}
    names = {u.id: u.full_name or u.username for u in User.select(User.id, User.full_name, User.username)}
    return [_group_info(g, codes, names) for g in query]


def get_group(group_id: int) -> GroupInfo:
    g = Group.get_or_none(Group.id == group_id)
    if g is None:
        raise NotFound(_("group {group_id}").format(group_id=group_id))
    centre = Centre.get_by_id(g.centre_id)
    staff = User.get_or_none(User.id == g.staff_id) if g.staff_id else None
    return _group_info(g, {centre.id: centre.code},
                       {staff.id: staff.full_name or staff.username} if staff else {})


def save_group(actor: Actor, group_id: int | None, centre_id: int, name: str, programme: str,
               session: str = "", staff_id: int | None = None, active: bool = True) -> GroupInfo:
    require(actor, "attendance.groups", centre_id=centre_id)
    name = validate.name("name", name, 40)
    programme = validate.choice("programme", programme, list(PROGRAMMES))
    session = validate.choice("session", session or "", list(SESSIONS))
    if programme == "after_school" and not session:
        raise ValidationError("session", _("an after-school group comes in the morning or the afternoon"))
    if programme == "daycare":
        session = ""
    if Centre.get_or_none(Centre.id == centre_id) is None:
        raise ValidationError("centre", _("is unknown"))
    if staff_id is not None and User.get_or_none(User.id == staff_id) is None:
        raise ValidationError("staff", _("is unknown"))
    with database.atomic():
        clash = Group.select().where(Group.centre == centre_id, Group.name == name)
        if group_id is not None:
            clash = clash.where(Group.id != group_id)
        if clash.exists():
            raise ValidationError("name", _("this centre already has a group called {name}").format(name=name))
        values = dict(centre=centre_id, name=name, programme=programme, session=session,
                      staff=staff_id, active=bool(active))
        if group_id is None:
            group = Group.create(**values)
            audit.record(actor, AREA, "create", "group", group.id, f"group {name} ({programme} {session})")
        else:
            group = Group.get_or_none(Group.id == group_id)
            if group is None:
                raise NotFound(_("group {group_id}").format(group_id=group_id))
            if group.centre_id != centre_id:
                raise ConflictError(_("A group stays in its centre; make a new group instead."))
            before = {k: getattr(group, k if k not in ("centre", "staff") else k + "_id")
                      for k in values}
            Group.update(**values).where(Group.id == group_id).execute()
            audit.record(actor, AREA, "update", "group", group_id, audit.describe_changes(before, values))
    return get_group(group.id)


# -- calendar ---------------------------------------------------------------

@dataclass(frozen=True)
class DayOffInfo:
    id: int
    day: dt.date
    centre_id: int | None
    name: str

    @property
    def kind(self) -> str:
        return N_("public holiday") if self.centre_id is None else N_("centre closed")


def list_days_off(year: int, centre_id: int | None = None) -> list[DayOffInfo]:
    """Return the public holidays of a year and, with ``centre_id``, that centre's closing days."""
    query = DayOff.select().where(DayOff.day.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    if centre_id is None:
        query = query.where(DayOff.centre.is_null())
    else:
        query = query.where(DayOff.centre.is_null() | (DayOff.centre == centre_id))
    return [DayOffInfo(d.id, d.day, d.centre_id, d.name) for d in query.order_by(DayOff.day)]


def add_day_off(actor: Actor, day, name: str, centre_id: int | None = None) -> DayOffInfo:
    """Add a public holiday (``centre_id`` None, admins) or a centre's closing day."""
    if centre_id is None:
        require(actor, "attendance.holidays")
    else:
        require(actor, "attendance.calendar", centre_id=centre_id)
    day = validate.date("day", day)
    name = validate.name("name", name, 80)
    with database.atomic():
        query = DayOff.select().where(DayOff.day == day)
        query = query.where(DayOff.centre.is_null() if centre_id is None else (DayOff.centre == centre_id))
        if query.exists():
            raise ValidationError("day", _("{day} is already a day off").format(
                day=format_date(day)))
        row = DayOff.create(day=day, centre=centre_id, name=name)
        where = "all centres" if centre_id is None else Centre.get_by_id(centre_id).code
        audit.record(actor, AREA, "create", "day_off", row.id, f"{day} {name} ({where})")
    return DayOffInfo(row.id, day, centre_id, name)


def remove_day_off(actor: Actor, day_off_id: int) -> None:
    if not can(actor, "attendance.holidays"):
        require(actor, "attendance.calendar")
    row = DayOff.get_or_none(DayOff.id == day_off_id)
    if row is None:
        raise NotFound(_("day off {day_off_id}").format(day_off_id=day_off_id))
    if row.centre_id is None:
        require(actor, "attendance.holidays")
    else:
        require(actor, "attendance.calendar", centre_id=row.centre_id)
    with database.atomic():
        DayOff.delete().where(DayOff.id == day_off_id).execute()
        audit.record(actor, AREA, "delete", "day_off", day_off_id, f"{row.day} {row.name}")


def days_off(centre_id: int | None, first: dt.date, last: dt.date) -> dict[dt.date, str]:
    """Return {day: name} of the holidays and (for the centre) closing days between two dates."""
    query = DayOff.select(DayOff.day, DayOff.name).where(DayOff.day.between(first, last))
    if centre_id is None:
        query = query.where(DayOff.centre.is_null())
    else:
        query = query.where(DayOff.centre.is_null() | (DayOff.centre == centre_id))
    return {d.day: d.name for d in query}


def is_weekday_open(day: dt.date, per_week: int | None = None) -> bool:
    per_week = per_week or settings.get("school_days_per_week")
    return day.weekday() < per_week


def school_days(centre_id: int | None, first: dt.date, last: dt.date) -> list[dt.date]:
    """Return the school days between two dates: open weekdays that are not days off."""
    off = days_off(centre_id, first, last)
    per_week = settings.get("school_days_per_week")
    out, day = [], first
    while day <= last:
        if day.weekday() < per_week and day not in off:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def why_closed(centre_id: int, day: dt.date) -> str | None:
    """Return why a centre is closed on a day ('Sunday', a holiday's name), or None if open."""
    if not is_weekday_open(day):
        return format_date(day, "EEEE")  # the weekday in the reader's language
    return days_off(centre_id, day, day).get(day)


def visible_centres(actor: Actor) -> list[tuple[int, str, str]]:
    """Return (id, code, name) of the active centres the actor may see."""
    require(actor, "attendance.view")
    limit = centre_ids_for(actor)
    query = Centre.select().where(Centre.active == True).order_by(Centre.code)  # noqa: E712
    if limit is not None:
        query = query.where(Centre.id.in_(limit))
    return [(c.id, c.code, c.name) for c in query]


def staff_choices(actor: Actor, centre_id: int) -> list[tuple[int, str]]:
    """Return (user id, name) of the active staff tied to a centre, for 'staff in charge'."""
    from ...db.core import UserCentre

    require(actor, "attendance.view", centre_id=centre_id)
    query = (User.select(User.id, User.full_name, User.username).join(UserCentre)
             .where(UserCentre.centre == centre_id, User.active == True)  # noqa: E712
             .order_by(User.full_name))
    return [(u.id, u.full_name or u.username) for u in query]

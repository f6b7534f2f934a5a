"""Children: registration, search, group moves with history, exit. Plain records out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import IntegrityError

from ...db import counters, database
from ...db.centres import Child, Family, Group, GroupMembership
from ...db.core import Centre, Counter
from ..core import audit
from . import attendance
from ..common import validate
from .rules import (
    AREA, CLOTHING_SIZES, DAYCARE_AGES, PROGRAMMES, SESSIONS, SEXES, age_on, centre_ids_for,
)
from ..common.errors import ConflictError, NotFound, ValidationError
from ..core.permissions import Actor, require
from ...i18n import _


#: Ages at enrolment the programmes take (daycare from 3, after-school until the end of school);
#: the birth date is checked against them, so an old record can still be edited years later.
ENROL_AGES = (2, 20)
FIRST_ENROLMENT = dt.date(1995, 1, 1)  # PSE opened its first centre in 1995-1996

class LikelyDuplicate(ConflictError):
    """Another child has the same name and birth date; save again with ``confirm_duplicate``."""

    def __init__(self, other_code: str, other_name: str):
        super().__init__(f"{other_code} {other_name} has the same name and birth date. "
                         "Is this the same child?")
        self.other_code = other_code


@dataclass(frozen=True)
class ChildInfo:
    id: int
    code: str
    name_km: str
    name_latin: str
    sex: str
    birth_date: dt.date
    family_id: int
    family_code: str
    centre_id: int
    centre_code: str
    programme: str
    session: str
    school: str
    grade: str
    clothing_size: str
    enrolled_on: dt.date
    exit_on: dt.date | None
    exit_reason: str
    age_reason: str
    notes: str
    group_id: int | None = None
    group_name: str = ""

    def age(self, on: dt.date | None = None) -> int:
        return age_on(self.birth_date, on or dt.date.today())

    def active_on(self, day: dt.date) -> bool:
        return self.enrolled_on <= day and (self.exit_on is None or self.exit_on >= day)


FIELDS = ("code", "name_km", "name_latin", "sex", "birth_date", "family", "centre", "programme",
          "session", "school", "grade", "clothing_size", "enrolled_on", "exit_on", "exit_reason",
          "age_reason", "notes")


def _groups_on(child_ids, day: dt.date) -> dict[int, tuple[int, str]]:
    out = {}
    ids = list(child_ids)
    for start in range(0, len(ids), 500):
        query = (GroupMembership.select(GroupMembership.child, Group.id, Group.name)
                 .join(Group).where(GroupMembership.child.in_(ids[start:start + 500]),
                                    GroupMembership.start_on <= day,
                                    GroupMembership.end_on.is_null() | (GroupMembership.end_on >= day))
                 .tuples())
        for child_id, group_id, name in query:
            out[child_id] = (group_id, name)
    return out


def _infos(query, day: dt.date | None = None) -> list[ChildInfo]:
    rows = list(query.select(Child, Family.code.alias("family_code"), Centre.code.alias("centre_code"))
                .join_from(Child, Family).join_from(Child, Centre).objects())
    groups = _groups_on([c.id for c in rows], day or dt.date.today())
    return [ChildInfo(c.id, c.code, c.name_km, c.name_latin, c.sex, c.birth_date, c.family_id,
                      c.family_code, c.centre_id, c.centre_code, c.programme, c.session, c.school,
                      c.grade, c.clothing_size, c.enrolled_on, c.exit_on, c.exit_reason, c.age_reason,
                      c.notes, *groups.get(c.id, (None, ""))) for c in rows]


def get_child(actor: Actor, child_id: int) -> ChildInfo:
    found = _infos(Child.select().where(Child.id == child_id))
    if not found:
        raise NotFound(_("child {child_id}").format(child_id=child_id))
    require(actor, "attendance.view", centre_id=found[0].centre_id)
    return found[0]


def list_children(actor: Actor, centre_id: int | None = None, *, active_on: dt.date | None = None,
                  family_id: int | None = None, group_id: int | None = None, text: str = "",
                  limit: int | None = None, offset: int = 0) -> list[ChildInfo]:
    """Return children (ordered by Latin name), filtered; centre staff see their centres only.

    ``active_on``: enrolled and not left on that day; ``group_id``: in that group on
    ``active_on`` (today by default); ``text``: part of a Latin or Khmer name, a child's code or a
    family code.
    """
    return _infos(_query(actor, centre_id, active_on, family_id, group_id, text)
                  .order_by(Child.name_latin, Child.id).limit(limit).offset(offset or None), active_on)


def count_children(actor: Actor, centre_id: int | None = None, *, active_on: dt.date | None = None,
                   family_id: int | None = None, group_id: int | None = None, text: str = "") -> int:
    return _query(actor, centre_id, active_on, family_id, group_id, text).count()


def _query(actor, centre_id, active_on, family_id, group_id, text):
    require(actor, "attendance.view", centre_id=centre_id)
    query = Child.select()
    if centre_id is not None:
        query = query.where(Child.centre == centre_id)
    elif centre_ids_for(actor) is not None and family_id is None:
        query = query.where(Child.centre.in_(centre_ids_for(actor)))
    if active_on is not None:
        query = query.where(Child.enrolled_on <= active_on,
                            Child.exit_on.is_null() | (Child.exit_on >= active_on))
    if family_id is not None:
        query = query.where(Child.family == family_id)
    if group_id is not None:
        day = active_on or dt.date.today()
        members = GroupMembership.select(GroupMembership.child).where(
            GroupMembership.group == group_id, GroupMembership.start_on <= day,
            GroupMembership.end_on.is_null() | (GroupMembership.end_on >= day))
        query = query.where(Child.id.in_(members))
    text = (text or "").strip()
    if text:
        like = f"%{text}%"
        families = Family.select(Family.id).where(Family.code ** like)
        query = query.where(Child.name_latin ** like | Child.name_km.contains(text)
                            | (Child.code ** like) | Child.family.in_(families))
    return query


def _clean(values: dict, child_id: int | None, check_family: bool = True) -> dict:
    v = dict(values)
    out = {
        "code": validate.code("code", v.get("code"), 20) if v.get("code") or child_id else "",
        "name_km": validate.name("Khmer name", v.get("name_km"), 80, required=False),
        "name_latin": validate.name("Latin name", v.get("name_latin"), 80),
        "sex": validate.choice("sex", v.get("sex"), list(SEXES)),
        "birth_date": validate.date("birth date", v.get("birth_date")),
        "programme": validate.choice("programme", v.get("programme"), list(PROGRAMMES)),
        "session": validate.choice("session", v.get("session") or "", list(SESSIONS)),
        "school": validate.text("school", v.get("school"), 80, required=False),
        "grade": validate.text("grade", v.get("grade"), 10, required=False),
        "clothing_size": v.get("clothing_size") or "",
        "enrolled_on": validate.date("enrolment date", v.get("enrolled_on"), earliest=FIRST_ENROLMENT,
                                     latest=dt.date.today() + dt.timedelta(days=31),
                                     why="not more than a month ahead"),
        "exit_on": validate.date("exit date", v.get("exit_on"), required=False),
        "exit_reason": validate.text("exit reason", v.get("exit_reason"), 200, required=False),
        "age_reason": validate.text("age reason", v.get("age_reason"), 200, required=False),
        "notes": validate.text("notes", v.get("notes"), 2000, required=False),
    }
    if out["clothing_size"] and out["clothing_size"] not in CLOTHING_SIZES:
        raise ValidationError("clothing size", _("must be one of: {join}").format(join=', '.join(CLOTHING_SIZES)))
    if out["programme"] == "after_school" and not out["session"]:
        raise ValidationError("session", _("an after-school child comes in the morning or the afternoon"))
    if out["programme"] == "daycare":
        out["session"], out["school"], out["grade"] = "", "", ""
    today = dt.date.today()
    if out["birth_date"] > today:
        raise ValidationError("birth date", _("is in the future"))
    if out["enrolled_on"] < out["birth_date"]:
        raise ValidationError("enrolment date", _("is before the birth date"))
    age = age_on(out["birth_date"], out["enrolled_on"])
    if not ENROL_AGES[0] <= age <= ENROL_AGES[1]:
        raise ValidationError("birth date", _("{date} gives an age of {age} at enrolment; the programmes take children of {low} to {high}").format(
            date=out["birth_date"].isoformat(), age=age, low=ENROL_AGES[0], high=ENROL_AGES[1]))
    if out["exit_on"] and out["exit_on"] < out["enrolled_on"]:
        raise ValidationError("exit date", _("is before the enrolment date"))
    if out["exit_on"] and not out["exit_reason"]:
        raise ValidationError("exit reason", _("is required when the child leaves"))
    if out["programme"] == "daycare" and not out["age_reason"]:
        on = max(out["enrolled_on"], today) if child_id is None else today
        on = min(on, out["exit_on"] or on)
        age = age_on(out["birth_date"], on)
        if not DAYCARE_AGES[0] <= age <= DAYCARE_AGES[1]:
            raise ValidationError("age reason", _("daycare is for ages 3-6 and this child is {age}: give the reason to confirm").format(age=age))
    for key, field in (("family_id", "family"), ("centre_id", "centre")):
        v[key] = validate.record_id(field, v.get(key))
        if not v.get(key) and (check_family or key != "family_id"):
            raise ValidationError(field, _("is required"))
    if check_family and Family.get_or_none(Family.id == v["family_id"]) is None:
        raise ValidationError("family", _("is unknown"))
    if Centre.get_or_none(Centre.id == v["centre_id"]) is None:
        raise ValidationError("centre", _("is unknown"))
    out["family"], out["centre"] = v["family_id"], v["centre_id"]
    return out


def find_duplicate(name_latin: str, name_km: str, birth_date: dt.date, exclude_id: int | None = None):
    """Return the first other child with the same birth date and the same Latin or Khmer name."""
    query = Child.select().where(Child.birth_date == birth_date)
    if exclude_id is not None:
        query = query.where(Child.id != exclude_id)
    for other in query:
        if other.name_latin.casefold().split() == name_latin.casefold().split() or (
                name_km and other.name_km == name_km):
            return other
    return None


def save_child(actor: Actor, child_id: int | None, values: dict, *, group_id: int | None = None,
               confirm_duplicate: bool = False) -> ChildInfo:
    """Register (``child_id`` None) or edit a child; ``values`` has the ChildInfo field names
    (``family_id``, ``centre_id``); a new child with ``group_id`` joins it from enrolment."""
    centre_id = values.get("centre_id")
    require(actor, "children.edit", centre_id=centre_id)
    family_id = validate.record_id("family", values.get("family_id"))  # before any lookup
    if family_id:  # joining a family shows it: only a family one may see
        from .families import require_family

        require_family(actor, "children.edit", family_id)
    clean = _clean(values, child_id)
    if group_id is not None:
        group = Group.get_or_none(Group.id == group_id)
        if group is None or group.centre_id != clean["centre"]:
            raise ValidationError("group", _("is not a group of this centre"))
    with database.atomic():
        if not clean["code"]:  # a new child with no code typed: the centre's next one
            clean["code"] = take_child_code(Centre.get_by_id(clean["centre"]).code)
        clash = Child.select().where(Child.code == clean["code"])
        if child_id is not None:
            clash = clash.where(Child.id != child_id)
        if clash.exists():
            raise ValidationError("code", _("another child has the code {code}").format(code=clean['code']))
        if not confirm_duplicate:
            other = find_duplicate(clean["name_latin"], clean["name_km"], clean["birth_date"], child_id)
            if other is not None:
                raise LikelyDuplicate(other.code, other.name_latin)
        if child_id is None:
            try:
                with database.atomic():  # a savepoint: the code typed may be taken meanwhile
                    child = Child.create(**clean)
            except IntegrityError:
                raise ValidationError("code", _("another child has the code {code}").format(code=clean["code"])) from None
            if group_id is not None:
                GroupMembership.create(child=child.id, group=group_id, start_on=clean["enrolled_on"])
            audit.record(actor, AREA, "create", "child", child.id,
                         f"child {clean['code']} {clean['name_latin']} ({clean['programme']})")
        else:
            child = Child.get_or_none(Child.id == child_id)
            if child is None:
                raise NotFound(_("child {child_id}").format(child_id=child_id))
            require(actor, "children.edit", centre_id=child.centre_id)
            before = {k: getattr(child, k if k not in ("family", "centre") else k + "_id")
                      for k in clean}
            Child.update(**clean).where(Child.id == child_id).execute()
            audit.record(actor, AREA, "update", "child", child_id, audit.describe_changes(before, clean))
    return get_child(actor, child.id)


def move_child(actor: Actor, child_id: int, group_id: int, from_day) -> ChildInfo:
    """Put a child in a group from a day on; earlier days (and their marks) keep the old group."""
    child = Child.get_or_none(Child.id == child_id)
    if child is None:
        raise NotFound(_("child {child_id}").format(child_id=child_id))
    require(actor, "children.edit", centre_id=child.centre_id)
    from_day = validate.date("from", from_day)
    group = Group.get_or_none(Group.id == group_id)
    if group is None or group.centre_id != child.centre_id:
        raise ValidationError("group", _("is not a group of the child's centre"))
    if from_day < child.enrolled_on:
        raise ValidationError("from", _("is before the child's enrolment"))
    with database.atomic():
        later = GroupMembership.select().where(GroupMembership.child == child_id,
                                               GroupMembership.start_on >= from_day)
        if later.exists():
            raise ConflictError(_("The child already has a group change on or after that day."))
        current = (GroupMembership.select().where(GroupMembership.child == child_id)
                   .order_by(GroupMembership.start_on.desc()).first())
        old = ""
        if current is not None:
            if current.group_id == group_id and current.end_on is None:
                raise ConflictError(_("The child is already in this group."))
            old = Group.get_by_id(current.group_id).name
            if current.end_on is None or current.end_on >= from_day:
                current.end_on = from_day - dt.timedelta(days=1)
                current.save()
        GroupMembership.create(child=child_id, group=group_id, start_on=from_day)
        moved = attendance.move_marks(actor, child_id, group_id, from_day)
        audit.record(actor, AREA, "move", "child", child_id,
                     f"{child.code} from group {old or '-'} to {group.name} on {from_day}"
                     + (f"; {moved} marks moved with the child" if moved else ""))
    return get_child(actor, child_id)


@dataclass(frozen=True)
class GroupStay:
    group_id: int
    group_name: str
    start_on: dt.date
    end_on: dt.date | None


def group_history(actor: Actor, child_id: int) -> list[GroupStay]:
    get_child(actor, child_id)
    query = (GroupMembership.select(GroupMembership, Group.name).join(Group)
             .where(GroupMembership.child == child_id).order_by(GroupMembership.start_on))
    return [GroupStay(m.group_id, m.group.name, m.start_on, m.end_on) for m in query]


def _used_code(prefix: str) -> int:
    codes = [c.code for c in Child.select(Child.code).where(Child.code.startswith(prefix))]
    return max((int(c[len(prefix):]) for c in codes if c[len(prefix):].isdigit()), default=0)


def next_child_code(centre_code: str) -> str:
    """The code the next child of the centre will probably get (shown in an empty form)."""
    prefix = f"{centre_code}-"
    taken = Counter.select(Counter.value).where(Counter.key == f"child:{centre_code}").scalar()
    return f"{prefix}{max(taken or 0, _used_code(prefix)) + 1:04d}"


def take_child_code(centre_code: str) -> str:
    """The centre's next child code, from its counter (inside the transaction that uses it)."""
    prefix = f"{centre_code}-"
    while True:
        number = counters.next_value(f"child:{centre_code}", lambda: _used_code(prefix))
        code = f"{prefix}{number:04d}"
        if not Child.select().where(Child.code == code).exists():  # not typed by hand earlier
            return code

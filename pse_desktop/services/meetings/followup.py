"""Follow-up actions for families (from a meeting or from the family page): what, who does it,
by when, done or not and the outcome; the overdue list for a centre and across centres; the
family page that puts meetings, follow-ups and the children's attendance in one place."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from textwrap import shorten

from peewee import JOIN

from ...db import database
from ...db.centres import Family
from ...db.core import Centre, User
from ...db.meetings import FollowUp, Meeting, MeetingFamily, Theme
from ..core import audit, settings
from ..common import validate
from ..centres.rules import centre_ids_for
from ..common.errors import NotFound, ValidationError
from ..centres.families import families_by_id
from .planning import AREA, family_centre
from ..core.permissions import Actor, can, require
from ...i18n import _, local_name
from ...formats import format_date


@dataclass(frozen=True)
class FollowUpInfo:
    id: int
    family_id: int
    family_code: str
    centre_id: int
    centre_code: str
    meeting_id: int | None
    meeting_label: str
    action: str
    assigned_to_id: int | None
    assigned_to: str
    due_on: dt.date
    done_on: dt.date | None
    outcome: str
    contact: str = ""
    guardians: str = ""

    def overdue(self, today: dt.date) -> bool:
        return self.done_on is None and self.due_on < today

    def state(self, today: dt.date) -> str:
        if self.done_on:
            return "done"
        return "overdue" if self.due_on < today else "open"


def _as_date(value):
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _infos(query) -> list[FollowUpInfo]:
    rows = list(query.select(FollowUp, Centre.code.alias("centre_code"), Family.code.alias("family_code"),
                             Meeting.held_on.alias("meeting_day"), Theme.name.alias("theme_name"))
                .join_from(FollowUp, Centre).join_from(FollowUp, Family)
                .join_from(FollowUp, Meeting, join_type=JOIN.LEFT_OUTER)
                .join_from(Meeting, Theme, join_type=JOIN.LEFT_OUTER).objects())
    users = {u.id: u.full_name or u.username for u in User.select(User.id, User.full_name, User.username)
             .where(User.id.in_([r.assigned_to_id for r in rows if r.assigned_to_id]))}
    fams = families_by_id(r.family_id for r in rows)
    out = []
    for r in rows:
        f = fams.get(r.family_id)
        meeting = (f"{format_date(_as_date(r.meeting_day))} {local_name(r.theme_name)}" if r.meeting_id else "")
        out.append(FollowUpInfo(r.id, r.family_id, r.family_code, r.centre_id, r.centre_code,
                                r.meeting_id, meeting, r.action, r.assigned_to_id,
                                users.get(r.assigned_to_id, ""), _as_date(r.due_on), _as_date(r.done_on),
                                r.outcome, f.contact if f else "",
                                ", ".join(f"{g.name_latin} ({g.relation})" for g in f.guardians) if f else ""))
    return out


def get_followup(actor: Actor, followup_id: int) -> FollowUpInfo:
    found = _infos(FollowUp.select().where(FollowUp.id == followup_id))
    if not found:
        raise NotFound(_("follow-up {followup_id}").format(followup_id=followup_id))
    require(actor, "meetings.view", centre_id=found[0].centre_id)
    return found[0]


def add_followup(actor: Actor, family_id: int, action: str, *, due_on=None,
                 assigned_to_id: int | None = None, meeting_id: int | None = None,
                 today: dt.date | None = None) -> FollowUpInfo:
    """Add an action for a family; its centre is the meeting's, else the family's children's."""
    today = today or dt.date.today()
    family = Family.get_or_none(Family.id == family_id) if family_id else None
    if family is None:
        raise ValidationError("family", "is required" if not family_id else "is unknown")
    if meeting_id is not None:
        meeting = Meeting.get_or_none(Meeting.id == meeting_id)
        if meeting is None:
            raise NotFound(_("meeting {meeting_id}").format(meeting_id=meeting_id))
        centre_id = meeting.centre_id
    else:
        centre_id = family_centre(family_id)
        if centre_id is None:
            raise ValidationError("family", _("has no child in a centre"))
    require(actor, "meetings.followup", centre_id=centre_id)
    from ..centres.families import require_family

    require_family(actor, "meetings.followup", family_id)
    action = validate.text("action", action, 300)
    due_on = validate.date("due date", due_on, required=False,
                           **validate.around_today(2, 3, _("follow-ups"))) or (
        today + dt.timedelta(days=settings.get("followup_due_days")))
    if assigned_to_id is not None and User.get_or_none(User.id == assigned_to_id) is None:
        raise ValidationError("who", _("is unknown"))
    with database.atomic():
        row = FollowUp.create(family=family_id, centre=centre_id, meeting=meeting_id, action=action,
                              assigned_to=assigned_to_id, due_on=due_on, created_by=actor.id)
        audit.record(actor, AREA, "create", "followup", row.id,
                     f"family {family.code}: {action} (due {due_on})")
    return get_followup(actor, row.id)


def update_followup(actor: Actor, followup_id: int, *, action: str | None = None, due_on=None,
                    assigned_to_id: int | None | str = "same", done_on=None,
                    outcome: str | None = None, reopen: bool = False) -> FollowUpInfo:
    """Change a follow-up; ``done_on`` closes it (an outcome is then required); ``reopen``
    opens it again."""
    row = FollowUp.get_or_none(FollowUp.id == followup_id)
    if row is None:
        raise NotFound(_("follow-up {followup_id}").format(followup_id=followup_id))
    require(actor, "meetings.followup", centre_id=row.centre_id)
    values = {}
    if action is not None:
        values["action"] = validate.text("action", action, 300)
    if due_on not in (None, ""):
        values["due_on"] = validate.date("due date", due_on, **validate.around_today(2, 3, _("follow-ups")))
    if assigned_to_id != "same":
        if assigned_to_id is not None and User.get_or_none(User.id == assigned_to_id) is None:
            raise ValidationError("who", _("is unknown"))
        values["assigned_to"] = assigned_to_id
    if outcome is not None:
        values["outcome"] = validate.text("outcome", outcome, 2000, required=False)
    if done_on not in (None, ""):
        values["done_on"] = validate.date("done on", done_on, earliest=validate.years_from(dt.date.today(), -5),
                                          latest=dt.date.today() + dt.timedelta(days=1),
                                          why="not in the future")
        if not values.get("outcome", row.outcome):
            raise ValidationError("outcome", _("say what came of it before closing the action"))
    if reopen:
        values["done_on"] = None
    if not values:
        return get_followup(actor, followup_id)
    with database.atomic():
        before = {k: getattr(row, k + "_id" if k == "assigned_to" else k) for k in values}
        FollowUp.update(**values).where(FollowUp.id == followup_id).execute()
        audit.record(actor, AREA, "update", "followup", followup_id, audit.describe_changes(before, values))
    return get_followup(actor, followup_id)


def _scope(actor: Actor, query, centre_id: int | None):
    if centre_id is not None:
        return query.where(FollowUp.centre == centre_id)
    limit = centre_ids_for(actor)
    return query.where(FollowUp.centre.in_(limit)) if limit is not None else query


def list_followups(actor: Actor, *, centre_id: int | None = None, state: str = "open",
                   family_id: int | None = None, meeting_id: int | None = None,
                   today: dt.date | None = None, limit: int | None = None,
                   offset: int = 0) -> tuple[list[FollowUpInfo], int]:
    """Return a page of follow-ups and the count. ``state``: 'open', 'overdue' (open and past
    due), 'done' or 'all'. Centre staff see their centres; the social team all of them."""
    require(actor, "meetings.view", centre_id=centre_id)
    today = today or dt.date.today()
    query = _scope(actor, FollowUp.select(), centre_id)
    if state == "open":
        query = query.where(FollowUp.done_on.is_null())
    elif state == "overdue":
        query = query.where(FollowUp.done_on.is_null(), FollowUp.due_on < today)
    elif state == "done":
        query = query.where(FollowUp.done_on.is_null(False))
    if family_id is not None:
        query = query.where(FollowUp.family == family_id)
    if meeting_id is not None:
        query = query.where(FollowUp.meeting == meeting_id)
    total = query.count()
    page = query.order_by(FollowUp.done_on.is_null(False), FollowUp.due_on, FollowUp.id)
    return _infos(page.limit(limit).offset(offset or None)), total


def overdue(actor: Actor, centre_id: int | None = None, today: dt.date | None = None) -> list[FollowUpInfo]:
    """Return every overdue follow-up the actor may see, oldest due date first."""
    return list_followups(actor, centre_id=centre_id, state="overdue", today=today)[0]


def home_cards(actor: Actor, target) -> list:
    """Home page: overdue follow-ups (the centre's, or all centres' for the social team)."""
    from ..core.home import Card

    if not can(actor, "meetings.view"):
        return []
    late = overdue(actor)
    if not late:
        return []
    by_centre = Counter(f.centre_code for f in late)
    lines = [_("{family} ({centre}): {action}, due {due}").format(
        family=f.family_code, centre=f.centre_code, action=shorten(f.action, 42, placeholder="..."),
        due=format_date(f.due_on)) for f in late[:4]]
    if len(late) > 4:
        lines.append(_("... {n} in all: {centres}").format(
            n=len(late), centres=", ".join(f"{c} {n}" for c, n in sorted(by_centre.items()))))
    return [Card(_("Family follow-ups overdue"), tuple(lines), "followups", "danger")]


# -- the family page ----------------------------------------------------------------------

@dataclass(frozen=True)
class FamilyMeeting:
    meeting_id: int
    held_on: dt.date
    centre_code: str
    theme: str
    title: str
    status: str
    invited: bool
    came: bool
    who_came: str


@dataclass(frozen=True)
class ChildRate:
    child_id: int
    code: str
    name_km: str
    name_latin: str
    age: int
    centre_code: str
    group_name: str
    rate: float | None  # over the last three months, in percent
    left_on: dt.date | None


@dataclass(frozen=True)
class FamilyPage:
    family: object  # families.FamilyInfo
    meetings: list[FamilyMeeting]
    followups: list[FollowUpInfo]
    children: list[ChildRate]

    @property
    def invited(self) -> int:
        return sum(1 for m in self.meetings if m.invited and m.status == "held")

    @property
    def attended(self) -> int:
        return sum(1 for m in self.meetings if m.came)


def family_page(actor: Actor, family_id: int, today: dt.date | None = None) -> FamilyPage:
    """Return a family with its meetings, follow-ups and children (attendance rate of the last
    three months from the attendance services)."""
    from ..centres.summary import child_history, rate
    from ..centres.children import list_children
    from ..centres.families import get_family

    require(actor, "meetings.view")
    today = today or dt.date.today()
    family = get_family(actor, family_id)
    limit = centre_ids_for(actor)
    kids = list_children(actor, family_id=family_id, active_on=None)
    if limit is not None and not any(k.centre_id in limit for k in kids):
        require(actor, "meetings.view", centre_id=kids[0].centre_id if kids else -1)
    rates = []
    for k in kids:
        value = None
        if limit is None or k.centre_id in limit:
            history, _absences = child_history(actor, k.id, months=3, today=today)
            total: Counter = Counter()
            for month in history:
                total.update(month.counts)
            value = rate(total)
        rates.append(ChildRate(k.id, k.code, k.name_km, k.name_latin, k.age(today), k.centre_code,
                               k.group_name, value, k.exit_on))
    links = (MeetingFamily.select(MeetingFamily, Meeting, Centre.code.alias("centre_code"),
                                  Theme.name.alias("theme_name"))
             .join(Meeting).join(Centre).join_from(Meeting, Theme)
             .where(MeetingFamily.family == family_id).order_by(Meeting.held_on.desc()).objects())
    guardians = {g.id: g for g in family.guardians}
    meetings = []
    for mf in links:
        who = ""
        if mf.came:
            g = guardians.get(mf.guardian_id)
            who = f"{g.name_latin} ({g.relation})" if g else (mf.attendee or "someone")
        meetings.append(FamilyMeeting(mf.meeting.id, _as_date(mf.meeting.held_on), mf.centre_code,
                                      local_name(mf.theme_name), mf.meeting.title, mf.meeting.status, mf.invited,
                                      mf.came, who))
    followups = _infos(FollowUp.select().where(FollowUp.family == family_id)
                       .order_by(FollowUp.done_on.is_null(False), FollowUp.due_on.desc()))
    return FamilyPage(family, meetings, followups, rates)

"""Parent meetings: permissions, settings, the theme catalogue, planning a meeting and the
families it invites, notes saved as they are typed, and plain records for screens.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ...db import database, dialect
from ...db.centres import Child, Family, GroupMembership
from ...db.core import Centre, User
from ...db.meetings import Meeting, MeetingDraft, MeetingFamily, MeetingGuest, Theme
from ..core import audit
from ..common import validate
from ..centres.rules import PROGRAMMES, centre_ids_for, relation_label
from ..common.errors import ConflictError, NotFound, ValidationError
from ..centres.families import families_by_id
from ..core.permissions import Actor, register_actions, require
from ..core.settings import SettingDef, declare
from ...formats import format_date
from ...i18n import _, N_, local_name

AREA = "meetings"
STATUSES = {"planned": N_("Planned"), "held": N_("Held")}
TIME_RE = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")

register_actions(
    {
        "meetings.view": N_("See parent meetings, follow-ups and the family page"),
        "meetings.plan": N_("Plan parent meetings of a centre and record who came"),
        "meetings.followup": N_("Add and close follow-up actions for families"),
        "meetings.themes": N_("Edit the catalogue of meeting themes"),
    },
    {
        "centre_staff": ["meetings.view", "meetings.plan", "meetings.followup"],
        "social_team": ["meetings.view", "meetings.followup", "meetings.themes"],
    },
)

declare(
    SettingDef("followup_due_days", N_("Days to do a follow-up"), "int", 14,
               N_("A new follow-up action is due this many days after it is created, unless another date is given."), 1, 365),
)


# -- themes -------------------------------------------------------------------------------

@dataclass(frozen=True)
class ThemeInfo:
    id: int
    name: str
    description: str
    active: bool


def list_themes(active_only: bool = True) -> list[ThemeInfo]:
    query = Theme.select().order_by(Theme.name)
    if active_only:
        query = query.where(Theme.active == True)  # noqa: E712
    return [ThemeInfo(t.id, t.name, t.description, t.active) for t in query]


def save_theme(actor: Actor, theme_id: int | None, name: str, description: str = "",
               active: bool = True) -> ThemeInfo:
    """Add or edit a theme; ``active=False`` retires it (past meetings keep it)."""
    require(actor, "meetings.themes")
    name = validate.name("name", name, 80)
    description = validate.text("description", description, 400, required=False)
    with database.atomic():
        clash = Theme.select().where(Theme.name == name)
        if theme_id is not None:
            clash = clash.where(Theme.id != theme_id)
        if clash.exists():
            raise ValidationError("name", _("there is already a theme called {name}").format(name=name))
        values = {"name": name, "description": description, "active": bool(active)}
        if theme_id is None:
            theme = Theme.create(**values)
            audit.record(actor, AREA, "create", "theme", theme.id, f"theme {name}")
        else:
            theme = Theme.get_or_none(Theme.id == theme_id)
            if theme is None:
                raise NotFound(_("theme {theme_id}").format(theme_id=theme_id))
            before = {k: getattr(theme, k) for k in values}
            Theme.update(**values).where(Theme.id == theme_id).execute()
            audit.record(actor, AREA, "update", "theme", theme_id, audit.describe_changes(before, values))
    return ThemeInfo(theme.id, name, description, bool(active))


# -- meetings -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Invitee:
    family_id: int
    family_code: str
    guardians: tuple  # GuardianInfo of the family
    invited: bool
    came: bool
    guardian_id: int | None
    attendee: str

    @property
    def who_came(self) -> str:
        """Return the name of who came for the family ('' if nobody)."""
        if not self.came:
            return ""
        g = next((g for g in self.guardians if g.id == self.guardian_id), None)
        if g is not None:
            return f"{g.name_latin} ({relation_label(g.relation)})"
        return self.attendee or _("someone")


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    centre_id: int
    centre_code: str
    centre_name: str
    held_on: dt.date
    start_time: str
    duration_min: int
    theme_id: int
    theme: str
    title: str
    facilitators: str
    notes: str
    status: str
    invitees: tuple[Invitee, ...] = ()
    guests: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        return (f"{format_date(self.held_on)} {self.centre_code} - "
                f"{self.title or local_name(self.theme)}")

    @property
    def came_count(self) -> int:
        return sum(1 for i in self.invitees if i.came) + len(self.guests)

    @property
    def invited_count(self) -> int:
        return sum(1 for i in self.invitees if i.invited)


def _clean_meeting(values: dict) -> dict:
    v = dict(values)
    missing = [name for name, key in (("centre", "centre_id"), ("date", "held_on"), ("theme", "theme_id"))
               if v.get(key) in (None, "")]
    if missing:
        also = f" (also missing: {', '.join(missing[1:])})" if len(missing) > 1 else ""
        raise ValidationError(missing[0], _("is required: choose the meeting's {value}{also}").format(value=missing[0], also=also))
    out = {
        "held_on": validate.date("date", v.get("held_on"), **validate.around_today(5, 2, _("meetings"))),
        "title": validate.text("title", v.get("title"), 120, required=False),
        "facilitators": validate.text("facilitators", v.get("facilitators"), 200, required=False),
        "notes": validate.text("notes", v.get("notes"), 20000, required=False),
        "duration_min": validate.integer("duration", v.get("duration_min") or 60, 5, 600),
    }
    start = validate.text("time", v.get("start_time"), 10, required=False)
    if start:
        m = TIME_RE.match(start)
        if not m:
            raise ValidationError("time", _("must be a time like 14:30, not {start!r}").format(start=start))
        start = f"{int(m.group(1)):02d}:{m.group(2)}"
    out["start_time"] = start
    centre = Centre.get_or_none(Centre.id == validate.record_id("centre", v["centre_id"]))
    if centre is None:
        raise ValidationError("centre", _("is unknown"))
    theme = Theme.get_or_none(Theme.id == validate.record_id("theme", v["theme_id"]))
    if theme is None:
        raise ValidationError("theme", _("is unknown"))
    out["centre"], out["theme"] = centre.id, theme.id
    return out


def save_meeting(actor: Actor, meeting_id: int | None, values: dict,
                 family_ids=None) -> MeetingInfo:
    """Plan (``meeting_id`` None) or edit a meeting; ``values`` has centre_id, held_on, theme_id,
    start_time, duration_min, title, facilitators, notes. ``family_ids`` (when given) becomes the
    list of invited families: families dropped lose their invitation unless someone came."""
    centre_id = values.get("centre_id") or None
    require(actor, "meetings.plan", centre_id=centre_id)
    clean = _clean_meeting(values)
    wanted = None if family_ids is None else {int(f) for f in family_ids}
    if wanted:
        known = {f.id for f in Family.select(Family.id).where(Family.id.in_(list(wanted)))}
        if wanted - known:
            raise ValidationError("families", _("{n} families are unknown").format(n=len(wanted - known)))
    now = dt.datetime.now()
    with database.atomic():
        if meeting_id is None:
            meeting = Meeting.create(**clean, created_by=actor.id, created_at=now, updated_at=now)
            action, summary = "create", f"meeting {clean['held_on']}"
        else:
            meeting = Meeting.get_or_none(Meeting.id == meeting_id)
            if meeting is None:
                raise NotFound(_("meeting {meeting_id}").format(meeting_id=meeting_id))
            require(actor, "meetings.plan", centre_id=meeting.centre_id)
            before = {k: getattr(meeting, k if k not in ("centre", "theme") else k + "_id")
                      for k in clean}
            Meeting.update(**clean, updated_at=now).where(Meeting.id == meeting_id).execute()
            action, summary = "update", audit.describe_changes(
                {k: v for k, v in before.items() if k != "notes"},
                {k: v for k, v in clean.items() if k != "notes"})
            if before["notes"] != clean["notes"]:
                summary += f"; notes ({len(clean['notes'])} characters)"
        if wanted is not None:
            current = {mf.family_id: mf for mf in MeetingFamily.select().where(
                MeetingFamily.meeting == meeting.id)}
            gone = [fid for fid, mf in current.items() if fid not in wanted and mf.invited and not mf.came]
            if gone:
                MeetingFamily.delete().where(MeetingFamily.meeting == meeting.id,
                                             MeetingFamily.family.in_(gone)).execute()
            uninvite = [fid for fid, mf in current.items() if fid not in wanted and mf.came]
            if uninvite:
                MeetingFamily.update(invited=False).where(MeetingFamily.meeting == meeting.id,
                                                          MeetingFamily.family.in_(uninvite)).execute()
            reinvite = [fid for fid, mf in current.items() if fid in wanted and not mf.invited]
            if reinvite:
                MeetingFamily.update(invited=True).where(MeetingFamily.meeting == meeting.id,
                                                         MeetingFamily.family.in_(reinvite)).execute()
            new = sorted(wanted - set(current))
            for start in range(0, len(new), 500):
                MeetingFamily.insert_many([{"meeting": meeting.id, "family": fid, "invited": True}
                                           for fid in new[start:start + 500]]).execute()
            summary += f"; {len(wanted)} families invited"
        MeetingDraft.delete().where(MeetingDraft.user == actor.id,
                                    MeetingDraft.meeting.is_null() if meeting_id is None
                                    else MeetingDraft.meeting == meeting_id).execute()
        theme = Theme.get_by_id(clean["theme"]).name
        audit.record(actor, AREA, action, "meeting", meeting.id, f"{summary} ({theme})")
    return get_meeting(actor, meeting.id)


def save_notes(actor: Actor, meeting_id: int, notes: str) -> None:
    """Save a meeting's notes alone (called as they type); nothing is written if unchanged."""
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        raise NotFound(_("meeting {meeting_id}").format(meeting_id=meeting_id))
    require(actor, "meetings.plan", centre_id=meeting.centre_id)
    notes = validate.text("notes", notes, 20000, required=False)
    if notes == meeting.notes:
        return
    with database.atomic():
        Meeting.update(notes=notes, updated_at=dt.datetime.now()).where(Meeting.id == meeting_id).execute()
        audit.record(actor, AREA, "notes", "meeting", meeting_id,
                     f"notes saved ({len(notes)} characters)")


def delete_meeting(actor: Actor, meeting_id: int) -> None:
    """Delete a planned meeting nobody came to yet; a held meeting stays in the record."""
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        raise NotFound(_("meeting {meeting_id}").format(meeting_id=meeting_id))
    require(actor, "meetings.plan", centre_id=meeting.centre_id)
    if meeting.status == "held":
        raise ConflictError(_("This meeting was held: it stays in the record."))
    with database.atomic():
        Meeting.delete().where(Meeting.id == meeting_id).execute()
        audit.record(actor, AREA, "delete", "meeting", meeting_id,
                     f"planned meeting of {meeting.held_on} deleted")


def get_meeting(actor: Actor, meeting_id: int) -> MeetingInfo:
    m = (Meeting.select(Meeting, Centre, Theme).join(Centre).join_from(Meeting, Theme)
         .where(Meeting.id == meeting_id).first())
    if m is None:
        raise NotFound(_("meeting {meeting_id}").format(meeting_id=meeting_id))
    require(actor, "meetings.view", centre_id=m.centre_id)
    links = list(MeetingFamily.select().where(MeetingFamily.meeting == meeting_id))
    fams = families_by_id(mf.family_id for mf in links)
    invitees = sorted((Invitee(mf.family_id, fams[mf.family_id].code, fams[mf.family_id].guardians,
                               mf.invited, mf.came, mf.guardian_id, mf.attendee) for mf in links),
                      key=lambda i: i.family_code)
    guests = tuple((g.name, g.note) for g in MeetingGuest.select().where(
        MeetingGuest.meeting == meeting_id).order_by(MeetingGuest.id))
    return MeetingInfo(m.id, m.centre_id, m.centre.code, m.centre.name, m.held_on, m.start_time,
                       m.duration_min, m.theme_id, m.theme.name, m.title, m.facilitators, m.notes,
                       m.status, tuple(invitees), guests)


@dataclass(frozen=True)
class MeetingRow:
    id: int
    held_on: dt.date
    centre_code: str
    theme: str
    title: str
    status: str
    invited: int
    came: int


def _meetings_query(actor, centre_id, first, last, text):
    require(actor, "meetings.view", centre_id=centre_id)
    query = Meeting.select()
    if centre_id:
        query = query.where(Meeting.centre == centre_id)
    elif centre_ids_for(actor) is not None:
        query = query.where(Meeting.centre.in_(centre_ids_for(actor)))
    if first:
        query = query.where(Meeting.held_on >= first)
    if last:
        query = query.where(Meeting.held_on <= last)
    if text:
        themes = Theme.select(Theme.id).where(Theme.name ** f"%{text}%")
        query = query.where(Meeting.title ** f"%{text}%" | Meeting.theme.in_(themes))
    return query


def list_meetings(actor: Actor, centre_id: int | None = None, first: dt.date | None = None,
                  last: dt.date | None = None, text: str = "", limit: int | None = None,
                  offset: int = 0) -> tuple[list[MeetingRow], int]:
    """Return a page of meetings (newest first) and how many match."""
    query = _meetings_query(actor, centre_id, first, last, (text or "").strip())
    total = query.count()
    rows = list(query.select(Meeting.id, Meeting.held_on, Meeting.title, Meeting.status,
                             Centre.code, Theme.name).join_from(Meeting, Centre)
                .join_from(Meeting, Theme).order_by(Meeting.held_on.desc(), Meeting.id.desc())
                .limit(limit).offset(offset or None).tuples())
    ids = [r[0] for r in rows]
    counts = {}
    if ids:
        for mid, invited, came in (MeetingFamily.select(
                MeetingFamily.meeting, dialect.count_if(MeetingFamily.invited == True),  # noqa: E712
                dialect.count_if(MeetingFamily.came == True))  # noqa: E712
                .where(MeetingFamily.meeting.in_(ids)).group_by(MeetingFamily.meeting).tuples()):
            counts[mid] = (int(invited or 0), int(came or 0))
    out = [MeetingRow(mid, _as_date(day), code, theme, title, status, *counts.get(mid, (0, 0)))
           for mid, day, title, status, code, theme in rows]
    return out, total


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


# -- who to invite ------------------------------------------------------------------------

def families_to_invite(actor: Actor, centre_id: int, *, group_id: int | None = None,
                       programme: str | None = None, on: dt.date | None = None) -> list[int]:
    """Return the ids of the families with a child enrolled in a centre on a day: in one group,
    in one programme, or the whole centre."""
    require(actor, "meetings.view", centre_id=centre_id)
    on = on or dt.date.today()
    query = Child.select(Child.family).distinct().where(
        Child.centre == centre_id, Child.enrolled_on <= on,
        Child.exit_on.is_null() | (Child.exit_on >= on))
    if programme:
        validate.choice("programme", programme, list(PROGRAMMES))
        query = query.where(Child.programme == programme)
    if group_id:
        members = GroupMembership.select(GroupMembership.child).where(
            GroupMembership.group == group_id, GroupMembership.start_on <= on,
            GroupMembership.end_on.is_null() | (GroupMembership.end_on >= on))
        query = query.where(Child.id.in_(members))
    return [fid for (fid,) in query.tuples()]


def family_centre(family_id: int) -> int | None:
    """Return the centre of a family's youngest enrolled child (the one that follows it)."""
    kid = (Child.select(Child.centre).where(Child.family == family_id)
           .order_by(Child.exit_on.is_null().desc(), Child.birth_date.desc()).first())
    return kid.centre_id if kid else None


def centre_choices(actor: Actor, action: str = "meetings.view") -> list[tuple[int, str, str]]:
    """Return (id, code, name) of the active centres where the actor may do ``action``."""
    from ..core.permissions import can

    require(actor, action)
    return [(c.id, c.code, c.name) for c in Centre.select().where(Centre.active == True)  # noqa: E712
            .order_by(Centre.code) if can(actor, action, centre_id=c.id)]


def staff_choices() -> list[tuple[int, str]]:
    """Return (id, name) of the active people who can be given a follow-up action."""
    return [(u.id, u.full_name or u.username) for u in User.select().where(
        User.active == True, User.role.in_(["centre_staff", "social_team", "social_lead", "admin"]))  # noqa: E712
        .order_by(User.full_name)]


def family_summaries(actor: Actor, family_ids) -> list:
    """Return families (with guardians) ordered by code, for the invitation list."""
    from ..centres.families import visible_families

    require(actor, "meetings.view")
    ids = [f.id for f in visible_families(actor, Family.select(Family.id)
                                          .where(Family.id.in_(list(family_ids) or [-1])))]
    return sorted(families_by_id(ids).values(), key=lambda f: f.code)


def family_by_code(actor: Actor, code: str):
    """Return a family of the actor's centres by its code."""
    from ..centres import families

    return families.family_by_code(actor, code, "meetings.view")


def invite_choices(actor: Actor, centre_id: int) -> list[tuple[str, dict]]:
    """Return (label, keywords for families_to_invite) for a centre: each group, each programme,
    and the whole centre."""
    from ..centres.groups import list_groups

    out = [(_("Group {name}").format(name=g.label), {"group_id": g.id})
           for g in list_groups(actor, centre_id)]
    out += [(_("Programme: {name}").format(name=_(label)), {"programme": key})
            for key, label in PROGRAMMES.items()]
    out.append((_("The whole centre"), {}))
    return out

"""After a meeting: who came for each family invited (a guardian, or another relative),
families that came uninvited, and guests not on file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...db import database
from ...db.centres import Family, Guardian
from ...db.meetings import Meeting, MeetingFamily, MeetingGuest
from ..core import audit
from ..common import validate
from ..common.errors import ConflictError, NotFound, ValidationError
from .planning import AREA, MeetingInfo, get_meeting
from ..core.permissions import Actor, require
from ...formats import format_date
from ...i18n import _


@dataclass(frozen=True)
class Presence:
    """Who came for one family: ``guardian_id`` of a guardian on file, or ``attendee`` (the
    name of another relative); ``came=False`` means nobody came."""

    family_id: int
    came: bool
    guardian_id: int | None = None
    attendee: str = ""


def record_attendance(actor: Actor, meeting_id: int, presences, walk_ins=(), guests=(),
                      today: dt.date | None = None) -> MeetingInfo:
    """Record who came: ``presences`` for the families on the list, ``walk_ins`` (family codes
    or Presence) for families that came uninvited, ``guests`` ((name, note) pairs) for people
    not on file. The meeting becomes 'held'. Refused before the meeting's day."""
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        raise NotFound(_("meeting {meeting_id}").format(meeting_id=meeting_id))
    require(actor, "meetings.plan", centre_id=meeting.centre_id)
    today = today or dt.date.today()
    if meeting.held_on > today:
        raise ValidationError("date", _("the meeting is on {held_on}: record who came on the day or after").format(
            held_on=format_date(meeting.held_on)))
    on_list = {mf.family_id: mf for mf in MeetingFamily.select().where(MeetingFamily.meeting == meeting_id)}
    clean: dict[int, Presence] = {}
    for p in presences:
        if p.family_id not in on_list:
            raise ConflictError(_("Family {family_id} is not on this meeting's list; add it as a walk-in.").format(family_id=p.family_id))
        clean[p.family_id] = _check(p)
    extra: dict[int, Presence] = {}
    for w in walk_ins:
        if not isinstance(w, Presence):  # a code as typed (anything else is refused as one)
            code = validate.text("walk-in family", w, 20).upper()
            fam = Family.get_or_none(Family.code == code)
            if fam is None:
                raise ValidationError("walk-in family", _("there is no family with the code {code}").format(code=code))
            w = Presence(fam.id, True)
        w = _check(w)
        if w.family_id in on_list:
            clean[w.family_id] = w
        else:
            if Family.get_or_none(Family.id == w.family_id) is None:
                raise ValidationError("walk-in family", _("family {family_id} is unknown").format(family_id=w.family_id))
            extra[w.family_id] = w
    guest_rows = []
    for name, note in guests:
        guest_rows.append((validate.name("guest name", name, 80),
                           validate.text("guest note", note, 200, required=False)))
    with database.atomic():
        for fid, p in clean.items():
            MeetingFamily.update(came=p.came, guardian=p.guardian_id if p.came else None,
                                 attendee=p.attendee if p.came else "").where(
                MeetingFamily.meeting == meeting_id, MeetingFamily.family == fid).execute()
        for fid, p in extra.items():
            MeetingFamily.create(meeting=meeting_id, family=fid, invited=False, came=True,
                                 guardian=p.guardian_id, attendee=p.attendee)
        MeetingGuest.delete().where(MeetingGuest.meeting == meeting_id).execute()
        for name, note in guest_rows:
            MeetingGuest.create(meeting=meeting_id, name=name, note=note)
        Meeting.update(status="held", updated_at=dt.datetime.now()).where(Meeting.id == meeting_id).execute()
        came = (MeetingFamily.select().where(MeetingFamily.meeting == meeting_id,
                                             MeetingFamily.came == True).count())  # noqa: E712
        invited = (MeetingFamily.select().where(MeetingFamily.meeting == meeting_id,
                                                MeetingFamily.invited == True).count())  # noqa: E712
        audit.record(actor, AREA, "attendance", "meeting", meeting_id,
                     f"{meeting.held_on}: {came} families came of {invited} invited, "
                     f"{len(extra)} walk-in families, {len(guest_rows)} guests")
    return get_meeting(actor, meeting_id)


def _check(p: Presence) -> Presence:
    attendee = validate.text("who came", p.attendee, 80, required=False)
    guardian_id = p.guardian_id if p.came else None
    if guardian_id is not None:
        g = Guardian.get_or_none(Guardian.id == guardian_id)
        if g is None or g.family_id != p.family_id:
            raise ValidationError("who came", _("is not a guardian of this family"))
        attendee = ""
    return Presence(p.family_id, bool(p.came), guardian_id, attendee if p.came else "")


def families_absent(actor: Actor, meeting_id: int) -> list[int]:
    """Return the ids of the families invited to a held meeting from whom nobody came."""
    info = get_meeting(actor, meeting_id)
    return [i.family_id for i in info.invitees if i.invited and not i.came]

"""Plain data for the meetings' reports: the sign sheet, the minutes, participation per family
over a period (never-came first), themes per centre per quarter, and the CSV/XLSX export."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from peewee import Case, fn

from ...db import dialect

from ...db.core import Centre
from ...db.meetings import Meeting, MeetingFamily, Theme
from ..core import settings
from ..common import validate
from ..centres.rules import centre_ids_for
from ..common.errors import ValidationError
from ..centres.families import families_by_id
from .planning import MeetingInfo, get_meeting
from ..core.permissions import Actor, require
from ...i18n import _


@dataclass(frozen=True)
class SheetLine:
    family_code: str
    guardians: tuple  # (name_km, name_latin, relation) of each guardian
    invited: bool


@dataclass(frozen=True)
class SignSheet:
    org: str
    meeting: MeetingInfo
    lines: list[SheetLine]
    blank_lines: int = 6  # for walk-ins


def sign_sheet(actor: Actor, meeting_id: int) -> SignSheet:
    """Return the families invited to a meeting with their guardians, for the sign sheet."""
    info = get_meeting(actor, meeting_id)
    lines = [SheetLine(i.family_code, tuple((g.name_km, g.name_latin, g.relation) for g in i.guardians),
                       i.invited) for i in info.invitees if i.invited]
    return SignSheet(settings.get("org_name"), info, lines)


@dataclass(frozen=True)
class Minutes:
    org: str
    meeting: MeetingInfo
    followups: list  # FollowUpInfo of this meeting

    @property
    def absent(self) -> list:
        return [i for i in self.meeting.invitees if i.invited and not i.came]

    @property
    def present(self) -> list:
        return [i for i in self.meeting.invitees if i.came]


def minutes(actor: Actor, meeting_id: int) -> Minutes:
    from .followup import list_followups

    info = get_meeting(actor, meeting_id)
    return Minutes(settings.get("org_name"), info, list_followups(actor, meeting_id=meeting_id,
                                                                  state="all")[0])


# -- participation ------------------------------------------------------------------------

@dataclass(frozen=True)
class Participation:
    family_id: int
    family_code: str
    guardians: str
    contact: str
    invited: int
    attended: int
    last_came: dt.date | None

    @property
    def rate(self) -> float | None:
        return None if not self.invited else round(100.0 * min(self.attended, self.invited) / self.invited, 1)


@dataclass
class ParticipationReport:
    org: str
    first: dt.date
    last: dt.date
    centre: str
    rows: list[Participation] = field(default_factory=list)

    @property
    def never_came(self) -> int:
        return sum(1 for r in self.rows if r.invited and not r.attended)


def _period(first, last) -> tuple[dt.date, dt.date]:
    first = validate.date("from", first)
    last = validate.date("to", last)
    if last < first:
        raise ValidationError("to", _("is before the start of the period"))
    return first, last


def _scoped(actor: Actor, query, centre_id):
    if centre_id:
        return query.where(Meeting.centre == centre_id)
    limit = centre_ids_for(actor)
    return query.where(Meeting.centre.in_(limit)) if limit is not None else query


def participation(actor: Actor, first, last, centre_id: int | None = None) -> ParticipationReport:
    """Return per family the held meetings it was invited to and came to in a period; families
    that never came first (most invitations first), then by attendance rate."""
    require(actor, "meetings.view", centre_id=centre_id)
    first, last = _period(first, last)
    came = MeetingFamily.came == True  # noqa: E712 (SQL, not Python)
    query = (MeetingFamily.select(MeetingFamily.family,
                                  dialect.count_if(MeetingFamily.invited == True),  # noqa: E712
                                  dialect.count_if(came),
                                  fn.MAX(Case(None, [(came, Meeting.held_on)], None)))
             .join(Meeting).where(Meeting.held_on.between(first, last), Meeting.status == "held"))
    query = _scoped(actor, query, centre_id).group_by(MeetingFamily.family)
    figures = {fid: (int(inv or 0), int(came or 0), last_came) for fid, inv, came, last_came in query.tuples()}
    fams = families_by_id(figures)
    rows = []
    for fid, (invited, came, last_came) in figures.items():
        f = fams[fid]
        rows.append(Participation(fid, f.code, ", ".join(g.name_latin for g in f.guardians), f.contact,
                                  invited, came, _as_date(last_came)))
    rows.sort(key=lambda r: (r.attended > 0, -(r.invited if not r.attended else 0),
                             r.rate if r.rate is not None else 101, r.family_code))
    label = Centre.get_by_id(centre_id).code if centre_id else _("all centres")
    return ParticipationReport(settings.get("org_name"), first, last, label, rows)


def _as_date(value):
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


# -- themes per quarter -------------------------------------------------------------------

@dataclass
class ThemesReport:
    org: str
    first: dt.date
    last: dt.date
    quarters: list[str]  # "2026-Q1"
    centres: list[str]
    themes: list[str]
    #: (centre, quarter) -> {theme: meetings held}
    counts: dict = field(default_factory=dict)

    def total(self, centre: str, quarter: str) -> int:
        return sum(self.counts.get((centre, quarter), {}).values())

    def by_quarter(self) -> dict[str, int]:
        return {q: sum(self.total(c, q) for c in self.centres) for q in self.quarters}


def quarter_of(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def themes_by_quarter(actor: Actor, first, last, centre_id: int | None = None) -> ThemesReport:
    """Return how many meetings of each theme each centre held per quarter in a period."""
    require(actor, "meetings.view", centre_id=centre_id)
    first, last = _period(first, last)
    query = (Meeting.select(Centre.code, Meeting.held_on, Theme.name).join(Centre)
             .join_from(Meeting, Theme).where(Meeting.held_on.between(first, last),
                                               Meeting.status == "held"))
    counts: dict = defaultdict(lambda: defaultdict(int))
    centres, themes = set(), set()
    for code, day, theme in _scoped(actor, query, centre_id).tuples():
        counts[(code, quarter_of(_as_date(day)))][theme] += 1
        centres.add(code)
        themes.add(theme)
    quarters, day = [], first.replace(day=1)
    while day <= last:
        if quarter_of(day) not in quarters:
            quarters.append(quarter_of(day))
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return ThemesReport(settings.get("org_name"), first, last, quarters, sorted(centres),
                        sorted(themes), {k: dict(v) for k, v in counts.items()})


# -- export -------------------------------------------------------------------------------

EXPORT_HEADER = ["Date", "Time", "Centre", "Theme", "Title", "Facilitators", "Duration (min)",
                 "Status", "Family", "Guardians", "Guardians (Khmer)", "Invited", "Came", "Who came"]


def export_table(actor: Actor, first, last, centre_id: int | None = None) -> tuple[list[str], list[list]]:
    """Return one row per family and meeting in a period (and one per guest)."""
    from ...db.meetings import MeetingGuest

    require(actor, "meetings.view", centre_id=centre_id)
    first, last = _period(first, last)
    meetings = list(_scoped(actor, Meeting.select(Meeting, Centre.code.alias("centre_code"),
                                                  Theme.name.alias("theme_name"))
                            .join(Centre).join_from(Meeting, Theme)
                            .where(Meeting.held_on.between(first, last)), centre_id)
                    .order_by(Meeting.held_on, Meeting.id).objects())
    ids = [m.id for m in meetings]
    links: dict[int, list] = defaultdict(list)
    guests: dict[int, list] = defaultdict(list)
    family_ids = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for mf in MeetingFamily.select().where(MeetingFamily.meeting.in_(chunk)):
            links[mf.meeting_id].append(mf)
            family_ids.add(mf.family_id)
        for g in MeetingGuest.select().where(MeetingGuest.meeting.in_(chunk)):
            guests[g.meeting_id].append(g)
    fams = families_by_id(family_ids)
    rows = []
    for m in meetings:
        head = [_as_date(m.held_on), m.start_time, m.centre_code, m.theme_name, m.title,
                m.facilitators, m.duration_min, m.status]
        for mf in sorted(links[m.id], key=lambda x: fams[x.family_id].code):
            f = fams[mf.family_id]
            g = next((g for g in f.guardians if g.id == mf.guardian_id), None)
            who = f"{g.name_latin} ({g.relation})" if g else (mf.attendee or ("yes" if mf.came else ""))
            rows.append(head + [f.code, ", ".join(x.name_latin for x in f.guardians),
                                ", ".join(x.name_km for x in f.guardians if x.name_km),
                                "yes" if mf.invited else "no", "yes" if mf.came else "no", who])
        for g in guests[m.id]:
            rows.append(head + ["", g.name, "", "no", "yes", f"guest: {g.note}" if g.note else "guest"])
    return EXPORT_HEADER, rows


def export_meetings(actor: Actor, first, last, out, centre_id: int | None = None) -> int:
    """Write the meetings of a period to ``out`` (.csv or .xlsx); return the number of rows."""
    from ..centres.export import write_table

    if Path(out).suffix.lower() not in (".csv", ".xlsx"):
        raise ValidationError("file", _("must end in .csv or .xlsx"))
    header, rows = export_table(actor, first, last, centre_id)
    write_table(out, header, rows, "Meetings")
    return len(rows)


def families_never_came(actor: Actor, first, last, centre_id: int | None = None) -> list[Participation]:
    return [r for r in participation(actor, first, last, centre_id).rows if r.invited and not r.attended]

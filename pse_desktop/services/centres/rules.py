"""Permissions, settings and fixed lists of the centres' area (children, groups, attendance).

Imported at login (the area's ``services``), and by every attendance service module.
"""

from __future__ import annotations

import datetime as dt

from ...db.core import Centre
from ..common.errors import NotFound
from ..core.permissions import Actor, register_actions
from ..core.settings import SettingDef, declare
from ...i18n import _, N_

AREA = "attendance"

PROGRAMMES = {"daycare": N_("Daycare (ages 3-6)"), "after_school": N_("After-school")}
SESSIONS = {"": "-", "morning": N_("Morning"), "afternoon": N_("Afternoon")}
SEXES = {"F": N_("Girl"), "M": N_("Boy")}
#: A guardian's relation: stored as the code, shown by its label (N_: in the reader's language).
RELATIONS = {"mother": N_("mother"), "father": N_("father"), "grandmother": N_("grandmother"),
             "grandfather": N_("grandfather"), "aunt": N_("aunt"), "uncle": N_("uncle"),
             "sibling": N_("sibling"), "other": N_("other")}


def relation_label(code: str) -> str:
    """A guardian's relation in the reader's language ("mother" -> "mère"); an unknown code as stored."""
    return _(RELATIONS[code]) if code in RELATIONS else code


CLOTHING_SIZES = ("2", "4", "6", "8", "10", "12", "14", "S", "M", "L", "XL")

#: mark code -> label; the keyboard uses the first letter of each
MARKS = {"P": N_("Present"), "A": N_("Absent"), "L": N_("Late"), "E": N_("Excused"), "S": N_("Sick")}
MARK_COLUMNS = {"P": "present", "A": "absent", "L": "late", "E": "excused", "S": "sick"}
EXCUSE_REASONS = (N_("Family event"), N_("Funeral"), N_("Travel to the province"),
                  N_("Medical appointment"), N_("School exam"), N_("Other"))
DAYCARE_AGES = (3, 6)

register_actions(
    {
        "attendance.view": N_("See children, families, groups and registers"),
        "attendance.mark": N_("Take the daily attendance register of a centre"),
        "children.edit": N_("Register and edit children, move them between groups"),
        "families.edit": N_("Add and edit families and guardians"),
        "attendance.groups": N_("Add and edit a centre's groups"),
        "attendance.calendar": N_("Enter a centre's closing days"),
        "attendance.holidays": N_("Enter public holidays (all centres)"),
        "attendance.followup": N_("See absences and low attendance across centres"),
        "children.import": N_("Import children and families from a file"),
    },
    {
        "centre_staff": ["attendance.view", "attendance.mark", "children.edit", "families.edit",
                         "attendance.groups", "attendance.calendar", "attendance.followup"],
        "social_team": ["attendance.view", "families.edit", "attendance.followup"],
    },
)

declare(
    SettingDef("absence_streak_days", N_("Absences in a row to follow up"), "int", 3,
               N_("A child absent on this many school days in a row appears in the social team's follow-up list."), 2, 30),
    SettingDef("low_attendance_percent", N_("Low attendance (%)"), "int", 75,
               N_("Children under this attendance rate in the month appear in the follow-up list."),
               1, 100),
    SettingDef("school_days_per_week", N_("School days per week"), "int", 5,
               N_("5: Monday to Friday; 6: Monday to Saturday. Other days are never school days."),
               5, 6),
)


def centre_ids_for(actor: Actor) -> list[int] | None:
    """Return the centres an actor is limited to (None: all centres), as the database says now."""
    from ..core.permissions import fresh

    now = fresh(actor)
    if now is None:
        return []
    if now.role == "centre_staff":
        return sorted(now.centre_ids)
    return None


def centre_by_code(code: str) -> Centre:
    centre = Centre.get_or_none(Centre.code == (code or "").strip().upper())
    if centre is None:
        raise NotFound(_("There is no centre with the code {code!r}.").format(code=code))
    return centre


def month_bounds(month: str | dt.date) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a month given as 'YYYY-MM' or a date in it."""
    from ..common.errors import ValidationError

    if isinstance(month, str):
        try:
            year, mon = (int(p) for p in month.strip().split("-"))
            first = dt.date(year, mon, 1)
        except ValueError:
            raise ValidationError("month", _("must be like 2026-03, not {month!r}").format(month=month)) from None
    else:
        first = month.replace(day=1)
    nxt = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first, nxt - dt.timedelta(days=1)


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))

"""Follow-up lists: absences in a row, low attendance, registers not taken; the home cards."""

import datetime as dt

import pytest

from pse_desktop.services.centres import attendance, children, followup as attendance_followup
from pse_desktop.services.common.errors import PermissionDenied
from pse_desktop.services.core import places
from tests.fixtures.centres import centre, family, group, kids, last_school_day  # noqa: F401
from tests.fixtures.register import DAYS, TODAY, world  # noqa: F401


def test_followup_lists(admin, world, make_user):
    centre, group, kids = world
    streaks = attendance_followup.absence_streaks(admin, 3, today=TODAY)
    assert [(r.code, r.figure, r.last_present) for r in streaks] == [
        ("STM-0001", "3 days", DAYS[1])]
    assert streaks[0].contact == "012 999 888" and "Keo Thida" in streaks[0].guardians
    assert attendance_followup.absence_streaks(admin, 4, today=TODAY) == []
    low = attendance_followup.low_attendance(admin, "2026-03", 50, today=TODAY)
    assert [(r.code, r.figure) for r in low] == [("STM-0001", "40%")]
    other = places.save_centre(admin, None, "CBA", "Chbar Ampov", "Phnom Penh")
    assert other
    staff = make_user("vanna", "centre_staff", centres=["CBA"])
    assert attendance_followup.absence_streaks(staff, 3, today=TODAY) == []
    assert attendance_followup.unregistered_groups(admin, TODAY) == []
    children.save_child(admin, None, dict(
        code="STM-0100", name_latin="New Child", sex="M", birth_date=dt.date(2022, 6, 1),
        family_id=kids[0].family_id, centre_id=centre.id, programme="daycare",
        enrolled_on=TODAY), group_id=group.id)
    todo = attendance_followup.unregistered_groups(admin, TODAY)
    assert [(o.group_name, o.marked, o.children) for o in todo] == [("Sun", 3, 4)]


def test_home_cards_for_the_register_and_the_follow_up(admin, kids, group, make_user, target):
    today = dt.date.today()
    days = [last_school_day(today - dt.timedelta(days=1))]
    while len(days) < 3:
        days.append(last_school_day(days[-1] - dt.timedelta(days=1)))
    for day in days:
        attendance.record_day(admin, group.id, day, {kids[0].id: "P", kids[1].id: "A", kids[2].id: "P"},
                              "typed from paper", today=today)
    cards = {c.title: c for c in attendance_followup.home_cards(admin, target)}
    if today.weekday() < 5:
        assert cards["Registers to take today"].lines == ("STM Sun: 0 of 3 marked",)
    else:
        assert "Registers to take today" not in cards
    streak = cards["Absent days in a row"]
    assert streak.lines == ("Sok Bopha (STM): absent 3 days",) and streak.level == "danger"
    social = make_user("dara", "social_team")
    titles = [c.title for c in attendance_followup.home_cards(social, target)]
    assert titles == ["Absent days in a row"]
    assert attendance_followup.home_cards(make_user("srey", "workshop_manager"), target) == []


def test_a_present_mark_ends_the_streak_and_roles_are_checked(admin, world, make_user):
    centre, group, kids = world
    attendance.record_day(admin, group.id, DAYS[4], {kids[1].id: "P"}, "came after all", today=TODAY)
    assert attendance_followup.absence_streaks(admin, 2, today=TODAY) == []
    with pytest.raises(PermissionDenied):
        attendance_followup.low_attendance(make_user("srey", "workshop_manager"), "2026-03")
    assert attendance_followup.low_attendance(admin, "2026-03", 50, today=TODAY) == []

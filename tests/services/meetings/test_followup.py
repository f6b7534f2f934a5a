"""Follow-ups of families: add, close with an outcome, reopen, lists by state, overdue, home cards;
and the family page."""

import datetime as dt

import pytest

from pse_desktop.services.centres import attendance, children, groups as attendance_setup
from pse_desktop.services.common.errors import PermissionDenied, ValidationError
from pse_desktop.services.meetings import attendance as meetings_attendance, followup as meetings_followup
from pse_desktop.services.meetings import planning as meetings
from pse_desktop.services.meetings.attendance import Presence
from tests.fixtures.meetings import TODAY, world  # noqa: F401


def test_family_page_shows_meetings_follow_ups_and_children_rates(admin, world):

    fam = world["fams"][0]
    kid = children.list_children(admin, family_id=fam.id)[0]
    day = TODAY
    while attendance_setup.why_closed(world["stm"].id, day):
        day -= dt.timedelta(days=1)
    attendance.record_day(admin, world["sun"].id, day, {kid.id: "P"}, change_reason="late entry",
                          today=TODAY if day == TODAY else None)
    m = meetings.save_meeting(admin, None, {"centre_id": world["stm"].id, "held_on": TODAY,
                                            "theme_id": world["theme"].id}, family_ids=[fam.id])
    meetings_attendance.record_attendance(admin, m.id, [Presence(fam.id, False)])
    meetings_followup.add_followup(admin, fam.id, "Phone the mother")
    page = meetings_followup.family_page(admin, fam.id)
    assert (page.invited, page.attended) == (1, 0)
    assert [f.action for f in page.followups] == ["Phone the mother"]
    assert page.followups[0].due_on == TODAY + dt.timedelta(days=14)
    assert [(c.name_latin, c.rate) for c in page.children] == [("Sok Dara", 100.0)]


def test_close_needs_an_outcome_and_reopen_brings_it_back(admin, world):
    fam = world["fams"][1]
    f = meetings_followup.add_followup(admin, fam.id, "Visit the mother", due_on="2026-01-10",
                                       today=dt.date(2026, 1, 1))
    assert (f.family_code, f.centre_code, f.due_on, f.state(dt.date(2026, 1, 11))) == (
        "F00002", "STM", dt.date(2026, 1, 10), "overdue")
    with pytest.raises(ValidationError) as err:
        meetings_followup.update_followup(admin, f.id, done_on="2026-01-12")
    assert err.value.field == "outcome"
    done = meetings_followup.update_followup(admin, f.id, done_on="2026-01-12", outcome="Visited")
    assert done.state(TODAY) == "done" and not done.overdue(TODAY)
    assert meetings_followup.list_followups(admin, state="done")[1] == 1
    assert meetings_followup.list_followups(admin)[1] == 0
    again = meetings_followup.update_followup(admin, f.id, reopen=True)
    assert again.done_on is None and again.outcome == "Visited"
    assert meetings_followup.list_followups(admin, state="all", family_id=fam.id)[1] == 1


def test_bad_follow_ups_name_the_field(admin, make_user, world):
    fam = world["fams"][0]
    for kwargs, field in ((dict(family_id=None, action="Visit"), "family"),
                          (dict(family_id=fam.id, action=""), "action"),
                          (dict(family_id=fam.id, action="Visit", due_on="soon"), "due date"),
                          (dict(family_id=fam.id, action="Visit", assigned_to_id=999), "who")):
        with pytest.raises(ValidationError) as err:
            meetings_followup.add_followup(admin, **kwargs)
        assert err.value.field == field
    with pytest.raises(ValidationError) as err:  # a family whose children are in no centre
        meetings_followup.add_followup(admin, _family_without_children(admin).id, "Visit")
    assert err.value.field == "family"
    with pytest.raises(PermissionDenied):
        meetings_followup.add_followup(make_user("sophea", "centre_staff", centres=["CBA"]), fam.id, "Visit")
    assert meetings_followup.list_followups(admin, state="all")[1] == 0


def _family_without_children(admin):
    from pse_desktop.services.centres import families

    return families.save_family(admin, None, "F00077")


def test_home_card_lists_overdue_actions_for_those_who_see_them(admin, make_user, world, target):
    for n, fam in enumerate(world["fams"] * 2):
        meetings_followup.add_followup(admin, fam.id, f"Action {n}", due_on=TODAY - dt.timedelta(days=10 - n))
    card, = meetings_followup.home_cards(admin, target)
    assert card.title == "Family follow-ups overdue" and card.level == "danger"
    due = TODAY - dt.timedelta(days=10)
    assert card.lines[0] == f"F00001 (STM): Action 0, due {due:%b} {due.day}, {due.year}"  # Babel
    assert card.lines[-1] == "... 6 in all: STM 6"
    assert meetings_followup.home_cards(make_user("sophea", "centre_staff", centres=["CBA"]), target) == []
    assert meetings_followup.home_cards(make_user("srey", "workshop_manager"), target) == []


# ------------------------------------------------------------------ properties
from hypothesis import given  # noqa: E402

from tests.fixtures.inputs import HOSTILE, refused_cleanly  # noqa: E402


@given(action=HOSTILE, due_on=HOSTILE)
def test_any_follow_up(admin, world, action, due_on):
    refused_cleanly(lambda: meetings_followup.add_followup(admin, world["fams"][0].id, action, due_on=due_on),
                    "action", "due date", "family")

"""Parent meetings: the issue's path through the services, worked examples that can fail."""

import datetime as dt

import pytest

from pse_desktop.db.meetings import Meeting
from pse_desktop.services.meetings import (
    planning as meetings, attendance as meetings_attendance, followup as meetings_followup,
)
from pse_desktop.services.common.errors import PermissionDenied, ValidationError
from pse_desktop.services.meetings.attendance import Presence
from tests.fixtures.meetings import TODAY, world  # noqa: F401
from tests.fixtures.pdf import pdf_text

def test_the_issue_path_plan_print_record_follow_up_overdue(admin, make_user, world, tmp_path):
    from pse_desktop.reports.meetings.sheets import render_sign_sheet
    from pse_desktop.services.meetings import reports as meetings_reports

    staff = make_user("sophea", "centre_staff", centres=["STM"])
    social = make_user("dara", "social_team")
    invited = meetings.families_to_invite(staff, world["stm"].id, group_id=world["sun"].id)
    assert sorted(invited) == sorted(f.id for f in world["fams"])
    meeting = meetings.save_meeting(staff, None, {
        "centre_id": world["stm"].id, "held_on": TODAY, "start_time": "14.30",
        "theme_id": world["theme"].id, "title": "Washing hands", "facilitators": "Sok Sophea"},
        family_ids=invited)
    assert meeting.start_time == "14:30" and meeting.invited_count == 3 and meeting.status == "planned"

    sheet = meetings_reports.sign_sheet(staff, meeting.id)
    assert [line.family_code for line in sheet.lines] == ["F00001", "F00002", "F00003"]
    out = render_sign_sheet(sheet, tmp_path / "sheet.pdf")
    text = pdf_text(out)
    assert "Chan Thida" in text and "Signature" in text and "Washing hands" in text

    came, absent, walkin = world["fams"][0], world["fams"][1], world["other"]
    mother = came.guardians[0]
    done = meetings_attendance.record_attendance(staff, meeting.id, [
        Presence(came.id, True, mother.id), Presence(absent.id, False),
        Presence(world["fams"][2].id, True, attendee="Aunt Kim Mala")], walk_ins=["f00009"],
        guests=[("Neighbour Srey", "new in the village")])
    assert done.status == "held" and done.came_count == 4
    who = {i.family_code: i.who_came for i in done.invitees}
    assert who == {"F00001": "Sok Sophea (mother)", "F00002": "", "F00003": "Aunt Kim Mala",
                   "F00009": "someone"}
    assert meetings_attendance.families_absent(staff, meeting.id) == [absent.id]

    follow = meetings_followup.add_followup(staff, absent.id, "Visit the mother, explain hygiene",
                                            meeting_id=meeting.id, due_on=TODAY - dt.timedelta(days=1))
    assert follow.centre_code == "STM" and follow.meeting_label.endswith("Hygiene")
    for who in (staff, social, admin):
        late = meetings_followup.overdue(who)
        assert [f.family_code for f in late] == ["F00002"], who.username
    meetings_followup.update_followup(staff, follow.id, done_on=TODAY, outcome="Came to see us")
    assert meetings_followup.overdue(social) == []


def test_a_meeting_needs_a_centre_a_date_and_a_theme_and_says_which(admin, world):
    base = {"centre_id": world["stm"].id, "held_on": TODAY, "theme_id": world["theme"].id}
    for field, key in (("centre", "centre_id"), ("date", "held_on"), ("theme", "theme_id")):
        with pytest.raises(ValidationError) as err:
            meetings.save_meeting(admin, None, {**base, key: None})
        assert err.value.field == field and "required" in err.value.message
    with pytest.raises(ValidationError) as err:
        meetings.save_meeting(admin, None, {"held_on": TODAY})
    assert err.value.field == "centre" and "also missing: theme" in err.value.message
    with pytest.raises(ValidationError) as err:
        meetings.save_meeting(admin, None, {**base, "start_time": "25:00"})
    assert err.value.field == "time"
    assert Meeting.select().count() == 0


def test_centre_staff_only_plan_their_centres_and_see_their_follow_ups(admin, make_user, world):
    staff = make_user("sophea", "centre_staff", centres=["CBA"])
    with pytest.raises(PermissionDenied):
        meetings.save_meeting(staff, None, {"centre_id": world["stm"].id, "held_on": TODAY,
                                            "theme_id": world["theme"].id})
    meetings_followup.add_followup(admin, world["fams"][0].id, "Visit", due_on=TODAY - dt.timedelta(days=3))
    assert meetings_followup.overdue(staff) == []
    assert len(meetings_followup.overdue(admin)) == 1
    assert meetings.list_meetings(staff)[1] == 0
    social = make_user("dara", "social_team")
    with pytest.raises(PermissionDenied):
        meetings.save_meeting(social, None, {"centre_id": world["stm"].id, "held_on": TODAY,
                                             "theme_id": world["theme"].id})
    assert len(meetings_followup.overdue(social)) == 1


def test_themes_can_be_added_and_retired(admin, make_user, world):
    staff = make_user("sophea", "centre_staff", centres=["STM"])
    with pytest.raises(PermissionDenied):
        meetings.save_theme(staff, None, "Nutrition")
    t = meetings.save_theme(admin, None, "Nutrition", "Food for growing children")
    with pytest.raises(ValidationError):
        meetings.save_theme(admin, None, "nutrition ".strip().title())
    meetings.save_theme(admin, t.id, "Nutrition", active=False)
    assert "Nutrition" not in [x.name for x in meetings.list_themes()]
    assert "Nutrition" in [x.name for x in meetings.list_themes(active_only=False)]



def test_seeded_themes_show_in_the_users_language_typed_ones_as_typed(admin, world, lang):
    from pse_desktop.i18n import local_name

    meetings.save_theme(admin, None, "Nutrition", "Food for growing children")
    names = [t.name for t in meetings.list_themes()]
    assert "Hygiene" in names  # stored in English, as seeded
    lang("fr")
    assert "Hygiène" in [local_name(n) for n in names]
    lang("km")
    shown = [local_name(n) for n in names]
    assert "អនាម័យ" in shown and "សិទ្ធិកុមារ" in shown and "Nutrition" in shown


# ------------------------------------------------------------------ properties
from hypothesis import given, strategies as st  # noqa: E402

from tests.fixtures.inputs import HOSTILE, refused_cleanly  # noqa: E402

MEETING_FIELDS = {"held_on": "date", "start_time": "start time", "title": "title",
                  "facilitators": "facilitators", "notes": "notes", "duration_min": "duration",
                  "centre_id": "centre", "theme_id": "theme"}


@given(field=st.sampled_from(sorted(MEETING_FIELDS)), value=HOSTILE)
def test_any_value_in_a_meeting(admin, world, field, value):
    values = {"centre_id": world["stm"].id, "held_on": dt.date.today(), "theme_id": world["theme"].id,
              "title": "Washing hands"}
    values[field] = value
    refused_cleanly(lambda: meetings.save_meeting(admin, None, values), *MEETING_FIELDS.values(), "time")

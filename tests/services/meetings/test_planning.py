"""Parent meetings: the issue's path through the services, worked examples that can fail."""

import datetime as dt

import pytest

from pse_desktop.db.core import AuditEntry
from pse_desktop.db.meetings import Meeting, MeetingFamily
from pse_desktop.services.centres import groups as attendance_setup, children, families
from pse_desktop.services.meetings import (
    planning as meetings, drafts as meetings_drafts, attendance as meetings_attendance,
    followup as meetings_followup,
)
from pse_desktop.services.core import places
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError
from pse_desktop.services.meetings.attendance import Presence

TODAY = dt.date.today()


@pytest.fixture
def world(admin):
    """Two centres; in STM a group 'Sun' with three families' children, one family elsewhere."""
    stm = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    cba = places.save_centre(admin, None, "CBA", "Chbar Ampov", "Phnom Penh")
    sun = attendance_setup.save_group(admin, None, stm.id, "Sun", "daycare")
    moon = attendance_setup.save_group(admin, None, stm.id, "Moon", "daycare")
    fams = []
    for n, (mother_km, mother, kid) in enumerate(
            [("សុខ សុភា", "Sok Sophea", "Sok Dara"), ("ចាន់ ធីតា", "Chan Thida", "Chan Vanna"),
             ("គឹម បុប្ផា", "Kim Bopha", "Kim Panha")], start=1):
        f = families.save_family(admin, None, f"F0000{n}", village="Stung Meanchey",
                                 guardians=[{"name_latin": mother, "name_km": mother_km,
                                             "relation": "mother"},
                                            {"name_latin": "Grandma", "relation": "grandmother"}])
        children.save_child(admin, None, {
            "code": f"STM-000{n}", "name_latin": kid, "sex": "M", "birth_date": TODAY.replace(year=TODAY.year - 4),
            "programme": "daycare", "enrolled_on": TODAY - dt.timedelta(days=60),
            "family_id": f.id, "centre_id": stm.id}, group_id=sun.id)
        fams.append(f)
    other = families.save_family(admin, None, "F00009", guardians=[{"name_latin": "Heng Srey"}])
    children.save_child(admin, None, {
        "code": "STM-0009", "name_latin": "Heng Sok", "sex": "F",
        "birth_date": TODAY.replace(year=TODAY.year - 5), "programme": "daycare",
        "enrolled_on": TODAY - dt.timedelta(days=60), "family_id": other.id, "centre_id": stm.id},
        group_id=moon.id)
    theme = next(t for t in meetings.list_themes() if t.name == "Hygiene")
    return {"stm": stm, "cba": cba, "sun": sun, "fams": fams, "other": other, "theme": theme}


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
    text = _pdf_text(out)
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


def test_dropping_a_family_keeps_those_who_came_and_attendance_waits_for_the_day(admin, world):
    fams = world["fams"]
    m = meetings.save_meeting(admin, None, {"centre_id": world["stm"].id,
                                            "held_on": TODAY + dt.timedelta(days=7),
                                            "theme_id": world["theme"].id},
                              family_ids=[f.id for f in fams])
    with pytest.raises(ValidationError) as err:
        meetings_attendance.record_attendance(admin, m.id, [Presence(fams[0].id, True)])
    assert err.value.field == "date"
    m = meetings.save_meeting(admin, m.id, {"centre_id": world["stm"].id, "held_on": TODAY,
                                            "theme_id": world["theme"].id}, family_ids=[f.id for f in fams])
    meetings_attendance.record_attendance(admin, m.id, [Presence(fams[0].id, True)])
    m = meetings.save_meeting(admin, m.id, {"centre_id": world["stm"].id, "held_on": TODAY,
                                            "theme_id": world["theme"].id}, family_ids=[fams[2].id])
    assert {(i.family_code, i.invited, i.came) for i in m.invitees} == {
        ("F00001", False, True), ("F00003", True, False)}
    with pytest.raises(ValidationError):
        meetings_attendance.record_attendance(admin, m.id, [Presence(fams[2].id, True, fams[0].guardians[0].id)])
    with pytest.raises(ConflictError):
        meetings.delete_meeting(admin, m.id)
    assert MeetingFamily.select().count() == 2


def test_notes_and_drafts_are_kept(admin, world):
    meetings_drafts.save_draft(admin, None, {"title": "Rights", "notes": "Half typed"})
    meetings_drafts.save_draft(admin, None, {"title": "Rights", "notes": "Half typed, more"})
    assert meetings_drafts.load_draft(admin, None)["notes"] == "Half typed, more"
    m = meetings.save_meeting(admin, None, {"centre_id": world["stm"].id, "held_on": TODAY,
                                            "theme_id": world["theme"].id, "notes": "Half typed, more"})
    assert meetings_drafts.load_draft(admin, None) is None
    before = AuditEntry.select().count()
    meetings.save_notes(admin, m.id, "Final notes")
    meetings.save_notes(admin, m.id, "Final notes")
    assert meetings.get_meeting(admin, m.id).notes == "Final notes"
    assert AuditEntry.select().count() == before + 1


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


def test_family_page_shows_meetings_follow_ups_and_children_rates(admin, world):
    from pse_desktop.services.centres import attendance

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


def _pdf_text(path) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


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


@given(action=HOSTILE, due_on=HOSTILE)
def test_any_follow_up(admin, world, action, due_on):
    refused_cleanly(lambda: meetings_followup.add_followup(admin, world["fams"][0].id, action, due_on=due_on),
                    "action", "due date", "family")

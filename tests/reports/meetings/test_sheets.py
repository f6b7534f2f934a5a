"""The sign sheet (guardians in Khmer and Latin, empty rows for walk-ins) and the minutes, read back."""

import pytest

from pse_desktop.reports.meetings.sheets import render_minutes, render_sign_sheet
from pse_desktop.services.meetings import (
    attendance as meetings_attendance, followup as meetings_followup, planning as meetings,
    reports as meetings_reports,
)
from pse_desktop.services.meetings.attendance import Presence
from tests.fixtures.meetings import TODAY, world  # noqa: F401
from tests.fixtures.pdf import pdf_text


@pytest.fixture
def meeting(admin, world):
    return meetings.save_meeting(admin, None, {
        "centre_id": world["stm"].id, "held_on": TODAY, "start_time": "14:30",
        "theme_id": world["theme"].id, "title": "Washing hands", "facilitators": "Sok Sophea"},
        family_ids=[f.id for f in world["fams"]])


def test_sign_sheet_has_a_row_per_family_and_rows_for_walk_ins(admin, meeting, tmp_path):
    out = render_sign_sheet(meetings_reports.sign_sheet(admin, meeting.id), tmp_path / "sheet.pdf")
    text = pdf_text(out)
    assert "Parent meeting sign sheet" in text
    assert f"{TODAY:%A}, {TODAY:%B} {TODAY.day}, {TODAY.year} at 14:30" in text  # Babel, English
    assert "Theme: Hygiene - Washing hands" in text and "Facilitators: Sok Sophea" in text
    for code in ("F00001", "F00002", "F00003"):
        assert code in text
    assert "Chan Thida (mother) / Grandma" in text
    empty_rows = [line.strip() for line in text.splitlines() if line.strip().isdigit()]
    assert empty_rows == ["4", "5", "6", "7", "8", "9"]  # for walk-ins
    assert "3 families invited." in text


def test_the_sign_sheet_names_the_relation_in_the_readers_language(admin, meeting, tmp_path):
    from pse_desktop import i18n

    i18n.set_language("fr")
    try:
        out = render_sign_sheet(meetings_reports.sign_sheet(admin, meeting.id), tmp_path / "s.pdf")
    finally:
        i18n.set_language("en")
    text = pdf_text(out)
    assert "Chan Thida (mère)" in text and "(mother)" not in text


def test_minutes_list_who_came_who_did_not_notes_and_actions(admin, world, meeting, tmp_path):
    fams = world["fams"]
    meetings_attendance.record_attendance(admin, meeting.id, [
        Presence(fams[0].id, True, fams[0].guardians[0].id), Presence(fams[1].id, False),
        Presence(fams[2].id, True, attendee="Aunt Kim Mala")], guests=[("Dr. Chea", "health centre")])
    meetings.save_notes(admin, meeting.id, "Showed hand washing.\nMothers asked about filters.")
    meetings_followup.add_followup(admin, fams[1].id, "Visit the mother", meeting_id=meeting.id)
    out = render_minutes(meetings_reports.minutes(admin, meeting.id), tmp_path / "minutes.pdf")
    text = pdf_text(out)
    assert "Families invited: 3. Families present: 2 (of which 0 not invited). Guests: 1." in text
    assert "Families absent: 1." in text
    assert "Sok Sophea (mother)" in text and "Aunt Kim Mala" in text and "Dr. Chea (health centre)" in text
    assert "F00002 (Chan Thida, Grandma)" in text
    assert "Mothers asked about filters." in text
    assert "Visit the mother" in text


def test_minutes_of_an_empty_meeting_say_so(admin, meeting, tmp_path):
    out = render_minutes(meetings_reports.minutes(admin, meeting.id), tmp_path / "minutes.pdf")
    text = pdf_text(out)
    assert "No notes." in text and "None." in text

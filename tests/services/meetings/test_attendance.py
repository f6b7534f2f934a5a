"""Who came to a meeting: guardians on file, other relatives, walk-in families and guests."""

import datetime as dt

import pytest

from pse_desktop.db.core import AuditEntry
from pse_desktop.db.meetings import MeetingFamily, MeetingGuest
from pse_desktop.services.common.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from pse_desktop.services.meetings import attendance as meetings_attendance, planning as meetings
from pse_desktop.services.meetings.attendance import Presence
from tests.fixtures.meetings import TODAY, world  # noqa: F401


def meeting_for(admin, world, fams):
    return meetings.save_meeting(admin, None, {"centre_id": world["stm"].id, "held_on": TODAY,
                                               "theme_id": world["theme"].id},
                                 family_ids=[f.id for f in fams])


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


def test_recording_again_replaces_the_guests_and_audits_each_time(admin, world):
    fams = world["fams"]
    m = meeting_for(admin, world, fams)
    meetings_attendance.record_attendance(admin, m.id, [Presence(fams[0].id, True)],
                                          guests=[("Neighbour Srey", ""), ("Teacher Dara", "school")])
    done = meetings_attendance.record_attendance(admin, m.id, [Presence(fams[1].id, True)],
                                                 guests=[("Neighbour Srey", "")])
    assert MeetingGuest.select().count() == 1
    assert done.came_count == 3  # two families and a guest
    assert sorted(meetings_attendance.families_absent(admin, m.id)) == [fams[2].id]
    entries = AuditEntry.select().where(AuditEntry.action == "attendance").order_by(AuditEntry.id)
    assert [e.summary.split(": ", 1)[1] for e in entries] == [
        "1 families came of 3 invited, 0 walk-in families, 2 guests",
        "2 families came of 3 invited, 0 walk-in families, 1 guests"]


def test_bad_presences_are_refused_and_write_nothing(admin, make_user, world):
    fams = world["fams"]
    m = meeting_for(admin, world, fams[:2])
    cases = [(dict(presences=[Presence(fams[2].id, True)]), ConflictError, None),
             (dict(presences=[], walk_ins=["F09999"]), ValidationError, "walk-in family"),
             (dict(presences=[], guests=[("", "")]), ValidationError, "guest name"),
             (dict(presences=[Presence(fams[0].id, True, attendee="x" * 81)]), ValidationError,
              "who came")]
    for kwargs, error, field in cases:
        with pytest.raises(error) as err:
            meetings_attendance.record_attendance(admin, m.id, **kwargs)
        if field:
            assert err.value.field == field
    with pytest.raises(PermissionDenied):
        meetings_attendance.record_attendance(make_user("sophea", "centre_staff", centres=["CBA"]),
                                              m.id, [Presence(fams[0].id, True)])
    with pytest.raises(NotFound):
        meetings_attendance.record_attendance(admin, 9999, [])
    assert meetings.get_meeting(admin, m.id).status == "planned"
    assert MeetingFamily.select().where(MeetingFamily.came == True).count() == 0  # noqa: E712


def test_a_past_meeting_can_be_recorded_later(admin, world):
    m = meetings.save_meeting(admin, None, {"centre_id": world["stm"].id,
                                            "held_on": TODAY - dt.timedelta(days=3),
                                            "theme_id": world["theme"].id},
                              family_ids=[world["fams"][0].id])
    done = meetings_attendance.record_attendance(admin, m.id, [Presence(world["fams"][0].id, False)])
    assert done.status == "held" and done.came_count == 0


# ------------------------------------------------------------------ any input (properties)
import unicodedata  # noqa: E402

from hypothesis import given, strategies as st  # noqa: E402

from tests.fixtures.inputs import GOOD_TEXT, LANGUAGES, TYPED, in_language, refused_cleanly  # noqa: E402


@given(attendee=TYPED, walk_in=TYPED, guest=TYPED, note=TYPED, lang=LANGUAGES)
def test_any_attendance_typed(admin, world, attendee, walk_in, guest, note, lang):
    with in_language(lang):
        m = meeting_for(admin, world, world["fams"][:2])
        refused_cleanly(lambda: meetings_attendance.record_attendance(
            admin, m.id, [Presence(world["fams"][0].id, True, None, attendee)], walk_ins=[walk_in],
            guests=[(guest, note)]), "who came", "walk-in family", "guest name", "guest note")


@given(attendee=GOOD_TEXT, guest=GOOD_TEXT, note=st.one_of(st.just(""), GOOD_TEXT),
       code=st.sampled_from(["F00003", " f00003 ", "f00003"]), lang=LANGUAGES)
def test_typed_attendance_reads_back_as_meant(admin, world, attendee, guest, note, code, lang):
    with in_language(lang):
        fams = world["fams"]
        m = meeting_for(admin, world, fams[:2])
        info = meetings_attendance.record_attendance(admin, m.id, [Presence(fams[0].id, True, None, attendee)],
                                                     walk_ins=[code], guests=[(guest, note)])
        nfc = lambda t: unicodedata.normalize("NFC", t).strip()  # noqa: E731
        assert {(i.family_code, i.invited, i.came, i.attendee) for i in info.invitees} == {
            ("F00001", True, True, nfc(attendee)), ("F00002", True, False, ""), ("F00003", False, True, "")}
        assert info.guests == ((nfc(guest), nfc(note)),)

"""Drafts of the meeting form: kept while typing, brought back, dropped when the meeting is saved."""

import pytest

from pse_desktop.db.core import AuditEntry
from pse_desktop.services.common.errors import PermissionDenied, ValidationError
from pse_desktop.services.core.permissions import cli_actor
from pse_desktop.services.meetings import drafts as meetings_drafts, planning as meetings
from tests.fixtures.meetings import TODAY, world  # noqa: F401


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


def test_each_user_and_meeting_has_its_own_draft_and_only_the_first_is_audited(admin, make_user, world):
    staff = make_user("sophea", "centre_staff", centres=["STM"])
    meetings_drafts.save_draft(staff, None, {"notes": "Sophea's", "when": None})
    m = meetings.save_meeting(admin, None, {"centre_id": world["stm"].id, "held_on": TODAY,
                                            "theme_id": world["theme"].id})
    meetings_drafts.save_draft(admin, m.id, {"notes": "for the meeting"})
    assert meetings_drafts.load_draft(staff, None) == {"notes": "Sophea's", "when": ""}
    assert meetings_drafts.load_draft(admin, None) is None
    assert meetings_drafts.load_draft(admin, m.id) == {"notes": "for the meeting"}
    before = AuditEntry.select().count()
    meetings_drafts.save_draft(staff, None, {"notes": "Sophea's, longer"})
    meetings_drafts.save_draft(staff, None, {"notes": "Sophea's, longer"})
    assert AuditEntry.select().count() == before
    meetings_drafts.drop_draft(staff, None)
    assert meetings_drafts.load_draft(staff, None) is None
    assert AuditEntry.select().order_by(AuditEntry.id.desc()).get().summary == "draft dropped"


def test_too_long_or_not_allowed_or_from_the_command_line(admin, make_user, world):
    with pytest.raises(ValidationError) as err:
        meetings_drafts.save_draft(admin, None, {"notes": "x" * 100001})
    assert err.value.field == "notes"
    with pytest.raises(PermissionDenied):
        meetings_drafts.save_draft(make_user("srey", "workshop_manager"), None, {"notes": "x"})
    cli = cli_actor()
    meetings_drafts.save_draft(cli, None, {"notes": "nobody to give it back to"})
    assert meetings_drafts.load_draft(cli, None) is None
    assert meetings_drafts.load_draft(admin, None) is None

"""The meetings' demo part: a year of meetings per centre, a meeting planned today, invitations of
the centre's families, a few audit entries for the bulk inserts; into an empty meetings table only."""

import datetime as dt

import pytest

from pse_desktop.db.core import AuditEntry
from pse_desktop.db.meetings import Meeting, MeetingFamily
from pse_desktop.services.common.errors import ConflictError, PermissionDenied
from pse_desktop.services.meetings import demo
from tests.fixtures.meetings import world  # noqa: F401

TODAY = dt.date(2026, 11, 25)


def test_a_year_of_meetings_for_every_centre(admin, make_user, world):
    make_user("sophea", "centre_staff", centres=["STM"])
    audits = AuditEntry.select().count()
    seen = []
    line = demo.add_demo(admin, lambda m, f: seen.append(f), TODAY)
    meetings = list(Meeting.select())
    assert line.startswith(f"{len(meetings)} parent meetings")
    for code_id in (world["stm"].id, world["cba"].id):
        mine = [m for m in meetings if m.centre_id == code_id]
        assert 20 <= len(mine) <= 30  # about two a month
        assert [m.status for m in mine if m.held_on == TODAY] == ["planned"]
        assert all(TODAY - dt.timedelta(days=365) <= m.held_on <= TODAY for m in mine)
        assert all(m.held_on.weekday() < 5 for m in mine if m.status == "held")
    stm_facilitators = {m.facilitators.split(";")[0] for m in meetings if m.centre_id == world["stm"].id}
    assert stm_facilitators == {"Sophea"}
    invited = {mf.family_id for mf in MeetingFamily.select()}
    assert invited <= {f.id for f in world["fams"]} | {world["other"].id} and invited
    assert not MeetingFamily.select().join(Meeting).where(Meeting.status == "planned",
                                                          MeetingFamily.came == True).exists()  # noqa: E712
    assert AuditEntry.select().count() == audits + 3
    assert seen[-1] == 1.0


def test_refuses_a_filled_table_and_non_admins(admin, make_user, world):
    with pytest.raises(PermissionDenied):
        demo.add_demo(make_user("dara", "social_team"), lambda m, f: None, TODAY)
    demo.add_demo(admin, lambda m, f: None, TODAY)
    with pytest.raises(ConflictError):
        demo.add_demo(admin, lambda m, f: None, TODAY)

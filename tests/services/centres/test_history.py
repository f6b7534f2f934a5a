"""A child's attendance history: marks, who recorded them, and later changes with their reason."""

import datetime as dt

import pytest

from pse_desktop.services.centres import attendance, children, families, groups, history
from pse_desktop.services.common.errors import NotFound, PermissionDenied
from pse_desktop.services.core import places

TODAY = dt.date.today()


def _school_day(before):
    while before.weekday() >= 5:
        before -= dt.timedelta(days=1)
    return before


@pytest.fixture
def kid(admin):
    centre = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    places.save_centre(admin, None, "CBA", "Chbar Ampov", "Phnom Penh")
    group = groups.save_group(admin, None, centre.id, "Sun", "daycare")
    family = families.save_family(admin, None, "F00001", guardians=[
        {"name_latin": "Sok Sophea", "relation": "mother"}])
    child = children.save_child(admin, None, dict(
        code="STM-0001", name_latin="Sok Dara", sex="M", birth_date=dt.date(TODAY.year - 4, 3, 1),
        family_id=family.id, centre_id=centre.id, programme="daycare",
        enrolled_on=TODAY - dt.timedelta(days=60)), group_id=group.id)
    return child, group


def test_each_mark_with_who_when_and_the_changes_of_its_day(admin, make_user, kid):
    child, group = kid
    staff = make_user("sophea", "centre_staff", centres=["STM"])
    day = _school_day(TODAY - dt.timedelta(days=3))
    attendance.record_day(staff, group.id, day, {child.id: "A"}, today=day)
    attendance.record_day(admin, group.id, day, {child.id: "P"}, change_reason="came late, seen",
                          today=TODAY)
    found = history.child_history(staff, "stm-0001")
    assert found.code == "STM-0001" and len(found.marks) == 1
    mark = found.marks[0]
    assert (mark.day, mark.status, mark.recorded_by) == (day, "Present", "admin")
    assert [c.user for c in mark.changes] == ["admin"]
    assert "came late, seen" in mark.changes[0].summary
    assert "STM-0001 Sok Dara: absent -> present" in mark.changes[0].summary  # who, old -> new


def test_history_follows_the_centre_rights(make_user, kid):
    other = make_user("dara2", "centre_staff", centres=["CBA"])
    with pytest.raises(PermissionDenied):
        history.child_history(other, "STM-0001")
    with pytest.raises(NotFound):
        history.child_history(other, "XXX-9999")



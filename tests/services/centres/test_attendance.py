"""The daily register: marks, month totals, audit, and the rules on dates and centres."""

import datetime as dt

import pytest

from pse_desktop.db.centres import Mark, MonthTotal
from pse_desktop.db.core import AuditEntry
from pse_desktop.services.centres import attendance, groups as attendance_setup, children
from tests.fixtures.centres import (  # noqa: F401
    TODAY, centre, family, group, kids, last_school_day, other_centre)
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError


def test_centre_staff_only_for_their_centre(make_user, kids, group, other_centre, centre):
    staff = make_user("sophea", "centre_staff", centres=["CBA"])
    with pytest.raises(PermissionDenied):
        attendance.record_day(staff, group.id, last_school_day(), {kids[0].id: "P"})
    with pytest.raises(PermissionDenied):
        children.list_children(staff, centre_id=centre.id)
    assert children.list_children(staff) == []
    social = make_user("dara", "social_team")
    with pytest.raises(PermissionDenied):
        attendance.record_day(social, group.id, last_school_day(), {kids[0].id: "P"})
    assert len(children.list_children(social)) == 3


def test_register_day_saves_marks_totals_and_one_audit_entry(make_user, kids, group):
    staff = make_user("sophea", "centre_staff", centres=["STM"])
    day = last_school_day()
    audits = AuditEntry.select().count()
    reg = attendance.mark_everyone_present(staff, group.id, day, change_reason="late entry",
                                           today=day)
    assert [r.status for r in reg.rows] == ["P", "P", "P"]
    assert reg.rows[0].recorded_by == "Sophea"
    reg = attendance.record_day(staff, group.id, day, {kids[1].id: ("E", "Funeral")}, today=day)
    row = next(r for r in reg.rows if r.child_id == kids[1].id)
    assert (row.status, row.reason) == ("E", "Funeral")
    assert AuditEntry.select().count() == audits + 2
    total = MonthTotal.get()
    assert (total.present, total.excused) == (2, 1)
    assert Mark.select().count() == 3


def test_register_refuses_future_closed_and_past_without_reason(admin, kids, group):
    day = last_school_day()
    with pytest.raises(ValidationError) as err:
        attendance.record_day(admin, group.id, day + dt.timedelta(days=7), {kids[0].id: "P"},
                              today=day)
    assert err.value.field == "date"
    attendance_setup.add_day_off(admin, day, "Water festival")
    with pytest.raises(ConflictError):
        attendance.record_day(admin, group.id, day, {kids[0].id: "P"}, today=day)
    past = last_school_day(day - dt.timedelta(days=1))
    with pytest.raises(ValidationError) as err:
        attendance.record_day(admin, group.id, past, {kids[0].id: "P"}, today=day)
    assert err.value.field == "reason"
    attendance.record_day(admin, group.id, past, {kids[0].id: "A"}, "paper register copied", today=day)
    assert "paper register copied" in AuditEntry.select().order_by(AuditEntry.id.desc()).get().summary
    with pytest.raises(ValidationError):
        attendance.record_day(admin, group.id, past, {kids[0].id: ("E", "")}, "x", today=day)
    assert Mark.get().status == "A"


def test_a_changed_register_names_each_child_and_mark_in_the_audit(admin, group, kids):
    day = last_school_day(TODAY - dt.timedelta(days=1))
    a, b, c = (k.id for k in kids)
    attendance.record_day(admin, group.id, day, {a: "P", b: "P", c: "A"}, change_reason="paper")
    attendance.record_day(admin, group.id, day, {a: "A", b: ("E", "Funeral"), c: "A"},
                          change_reason="the paper register was misread")
    entry = (AuditEntry.select().where(AuditEntry.entity == "register")
             .order_by(AuditEntry.id.desc()).first())
    assert entry.entity_id == f"{group.id}:{day}"
    assert "STM-0001 Sok Dara: present -> absent" in entry.summary
    assert "STM-0002 Sok Bopha: present -> excused (Funeral)" in entry.summary
    assert "STM-0003" not in entry.summary  # unchanged marks are not listed as changes
    assert "reason: the paper register was misread" in entry.summary

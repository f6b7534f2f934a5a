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


def test_a_register_changed_by_someone_else_is_shown_before_anything_is_overwritten(
        make_user, kids, group):
    sophea = make_user("sophea", "centre_staff", centres=["STM"])
    dara = make_user("dara", "centre_staff", centres=["STM"])
    day = last_school_day()
    seen = attendance.load_register(sophea, group.id, day)
    attendance.record_day(dara, group.id, day, {kids[0].id: "A"}, today=day)
    with pytest.raises(attendance.RegisterChanged, match="Dara changed this register") as err:
        attendance.record_day(sophea, group.id, day, {kids[0].id: "P", kids[1].id: "P"},
                              today=day, version=seen.version)
    assert [(m.child_id, m.status) for m in Mark.select()] == [(kids[0].id, "A")]
    now = err.value.register
    [theirs] = attendance.changed_rows(seen, now)
    assert (theirs.child_id, theirs.status, theirs.recorded_by) == (kids[0].id, "A", "Dara")
    # Seen and confirmed: saved over the version now shown.
    reg = attendance.record_day(sophea, group.id, day, {kids[0].id: "P"}, today=day,
                                version=now.version)
    assert {r.child_id: r.status for r in reg.rows}[kids[0].id] == "P"
    assert reg.version != now.version
    # Her own save does not count as someone else's: the returned version goes on working.
    attendance.record_day(sophea, group.id, day, {kids[1].id: "L"}, today=day, version=reg.version)
    assert attendance.totals_mismatches() == []


def test_everyone_present_never_overwrites_a_mark_saved_meanwhile(admin, kids, group, monkeypatch):
    day = last_school_day()
    real_load = attendance.load_register

    def load_then_someone_saves(actor, group_id, when):
        reg = real_load(actor, group_id, when)
        monkeypatch.setattr(attendance, "load_register", real_load)
        attendance.record_day(admin, group_id, when, {kids[2].id: "S"}, today=day)
        return reg

    monkeypatch.setattr(attendance, "load_register", load_then_someone_saves)
    with pytest.raises(attendance.RegisterChanged):
        attendance.mark_everyone_present(admin, group.id, day, today=day)
    assert [(m.child_id, m.status) for m in Mark.select()] == [(kids[2].id, "S")]


def test_a_mark_left_in_the_old_group_leaves_its_totals_when_marked_in_the_new_one(
        admin, kids, group, centre):
    """Data saved before marks moved with the child: the next save must still keep totals."""
    day = last_school_day()
    attendance.record_day(admin, group.id, day, {kids[0].id: "P"}, today=day)
    moon = attendance_setup.save_group(admin, None, centre.id, "Moon", "daycare")
    children.move_child(admin, kids[0].id, moon.id, day)
    Mark.update(group=group.id).execute()  # as an older version left it
    MonthTotal.update(present=0).where(MonthTotal.group == moon.id).execute()
    MonthTotal.update(present=1).where(MonthTotal.group == group.id).execute()
    assert attendance.totals_mismatches() == []
    attendance.record_day(admin, moon.id, day, {kids[0].id: "L"}, today=day)
    assert attendance.totals_mismatches() == []


def test_random_marks_and_moves_keep_totals_equal_to_marks(admin, kids, group, centre):
    import random

    rnd = random.Random(12)
    today = last_school_day()
    days = [today]
    while len(days) < 6:
        days.append(last_school_day(days[-1] - dt.timedelta(days=1)))
    days.reverse()
    groups = [group, attendance_setup.save_group(admin, None, centre.id, "Moon", "daycare"),
              attendance_setup.save_group(admin, None, centre.id, "Star", "daycare")]
    moves = 0
    for step in range(40):
        day = rnd.choice(days)
        if rnd.random() < 0.2:
            kid = rnd.choice(kids)
            try:
                children.move_child(admin, kid.id, rnd.choice(groups).id, day)
                moves += 1
            except ConflictError:
                pass
        else:
            for g in groups:
                reg = attendance.load_register(admin, g.id, day)
                if reg.rows:
                    marks = {r.child_id: rnd.choice("PALS") for r in reg.rows}
                    attendance.record_day(admin, g.id, day, marks, "test", today=today)
        assert attendance.totals_mismatches() == [], step
    assert moves and Mark.select().count()
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


# ------------------------------------------------------------------ any input (properties)
from hypothesis import given, strategies as st  # noqa: E402

from tests.fixtures.inputs import LANGUAGES, TYPED, in_language, refused_cleanly  # noqa: E402


@given(status=TYPED, reason=TYPED, change=TYPED, day=TYPED, lang=LANGUAGES)
def test_any_mark_typed(admin, kids, group, status, reason, change, day, lang):
    with in_language(lang):
        refused_cleanly(lambda: attendance.record_day(admin, group.id, day, {kids[0].id: (status, reason)},
                                                      change_reason=change, today=last_school_day()),
                        "date", "reason", "mark")
        refused_cleanly(lambda: attendance.record_day(admin, group.id, last_school_day(), {kids[1].id: status},
                                                      today=last_school_day()), "mark")


@given(marks=st.lists(st.tuples(st.sampled_from(["P", "A", "L", "S", "E"]), st.sampled_from(["", " ", "  "]),
                                st.booleans()), min_size=3, max_size=3),
       excuse=st.sampled_from(["Family event", "Funeral", "Other"]), lang=LANGUAGES)
def test_typed_marks_read_back_as_meant(admin, kids, group, marks, excuse, lang):
    with in_language(lang):
        typed = {}
        for kid, (status, pad, lower) in zip(kids, marks):
            text = pad + (status.lower() if lower else status) + pad
            typed[kid.id] = (text, excuse) if status == "E" else text
        reg = attendance.record_day(admin, group.id, last_school_day(), typed, today=last_school_day())
        got = {r.child_id: (r.status, r.reason) for r in reg.rows}
        assert got == {kid.id: (s, excuse if s == "E" else "") for kid, (s, _p, _l) in zip(kids, marks)}

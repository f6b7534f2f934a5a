"""Children, families, groups, calendar and the daily register."""

import datetime as dt

import pytest

from pse_desktop.db.centres import Mark, MonthTotal
from pse_desktop.db.core import AuditEntry
from pse_desktop.services.centres import attendance, groups as attendance_setup, children, families
from pse_desktop.services.core import places
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError

TODAY = dt.date.today()


def last_school_day(before=TODAY):
    day = before
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


@pytest.fixture
def centre(admin):
    return places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")


@pytest.fixture
def other_centre(admin):
    return places.save_centre(admin, None, "CBA", "Chbar Ampov", "Phnom Penh")


@pytest.fixture
def group(admin, centre):
    return attendance_setup.save_group(admin, None, centre.id, "Sun", "daycare")


@pytest.fixture
def family(admin):
    return families.save_family(admin, None, "F00001", village="Stung Meanchey", phone="012 345 678",
                                guardians=[{"name_latin": "Sok Sophea", "name_km": "សុខ សុភា",
                                            "relation": "mother", "phone": "097 111 222"}])


def child_values(family, centre, **kw):
    values = dict(code="STM-0001", name_km="សុខ ដារ៉ា", name_latin="Sok Dara", sex="M",
                  birth_date=dt.date(TODAY.year - 4, 3, 1), family_id=family.id,
                  centre_id=centre.id, programme="daycare", enrolled_on=dt.date(TODAY.year - 1, 1, 5),
                  clothing_size="4")
    values.update(kw)
    return values


@pytest.fixture
def kids(admin, family, centre, group):
    out = []
    for i, (latin, km) in enumerate([("Sok Dara", "សុខ ដារ៉ា"), ("Sok Bopha", "សុខ បុប្ផា"),
                                     ("Sok Vanna", "សុខ វណ្ណា")]):
        out.append(children.save_child(admin, None, child_values(
            family, centre, code=f"STM-{i + 1:04d}", name_latin=latin, name_km=km,
            birth_date=dt.date(TODAY.year - 4 - (i % 2), 3, 1 + i)), group_id=group.id))
    return out


def test_family_with_guardian_and_siblings(admin, family, kids):
    info = families.get_family(admin, family.id)
    assert info.guardians[0].name_km == "សុខ សុភា"
    assert len(info.child_ids) == 3
    assert info.contact == "012 345 678"
    assert [f.code for f in families.find_families(admin, "sophea")] == ["F00001"]
    assert [c.code for c in children.list_children(admin, family_id=family.id)] == [
        "STM-0002", "STM-0001", "STM-0003"]


def test_family_code_clash_names_the_field(admin, family):
    with pytest.raises(ValidationError) as err:
        families.save_family(admin, None, "f00001")
    assert err.value.field == "family code"


def test_search_by_latin_khmer_code_and_family(admin, kids, centre):
    assert [c.code for c in children.list_children(admin, text="bopha")] == ["STM-0002"]
    assert [c.code for c in children.list_children(admin, text="វណ្ណា")] == ["STM-0003"]
    assert [c.code for c in children.list_children(admin, text="stm-0001")] == ["STM-0001"]
    assert len(children.list_children(admin, text="F00001")) == 3
    assert kids[0].group_name == "Sun"
    assert kids[0].clothing_size == "4"


def test_likely_duplicate_is_flagged_then_saved_when_confirmed(admin, kids, family, centre):
    values = child_values(family, centre, code="STM-0099", birth_date=kids[0].birth_date)
    with pytest.raises(children.LikelyDuplicate) as err:
        children.save_child(admin, None, values)
    assert err.value.other_code == "STM-0001"
    saved = children.save_child(admin, None, values, confirm_duplicate=True)
    assert saved.code == "STM-0099"


def test_daycare_child_outside_3_to_6_needs_a_reason(admin, family, centre):
    values = child_values(family, centre, birth_date=dt.date(TODAY.year - 9, 1, 1))
    with pytest.raises(ValidationError) as err:
        children.save_child(admin, None, values)
    assert err.value.field == "age reason" and "9" in err.value.message
    values["age_reason"] = "Disabled child, stays in daycare"
    assert children.save_child(admin, None, values).age_reason


def test_after_school_child_needs_a_session(admin, family, centre):
    values = child_values(family, centre, programme="after_school",
                          birth_date=dt.date(TODAY.year - 10, 1, 1))
    with pytest.raises(ValidationError) as err:
        children.save_child(admin, None, values)
    assert err.value.field == "session"


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


def test_group_move_keeps_past_marks_with_the_old_group(admin, kids, group, centre):
    day = last_school_day()
    past = last_school_day(day - dt.timedelta(days=1))
    attendance.record_day(admin, group.id, past, {kids[0].id: "P"}, "test", today=day)
    moon = attendance_setup.save_group(admin, None, centre.id, "Moon", "daycare")
    children.move_child(admin, kids[0].id, moon.id, day)
    assert [r.child_id for r in attendance.load_register(admin, group.id, past).rows].count(
        kids[0].id) == 1
    assert kids[0].id not in [r.child_id for r in attendance.load_register(admin, group.id, day).rows]
    assert [r.child_id for r in attendance.load_register(admin, moon.id, day).rows] == [kids[0].id]
    history = children.group_history(admin, kids[0].id)
    assert [(h.group_name, h.end_on) for h in history] == [("Sun", day - dt.timedelta(days=1)),
                                                           ("Moon", None)]
    assert Mark.get().group_id == group.id


def test_school_days_skip_weekends_and_days_off(admin, centre):
    attendance_setup.add_day_off(admin, dt.date(2026, 4, 14), "Khmer New Year")
    attendance_setup.add_day_off(admin, dt.date(2026, 4, 15), "Staff training", centre.id)
    days = attendance_setup.school_days(centre.id, dt.date(2026, 4, 13), dt.date(2026, 4, 19))
    assert days == [dt.date(2026, 4, 13), dt.date(2026, 4, 16), dt.date(2026, 4, 17)]
    other = attendance_setup.school_days(None, dt.date(2026, 4, 13), dt.date(2026, 4, 19))
    assert dt.date(2026, 4, 15) in other


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

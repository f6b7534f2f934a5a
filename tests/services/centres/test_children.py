"""Children: registration rules, likely duplicates, search, group moves and their history."""

import datetime as dt
import threading

import pytest

from pse_desktop.db import database
from pse_desktop.db.centres import Mark, MonthTotal
from pse_desktop.db.core import AuditEntry
from pse_desktop.services.centres import attendance, children, groups as attendance_setup
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError
from tests.fixtures.centres import (  # noqa: F401
    TODAY, centre, child_values, family, group, kids, last_school_day, other_centre)
import itertools
from hypothesis import given, strategies as st
from pse_desktop.services.centres import families
from pse_desktop.services.core import places
from tests.fixtures.inputs import HOSTILE, refused_cleanly


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


@pytest.mark.parametrize("changes, field", [
    (dict(code="bad code"), "code"),
    (dict(name_latin=""), "Latin name"),
    (dict(sex="X"), "sex"),
    (dict(birth_date=TODAY + dt.timedelta(days=1)), "birth date"),
    (dict(clothing_size="XXL"), "clothing size"),
    (dict(enrolled_on=dt.date(TODAY.year - 6, 1, 1)), "enrolment date"),
    (dict(exit_on=TODAY), "exit reason"),
    (dict(exit_on=dt.date(TODAY.year - 2, 1, 1), exit_reason="moved"), "exit date"),
    (dict(family_id=None), "family"),
    (dict(centre_id=9999), "centre"),
])
def test_bad_values_name_the_field_and_write_nothing(admin, family, centre, changes, field):
    with pytest.raises(ValidationError) as err:
        children.save_child(admin, None, child_values(family, centre, **changes))
    assert err.value.field == field
    assert children.count_children(admin) == 0


def test_edit_is_audited_and_codes_stay_unique(admin, kids, family, centre):
    edited = children.save_child(admin, kids[0].id, child_values(family, centre, code="STM-0001",
                                                                 birth_date=kids[0].birth_date,
                                                                 clothing_size="6"))
    assert edited.clothing_size == "6" and edited.group_name == "Sun"
    entry = AuditEntry.select().where(AuditEntry.entity == "child").order_by(AuditEntry.id.desc()).get()
    assert (entry.action, entry.summary) == ("update", "clothing_size: '4' -> '6'")
    with pytest.raises(ValidationError) as err:
        children.save_child(admin, kids[1].id, child_values(family, centre, code="STM-0001",
                                                            name_latin="Sok Bopha",
                                                            birth_date=kids[1].birth_date))
    assert err.value.field == "code"
    assert children.next_child_code("STM") == "STM-0004"
    assert children.next_child_code("CBA") == "CBA-0001"


def test_a_move_checks_the_group_the_day_and_the_centre(admin, make_user, kids, centre, other_centre):
    day = last_school_day()
    elsewhere = attendance_setup.save_group(admin, None, other_centre.id, "Star", "daycare")
    with pytest.raises(ValidationError) as err:
        children.move_child(admin, kids[0].id, elsewhere.id, day)
    assert err.value.field == "group"
    moon = attendance_setup.save_group(admin, None, centre.id, "Moon", "daycare")
    with pytest.raises(ValidationError) as err:
        children.move_child(admin, kids[0].id, moon.id, kids[0].enrolled_on - dt.timedelta(days=1))
    assert err.value.field == "from"
    with pytest.raises(ConflictError, match="already in this group"):
        children.move_child(admin, kids[0].id, kids[0].group_id, day)
    with pytest.raises(PermissionDenied):
        children.move_child(make_user("sophea", "centre_staff", centres=["CBA"]), kids[0].id, moon.id, day)
    assert len(children.group_history(admin, kids[0].id)) == 1


def test_list_filters_by_active_day_group_and_page(admin, kids, family, centre):
    left = children.save_child(admin, None, child_values(
        family, centre, code="STM-0009", name_latin="Ly Gone", name_km="",
        birth_date=dt.date(TODAY.year - 5, 6, 1), exit_on=TODAY - dt.timedelta(days=1),
        exit_reason="moved away"))
    assert children.count_children(admin) == 4
    assert left.id not in [c.id for c in children.list_children(admin, active_on=TODAY)]
    assert children.count_children(admin, group_id=kids[0].group_id) == 3
    page = children.list_children(admin, limit=2, offset=1)
    assert [c.code for c in page] == ["STM-0002", "STM-0001"]
    assert kids[0].age(dt.date(TODAY.year, 3, 1)) == 4
    assert kids[0].active_on(TODAY) and not left.active_on(TODAY)


def test_centres_registering_at_once_get_distinct_codes_in_order(admin, family, centre):
    assert children.next_child_code("STM") == "STM-0001"
    made, errors = [], []
    start = threading.Barrier(4)

    def clerk(n):
        start.wait()
        try:
            for i in range(5):
                info = children.save_child(admin, None, child_values(
                    family, centre, code="", name_latin=f"Child {n}-{i}", name_km="",
                    birth_date=dt.date(2021, 1 + n, 1 + i)))
                made.append(info.code)
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            database.close()

    threads = [threading.Thread(target=clerk, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sorted(made) == [f"STM-{n:04d}" for n in range(1, 21)]
    assert children.next_child_code("STM") == "STM-0021"


def test_moving_a_child_on_a_marked_day_keeps_the_monthly_totals_equal_to_the_marks(
        admin, kids, group, centre):
    day = last_school_day()
    attendance.record_day(admin, group.id, day, {k.id: "P" for k in kids}, today=day)
    moon = attendance_setup.save_group(admin, None, centre.id, "Moon", "daycare")
    children.move_child(admin, kids[0].id, moon.id, day)
    assert attendance.totals_mismatches() == []
    attendance.record_day(admin, moon.id, day, {kids[0].id: "A"}, today=day)
    assert attendance.totals_mismatches() == []
    month = day.year * 100 + day.month
    sun = MonthTotal.get(MonthTotal.group == group.id, MonthTotal.month == month)
    moon_total = MonthTotal.get(MonthTotal.group == moon.id, MonthTotal.month == month)
    assert (sun.present, sun.absent) == (2, 0)
    assert (moon_total.present, moon_total.absent) == (0, 1)
    assert "1 marks moved with the child" in AuditEntry.select().where(
        AuditEntry.action == "move").get().summary


FIELDS = ["code", "name_latin", "name_km", "sex", "birth_date", "programme", "session", "school",
          "grade", "clothing_size", "enrolled_on", "exit_on", "exit_reason", "age_reason", "notes",
          "family_id", "centre_id"]


NAMES = {"code": "code", "name_latin": "Latin name", "name_km": "Khmer name", "sex": "sex",
         "birth_date": "birth date", "programme": "programme", "session": "session", "school": "school",
         "grade": "grade", "clothing_size": "clothing size", "enrolled_on": "enrolment date",
         "exit_on": "exit date", "exit_reason": "exit reason", "age_reason": "age reason",
         "notes": "notes", "family_id": "family", "centre_id": "centre"}


NUMBERS = itertools.count(1)


@pytest.fixture
def place(admin):
    centre = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    fam = families.save_family(admin, None, "F1", guardians=[{"name_latin": "Keo Thida"}])
    return centre, fam


@given(field=st.sampled_from(FIELDS), value=HOSTILE)
def test_any_value_in_any_field(admin, place, field, value):
    centre, fam = place
    base = {"code": f"STM-{next(NUMBERS):05d}", "name_latin": f"Child {next(NUMBERS)}", "sex": "F",
            "birth_date": dt.date(2018, 5, 1), "programme": "after_school", "session": "morning",
            "enrolled_on": dt.date(2025, 9, 1), "family_id": fam.id, "centre_id": centre.id}
    base[field] = value
    saved = refused_cleanly(lambda: children.save_child(admin, None, base), *NAMES.values(), "group")
    if saved is not None:
        assert saved.name_latin.strip() == saved.name_latin and "\x00" not in saved.notes


@given(field=st.sampled_from(["code", "village", "address", "phone", "notes", "guardian"]), value=HOSTILE)
def test_any_value_in_a_family(admin, place, field, value):
    values = {"village": "", "address": "", "phone": "", "notes": ""}
    guardians = [{"name_latin": "Keo Thida", "relation": "mother"}]
    code = f"F{next(NUMBERS)}"
    if field == "code":
        code = value
    elif field == "guardian":
        guardians = [{"name_latin": value, "name_km": value, "phone": value}]
    else:
        values[field] = value
    refused_cleanly(lambda: families.save_family(admin, None, code, guardians=guardians, **values),
                    "family code", "village", "address", "phone", "notes", "guardian 1 name",
                    "guardian 1 Khmer name", "guardian 1 phone", "guardian 1 relation")

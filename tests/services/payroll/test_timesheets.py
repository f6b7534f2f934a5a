"""Time sheets (days, hours, overtime), the quick fill of a normal month, and pieces sewn."""

import datetime as dt

import pytest

from pse_desktop.db.payroll import TimeEntry
from pse_desktop.services.common.errors import ConflictError, ValidationError
from pse_desktop.services.payroll import months as payroll, run as payroll_run, timesheets, workers
from tests.fixtures.payroll import hire, manager  # noqa: F401

D = dt.date


def test_bad_input_names_the_field(manager):
    with pytest.raises(ValidationError) as err:
        workers.save_worker(manager, None, dict(name_latin="X", job="cutter", hire_date="2026-13-01"))
    assert err.value.field == "hire_date"
    wid = hire(manager, "E001", D(2025, 1, 1), "monthly", "210")
    with pytest.raises(ValidationError) as err:
        timesheets.save_sheet(manager, wid, "2026-01", {D(2026, 1, 5): ("X",)})
    assert err.value.field == "status"
    with pytest.raises(ValidationError) as err:
        timesheets.save_sheet(manager, wid, "2026-01", {D(2026, 1, 5): ("W", "", "7.123")})
    assert err.value.field.startswith("overtime")
    assert TimeEntry.select().count() == 0


def test_parse_and_show_hours():
    assert timesheets.parse_hours("h", "7.5") == 450
    assert timesheets.parse_hours("h", "7,25") == 435
    assert timesheets.parse_hours("h", "7:20") == 440
    assert timesheets.parse_hours("h", "") == 0 and timesheets.parse_hours("h", 8) == 480
    for bad in ("25", "7.333", "abc", 7.5, "7:75"):
        with pytest.raises(ValidationError) as err:
            timesheets.parse_hours("hours", bad)
        assert err.value.field == "hours"
    assert (timesheets.hours_text(450), timesheets.hours_text(440), timesheets.hours_text(0)) == (
        "7.5", "7:20", "")


def test_quick_fill_employees_monday_to_saturday_students_weekends(manager):
    payroll.save_holiday(manager, D(2026, 1, 7), "Victory over Genocide Day")
    e = hire(manager, "E001", D(2025, 1, 1), "monthly", "210")
    s = hire(manager, "S001", D(2026, 1, 10), "hourly", "1.75", kind="student")
    written = timesheets.quick_fill(manager, "2026-01")
    sheet = {d.day: d for d in timesheets.get_sheet(manager, e, "2026-01").days}
    assert sheet[D(2026, 1, 7)].status == "H" and sheet[D(2026, 1, 7)].holiday
    assert sheet[D(2026, 1, 4)].status == "" and sheet[D(2026, 1, 3)].status == "W"  # Sun, Sat
    student = [d for d in timesheets.get_sheet(manager, s, "2026-01").days if d.status]
    assert [d.day.day for d in student] == [10, 11, 17, 18, 24, 25, 31]
    assert all(d.minutes == 240 and d.weekend for d in student)
    assert not timesheets.get_sheet(manager, s, "2026-01").days[0].employed
    assert written == 27 + 7 and timesheets.filled_counts(manager, "2026-01") == {e: 27, s: 7}
    assert timesheets.quick_fill(manager, "2026-01") == 0  # days already entered are kept


def test_save_sheet_replaces_the_month_and_refuses_days_outside_it(manager):
    wid = hire(manager, "E001", D(2026, 1, 12), "monthly", "210")
    assert timesheets.save_sheet(manager, wid, "2026-01", {
        D(2026, 1, 12): ("W", "8", "2", ""), D(2026, 1, 13): ("", "", "", ""),
        D(2026, 1, 14): ("pl",)}) == 2
    days = {d.day: d for d in timesheets.get_sheet(manager, wid, "2026-01").days if d.status}
    assert (days[D(2026, 1, 12)].minutes, days[D(2026, 1, 12)].ot_normal_minutes) == (480, 120)
    assert days[D(2026, 1, 14)].status == "PL"
    for day, field in ((D(2026, 2, 2), "day"), (D(2026, 1, 5), "status")):  # not in the month; not hired
        with pytest.raises(ValidationError) as err:
            timesheets.save_sheet(manager, wid, "2026-01", {day: ("W",)})
        assert err.value.field == field
    with pytest.raises(ValidationError) as err:
        timesheets.save_sheet(manager, wid, "2026-01", {D(2026, 1, 15): ("W", "20", "5")})
    assert err.value.field == "hours (Jan 15)"
    assert TimeEntry.select().count() == 2


def test_pieces_are_listed_removed_and_locked_with_a_final_month(manager):
    wid = hire(manager, "E007", D(2025, 6, 1), "piece", "")
    timesheets.record_pieces(manager, [{"worker_id": wid, "day": D(2026, 1, 5), "item_label": "Shirt",
                                        "pieces": 10, "piece_rate": "0.40"},
                                       {"worker_id": wid, "day": D(2026, 2, 5), "item_label": "Skirt",
                                        "pieces": 5, "piece_rate": 30}])
    jan = timesheets.list_pieces(manager, wid, "2026-01")
    assert [(p.item_label, p.pieces, p.piece_rate_cents, p.source) for p in jan] == [
        ("Shirt", 10, 40, "manual")]
    with pytest.raises(ValidationError) as err:
        timesheets.record_pieces(manager, [{"worker_id": wid, "day": D(2026, 1, 6), "item_label": "Shirt",
                                            "pieces": 0, "piece_rate": "0.40"}])
    assert err.value.field == "pieces"
    timesheets.quick_fill(manager, "2026-01")
    payroll_run.compute_draft(manager, "2026-01", 4100)
    payroll_run.finalise(manager, "2026-01")
    with pytest.raises(ConflictError):
        timesheets.delete_pieces(manager, jan[0].id)
    feb = timesheets.list_pieces(manager, wid, "2026-02")
    timesheets.delete_pieces(manager, feb[0].id)
    assert timesheets.list_pieces(manager, wid, "2026-02") == []
    assert workers.get_worker(manager, wid).code == "E007"


def test_hours_in_the_users_language():
    from pse_desktop import i18n

    i18n.set_language("fr")
    try:
        assert timesheets.hours_text(450) == "7,5" and timesheets.hours_text(480) == "8"
        assert timesheets.parse_hours("h", timesheets.hours_text(435)) == 435
        assert timesheets.parse_hours("h", "៧,៥") == 450
    finally:
        i18n.set_language("en")


# ------------------------------------------------------------------ any input (properties)
from hypothesis import given, strategies as st  # noqa: E402

from tests.fixtures.inputs import HOSTILE, refused_cleanly  # noqa: E402


@given(value=HOSTILE)
def test_any_hours(value):
    try:
        minutes = timesheets.parse_hours("hours", value)
    except ValidationError as err:
        assert err.field == "hours"
        return
    assert type(minutes) is int and 0 <= minutes <= 24 * 60


@pytest.fixture
def seamstress(manager):
    return hire(manager, "E901", dt.date(2025, 1, 1), "monthly", "210")


@given(status=st.one_of(st.sampled_from(["P", "A", "L", ""]), HOSTILE), hours=HOSTILE, ot=HOSTILE,
       pieces=HOSTILE, rate=HOSTILE)
def test_any_time_sheet_or_pieces(manager, seamstress, status, hours, ot, pieces, rate):
    day = dt.date(2026, 1, 5)
    refused_cleanly(lambda: timesheets.save_sheet(manager, seamstress, "2026-01", {day: (status, hours, ot, "")}),
                    "status", "hours (Jan 5)", "overtime (Jan 5)", "overtime 200% (Jan 5)")
    refused_cleanly(lambda: timesheets.record_pieces(manager, [dict(worker_id=seamstress, day=day, item_label="Bag",
                                                                    pieces=pieces, piece_rate=rate)]),
                    "pieces", "piece_rate")

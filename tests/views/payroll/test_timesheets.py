"""The time sheet screen, keyboard first: quick fill, one key per day, hours, pieces, read only."""

import datetime as dt

import pytest

from pse_desktop.db.payroll import TimeEntry
from pse_desktop.services.payroll import run as payroll_run, timesheets, workers
from pse_desktop.views.payroll.timesheets import TimeSheetScreen
from pse_desktop.views.core.shell import MainWindow
from tests.views.helpers import key, make_ctx, pump, rows, show

D = dt.date


@pytest.fixture
def manager(make_user):
    return make_user("srey", "workshop_manager")


@pytest.fixture
def worker(manager):
    info = workers.save_worker(manager, None, dict(name_latin="Sok Sophea", name_khmer="សុខ សុភា", job="seamstress",
                                                   hire_date="2025-01-01"))
    workers.add_contract(manager, info.id, "2025-01-01", "monthly", "210")
    return info


def _sheet(tk_root, ui, manager, target, month):
    sheet = show(ui, TimeSheetScreen, make_ctx(manager, target), tk_root)
    sheet.month_bar.set(month)
    pump(tk_root)
    return sheet


def test_quick_fill_then_keys_and_hours(tk_root, ui, manager, worker, target):
    sheet = _sheet(tk_root, ui, manager, target, D(2026, 1, 1))
    sheet.fill_button.invoke()
    pump(tk_root)
    assert TimeEntry.select().count() == 27
    assert rows(sheet.people)[0][2] == "27"
    sheet.days.selection_set("4")  # Monday 5 January
    key(tk_root, sheet.days, "u")
    assert sheet.sheet.days[4].status == "UL" and sheet.days.selection() == ("5",)
    sheet.days.event_generate("<Return>")  # hours of Tuesday 6: 2 h of overtime
    pump(tk_root)
    sheet.hour_vars["ot"][0].set("2")
    sheet.hours_changed()
    sheet.save_button.invoke()
    assert TimeEntry.get(TimeEntry.day == D(2026, 1, 5)).status == "UL"
    assert TimeEntry.get(TimeEntry.day == D(2026, 1, 6)).ot_normal_minutes == 120
    assert not sheet.dirty


def test_bad_hours_are_shown_and_delete_clears_a_day(tk_root, ui, manager, worker, target):
    sheet = _sheet(tk_root, ui, manager, target, D(2026, 2, 1))
    sheet.days.selection_set("1")  # Monday 2 February
    key(tk_root, sheet.days, "w")
    assert rows(sheet.days)[1][1] == "worked"
    sheet.days.selection_set("1")
    pump(tk_root)
    sheet.hour_vars["hours"][0].set("lots")
    sheet.hours_changed()
    assert sheet.error.cget("text")
    sheet.hour_vars["hours"][0].set("8")
    sheet.hours_changed()
    assert sheet.error.cget("text") == "" and sheet.sheet.days[1].minutes == 480
    key(tk_root, sheet.days, "Delete")
    assert sheet.sheet.days[1].status == "" and sheet.sheet.days[1].minutes == 0
    sheet.days.selection_set("2")
    key(tk_root, sheet.days, "a")
    # changing the month saves first
    sheet.month_bar.step(1)
    pump(tk_root)
    assert TimeEntry.get(TimeEntry.day == D(2026, 2, 3)).status == "A"
    assert not TimeEntry.select().where(TimeEntry.day == D(2026, 2, 2)).exists()


def test_pieces_are_added_and_removed(tk_root, ui, manager, worker, target):
    sheet = _sheet(tk_root, ui, manager, target, D(2026, 3, 1))
    sheet.pform.set_values({"day": "40", "item_label": "Krama", "pieces": "12", "piece_rate": "0.35"})
    sheet.add_piece_button.invoke()
    assert sheet.pform.error_text("day") and not rows(sheet.pieces)
    sheet.pform.set_values({"day": "4"})
    sheet.add_piece_button.invoke()
    assert rows(sheet.pieces) == [("4", "Krama", "12", "$0.35")]
    assert [p.pieces for p in timesheets.list_pieces(manager, worker.id, D(2026, 3, 1))] == [12]
    sheet.pieces.selection_set(sheet.pieces.get_children()[0])
    sheet.remove_pieces()
    assert not rows(sheet.pieces)
    assert timesheets.list_pieces(manager, worker.id, D(2026, 3, 1)) == []


def test_finalised_month_is_read_only_in_the_time_sheet(tk_root, ui, manager, target):
    info = workers.save_worker(manager, None, dict(name_latin="Kim Dara", job="cutter", hire_date="2025-01-01"))
    workers.add_contract(manager, info.id, "2025-01-01", "monthly", "250")
    timesheets.quick_fill(manager, "2026-02")
    payroll_run.compute_draft(manager, "2026-02", 4100)
    payroll_run.finalise(manager, "2026-02")
    sheet = _sheet(tk_root, ui, manager, target, D(2026, 2, 1))
    assert "finalised" in sheet.state_label.cget("text")
    sheet.days.selection_set("1")
    sheet.mark("A")
    assert sheet.sheet.days[1].status == "W"


def _sheet_with_an_edit(tk_root, ui, make_user, target, answers):
    manager = make_user("srey", "workshop_manager")
    for name in ("Kim Dara", "Sok Lina"):
        w = workers.save_worker(manager, None, dict(name_latin=name, job="cutter",
                                                    hire_date="2025-01-01"))
        workers.add_contract(manager, w.id, "2025-01-01", "monthly", "250")
    asked = []

    def ask(parent, title, message):
        asked.append(message)
        return answers.pop(0)

    main = MainWindow(ui, manager, target, on_logout=lambda: None, on_theme=lambda dark: None,
                      ctx_overrides={"ask_unsaved": ask})
    main.pack(fill="both", expand=True)
    sheet = main.show("payroll_time")
    sheet.month_bar.set(dt.date(2026, 1, 1))
    pump(tk_root)
    sheet.days.selection_set("4")
    sheet.mark("A")
    assert sheet.has_unsaved()
    return main, sheet, asked


def test_cancel_stays_discard_forgets_save_keeps(tk_root, ui, make_user, target):
    main, sheet, asked = _sheet_with_an_edit(tk_root, ui, make_user, target,
                                             ["cancel", "discard"])
    assert main.show("payroll_workers") is sheet and main.current_key == "payroll_time"
    assert "Time sheets has changes that are not saved" in asked[0]
    main.show("payroll_workers")
    assert main.current_key == "payroll_workers" and TimeEntry.select().count() == 0
    main.destroy()


def test_changing_worker_asks_and_save_writes_the_day(tk_root, ui, make_user, target):
    main, sheet, asked = _sheet_with_an_edit(tk_root, ui, make_user, target, ["cancel", "save"])
    first = sheet.worker_id
    other = next(iid for iid, wid in sheet.people_keys.items() if wid != first)
    sheet.people.selection_set(other)
    pump(tk_root)
    assert sheet.worker_id == first and sheet.has_unsaved()  # Cancel: still her sheet
    sheet.people.selection_set(other)
    pump(tk_root)
    assert sheet.worker_id != first and len(asked) == 2
    assert TimeEntry.get(TimeEntry.day == dt.date(2026, 1, 5)).status == "A"
    main.destroy()


def test_logout_and_close_ask_too(tk_root, ui, make_user, target):
    main, sheet, asked = _sheet_with_an_edit(tk_root, ui, make_user, target, ["cancel", "save"])
    assert main.can_leave("logging out") is False
    assert main.can_leave("closing the program") is True
    assert "closing the program" in asked[1]
    assert TimeEntry.select().count() == 1
    main.destroy()

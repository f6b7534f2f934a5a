"""Payroll screens with real widgets: set up a worker, fill a month by keyboard, run, finalise."""

import datetime as dt
import time

import pytest

from pse_desktop.db.payroll import PayRun, TimeEntry
from pse_desktop.services.payroll import workers
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.payroll.fair import FairWageScreen
from pse_desktop.views.payroll.rates import RatesScreen
from pse_desktop.views.payroll.run import PayrollScreen
from pse_desktop.views.payroll.timesheets import TimeSheetScreen
from pse_desktop.views.payroll.workers import WorkersScreen
from pse_desktop.views.core.shell import MainWindow

D = dt.date


def pump(root, times=3):
    for _ in range(times):
        root.update()


@pytest.fixture
def manager(make_user):
    return make_user("srey", "workshop_manager")


def ctx_for(actor, target, answers=None, files=None):
    return ScreenContext(actor=actor, target=target, confirm=lambda *a: (answers or [True]).pop(0),
                         inform=lambda *a: None, choose_file=lambda *a, **k: (files or [None]).pop(0))


def test_new_user_sets_up_a_worker_fills_a_month_runs_and_finalises(tk_root, ui, manager, target, tmp_path):
    # 1. the worker and her contract
    screen = WorkersScreen(ui, ctx_for(manager, target))
    screen.pack(fill="both", expand=True)
    pump(tk_root)
    screen.form.set_values({"name_latin": "Sok Sophea", "name_khmer": "សុខ សុភា", "hire_date": "2025-01-01"})
    screen.save_button.invoke()
    info = workers.find_by_code(manager, "E001")
    assert info.name_khmer == "សុខ សុភា"
    screen.cform.set_values({"effective_from": "2025-01-01", "basis": "monthly", "rate": "210"})
    screen.add_contract_button.invoke()
    assert workers.get_worker(manager, info.id).contract.rate_cents == 21000
    screen.destroy()

    # 2. January 2026 by keyboard: quick fill, then an unpaid day typed with one key
    sheet = TimeSheetScreen(ui, ctx_for(manager, target))
    sheet.pack(fill="both", expand=True)
    sheet.month_bar.set(D(2026, 1, 1))
    pump(tk_root)
    sheet.fill_button.invoke()
    pump(tk_root)
    assert TimeEntry.select().count() == 27
    sheet.days.selection_set("4")  # Monday 5 January
    sheet.days.focus_force()
    pump(tk_root)
    sheet.days.event_generate("<KeyPress-u>")
    pump(tk_root)
    assert sheet.sheet.days[4].status == "UL" and sheet.days.selection() == ("5",)
    sheet.days.event_generate("<Return>")  # hours of Tuesday 6: 2 h of overtime
    pump(tk_root)
    sheet.hour_vars["ot"][0].set("2")
    sheet.hours_changed()
    sheet.save_button.invoke()
    assert TimeEntry.get(TimeEntry.day == D(2026, 1, 5)).status == "UL"
    assert TimeEntry.get(TimeEntry.day == D(2026, 1, 6)).ot_normal_minutes == 120
    sheet.destroy()

    # 3. run, check, finalise, print
    pdf = tmp_path / "slips.pdf"
    run = PayrollScreen(ui, ctx_for(manager, target, answers=[True], files=[str(pdf)]))
    run.pack(fill="both", expand=True)
    run.month_bar.set(D(2026, 1, 1))
    run.khr.set("4100")
    run.draft_button.invoke()
    pump(tk_root)
    assert run.view.status == "draft" and len(run.view.rows) == 1
    # 26 of 27 days: 21,000 / 27 x 26 = 20,222.22 -> 20,222; OT 2 h x 21,000/208 x 1.5 = 302.88 -> 303
    run.table.tree.selection_set(run.table.tree.get_children()[0])
    pump(tk_root)
    labels = [run.lines.item(i, "values")[0] for i in run.lines.get_children()]
    assert "Monthly salary (prorated)" in labels and "Overtime 150%" in labels
    assert "÷ 27 working days × 26 days paid" in run.explanation.cget("text")
    run.final_button.invoke()
    pump(tk_root)
    assert PayRun.get().status == "final"
    assert str(run.draft_button.cget("state")) == "disabled"
    run.doc_buttons[0].invoke()
    deadline = time.time() + 30
    while not (run.task and run.task.finished) and time.time() < deadline:
        pump(tk_root, 1)
        time.sleep(0.02)
    assert run.error.cget("text") == ""
    assert pdf.exists() and pdf.stat().st_size > 1000


def test_finalised_month_is_read_only_in_the_time_sheet(tk_root, ui, manager, target):
    info = workers.save_worker(manager, None, dict(name_latin="Kim Dara", job="cutter", hire_date="2025-01-01"))
    workers.add_contract(manager, info.id, "2025-01-01", "monthly", "250")
    from pse_desktop.services.payroll import run as payroll_run, timesheets

    timesheets.quick_fill(manager, "2026-02")
    payroll_run.compute_draft(manager, "2026-02", 4100)
    payroll_run.finalise(manager, "2026-02")
    sheet = TimeSheetScreen(ui, ctx_for(manager, target))
    sheet.pack(fill="both", expand=True)
    sheet.month_bar.set(D(2026, 2, 1))
    pump(tk_root)
    assert "finalised" in sheet.state_label.cget("text")
    sheet.days.selection_set("1")
    sheet.mark("A")
    assert sheet.sheet.days[1].status == "W"


def test_other_screens_open_on_demo_like_data(tk_root, ui, manager, target):
    info = workers.save_worker(manager, None, dict(name_latin="Kim Dara", job="cutter", hire_date="2025-01-01"))
    workers.add_contract(manager, info.id, "2025-01-01", "monthly", "250")
    from pse_desktop.services.payroll import run as payroll_run, timesheets

    timesheets.quick_fill(manager, "2026-03")
    payroll_run.compute_draft(manager, "2026-03", 4100)
    fair = FairWageScreen(ui, ctx_for(manager, target))
    fair.pack(fill="both", expand=True)
    fair.month_bar.set(D(2026, 3, 1))
    pump(tk_root)
    # 25,000 + 1,000 + 700 + 200 (1 year) = 26,900 against 21,000 + 1,000 + 700 + 200 = 22,900
    assert "$40.00" in fair.summary.cget("text") and "+17.5%" in fair.summary.cget("text")
    rates = RatesScreen(ui, ctx_for(manager, target))
    rates.pack(fill="both", expand=True)
    pump(tk_root)
    assert rates.form.values()["minimum_wage_cents"] in ("21000", 21000)


def test_only_manager_and_admin_see_the_workshop(tk_root, ui, manager, make_user, target):
    main = MainWindow(ui, manager, target, on_logout=lambda: None, on_theme=lambda d: None)
    assert {"payroll_workers", "payroll_time", "payroll_run", "payroll_fair", "payroll_rates"} <= set(main.buttons)
    main.destroy()
    dara = make_user("dara", "social_team")
    main = MainWindow(ui, dara, target, on_logout=lambda: None, on_theme=lambda d: None)
    assert not any(key.startswith("payroll") for key in main.buttons)

"""The payroll run screen: compute a draft, read how a line was made, finalise, print, extras."""

import datetime as dt

import pytest

from pse_desktop.db.payroll import PayRun
from pse_desktop.services.payroll import extras as payroll_extras, timesheets, workers
from pse_desktop.views.payroll.run import PayrollScreen
from tests.views.helpers import is_disabled, make_ctx, pump, rows, wait

D = dt.date


@pytest.fixture
def manager(make_user):
    return make_user("srey", "workshop_manager")


@pytest.fixture
def january(manager):
    """A worker at $210 a month; January 2026 filled, one unpaid day, 2 h of overtime."""
    info = workers.save_worker(manager, None, dict(name_latin="Sok Sophea", name_khmer="សុខ សុភា",
                                                   job="seamstress", hire_date="2025-01-01"))
    workers.add_contract(manager, info.id, "2025-01-01", "monthly", "210")
    timesheets.quick_fill(manager, "2026-01")
    sheet = timesheets.get_sheet(manager, info.id, "2026-01")
    days = {d.day: (d.status, timesheets.hours_text(d.minutes), "", "") for d in sheet.days if d.status}
    days[D(2026, 1, 5)] = ("UL", "", "", "")
    days[D(2026, 1, 6)] = (days[D(2026, 1, 6)][0], days[D(2026, 1, 6)][1], "2", "")
    timesheets.save_sheet(manager, info.id, "2026-01", days)
    return info


def _run_screen(tk_root, ui, manager, target, answers=None, files=None):
    ctx = make_ctx(manager, target, confirm=lambda *a: (answers or [True]).pop(0),
                   choose_file=lambda *a, **k: (files or [None]).pop(0))
    run = PayrollScreen(ui, ctx)
    run.pack(fill="both", expand=True)
    run.month_bar.set(D(2026, 1, 1))
    pump(tk_root)
    return run


def test_run_check_finalise_and_print(tk_root, ui, manager, target, january, tmp_path):
    pdf = tmp_path / "slips.pdf"
    run = _run_screen(tk_root, ui, manager, target, answers=[True], files=[str(pdf)])
    assert "Not computed" in run.state.cget("text") and is_disabled(run.final_button)
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
    assert is_disabled(run.draft_button) and "FINALISED" in run.state.cget("text")
    run.doc_buttons[0].invoke()
    wait(tk_root, run.task)
    assert run.error.cget("text") == ""
    assert pdf.exists() and pdf.stat().st_size > 1000


def test_finalising_asks_first_and_a_bad_rate_is_shown(tk_root, ui, manager, target, january):
    run = _run_screen(tk_root, ui, manager, target, answers=[False])
    run.khr.set("four thousand")
    run.draft_button.invoke()
    assert run.error.cget("text") and run.view.status == "none"
    run.khr.set("4100")
    run.draft_button.invoke()
    assert run.error.cget("text") == "" and run.view.status == "draft"
    run.final_button.invoke()  # answered no
    assert PayRun.get().status == "draft" and not is_disabled(run.draft_button)


def test_an_advance_is_listed_and_an_unknown_worker_refused(tk_root, ui, manager, target, january):
    run = _run_screen(tk_root, ui, manager, target)
    run.xform.set_values({"worker": "E999", "kind": "advance", "amount": "20", "months": "1",
                          "reason": "school fees"})
    run.add_extra_button.invoke()
    assert "no worker with the code E999" in run.xform.error_text("worker")
    assert not rows(run.extras)
    run.xform.set_values({"worker": "E001"})
    run.add_extra_button.invoke()
    assert [(r[1], r[3]) for r in rows(run.extras)] == [("E001", "$20.00")]
    assert len(payroll_extras.list_extras(manager, D(2026, 1, 1))) == 1
    assert run.xform.values()["amount"] == ""

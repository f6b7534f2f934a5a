"""The fair wage screen: what PSE pays above the sector minimum, per employee and in a chart."""

import datetime as dt

import pytest

from pse_desktop.services.payroll import run as payroll_run, timesheets, workers
from pse_desktop.views.payroll.fair import FairWageScreen
from tests.views.helpers import make_ctx, pump, rows, select_row, show

D = dt.date


@pytest.fixture
def manager(make_user):
    return make_user("srey", "workshop_manager")


def _paid(manager, name, rate, month):
    info = workers.save_worker(manager, None, dict(name_latin=name, job="cutter", hire_date="2025-01-01"))
    workers.add_contract(manager, info.id, "2025-01-01", "monthly", rate)
    return info


def test_summary_and_rows_of_a_computed_month(tk_root, ui, manager, target):
    _paid(manager, "Kim Dara", "250", "2026-03")
    timesheets.quick_fill(manager, "2026-03")
    payroll_run.compute_draft(manager, "2026-03", 4100)
    fair = show(ui, FairWageScreen, make_ctx(manager, target), tk_root)
    fair.month_bar.set(D(2026, 3, 1))
    pump(tk_root)
    # 25,000 + 1,000 + 700 + 200 (1 year) = 26,900 against 21,000 + 1,000 + 700 + 200 = 22,900
    assert "$40.00" in fair.summary.cget("text") and "+17.5%" in fair.summary.cget("text")
    assert rows(fair.table.tree) == [("E001", "Kim Dara", "$269.00", "$229.00", "$40.00", "+17.5")]
    select_row(tk_root, fair.table.tree, lambda v: v[0] == "E001")
    fair.draw()
    canvas = fair.canvas.canvas
    texts = [canvas.itemcget(i, "text") for i in canvas.find_all() if canvas.type(i) == "text"]
    # the workshop's bars, and the selected employee's line with its name in the legend
    assert "selected employee" in texts and "workshop" in texts
    assert fair.canvas.find_withtag("bar") and fair.canvas.find_withtag("line")


def test_a_month_without_payroll_says_so(tk_root, ui, manager, target):
    _paid(manager, "Kim Dara", "250", "2026-03")
    fair = show(ui, FairWageScreen, make_ctx(manager, target), tk_root)
    fair.month_bar.set(D(2026, 3, 1))
    pump(tk_root)
    assert "No payroll for" in fair.summary.cget("text")
    assert not rows(fair.table.tree)
    canvas = fair.canvas.canvas
    texts = [canvas.itemcget(i, "text") for i in canvas.find_all() if canvas.type(i) == "text"]
    assert "No finalised or draft payroll yet" in texts

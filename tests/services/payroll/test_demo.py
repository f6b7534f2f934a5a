"""The payroll's demo part: 30 employees and 40 students, twelve months of runs, eleven finalised."""

import datetime as dt

import pytest

from pse_desktop.db.payroll import Payslip, PayRun
from pse_desktop.services.common.errors import ConflictError
from pse_desktop.services.payroll import demo as payroll_demo, docs as payroll_docs
from tests.fixtures.payroll import hire, manager  # noqa: F401

D = dt.date


def test_demo_fills_twelve_months(admin):
    from pse_desktop.services.common import demo

    lines = demo.run(admin, today=D(2026, 11, 25))
    assert any("30 employees, 40 students" in line for line in lines)
    runs = {r.month: r.status for r in PayRun.select()}
    assert len(runs) == 12 and runs[D(2026, 11, 1)] == "draft"
    assert all(status == "final" for month, status in runs.items() if month < D(2026, 11, 1))
    assert Payslip.select().join(PayRun).where(PayRun.month == D(2026, 11, 1)).count() == 70
    # the register of every finalised month adds up
    reg = payroll_docs.register(admin, "2026-06")
    assert reg.totals["net_cents"] == sum(r.net_cents for r in reg.rows)
    assert any(l.code == "SENIORITY_PAY" for r in reg.rows[:1] for l in payroll_docs.payslip_lines(admin, r.id))


def test_refuses_a_workshop_that_has_workers(manager, admin):
    hire(manager, "E001", D(2025, 1, 1), "monthly", "210")
    with pytest.raises(ConflictError, match="workshop workers"):
        payroll_demo.add_demo(admin, lambda m, f: None, D(2026, 11, 25))
    assert PayRun.select().count() == 0

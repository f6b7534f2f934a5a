"""Payroll PDFs read back with pdftotext: the figures of the worked example are printed."""

import datetime as dt
import subprocess

import pytest

from pse_desktop.services.payroll import (
    docs as payroll_docs, run as payroll_run, timesheets, workers,
)

D = dt.date


def text_of(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout


@pytest.fixture
def month_run(admin):
    info = workers.save_worker(admin, None, dict(code="E001", job="seamstress", name_latin="Sok Sophea",
                                                 name_khmer="សុខ សុភា", hire_date=D(2025, 1, 1)))
    workers.add_contract(admin, info.id, D(2025, 1, 1), "monthly", "210")
    student = workers.save_worker(admin, None, dict(code="S001", kind="student", name_latin="Chan Dara",
                                                    name_khmer="ចាន់ តារា", hire_date=D(2025, 1, 1),
                                                    nssf_member=False, pay_method="bank",
                                                    bank_account="ABA 001"))
    workers.add_contract(admin, student.id, D(2025, 1, 1), "hourly", "1.75")
    timesheets.quick_fill(admin, "2026-01")
    payroll_run.compute_draft(admin, "2026-01", 4100)
    return admin


def test_payslips_one_page_per_worker_with_the_worked_figures(month_run, tmp_path):
    out = payroll_docs.write_pdf(month_run, "payslips", "2026-01", tmp_path / "p.pdf")
    text = text_of(out)
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) == 2
    first = pages[0]
    assert "Payslip January 2026" in first and "Sok Sophea" in first
    for figure in ("$210.00", "$229.00", "-$4.58", "$224.42", "18,778", "KHR 4,100 per US$"):
        assert figure in first, figure
    assert "DRAFT" in first
    # student: 9 weekend days of January 2026 x 4 h = 36 h x $1.75 = $63.00
    assert "$63.00" in pages[1]


def test_register_cash_and_nssf_lists(month_run, tmp_path):
    reg = text_of(payroll_docs.write_pdf(month_run, "register", "2026-01", tmp_path / "r.pdf"))
    assert "Total (2)" in reg and "$292.00" in reg and "$287.42" in reg  # 229 + 63; 224.42 + 63
    cash = text_of(payroll_docs.write_pdf(month_run, "cash", "2026-01", tmp_path / "c.pdf"))
    # $224.42 = 2 x $100 + 1 x $20 + 4 x $1; 42 c x 41 = 1,722 riel -> 1,700 = 1,000 + 500 + 2 x 100
    assert "2×$100 1×$20 4×$1" in cash and "1×1,000 1×500 2×100" in cash and "Paid by bank: S001 $63.00" in cash
    nssf = text_of(payroll_docs.write_pdf(month_run, "nssf", "2026-01", tmp_path / "n.pdf"))
    assert "938,900" in nssf and "18,778" in nssf and "24,411" in nssf and "7,511" in nssf

"""The cash list (notes per worker, the cents in riel) and the NSSF list, read back."""

from pse_desktop.reports.payroll.lists import render_cash_list, render_nssf_list
from pse_desktop.services.payroll import docs as payroll_docs
from tests.fixtures.payroll import month_run  # noqa: F401
from tests.fixtures.pdf import pdf_text as text_of


def test_cash_and_nssf_lists(month_run, tmp_path):
    cash = text_of(payroll_docs.write_pdf(month_run, "cash", "2026-01", tmp_path / "c.pdf"))
    # $224.42 = 2 x $100 + 1 x $20 + 4 x $1; 42 c x 41 = 1,722 riel -> 1,700 = 1,000 + 500 + 2 x 100
    assert "2×$100 1×$20 4×$1" in cash and "1×1,000 1×500 2×100" in cash and "Paid by bank: S001 $63.00" in cash
    nssf = text_of(payroll_docs.write_pdf(month_run, "nssf", "2026-01", tmp_path / "n.pdf"))
    assert "938,900" in nssf and "18,778" in nssf and "24,411" in nssf and "7,511" in nssf


def test_cash_list_totals_and_nssf_members_only(month_run, tmp_path):
    cash = payroll_docs.cash_list(month_run, "2026-01")
    render_cash_list(cash, tmp_path / "cash.pdf")
    text = text_of(tmp_path / "cash.pdf")
    assert "Cash list January 2026" in text and "Total (1 worker)" in text
    assert "Total US$ $224.00 + KHR 1,700." in text
    assert "S001" not in text.split("Paid by bank")[0]  # the student is paid by bank, not in cash
    view, rows, totals = payroll_docs.nssf_list(month_run, "2026-01")
    render_nssf_list(view, rows, totals, tmp_path / "nssf.pdf")
    nssf = text_of(tmp_path / "nssf.pdf")
    assert "NSSF contributions January 2026" in nssf and "Total (1 member)" in nssf
    assert "E001" in nssf and "S001" not in nssf  # the student is not an NSSF member
    total = next(line for line in nssf.splitlines() if "Total (1 member)" in line).split()
    assert total[-1] == f"{18778 + 18778 + 24411 + 7511:,}"

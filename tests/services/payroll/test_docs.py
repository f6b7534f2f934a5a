"""The run's documents as data: register, payslip lines, cash and NSSF lists, export, fair wage,
home cards, and the PDF choice."""

import csv
import datetime as dt
from decimal import Decimal

import pytest

from pse_desktop.services.common.errors import NotFound, PermissionDenied, ValidationError
from pse_desktop.services.payroll import docs as payroll_docs
from tests.fixtures.payroll import month_run  # noqa: F401


def test_register_rows_and_totals(month_run):
    view = payroll_docs.register(month_run, "2026-01")
    assert (view.status, view.khr_per_usd, view.label) == ("draft", 4100, "January 2026")
    assert [(r.code, r.gross_cents, r.net_cents) for r in view.rows] == [("E001", 22900, 22442),
                                                                        ("S001", 6300, 6300)]
    assert view.totals["net_cents"] == 28742
    sophea = view.rows[0]
    assert sophea.fair_difference_cents == sophea.regular_pay_cents - sophea.reference_cents
    assert isinstance(sophea.fair_percent, Decimal)
    assert payroll_docs.register(month_run, "2026-02").status == "none"
    codes = [line.code for line in payroll_docs.payslip_lines(month_run, sophea.id)]
    assert codes.count("SALARY") == 1 and len(codes) >= 4


def test_cash_and_nssf_lists_as_data(month_run):
    cash = payroll_docs.cash_list(month_run, "2026-01")
    assert [r.code for r, _ in cash.rows] == ["E001"] and [r.code for r in cash.bank_rows] == ["S001"]
    notes = cash.rows[0][1]
    assert notes["usd"] == {100: 2, 20: 1, 1: 4} and notes["riel_total"] == 1700
    view, rows, totals = payroll_docs.nssf_list(month_run, "2026-01")
    assert [r.code for r in rows] == ["E001"]
    assert (totals["nssf_base_khr"], totals["nssf_employee_khr"]) == (938_900, 18_778)


def test_export_writes_exact_amounts_and_a_total(month_run, tmp_path):
    assert payroll_docs.export_payroll(month_run, "2026-01", tmp_path / "pay.csv") == 2
    with open(tmp_path / "pay.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == payroll_docs.EXPORT_HEADER
    assert rows[1][:4] == ["E001", "Sok Sophea", rows[1][2], "229.00"] and rows[1][6] == "224.42"
    assert rows[-1][0] == "TOTAL" and rows[-1][6] == "287.42"
    with pytest.raises(NotFound):
        payroll_docs.export_payroll(month_run, "2026-02", tmp_path / "none.csv")
    with pytest.raises(ValidationError):
        payroll_docs.export_payroll(month_run, "2026-01", tmp_path / "pay.txt")


def test_fair_wage_series_and_write_pdf_checks(month_run, tmp_path, make_user):
    series = payroll_docs.fair_wage_series(month_run, "2026-03", count=3)
    assert [p.month for p in series] == [dt.date(2026, 1, 1)]
    # a minimum-wage seamstress: paid exactly the sector reference ($210 + $10 + $7 + $2)
    assert (series[0].pay_cents, series[0].reference_cents, series[0].percent) == (22900, 22900, 0)
    with pytest.raises(ValidationError) as err:
        payroll_docs.write_pdf(month_run, "letters", "2026-01", tmp_path / "x.pdf")
    assert err.value.field == "kind"
    with pytest.raises(ValidationError) as err:
        payroll_docs.write_pdf(month_run, "cash", "2026-01", tmp_path / "x.doc")
    assert err.value.field == "out"
    with pytest.raises(NotFound):
        payroll_docs.write_pdf(month_run, "register", "2026-02", tmp_path / "x.pdf")
    with pytest.raises(PermissionDenied):
        payroll_docs.register(make_user("dara", "social_team"), "2026-01")


def test_home_card_for_the_month_to_pay(month_run, make_user, target):
    from pse_desktop.services.payroll import run as payroll_run, timesheets

    assert payroll_docs.home_cards(month_run, target) == []  # nothing final: this month is next
    payroll_run.finalise(month_run, "2026-01")
    card, = payroll_docs.home_cards(month_run, target)
    assert (card.lines, card.level) == (("The payroll of February 2026 is not computed yet.",), "warning")
    timesheets.quick_fill(month_run, "2026-02")
    payroll_run.compute_draft(month_run, "2026-02", 4100)
    card, = payroll_docs.home_cards(month_run, target)
    assert card.lines[0] == "February 2026: draft of 2 payslips, not finalised."
    assert card.screen == "payroll_run"
    assert payroll_docs.home_cards(make_user("dara", "social_team"), target) == []

"""Sales and stock exports: a year in one file, dates as dates and amounts as numbers."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from tests.fixtures.shop import RATES, shop_setup  # noqa: F401
from pse_desktop.services.shop import reports as shop_reports, sales, stock

JAN, DEC = dt.date(2025, 1, 15), dt.date(2025, 12, 20)


def test_a_year_of_sales_sums_in_the_spreadsheet(shop_setup, admin, tmp_path):  # noqa: F811
    pp1, fr1 = shop_setup["locs"]["PP1"], shop_setup["locs"]["FR1"]
    bag, scarf = shop_setup["v"]["bag"], shop_setup["v"]["scarf"]
    stock.receive(admin, pp1.id, {scarf.id: 10, bag.id: 5}, day=JAN)
    stock.receive(admin, fr1.id, {bag.id: 5}, day=JAN)
    sales.complete_sale(admin, pp1.id, [(scarf.id, 2)], paid_usd="14.50", day=JAN, rates=RATES)
    sales.complete_sale(admin, pp1.id, [(bag.id, 1)], paid_usd="12.50", day=DEC, rates=RATES)
    sales.complete_sale(admin, fr1.id, [(bag.id, 1)], paid_eur="12.00", day=DEC,
                        rates=RATES)
    out = tmp_path / "sales.xlsx"
    seen = []
    assert shop_reports.export_sales(admin, "2025-01-01", "2025-12-31", out, progress=seen.append) == 3
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2))
    col = {name: header.index(name) for name in ("date", "amount", "unit_price", "currency")}
    assert all(r[col["date"]].is_date for r in rows)
    usd = [r[col["amount"]] for r in rows if r[col["currency"]].value == "USD"]
    assert sum(c.value for c in usd) == pytest.approx(27.0)  # what SUM gives in the sheet
    assert all(isinstance(c.value, (int, float)) and "$" in c.number_format for c in usd)
    eur = next(r[col["amount"]] for r in rows if r[col["currency"]].value == "EUR")
    assert eur.value == pytest.approx(12.0) and "€" in eur.number_format
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)
    stock_out = tmp_path / "stock.xlsx"
    shop_reports.export_stock(admin, stock_out)
    ws = load_workbook(stock_out).active
    assert all(isinstance(r[5].value, (int, float)) for r in ws.iter_rows(min_row=2))

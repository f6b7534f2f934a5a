"""Shop reports: sales by day, product, location...; stock value; slow sellers; exports."""

import csv
import datetime as dt

import pytest

from tests.fixtures.processes import other_window
from tests.fixtures.shop import RATES, shop_setup  # noqa: F401
from pse_desktop.db.shop import Sale
from pse_desktop.services.shop import reports, returns as sales_returns, sales, stock
from pse_desktop.services.common.errors import PermissionDenied, ValidationError
from openpyxl import load_workbook
from pse_desktop.services.shop import reports as shop_reports

DAY = dt.date(2026, 3, 14)
NEXT = dt.date(2026, 4, 2)


@pytest.fixture
def sold(shop_setup, admin):
    pp1, fr1 = shop_setup["locs"]["PP1"], shop_setup["locs"]["FR1"]
    bag, scarf = shop_setup["v"]["bag"], shop_setup["v"]["scarf"]
    stock.receive(admin, pp1.id, {bag.id: 5, scarf.id: 5}, day=DAY)
    stock.receive(admin, fr1.id, {bag.id: 2}, day=DAY)
    first = sales.complete_sale(admin, pp1.id, [(bag.id, 2)], paid_usd="25", day=DAY)
    sales.complete_sale(admin, pp1.id, [(scarf.id, 1)], paid_usd="7.25", day=NEXT)
    sales.complete_sale(admin, fr1.id, [(bag.id, 1)], paid_eur="12", day=NEXT, rates=RATES)
    sales_returns.return_items(admin, first, {bag.id: 1}, "torn", day=NEXT)
    return shop_setup


def test_sales_by_group_are_net_of_returns_per_currency(sold, admin):
    by_day = reports.sales_by(admin, "day", DAY, NEXT)
    assert [(r.key, r.currency, r.pieces, r.amount) for r in by_day] == [
        ("2026-03-14", "USD", 2, 2500), ("2026-04-02", "EUR", 1, 1200),
        ("2026-04-02", "USD", 0, -525)]
    by_month = reports.sales_by(admin, "month", DAY, NEXT, sold["locs"]["PP1"].id)
    assert [(r.key, r.amount) for r in by_month] == [("2026-03", 2500), ("2026-04", -525)]
    by_product = reports.sales_by(admin, "product", DAY, NEXT)
    assert [(r.label, r.currency, r.pieces, r.amount) for r in by_product] == [
        ("Tote bag (red)", "USD", 1, 1250), ("Tote bag (red)", "EUR", 1, 1200),
        ("Krama scarf (M)", "USD", 1, 725)]
    assert reports.report_text(by_product)[1] == ("Tote bag (red)", "EUR", 1, "12,00\xa0€")
    by_location = reports.sales_by(admin, "location", DAY, NEXT)
    assert {(r.key, r.currency): r.amount for r in by_location} == {("FR1", "EUR"): 1200,
                                                                   ("PP1", "USD"): 1975}


def test_bad_periods_and_groups_name_the_field(sold, admin, make_user):
    for args, field in ((("week", DAY, NEXT), "group"), (("day", NEXT, DAY), "to"),
                        (("day", "14/03/2026", NEXT), "from")):
        with pytest.raises(ValidationError) as info:
            reports.sales_by(admin, *args)
        assert info.value.field == field
    with pytest.raises(PermissionDenied):
        reports.sales_by(make_user("dara", "social_team"), "day", DAY, NEXT)


def test_stock_value_and_slow_sellers(sold, admin):
    rows = reports.stock_value(admin, sold["locs"]["PP1"].id)
    assert [(r.code, r.quantity, r.value_cents) for r in rows] == [("BAG-RED", 4, 1600),
                                                                   ("SCF-M", 4, 840)]
    slow = reports.slow_movers(admin, 1, today=dt.date(2026, 5, 20))
    assert [(code, qty, last) for code, _, qty, last in slow] == [("BAG-RED", 5, NEXT),
                                                                  ("SCF-M", 4, NEXT)]
    assert reports.slow_movers(admin, 3, today=dt.date(2026, 5, 20)) == []
    with pytest.raises(ValidationError) as info:
        reports.slow_movers(admin, 0)
    assert info.value.field == "months"


def test_exports_write_exact_amounts(sold, admin, tmp_path):
    assert reports.export_sales(admin, DAY, NEXT, tmp_path / "sales.csv") == 4
    with open(tmp_path / "sales.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    ret = next(r for r in rows if r["kind"] == "return")
    assert (ret["original"], ret["quantity"], ret["amount"], ret["currency"]) == ("1", "-1", "-12.50", "USD")
    assert reports.export_stock(admin, tmp_path / "stock.csv") == 3
    with open(tmp_path / "stock.csv", encoding="utf-8-sig") as fh:
        stock_rows = list(csv.reader(fh))
    assert ["BAG-RED", "PP1", "4", "Tote bag (red)", "4.00", "16.00"] in stock_rows


@pytest.mark.parametrize("code, amount", [("en", "-$5.25"), ("fr", "-5,25\xa0$US"),
                                          ("km", "-5.25$")])
def test_report_amounts_follow_the_language_and_exports_stay_numbers(sold, admin, tmp_path, lang,
                                                                    code, amount):
    lang(code)
    by_day = reports.report_text(reports.sales_by(admin, "day", DAY, NEXT))
    assert by_day[-1][3] == amount
    assert by_day[1][3] == "12,00\xa0€"  # events in France: euros the French way
    reports.export_sales(admin, DAY, NEXT, tmp_path / "sales.csv")
    with open(tmp_path / "sales.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["amount"] for r in rows if r["kind"] == "return"] == ["-12.50"]


@pytest.mark.sqlite_only  # another process on the same file
def test_a_long_export_leaves_the_till_free_to_record_a_sale(shop_setup, admin, target,
                                                             tmp_path, monkeypatch):
    pp1, bag = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"]
    stock.receive(admin, pp1.id, {bag.id: 10})
    sales.complete_sale(admin, pp1.id, [(bag.id, 1)], paid_usd=2000)
    till = other_window(target.path, session=False)
    answers = []
    real_write = reports.write_table

    def slow_write(out, headers, rows, *args, **kw):
        def rows_with_a_sale_in_the_middle():
            for row in rows:
                # The export is reading: the other process records a sale now.
                answers.append(till.send(f"sell {pp1.id} {bag.id}"))
                yield row
        return real_write(out, headers, rows_with_a_sale_in_the_middle(), *args, **kw)

    monkeypatch.setattr(reports, "write_table", slow_write)
    try:
        today = dt.date.today()
        assert reports.export_sales(admin, today, today, tmp_path / "sales.xlsx") == 1
    finally:
        till.close()
    assert len(answers) == 1 and answers[0].startswith("sold ")
    assert Sale.select().count() == 2


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

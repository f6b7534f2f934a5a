"""The shop reports screen: sales grouped with a chart, stock value, slow sellers, exports."""

import csv

from tests.fixtures.shop import shop_setup  # noqa: F401
from pse_desktop.services.shop import sales, stock
from tests.views.helpers import main_window, pump, rows, wait


def _sold(admin, shop_setup):
    pp1, v = shop_setup["locs"]["PP1"], shop_setup["v"]
    stock.receive(admin, pp1.id, {v["bag"].id: 5, v["scarf"].id: 3})
    sales.complete_sale(admin, pp1.id, [(v["bag"].id, 2)], paid_usd="25")


def test_sales_by_product_with_its_chart(tk_root, ui, shop_setup, admin, target):
    _sold(admin, shop_setup)
    rep = main_window(ui, admin, target).show("shop_reports")
    rep.form.vars["report"].set("Sales by product")
    rep.show_report()
    assert rows(rep.tree) == [("Tote bag (red)", "USD", "2", "$25.00")]
    assert rep.chart.find_all()


def test_stock_value_and_slow_sellers(tk_root, ui, shop_setup, admin, target):
    _sold(admin, shop_setup)
    rep = main_window(ui, admin, target).show("shop_reports")
    rep.form.vars["report"].set("Stock value")
    rep.show_report()
    shown = {r[1]: r for r in rows(rep.tree)}
    assert shown["BAG-RED Tote bag (red)"][2:] == ("3", "$12.00")  # 3 left at $4.00 cost
    assert shown["SCF-M Krama scarf (M)"][2:] == ("3", "$6.30")
    rep.form.vars["report"].set("Not sold for N months")
    rep.show_report()
    assert [r[0] for r in rows(rep.tree)] == ["SCF-M"]
    assert not rep.chart.find_all()


def test_a_bad_period_is_shown_beside_the_field(tk_root, ui, shop_setup, admin, target):
    rep = main_window(ui, admin, target).show("shop_reports")
    rep.form.set_values({"from": "2026-06-01", "to": "2026-01-01"})
    rep.show_report()
    assert "before the start" in rep.form.error_text("to")


def test_export_sales_runs_in_the_background(tk_root, ui, shop_setup, admin, target, tmp_path):
    _sold(admin, shop_setup)
    out = tmp_path / "sales.csv"
    rep = main_window(ui, admin, target, choose_file=lambda *a, **k: str(out)).show("shop_reports")
    pump(tk_root)
    rep.export("sales")
    wait(tk_root, rep.task)
    assert "1 row written" in rep.message.cget("text")
    with out.open(encoding="utf-8-sig") as f:
        lines = list(csv.reader(f))
    assert any("BAG-RED" in cell for line in lines for cell in line)

"""The rice stock window: receive, send to a centre, count; the report and its chart."""

from pse_desktop.services.rice import stock
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.rice.stock import RiceStockScreen
from tests.fixtures.rice import TODAY
from tests.fixtures.social import social  # noqa: F401


def test_receive_send_count_and_report(social, target, ui, tmp_path):
    out = tmp_path / "rice.csv"
    screen = RiceStockScreen(ui, ScreenContext(actor=social["worker"], target=target,
                                               choose_file=lambda *a, **k: str(out),
                                               extra={"today": TODAY}))
    screen.form.set_values({"kilograms": "250", "supplier": "", "price per kilogram": "2800"})
    screen.receive()
    assert screen.form.error_text("supplier")
    screen.form.set_values({"kilograms": "250", "supplier": "Golden Rice"})
    screen.receive()
    screen.form.set_values({"place": "STM", "kilograms": "300"})
    screen.transfer()
    assert "only 250 kg" in screen.form.error_text("kilograms")
    screen.form.set_values({"place": "STM", "kilograms": "100"})
    screen.transfer()
    screen.form.set_values({"place": "STM", "kilograms": "99"})
    screen.count()
    assert "difference -1 kg" in screen.message.cget("text")
    places = {screen.places.item(i, "values")[0]: screen.places.item(i, "values")[1]
              for i in screen.places.get_children()}
    assert places["Central store"] == "150 kg" and places["STM"] == "99 kg"
    assert stock.balance(social["centres"]["STM"].id) == 99_000
    screen.export_var.set("2026-10")
    screen.export()
    assert "0 rows written" in screen.message.cget("text")
    screen.show_report()
    assert screen.chart.find_all()  # the bars and their labels are drawn
    screen.destroy()
    staff = RiceStockScreen(ui, ScreenContext(actor=social["stm_staff"], target=target,
                                              extra={"today": TODAY}))
    assert all(str(b.cget("state")) == "disabled" for b in staff.buttons)
    staff.destroy()

"""The day closing screen: what the drawer should hold, the note when it differs, the Z report."""

import datetime as dt

from tests.fixtures.shop import shop_setup  # noqa: F401
from pse_desktop.services.shop import closing as shop_close, sales, stock
from tests.views.helpers import is_disabled, main_window, pump


def _day_screen(tk_root, ui, actor, target, opened):
    screen = main_window(ui, actor, target, extra={"open_file": opened.append}).show("shop_day")
    pump(tk_root)
    return screen


def test_a_short_drawer_needs_a_note_then_closes_and_prints(tk_root, ui, shop_setup, make_user,
                                                           target, admin):
    pp1, bag = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"]
    stock.receive(admin, pp1.id, {bag.id: 5})
    sales.complete_sale(admin, pp1.id, [(bag.id, 2)], paid_usd="25")
    vanna = make_user("vanna", "shop_staff", shops=["PP1"])
    opened = []
    screen = _day_screen(tk_root, ui, vanna, target, opened)
    assert "Sales: 1" in screen.summary.cget("text") and "$25.00" in screen.summary.cget("text")
    screen.form.set_values({"usd": "24.00"})
    screen.close_button.invoke()
    assert "say why" in screen.form.error_text("note")
    assert not shop_close.is_closed(pp1.id, dt.date.today()) and not opened
    screen.form.set_values({"usd": "24.00", "note": "one dollar given as change twice"})
    screen.close_button.invoke()
    assert shop_close.is_closed(pp1.id, dt.date.today())
    assert opened[-1].name == f"z-PP1-{dt.date.today()}.pdf" and opened[-1].exists()
    assert is_disabled(screen.close_button) and not is_disabled(screen.z_button)
    assert "closed" in screen.state_label.cget("text")
    screen.z_button.invoke()
    assert len(opened) == 2


def test_a_past_day_is_shown_and_a_bad_day_is_explained(tk_root, ui, shop_setup, admin, target):
    opened = []
    screen = _day_screen(tk_root, ui, admin, target, opened)
    screen.day_var.set("31/01/2026")
    screen.load()
    assert "2026-01-31" in screen.state_label.cget("text")
    screen.day_var.set("2026-01-31")
    screen.load()
    assert "Sales: 0" in screen.summary.cget("text")
    assert not is_disabled(screen.close_button) and is_disabled(screen.z_button)
    screen.close_button.invoke()  # an empty drawer on a day without sales closes
    assert shop_close.is_closed(shop_setup["locs"]["PP1"].id, dt.date(2026, 1, 31))
    assert opened[-1].name == "z-PP1-2026-01-31.pdf"


def test_a_bad_amount_is_shown_beside_its_field(tk_root, ui, shop_setup, admin, target):
    screen = _day_screen(tk_root, ui, admin, target, [])
    screen.form.set_values({"khr": "a lot"})
    screen.close_button.invoke()
    assert screen.form.error_text("khr")
    assert not shop_close.is_closed(shop_setup["locs"]["PP1"].id, dt.date.today())

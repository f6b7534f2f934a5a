"""The day closing screen: what the drawer should hold, the note when it differs, the Z report;
which days may be closed, and an admin reopens a closed day with a reason."""

import datetime as dt

from tests.fixtures.shop import shop_setup  # noqa: F401
from pse_desktop.services.shop import closing as shop_close, sales, stock
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.shop.closing import DayClosingScreen
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
    screen.close_button.invoke()  # a past day without sales is not closed: it is explained
    assert "no sales" in screen.form.banner.cget("text") + screen.form.error_text("note")
    assert not shop_close.is_closed(shop_setup["locs"]["PP1"].id, dt.date(2026, 1, 31))
    assert not opened


def test_a_bad_amount_is_shown_beside_its_field(tk_root, ui, shop_setup, admin, target):
    screen = _day_screen(tk_root, ui, admin, target, [])
    screen.form.set_values({"khr": "a lot"})
    screen.close_button.invoke()
    assert screen.form.error_text("khr")
    assert not shop_close.is_closed(shop_setup["locs"]["PP1"].id, dt.date.today())


def make(ui, tk_root, actor, target):
    screen = DayClosingScreen(ui, ScreenContext(actor=actor, target=target,
                                                extra={"open_file": lambda path: None}))
    screen.pack(fill="both", expand=True)
    screen.on_show()
    tk_root.update()
    return screen


def test_admins_are_offered_to_reopen_a_closed_day_with_a_reason(tk_root, ui, shop_setup,
                                                                 admin, make_user, target):
    pp1, bag = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"]
    vanna = make_user("vanna", "shop_staff", shops=["PP1"])
    stock.receive(admin, pp1.id, {bag.id: 5})
    sales.complete_sale(vanna, pp1.id, [(bag.id, 1)], paid_usd="12.50")
    staff_screen = make(ui, tk_root, vanna, target)
    staff_screen.chooser.select(pp1.id)
    staff_screen.form.set_values({"usd": "12.50"})
    staff_screen.close_button.invoke()
    tk_root.update()
    assert shop_close.is_closed(pp1.id, dt.date.today())
    assert not staff_screen.reopen_box.winfo_ismapped()  # shop staff: no reopening
    staff_screen.destroy()

    screen = make(ui, tk_root, admin, target)
    screen.chooser.select(pp1.id)
    tk_root.update()
    assert screen.reopen_box.winfo_ismapped()
    screen.reopen_button.invoke()  # no reason: refused, says so beside the field
    assert shop_close.is_closed(pp1.id, dt.date.today())
    assert screen.reopen_form.error_text("reason")
    screen.reopen_form.set_values({"reason": "a sale was left on paper"})
    screen.reopen_button.invoke()
    tk_root.update()
    assert not shop_close.is_closed(pp1.id, dt.date.today())
    assert not screen.reopen_box.winfo_ismapped()
    assert str(screen.close_button.cget("state")) == "normal"


def test_a_future_day_cannot_be_closed_from_the_screen(tk_root, ui, shop_setup, admin, target):
    pp1 = shop_setup["locs"]["PP1"]
    screen = make(ui, tk_root, admin, target)
    screen.chooser.select(pp1.id)
    screen.day_var.set((dt.date.today() + dt.timedelta(days=2)).isoformat())
    screen.load()
    screen.close_button.invoke()
    assert "future" in screen.form.banner.cget("text") + screen.form.error_text("note")
    assert not shop_close.is_closed(pp1.id, dt.date.today() + dt.timedelta(days=2))


def test_a_busy_database_is_said_calmly_on_the_screen(tk_root, ui, shop_setup, admin, target,
                                                      monkeypatch):
    from pse_desktop.db import connection, database
    from tests.fixtures.processes import hold_write_lock

    pp1 = shop_setup["locs"]["PP1"]
    screen = make(ui, tk_root, admin, target)
    screen.chooser.select(pp1.id)
    monkeypatch.setattr(connection, "BUSY_ATTEMPTS", 1)
    database.execute_sql("PRAGMA busy_timeout = 200")
    other = hold_write_lock(target.path, 20)  # another window is saving, for a long time
    try:
        screen.close_button.invoke()
    finally:
        other.close()
    assert screen.form.banner.cget("text") == "Someone else is saving, try again in a moment."
    assert not shop_close.is_closed(pp1.id, dt.date.today())
    screen.close_button.invoke()  # a moment later it goes through
    assert shop_close.is_closed(pp1.id, dt.date.today())

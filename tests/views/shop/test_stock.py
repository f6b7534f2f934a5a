"""The stock screen: receive by keyboard, move to another shop, write off with a reason."""

from tests.fixtures.shop import shop_setup  # noqa: F401
from pse_desktop.services.shop import locations as shop, stock
from tests.views.helpers import column, entry_of, main_window, pump, type_and_enter


def _stock_screen(tk_root, ui, actor, target, **overrides):
    screen = main_window(ui, actor, target, **overrides).show("shop_stock")
    pump(tk_root)
    return screen


def test_receive_by_keyboard_refuses_an_unknown_code(tk_root, ui, shop_setup, admin, target):
    pp1, bag = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"]
    screen = _stock_screen(tk_root, ui, admin, target)
    type_and_enter(tk_root, screen.form.widgets["code"], "NOPE-1")
    type_and_enter(tk_root, screen.form.widgets["quantity"], "3")
    assert "no product has this code" in screen.form.error_text("code")
    assert not screen.lines_box.get_children()
    type_and_enter(tk_root, screen.form.widgets["code"], "BAG-RED")
    type_and_enter(tk_root, screen.form.widgets["quantity"], "zero")
    assert screen.form.error_text("quantity")
    type_and_enter(tk_root, screen.form.widgets["quantity"], "6")
    assert len(screen.lines_box.get_children()) == 1
    screen.record_button.invoke()
    assert stock.balance(bag.id, pp1.id) == 6
    assert column(screen.table.tree, 0) == ["BAG-RED"]
    assert column(screen.table.tree, 3) == ["6"]


def test_transfer_needs_a_destination_then_moves_the_pieces(tk_root, ui, shop_setup, admin,
                                                            target):
    pp1, pp2, bag = shop_setup["locs"]["PP1"], shop_setup["locs"]["PP2"], shop_setup["v"]["bag"]
    stock.receive(admin, pp1.id, {bag.id: 5})
    screen = _stock_screen(tk_root, ui, admin, target)
    screen.form.vars["action"].set("Transfer to")
    type_and_enter(tk_root, screen.form.widgets["code"], "BAG-RED")
    type_and_enter(tk_root, screen.form.widgets["quantity"], "2")
    screen.record_button.invoke()
    assert "choose where the stock goes" in screen.form.error_text("to")
    assert stock.balance(bag.id, pp1.id) == 5
    screen.form.vars["to"].set(next(t for t in screen.form.widgets["to"].cget("values")
                                    if t.startswith("PP2")))
    screen.record_button.invoke()
    assert (stock.balance(bag.id, pp1.id), stock.balance(bag.id, pp2.id)) == (3, 2)
    assert column(screen.table.tree, 3) == ["3"]


def test_write_off_needs_a_reason_beside_the_note(tk_root, ui, shop_setup, admin, target):
    pp1, scarf = shop_setup["locs"]["PP1"], shop_setup["v"]["scarf"]
    stock.receive(admin, pp1.id, {scarf.id: 4})
    screen = _stock_screen(tk_root, ui, admin, target)
    screen.form.vars["action"].set("Write off (damaged)")
    type_and_enter(tk_root, screen.form.widgets["code"], "2000000000035")
    type_and_enter(tk_root, screen.form.widgets["quantity"], "1")
    screen.record_button.invoke()
    assert screen.form.error_text("note")
    assert stock.balance(scarf.id, pp1.id) == 4
    screen.form.set_values({"note": "torn by the door"})
    screen.record_button.invoke()
    assert stock.balance(scarf.id, pp1.id) == 3
    assert screen.form.error_text("note") == ""


def test_low_stock_filter_and_find(tk_root, ui, shop_setup, admin, target):
    pp1, v = shop_setup["locs"]["PP1"], shop_setup["v"]
    stock.receive(admin, pp1.id, {v["bag"].id: 1, v["scarf"].id: 9})  # the bag is low (at 2)
    screen = _stock_screen(tk_root, ui, admin, target)
    assert sorted(column(screen.table.tree, 0)) == ["BAG-RED", "SCF-M"]
    screen.low_var.set(True)
    screen.table.show_page(0)
    assert column(screen.table.tree, 0) == ["BAG-RED"]
    screen.low_var.set(False)
    type_and_enter(tk_root, entry_of(screen, screen.filter_var), "krama")
    assert column(screen.table.tree, 0) == ["SCF-M"]


def test_admin_allows_negative_stock_in_one_location_after_confirming(tk_root, ui, shop_setup,
                                                                      admin, target):
    answers = []
    screen = _stock_screen(tk_root, ui, admin, target,
                           confirm=lambda *a: answers.append(a) or True)
    assert screen.location.code == "PP1"
    screen.negative_check.invoke()
    assert answers and shop.get_location(screen.location.id).allow_negative
    screen.negative_check.invoke()
    assert not shop.get_location(screen.location.id).allow_negative


def test_staff_cannot_allow_negative_stock(tk_root, ui, shop_setup, make_user, target):
    vanna = make_user("vanna", "shop_staff", shops=["PP1"])
    screen = _stock_screen(tk_root, ui, vanna, target)
    assert [loc.code for loc in screen.chooser.locations] == ["PP1"]
    assert not screen.negative_check.winfo_ismapped()

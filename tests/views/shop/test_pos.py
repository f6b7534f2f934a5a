"""The point of sale: the whole shop day clicked like a new user would (receive, sell, return,
close), then the keys of the scan box, discounts, payment and the cart."""

import datetime as dt

from tests.fixtures.shop import shop_setup  # noqa: F401
from pse_desktop.db.shop import Sale, StockMove
from pse_desktop.services.shop import closing as shop_close, stock
from tests.views.helpers import key, main_window as _main, pump, rows, type_and_enter


def test_done_when_in_the_window(tk_root, ui, shop_setup, make_user, target):
    vanna = make_user("vanna", "shop_staff", shops=["PP1"])
    opened = []
    main = _main(ui, vanna, target, extra={"open_file": opened.append},
                 confirm=lambda *a: True)
    assert {"shop_pos", "shop_stock", "shop_day", "shop_count"} <= set(main.buttons)
    assert "shop_products" in main.buttons and "users" not in main.buttons
    bag, scarf = shop_setup["v"]["bag"], shop_setup["v"]["scarf"]
    pp1 = shop_setup["locs"]["PP1"]
    today = dt.date.today()

    # receive 5 bags and 4 scarves
    st = main.show("shop_stock")
    pump(tk_root)
    assert st.location.code == "PP1"  # vanna only sees her shop
    type_and_enter(tk_root, st.form.widgets["code"], "BAG-RED")
    type_and_enter(tk_root, st.form.widgets["quantity"], "5")
    type_and_enter(tk_root, st.form.widgets["code"], "2000000000035")
    type_and_enter(tk_root, st.form.widgets["quantity"], "4")
    st.record_button.invoke()
    assert stock.balance(bag.id, pp1.id) == 5 and stock.balance(scarf.id, pp1.id) == 4
    assert len(st.table.tree.get_children()) == 2

    # sell three items with the scanner: 2 bags + 1 scarf = $32.25
    pos = main.show("shop_pos")
    pump(tk_root)
    type_and_enter(tk_root, pos.scan, "2000000000011")
    type_and_enter(tk_root, pos.scan, "2000000000011")
    type_and_enter(tk_root, pos.scan, "tote")  # a name matching two products: a choice
    assert "2 products match: BAG-BLU" in pos.scan_error.cget("text")
    type_and_enter(tk_root, pos.scan, "krama")  # one match is taken
    assert [(ln.code, ln.quantity) for ln in pos.cart.lines] == [("BAG-RED", 2), ("SCF-M", 1)]
    assert "$32.25" in pos.total_label.cget("text")
    # too many: a fourth, fifth and sixth bag are more than the 5 in stock
    type_and_enter(tk_root, pos.scan, "4*BAG-RED")
    assert "Only 5 of BAG-RED" in pos.scan_error.cget("text")
    before = (Sale.select().count(), StockMove.select().count())
    pos.form.set_values({"dollars": "100"})
    pos.complete_button.invoke()
    assert "only 5 of BAG-RED in PP1; 6 asked" in pos.form.banner.cget("text")
    assert (Sale.select().count(), StockMove.select().count()) == before
    # back to 2 bags with the '-' key on the chosen line
    pos.tree.selection_set("0")
    pos.scan.focus_force()
    pump(tk_root)
    for _ in range(4):
        pos.scan.event_generate("<minus>")
        pump(tk_root)
    assert pos.cart.lines[0].quantity == 2
    # paid $20 and 60,000 riel at 4,000: $2 and 3,000 riel back
    pos.form.set_values({"dollars": "20", "riel": "60000"})
    pos.update_change()
    assert pos.change_label.cget("text") == "Change: $2.00 + KHR\xa03,000"
    pos.scan.focus_force()
    pump(tk_root)
    pos.scan.event_generate("<F12>")
    pump(tk_root)
    assert "Give back: $2.00 + KHR\xa03,000" in pos.message.cget("text")
    assert not pos.cart.lines
    assert stock.balance(bag.id, pp1.id) == 3
    sale_id = pos.last_sale_id
    pos.receipt_button.invoke()
    assert opened and opened[-1].name == "receipt-PP1-1-80mm.pdf" and opened[-1].exists()

    # return one bag from the list of today's records
    iid = next(i for i, key in pos.recent.keys.items() if key == sale_id)
    pos.recent.tree.selection_set(iid)
    pump(tk_root)
    dialog = pos.open_return()
    dialog.form.set_values({f"q{bag.id}": "1", "reason": "wrong colour"})
    dialog.ok_button.invoke()
    pump(tk_root)
    assert stock.balance(bag.id, pp1.id) == 4
    assert "Give back: $12.50" in pos.message.cget("text")

    # close the day: $5.00 counted where $5.50 is expected
    day = main.show("shop_day")
    pump(tk_root)
    assert "5.50" in day.summary.cget("text") and "KHR\xa057,000" in day.summary.cget("text")
    day.form.set_values({"usd": "5.00", "khr": "57000", "eur": ""})
    day.close_button.invoke()
    assert "say why" in day.form.error_text("note")
    day.form.set_values({"usd": "5.00", "khr": "57000", "note": "50 cents short"})
    day.close_button.invoke()
    assert shop_close.is_closed(pp1.id, today)
    assert opened[-1].name.startswith("z-PP1") and opened[-1].exists()
    assert str(day.close_button.cget("state")) == "disabled"

    # the closed day takes no more sales
    pos = main.show("shop_pos")
    assert "closed" in pos.day_label.cget("text")
    type_and_enter(tk_root, pos.scan, "SCF-M")
    pos.form.set_values({"dollars": "10", "riel": ""})
    pos.complete_button.invoke()
    assert "closed" in pos.form.banner.cget("text")
    assert stock.ledger_mismatches() == []


def _pos(tk_root, ui, actor, target, **overrides):
    pos = _main(ui, actor, target, **overrides).show("shop_pos")
    pump(tk_root)
    return pos


def test_keys_on_the_scan_box_and_a_discount(tk_root, ui, shop_setup, admin, target):
    pp1, v = shop_setup["locs"]["PP1"], shop_setup["v"]
    stock.receive(admin, pp1.id, {v["bag"].id: 5, v["scarf"].id: 5})
    pos = _pos(tk_root, ui, admin, target)
    type_and_enter(tk_root, pos.scan, "NOTHING-LIKE-IT")
    assert pos.scan_error.cget("text") and not pos.cart.lines
    type_and_enter(tk_root, pos.scan, "2*BAG-RED")
    type_and_enter(tk_root, pos.scan, "SCF-M")
    assert [(r[0], r[2]) for r in rows(pos.tree)] == [("BAG-RED", "2"), ("SCF-M", "1")]
    assert pos.tree.selection() == ("1",)
    key(tk_root, pos.scan, "plus")
    key(tk_root, pos.scan, "Up")
    key(tk_root, pos.scan, "Delete")  # the bags go
    assert [(ln.code, ln.quantity) for ln in pos.cart.lines] == [("SCF-M", 2)]
    pos.tree.selection_set("0")
    pos.form.set_values({"discount": "150"})
    pos.apply_discount()
    assert "whole number from 0 to 100" in pos.form.banner.cget("text")
    pos.form.set_values({"discount": "10"})
    pos.apply_discount()
    assert rows(pos.tree)[0][4] == "10" and "$13.05" in pos.total_label.cget("text")
    key(tk_root, pos.scan, "F8")  # paid exactly
    assert pos.form.values()["dollars"] == "13.05" and "Change: nothing" in pos.change_label.cget("text")
    key(tk_root, pos.scan, "F12")
    assert Sale.select().count() == 1 and stock.balance(v["scarf"].id, pp1.id) == 3
    assert "Sale 1 recorded" in pos.message.cget("text") and not rows(pos.tree)
    assert [r[0] for r in rows(pos.recent.tree)] == ["1"]


def test_not_enough_paid_and_clearing_the_cart(tk_root, ui, shop_setup, admin, target):
    pp1, bag = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"]
    stock.receive(admin, pp1.id, {bag.id: 5})
    pos = _pos(tk_root, ui, admin, target)
    type_and_enter(tk_root, pos.scan, "BAG-RED")
    assert pos.change_label.cget("text").startswith("To pay: $12.50")
    pos.form.set_values({"dollars": "10"})
    pos.update_change()
    assert pos.change_label.cget("text") == "Still to pay: $2.50"
    pos.complete_button.invoke()
    assert Sale.select().count() == 0
    assert "$2.50 still to pay" in pos.form.banner.cget("text")
    pos.receipt_button.invoke()
    assert "Choose a sale first" in pos.message.cget("text")
    pos.open_return()
    assert "Choose the sale in the list first" in pos.message.cget("text")
    pos.clear()
    assert not pos.cart.lines and pos.form.values()["dollars"] == "" and pos.change_label.cget("text") == ""


def test_the_till_clears_payments_after_a_failed_sale_and_a_change_of_location(
        tk_root, ui, shop_setup, admin, target):
    bag = shop_setup["v"]["bag"]
    pp1, fr1 = shop_setup["locs"]["PP1"], shop_setup["locs"]["FR1"]
    stock.receive(admin, pp1.id, {bag.id: 1})
    stock.receive(admin, fr1.id, {bag.id: 5})
    main = _main(ui, admin, target, confirm=lambda *a: True)
    pos = main.show("shop_pos")
    pump(tk_root)
    pos.chooser.select(pp1.id)
    type_and_enter(tk_root, pos.scan, "2*BAG-RED")  # two bags, one in stock
    pos.form.vars["dollars"].set("30")
    pos.complete()
    assert Sale.select().count() == 0 and "only 1 of BAG-RED" in pos.form.banner.cget("text")
    assert pos.form.vars["dollars"].get() == ""  # the failed sale's money is gone
    pos.form.vars["dollars"].set("20")
    pos.chooser.select(fr1.id)  # the volunteer takes the till to the event in France
    pump(tk_root)
    assert pos.form.vars["dollars"].get() == ""
    assert str(pos.form.widgets["dollars"].cget("state")) == "disabled"
    type_and_enter(tk_root, pos.scan, "BAG-RED")
    pos.form.vars["euros"].set("12")
    pos.complete()
    sale = Sale.get()
    assert (sale.currency, sale.paid_usd, sale.paid_eur) == ("EUR", 0, 1200)


def test_changing_till_forgets_the_money_typed_and_a_sale_says_its_number(tk_root, ui,
                                                                          shop_setup, make_user,
                                                                          target):
    vanna = make_user("vanna", "shop_staff", shops=["PP1", "PP2"])
    pp1, pp2 = shop_setup["locs"]["PP1"], shop_setup["locs"]["PP2"]
    stock.receive(vanna, pp1.id, {shop_setup["v"]["bag"].id: 2})
    main = _main(ui, vanna, target, confirm=lambda *a: True)
    pos = main.show("shop_pos")
    pos.chooser.select(pp1.id)
    pump(tk_root)
    pos.form.set_values({"dollars": "50"})
    pos.chooser.select(pp2.id)
    assert pos.form.values()["dollars"] == ""
    pos.chooser.select(pp1.id)
    type_and_enter(tk_root, pos.scan, "BAG-RED")
    pos.form.set_values({"dollars": "20"})
    pos.complete()
    number = Sale.get().number
    assert pos.message_line.cget("text") == f"Sale PP1-{number:04d} recorded."
    main.destroy()

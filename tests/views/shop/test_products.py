"""The products screen: add a variant with its errors beside the fields, find, edit, deactivate."""

from tests.fixtures.shop import shop_setup  # noqa: F401
from pse_desktop.services.shop import catalog, sales
from tests.views.helpers import (
    column, entry_of, is_disabled, main_window, pump, select_row, type_and_enter,
)


def test_products_screen_adds_a_variant(tk_root, ui, shop_setup, admin, target):
    screen = main_window(ui, admin, target).show("shop_products")
    screen.new()
    screen.set_values({"product": "BAG", "name": "Tote bag", "category": "Bags",
                       "code": "BAG-YEL", "colour": "yellow", "barcode": "2000000000011",
                       "price": "12.50"})
    screen.save_button.invoke()
    assert "another variant has the barcode" in screen.error_text("barcode")
    screen.set_values({"barcode": "2000000000042", "price": "12,5x"})
    screen.save_button.invoke()
    assert "amount like 12.50" in screen.error_text("price")
    screen.set_values({"price": "12.50"})
    screen.save_button.invoke()
    assert sales.scan(shop_setup["locs"]["PP1"].id, "2000000000042").code == "BAG-YEL"


def test_choosing_a_row_fills_the_form_and_saving_edits_it(tk_root, ui, shop_setup, admin, target):
    screen = main_window(ui, admin, target).show("shop_products")
    pump(tk_root)
    assert sorted(column(screen.table.tree, 0)) == ["BAG-BLU", "BAG-RED", "SCF-M"]
    select_row(tk_root, screen.table.tree, lambda v: v[0] == "SCF-M")
    values = screen.values()
    assert (values["product"], values["code"], values["price"]) == ("SCF", "SCF-M", "7.25")
    screen.set_values({"price": "8.00", "active": False})
    screen.save_button.invoke()
    scarf = catalog.find_variant("SCF-M")
    assert scarf.price_usd_cents == 800 and not scarf.active
    assert "SCF-M" not in column(screen.table.tree, 0)  # inactive rows are hidden
    screen.inactive_var.set(True)
    screen.table.show_page(0)
    assert "$8.00" in [r[4] for r in (screen.table.tree.item(i, "values")
                                      for i in screen.table.tree.get_children()) if r[0] == "SCF-M"]


def test_find_narrows_the_list(tk_root, ui, shop_setup, admin, target):
    screen = main_window(ui, admin, target).show("shop_products")
    type_and_enter(tk_root, entry_of(screen, screen.find_var), "blu")
    assert column(screen.table.tree, 0) == ["BAG-BLU"]


def test_shop_staff_may_look_but_not_save(tk_root, ui, shop_setup, make_user, target):
    vanna = make_user("vanna", "shop_staff", shops=["PP1"])
    screen = main_window(ui, vanna, target).show("shop_products")
    assert len(screen.table.tree.get_children()) == 3
    assert is_disabled(screen.save_button)

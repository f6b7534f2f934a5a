"""The Shop history screen: a product's movements with the stock after each, and the lists."""

import datetime as dt

from tests.fixtures.shop import RATES, shop_setup  # noqa: F401
from pse_desktop.services.shop import returns, sales, stock
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.core import prefs
from pse_desktop.views.shop.history import ShopHistoryScreen

DAY = dt.date.today()


def test_movements_of_a_product_and_the_voids(tk_root, ui, shop_setup, make_user, target):
    pp1 = shop_setup["locs"]["PP1"]
    bag = shop_setup["v"]["bag"]
    vanna = make_user("vanna", "shop_staff", shops=["PP1", "PP2"])
    stock.receive(vanna, pp1.id, {bag.id: 5}, day=DAY)
    sale_id = sales.complete_sale(vanna, pp1.id, [(bag.id, 1)], paid_usd="20", day=DAY,
                                  rates=RATES)
    returns.void_sale(vanna, sale_id, "wrong item", day=DAY)
    screen = ShopHistoryScreen(ui, ScreenContext(actor=vanna, target=target))
    screen.pack(fill="both", expand=True)
    screen.on_show()
    screen.chooser.select(pp1.id)
    tk_root.update()
    screen.code_var.set("BAG-RED")
    rows = screen.show_moves()
    assert [r.balance for r in rows] == [5, 4, 5]
    values = [screen.moves.item(i, "values") for i in screen.moves.get_children()]
    assert values[1][2] == "-1" and values[1][5].startswith("sale PP1-")
    assert "stock now 5" in screen.moves_info.cget("text")
    fixes = [screen.fixes.item(i, "values") for i in screen.fixes.get_children()]
    assert fixes[0][1] == "void" and fixes[0][6] == "wrong item"
    screen.code_var.set("NOPE")
    assert screen.show_moves() is None and "No product" in screen.moves_info.cget("text")
    # The location chosen is remembered for this user.
    pp2 = shop_setup["locs"]["PP2"]
    screen.chooser.var.set(screen.chooser._label(next(
        loc for loc in screen.chooser.locations if loc.id == pp2.id)))
    screen.chooser._changed()
    assert prefs.remembered("vanna", "location") == pp2.id
    again = ShopHistoryScreen(ui, ScreenContext(actor=vanna, target=target))
    again.on_show()
    assert again.location.id == pp2.id
    again.destroy()
    screen.destroy()

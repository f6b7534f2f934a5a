"""The return and void dialog: pieces to return with a reason, or a whole sale of today voided."""

import pytest

from tests.fixtures.shop import shop_setup  # noqa: F401
from pse_desktop.services.shop import returns as sales_returns, sales, stock
from pse_desktop.views.shop.returns import ReturnDialog
from tests.views.helpers import key, make_ctx, pump


@pytest.fixture
def sold(admin, shop_setup):
    pp1, v = shop_setup["locs"]["PP1"], shop_setup["v"]
    stock.receive(admin, pp1.id, {v["bag"].id: 5, v["scarf"].id: 5})
    sale_id = sales.complete_sale(admin, pp1.id, [(v["bag"].id, 2), (v["scarf"].id, 1)],
                                  paid_usd="40")
    return pp1, v, sale_id


def _dialog(tk_root, ui, admin, target, sale_id, void=False):
    done = []
    dialog = ReturnDialog(ui, make_ctx(admin, target), sale_id, void, on_done=done.append)
    pump(tk_root)
    return dialog, done


def test_more_than_sold_is_refused_then_one_bag_comes_back(tk_root, ui, admin, target, sold):
    pp1, v, sale_id = sold
    dialog, done = _dialog(tk_root, ui, admin, target, sale_id)
    bag = v["bag"].id
    dialog.form.set_values({f"q{bag}": "3", "reason": "wrong colour"})
    dialog.ok_button.invoke()
    assert "only 2 of BAG-RED" in dialog.form.banner.cget("text")
    assert not done and stock.balance(bag, pp1.id) == 3
    dialog.form.set_values({f"q{bag}": "two"})
    dialog.ok_button.invoke()
    assert "whole numbers" in dialog.form.banner.cget("text") and not done
    dialog.form.set_values({f"q{bag}": "1"})
    dialog.ok_button.invoke()
    assert len(done) == 1 and stock.balance(bag, pp1.id) == 4
    assert not dialog.winfo_exists()
    assert sales.get_sale(done[0]).kind == "return"
    assert sales_returns.returnable(sale_id)[bag] == 1


def test_void_needs_a_reason_and_puts_everything_back(tk_root, ui, admin, target, sold):
    pp1, v, sale_id = sold
    dialog, done = _dialog(tk_root, ui, admin, target, sale_id, void=True)
    assert not any(name.startswith("q") for name in dialog.form.widgets)
    dialog.ok_button.invoke()
    assert dialog.form.error_text("reason") and not done
    dialog.form.set_values({"reason": "customer changed her mind"})
    key(tk_root, dialog.form.widgets["reason"], "Return")
    assert len(done) == 1
    assert stock.balance(v["bag"].id, pp1.id) == 5 and stock.balance(v["scarf"].id, pp1.id) == 5
    assert sales.get_sale(done[0]).kind == "void"


def test_escape_closes_without_returning(tk_root, ui, admin, target, sold):
    pp1, v, sale_id = sold
    dialog, done = _dialog(tk_root, ui, admin, target, sale_id)
    dialog.form.set_values({f"q{v['bag'].id}": "1", "reason": "changed mind"})
    key(tk_root, dialog.form.widgets["reason"], "Escape")
    assert not dialog.winfo_exists() and not done
    assert stock.balance(v["bag"].id, pp1.id) == 3

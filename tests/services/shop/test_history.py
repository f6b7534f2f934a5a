"""The shop's history: movements with reasons and running balance, counts, closings, voids."""

import datetime as dt

import pytest

from tests.fixtures.shop import RATES, shop_setup  # noqa: F401
from pse_desktop.services.common.errors import PermissionDenied
from pse_desktop.services.shop import closing as shop_close, count, history, returns, sales, stock

DAY = dt.date.today()


def test_why_the_stock_changed_with_the_running_balance(shop_setup, admin, make_user):
    pp1 = shop_setup["locs"]["PP1"]
    bag = shop_setup["v"]["bag"]
    vanna = make_user("vanna", "shop_staff", shops=["PP1"])
    stock.receive(vanna, pp1.id, {bag.id: 5}, note="from workshop", day=DAY)
    sale_id = sales.complete_sale(vanna, pp1.id, [(bag.id, 2)], paid_usd="25", day=DAY,
                                  rates=RATES)
    returns.void_sale(vanna, sale_id, "typed twice", day=DAY)
    rows = history.movements(vanna, bag.id, pp1.id)
    assert [(r.kind, r.quantity, r.balance) for r in rows] == [
        ("receive", 5, 5), ("sale", -2, 3), ("void", 2, 5)]
    number = sales.get_sale(sale_id).number
    assert rows[0].reason.endswith("from workshop") and rows[1].reason == f"sale PP1-{number:04d}"
    assert rows[-1].balance == stock.balance(bag.id, pp1.id) and rows[0].user == "vanna"
    # Only the last ones shown, the balance still counted from the first movement.
    assert [r.balance for r in history.movements(vanna, bag.id, pp1.id, limit=1)] == [5]
    fixes = history.voids_and_returns(vanna, pp1.id)
    assert [(f.kind, f.original, f.reason) for f in fixes] == [
        ("void", f"PP1-{number:04d}", "typed twice")]


def test_past_counts_and_closings(shop_setup, admin):
    pp1 = shop_setup["locs"]["PP1"]
    bag = shop_setup["v"]["bag"]
    stock.receive(admin, pp1.id, {bag.id: 4}, day=DAY)
    count_id = count.start_count(admin, pp1.id)
    count.enter_counts(admin, count_id, {bag.id: 3})
    count.post_count(admin, count_id, day=DAY)
    rows = history.past_counts(admin, pp1.id)
    assert [(r.state, r.counted, r.difference) for r in rows] == [("posted", 1, -1)]
    moves = history.movements(admin, bag.id, pp1.id)
    assert moves[-1].kind == "count" and moves[-1].balance == 3
    shop_close.close_day(admin, pp1.id, DAY, counted_usd=0)  # today may close without sales
    closed = history.past_closings(admin, pp1.id)
    assert closed[0].day == DAY and closed[0].difference == "$0.00"


def test_history_only_for_the_user_s_own_shops(shop_setup, make_user):
    vanna = make_user("vanna", "shop_staff", shops=["PP1"])
    pp2 = shop_setup["locs"]["PP2"]
    for read in (history.past_counts, history.past_closings, history.voids_and_returns):
        with pytest.raises(PermissionDenied):
            read(vanna, pp2.id)
    with pytest.raises(PermissionDenied):
        history.movements(vanna, shop_setup["v"]["bag"].id, pp2.id)

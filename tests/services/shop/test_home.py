"""Home page cards of the shop: today's takings, days left open, low stock."""

import datetime as dt

from tests.fixtures.shop import shop_setup  # noqa: F401
from pse_desktop.services.shop import closing as shop_close, home as shop_home, sales, stock

DAY = dt.date(2026, 3, 14)


def test_home_cards_show_takings_open_days_and_low_stock(shop_setup, admin, make_user, target):
    pp1, bag = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"]
    stock.receive(admin, pp1.id, {bag.id: 3}, day=DAY)
    sales.complete_sale(admin, pp1.id, [(bag.id, 1)], paid_usd="12.50", day=DAY)
    sales.complete_sale(admin, pp1.id, [(bag.id, 1)], paid_usd="12.50")
    cards = {c.title: c for c in shop_home.shop_cards(admin, target)}
    assert cards["Shop today"].lines == ("PP1: 1 sales today, $12.50",)
    assert cards["Days to close"].lines == (f"PP1: {DAY} is not closed yet",)
    assert cards["Low stock"].lines == ("1 product at or below its low-stock level",)
    assert shop_home.shop_cards(make_user("dara", "social_team"), target) == []


def test_quiet_day_closed_days_and_no_low_stock(shop_setup, admin, target):
    pp1, scarf = shop_setup["locs"]["PP1"], shop_setup["v"]["scarf"]
    stock.receive(admin, pp1.id, {scarf.id: 9}, day=DAY)
    sales.complete_sale(admin, pp1.id, [(scarf.id, 1)], paid_usd="7.25", day=DAY)
    shop_close.close_day(admin, pp1.id, DAY, counted_usd="7.25")
    cards = shop_home.shop_cards(admin, target)
    assert [(c.title, c.lines) for c in cards] == [("Shop today", ("No sale yet today.",))]
    assert cards[0].screen == "shop_pos"


def test_no_card_without_a_location_to_sell_from(admin, target):
    assert shop_home.shop_cards(admin, target) == []

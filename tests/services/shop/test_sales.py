"""Point of sale through the services: the issue's 'Done when' scenario and the rules around it."""

import datetime as dt
from fractions import Fraction

import pytest

from tests.fixtures.shop import RATES, shop_setup  # noqa: F401
from pse_desktop.db.core import AuditEntry
from pse_desktop.db.shop import Sale, SaleLine, StockBalance, StockMove
from pse_desktop.services.shop import sales, returns as sales_returns, closing as shop_close, stock
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError

DAY = dt.date(2026, 3, 14)


def counts():
    return (Sale.select().count(), SaleLine.select().count(), StockMove.select().count(),
            AuditEntry.select().count(), [(b.variant_id, b.location_id, b.quantity)
                                          for b in StockBalance.select().order_by(StockBalance.id)])


def test_settle_mixed_change_whole_dollars_and_riel_rounded_to_100():
    # $32.25 due; $20 + 60,000 riel (= $15.00) paid -> $2.75 back: $2 + 3,000 riel
    pay = sales.settle(3225, "USD", 2000, 60000, 0, RATES)
    assert (pay.change_usd, pay.change_khr, pay.ok) == (200, 3000, True)
    # $1.38 of change in riel is 5,520 -> 5,500
    pay = sales.settle(862, "USD", 1000, 0, 0, RATES, "khr")
    assert (pay.change_usd, pay.change_khr) == (0, 5500)
    # ... and 5,560 rounds up to 5,600
    assert sales.round_riel(Fraction(5560)) == 5600
    assert sales.round_riel(Fraction(5550)) == 5600 and sales.round_riel(Fraction(5549)) == 5500
    pay = sales.settle(862, "USD", 1000, 0, 0, RATES, "usd")
    assert (pay.change_usd, pay.change_khr) == (138, 0)


def test_settle_short_payment_and_riel_rounding_tolerance():
    pay = sales.settle(1000, "USD", 500, 0, 0, RATES)
    assert pay.short == 500 and not pay.ok
    # $1.51 = 6,040 riel; 6,000 riel paid: 40 riel short is below half a 100-riel note
    assert sales.settle(151, "USD", 0, 6000, 0, RATES).ok
    assert not sales.settle(152, "USD", 0, 6000, 0, RATES).ok  # 80 riel short


def test_settle_in_euros_at_events():
    pay = sales.settle(2400, "EUR", 0, 0, 3000, RATES)
    assert (pay.change_eur, pay.change_usd, pay.change_khr) == (600, 0, 0)


def test_done_when_receive_sell_return_close_and_everything_agrees(shop_setup, admin, make_user):
    pp1 = shop_setup["locs"]["PP1"]
    bag, scarf = shop_setup["v"]["bag"], shop_setup["v"]["scarf"]
    vanna = make_user("vanna", "shop_staff", shops=["PP1"])
    stock.receive(vanna, pp1.id, {bag.id: 5, scarf.id: 4}, note="from workshop", day=DAY)
    assert stock.balance(bag.id, pp1.id) == 5

    # three items: 2 bags at $12.50 + 1 scarf at $7.25 = $32.25,
    # paid $20 and 60,000 riel ($15.00 at 4,000): $2.75 back = $2 + 3,000 riel
    sale_id = sales.complete_sale(vanna, pp1.id, [(bag.id, 2), (scarf.id, 1)], paid_usd="20",
                                  paid_khr=60000, day=DAY, rates=RATES)
    sale = sales.get_sale(sale_id)
    assert (sale.number, sale.total, sale.change["USD"], sale.change["KHR"]) == (1, 3225, 200, 3000)
    assert stock.balance(bag.id, pp1.id) == 3 and stock.balance(scarf.id, pp1.id) == 3

    # selling more than is in stock is refused and nothing is written
    before = counts()
    with pytest.raises(ValidationError, match="only 3 of BAG-RED in PP1; 4 asked"):
        sales.complete_sale(vanna, pp1.id, [(bag.id, 4)], paid_usd="100", day=DAY, rates=RATES)
    assert counts() == before

    # return one bag: $12.50 back in dollars, a new record pointing at the sale
    ret_id = sales_returns.return_items(vanna, sale_id, {bag.id: 1}, "wrong colour", day=DAY, rates=RATES)
    ret = sales.get_sale(ret_id)
    assert (ret.kind, ret.number, ret.original_number, ret.total) == ("return", 2, 1, -1250)
    assert ret.change["USD"] == 1250
    assert stock.balance(bag.id, pp1.id) == 4
    assert sales.get_sale(sale_id).total == 3225  # the sale itself is untouched

    totals = shop_close.day_totals(pp1.id, DAY)
    # drawer: +$20 - $2 change - $12.50 refund = $5.50; riel: 60,000 - 3,000 = 57,000
    assert totals.expected == {"USD": 550, "KHR": 57000, "EUR": 0}
    assert (totals.net, totals.items, totals.sales_count, totals.returns_count) == (1975, 2, 1, 1)

    with pytest.raises(ValidationError, match="note"):
        shop_close.close_day(vanna, pp1.id, DAY, counted_usd="5.00", counted_khr=57000)
    closing = shop_close.close_day(vanna, pp1.id, DAY, counted_usd="5.00", counted_khr=57000,
                                   note="a $0.50 coin missing")
    z = shop_close.z_report(closing)
    assert z.difference == {"USD": -50, "KHR": 0, "EUR": 0}
    assert z.by_product == [("BAG-RED", "Tote bag (red)", 1, 1250),
                            ("SCF-M", "Krama scarf (M)", 1, 725)]

    # a closed day takes no more sales
    with pytest.raises(ConflictError, match="closed"):
        sales.complete_sale(vanna, pp1.id, [(scarf.id, 1)], paid_usd="10", day=DAY, rates=RATES)
    assert stock.ledger_mismatches() == []


def test_sale_numbers_run_per_location_without_gaps(shop_setup, admin):
    pp1, pp2 = shop_setup["locs"]["PP1"], shop_setup["locs"]["PP2"]
    scarf = shop_setup["v"]["scarf"]
    stock.receive(admin, pp1.id, {scarf.id: 10}, day=DAY)
    stock.receive(admin, pp2.id, {scarf.id: 10}, day=DAY)
    numbers = []
    for loc in (pp1, pp2, pp1, pp1, pp2):
        sid = sales.complete_sale(admin, loc.id, [(scarf.id, 1)], paid_usd="7.25", day=DAY)
        numbers.append((loc.code, sales.get_sale(sid).number))
    with pytest.raises(ValidationError):  # a refused sale takes no number
        sales.complete_sale(admin, pp1.id, [(scarf.id, 1)], paid_usd="1", day=DAY)
    sid = sales.complete_sale(admin, pp1.id, [(scarf.id, 1)], paid_usd="7.25", day=DAY)
    numbers.append(("PP1", sales.get_sale(sid).number))
    assert numbers == [("PP1", 1), ("PP2", 1), ("PP1", 2), ("PP1", 3), ("PP2", 2), ("PP1", 4)]


def test_discount_needs_the_right_and_negative_stock_setting(shop_setup, admin, make_user):
    pp1, pp2, bag = shop_setup["locs"]["PP1"], shop_setup["locs"]["PP2"], shop_setup["v"]["bag"]
    staff = make_user("vanna", "shop_staff", shops=["PP1"])
    stock.receive(admin, pp1.id, {bag.id: 3}, day=DAY)
    with pytest.raises(ValidationError, match="discount"):
        sales.complete_sale(staff, pp1.id, [(bag.id, 1, 10)], paid_usd="20", day=DAY)
    sid = sales.complete_sale(admin, pp1.id, [(bag.id, 2, 10)], paid_usd="22.50", day=DAY)
    assert (sales.get_sale(sid).discount, sales.get_sale(sid).total) == (250, 2250)
    with pytest.raises(PermissionDenied):
        sales.complete_sale(staff, pp2.id, [(bag.id, 1)], paid_usd="20", day=DAY)
    from pse_desktop.services.shop import locations as shop

    shop.set_allow_negative(admin, pp2.id, True)
    sales.complete_sale(admin, pp2.id, [(bag.id, 1)], paid_usd="12.50", day=DAY)
    assert stock.balance(bag.id, pp2.id) == -1


def test_scan_finds_barcode_or_code_and_prices_in_euros_at_events(shop_setup):
    pp1, fr1 = shop_setup["locs"]["PP1"], shop_setup["locs"]["FR1"]
    line = sales.scan(pp1.id, "2000000000011", RATES)
    assert (line.code, line.unit_price, line.in_stock) == ("BAG-RED", 1250, 0)
    assert sales.scan(fr1.id, "bag-red", RATES).unit_price == 1200  # euro price list
    assert sales.scan(fr1.id, "SCF-M", RATES).unit_price == 653  # $7.25 x 0.900
    with pytest.raises(ValidationError, match="no active product"):
        sales.scan(pp1.id, "999", RATES)


def test_tills_selling_at_once_get_unique_gap_free_numbers_and_losers_hear_sold_out(
        shop_setup, admin):
    """Four tills of one shop race for 30 scarves with 40 sales (threads, own connections)."""
    import threading

    from pse_desktop.db import database

    pp1, scarf = shop_setup["locs"]["PP1"], shop_setup["v"]["scarf"]
    stock.receive(admin, pp1.id, {scarf.id: 30}, day=DAY)
    done, sold_out, other = [], [], []
    start = threading.Barrier(4)

    def till():
        start.wait()
        try:
            for _ in range(10):
                try:
                    done.append(sales.complete_sale(admin, pp1.id, [(scarf.id, 1)],
                                                    paid_usd="7.25", day=DAY))
                except ConflictError as exc:
                    sold_out.append(str(exc))
                except Exception as exc:  # a raw database error is the bug this test is for
                    other.append(repr(exc))
        finally:
            database.close()

    threads = [threading.Thread(target=till) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert other == []
    assert len(done) == 30 and len(sold_out) == 10
    assert all("sold out" in m for m in sold_out)
    numbers = sorted(s.number for s in Sale.select().where(Sale.location == pp1.id))
    assert numbers == list(range(1, 31))
    assert stock.balance(scarf.id, pp1.id) == 0


def test_an_event_sale_takes_only_the_events_currency(shop_setup, admin):
    fr1, pp1, bag = shop_setup["locs"]["FR1"], shop_setup["locs"]["PP1"], shop_setup["v"]["bag"]
    stock.receive(admin, fr1.id, {bag.id: 5}, day=DAY)
    stock.receive(admin, pp1.id, {bag.id: 5}, day=DAY)
    before = counts()
    # dollars left in the till from a shop sale, on a euro sale that the euros already pay
    for paid, field in (({"paid_usd": "20.00"}, "dollars paid"),
                        ({"paid_khr": 40000}, "riel paid")):
        with pytest.raises(ValidationError, match="sells in euros") as err:
            sales.complete_sale(admin, fr1.id, [(bag.id, 1)], paid_eur="12.00", day=DAY,
                                rates=RATES, **paid)
        assert err.value.field == field
    with pytest.raises(ValidationError, match="not euros") as err:
        sales.complete_sale(admin, pp1.id, [(bag.id, 1)], paid_usd="12.50", paid_eur="5",
                            day=DAY, rates=RATES)
    assert err.value.field == "euros paid"
    assert counts() == before
    sid = sales.complete_sale(admin, fr1.id, [(bag.id, 1)], paid_eur="12.00", day=DAY,
                              rates=RATES)
    assert (Sale.get_by_id(sid).paid_usd, Sale.get_by_id(sid).paid_eur) == (0, 1200)


# ------------------------------------------------------------------ properties
from hypothesis import given  # noqa: E402

from tests.fixtures.inputs import HOSTILE, refused_cleanly  # noqa: E402


@given(usd=HOSTILE, khr=HOSTILE, eur=HOSTILE, qty=HOSTILE)
def test_any_payment_or_quantity(shop_setup, admin, usd, khr, eur, qty):
    pp1, scarf = shop_setup["locs"]["PP1"], shop_setup["v"]["scarf"]
    if not stock.balance(scarf.id, pp1.id):
        stock.receive(admin, pp1.id, {scarf.id: 1000}, day=DAY)
    refused_cleanly(lambda: sales.complete_sale(admin, pp1.id, [(scarf.id, qty)], paid_usd=usd, paid_khr=khr,
                                                paid_eur=eur, day=DAY, rates=RATES),
                    "dollars paid", "riel paid", "euros paid", "payment", "quantity", "lines")

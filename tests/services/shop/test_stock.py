"""The balance table always equals the ledger's sum, whatever happens; never below zero."""

import datetime as dt
import random

import pytest

from tests.fixtures.shop import shop_setup  # noqa: F401
from pse_desktop.db.core import AuditEntry
from pse_desktop.db.shop import Sale, SaleLine, StockBalance, StockMove
from pse_desktop.services.shop import (
    catalog, sales, returns as sales_returns, count as shop_count, stock,
)
from pse_desktop.services.common.errors import PermissionDenied, PseError, ValidationError

DAY = dt.date(2026, 2, 2)


def counts():
    return (Sale.select().count(), SaleLine.select().count(), StockMove.select().count(),
            AuditEntry.select().count(), [(b.variant_id, b.location_id, b.quantity)
                                          for b in StockBalance.select().order_by(StockBalance.id)])


def test_balances_equal_the_ledger_after_random_operations(shop_setup, admin):
    rng = random.Random(11)
    locs = [shop_setup["locs"][c] for c in ("PP1", "PP2", "FR1")]
    variants = list(shop_setup["v"].values())
    sale_ids = []
    refused = 0
    for step in range(300):
        loc = rng.choice(locs)
        v = rng.choice(variants)
        qty = rng.randint(1, 4)
        op = rng.random()
        try:
            if op < 0.25:
                stock.receive(admin, loc.id, {v.id: qty}, day=DAY)
            elif op < 0.4:
                other = rng.choice([x for x in locs if x.id != loc.id])
                stock.transfer(admin, loc.id, other.id, {v.id: qty}, day=DAY)
            elif op < 0.7:
                sale_ids.append(sales.complete_sale(admin, loc.id, [(v.id, qty)],
                                                    paid_usd="100", paid_eur="100", day=DAY))
            elif op < 0.8 and sale_ids:
                sid = rng.choice(sale_ids)
                left = sales_returns.returnable(sid)
                if left:
                    vid = next(iter(left))
                    sales_returns.return_items(admin, sid, {vid: 1}, "test", day=DAY)
            elif op < 0.85 and sale_ids:
                sales_returns.void_sale(admin, rng.choice(sale_ids), "test", day=DAY)
            elif op < 0.95:
                stock.write_off(admin, loc.id, {v.id: qty}, "test", day=DAY)
            else:
                cid = shop_count.start_count(admin, loc.id)
                shop_count.enter_counts(admin, cid, {v.id: rng.randint(0, 5)})
                shop_count.post_count(admin, cid, day=DAY)
        except PseError:
            refused += 1
        assert stock.ledger_mismatches() == [], f"step {step}"
    assert refused > 10  # the refusals happened and left nothing behind
    assert not StockBalance.select().where(StockBalance.quantity < 0).exists()
    # every sale number run is complete per location
    for loc in locs:
        rows, total = sales.list_sales(admin, loc.id, limit=10000)
        assert sorted(r[1] for r in rows) == list(range(1, total + 1))
    assert catalog.find_variant("bag-red").code == "BAG-RED"


def test_transfer_and_write_off_refuse_negative_stock(shop_setup, admin):
    pp1, pp2, bag = shop_setup["locs"]["PP1"], shop_setup["locs"]["PP2"], shop_setup["v"]["bag"]
    stock.receive(admin, pp1.id, {bag.id: 3}, day=DAY)
    stock.transfer(admin, pp1.id, pp2.id, {bag.id: 2}, day=DAY)
    before = counts()
    with pytest.raises(ValidationError, match="only 1"):
        stock.transfer(admin, pp1.id, pp2.id, {bag.id: 2}, day=DAY)
    with pytest.raises(ValidationError, match="only 2"):
        stock.write_off(admin, pp2.id, {bag.id: 3}, "rain", day=DAY)
    assert counts() == before
    stock.write_off(admin, pp2.id, {bag.id: 1}, "rain damage", day=DAY)
    assert [stock.balance(bag.id, loc.id) for loc in (pp1, pp2)] == [1, 1]
    assert stock.ledger_mismatches() == []


def test_ledger_rows_and_sales_cannot_be_edited(shop_setup, admin):
    from peewee import IntegrityError

    pp1, bag = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"]
    stock.receive(admin, pp1.id, {bag.id: 1}, day=DAY)
    with pytest.raises(IntegrityError):
        StockMove.update(quantity=5).execute()


def test_levels_ledger_and_rebuild(shop_setup, admin, make_user):
    pp1, bag, scarf = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"], shop_setup["v"]["scarf"]
    stock.receive(admin, pp1.id, {bag.id: 2, scarf.id: 6}, note="first delivery", day=DAY)
    levels = {r.code: r for r in stock.stock_levels(admin, pp1.id)}
    assert levels["BAG-RED"].quantity == 2 and levels["SCF-M"].quantity == 6
    assert [r.code for r in stock.stock_levels(admin, pp1.id, low_only=True)] == ["BAG-RED"]
    assert [r.code for r in stock.stock_levels(admin, pp1.id, text="krama")] == ["SCF-M"]
    moves = stock.ledger(bag.id, pp1.id)
    assert [(m[1], m[2], m[3], m[4], m[6]) for m in moves] == [("BAG-RED", "PP1", 2, "receive", "first delivery")]
    StockBalance.delete().execute()  # a damaged balance table is rebuilt from the ledger
    assert stock.ledger_mismatches()
    stock.rebuild_balances()
    assert stock.ledger_mismatches() == [] and stock.balance(scarf.id, pp1.id) == 6
    with pytest.raises(ValidationError) as info:
        stock.receive(admin, pp1.id, {bag.id: 0}, day=DAY)
    assert info.value.field == "quantity"
    with pytest.raises(PermissionDenied):
        stock.write_off(make_user("dara", "social_team"), pp1.id, {bag.id: 1}, "rain", day=DAY)
    assert stock.balance(bag.id, pp1.id) == 2

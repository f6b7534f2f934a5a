"""The balance table always equals the ledger's sum, whatever happens; never below zero."""

import datetime as dt
import random

from tests.fixtures.shop import shop_setup  # noqa: F401
from pse_desktop.db.shop import StockBalance
from pse_desktop.services.shop import (
    catalog, sales, returns as sales_returns, count as shop_count, stock,
)
from pse_desktop.services.common.errors import PseError

DAY = dt.date(2026, 2, 2)


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

"""Shop tables: the stock ledger and completed sales are never changed, sale numbers are unique
per location, one closing per location and day, one balance per product and location."""

import datetime as dt

import peewee
import pytest

from pse_desktop.db import database
from pse_desktop.db.catalog import Product, ProductVariant
from pse_desktop.db.shop import DayClosing, Sale, StockBalance, StockLocation, StockMove

DAY = dt.date(2026, 3, 14)
CASH = {f"{kind}_{cur}": 0 for kind in ("expected", "counted") for cur in ("usd", "khr", "eur")}


@pytest.fixture
def shop_rows(target):
    loc = StockLocation.create(code="PP1", name="PSE Shop", kind="shop")
    product = Product.create(code="BAG", name_en="Tote bag", category="Bags", kind="handicraft")
    variant = ProductVariant.create(product=product, code="BAG-RED", price_usd_cents=1250)
    return loc, variant


def sale(loc, number):
    return Sale.create(location=loc, number=number, kind="sale", day=DAY, at=dt.datetime(2026, 3, 14, 10),
                       currency="USD", subtotal=1250, discount=0, total=1250, khr_per_usd=4000,
                       eur_per_usd_milli=900)


def test_ledger_rows_and_sales_are_never_changed(shop_rows):
    loc, variant = shop_rows
    StockMove.create(at=dt.datetime(2026, 3, 14, 9), day=DAY, variant=variant, location=loc,
                     quantity=5, kind="receive")
    sale(loc, 1)
    for statement in (StockMove.update(quantity=50), StockMove.delete(), Sale.update(total=1),
                      Sale.delete()):
        with pytest.raises(peewee.IntegrityError, match="never changed"):
            statement.execute()
    assert StockMove.get().quantity == 5 and Sale.get().total == 1250


def test_numbers_closings_and_balances_are_unique(shop_rows):
    loc, variant = shop_rows
    other = StockLocation.create(code="PP2", name="Riverside", kind="shop")
    sale(loc, 1)
    sale(other, 1)  # each location counts from 1
    StockBalance.create(variant=variant, location=loc, quantity=1)
    DayClosing.create(location=loc, day=DAY, closed_at=dt.datetime(2026, 3, 14, 18), **CASH)
    for make in (lambda: sale(loc, 1),
                 lambda: StockBalance.create(variant=variant, location=loc, quantity=2),
                 lambda: DayClosing.create(location=loc, day=DAY, closed_at=dt.datetime(2026, 3, 14, 19),
                                           **CASH),
                 lambda: StockLocation.create(code="PP1", name="Again", kind="shop")):
        with pytest.raises(peewee.IntegrityError):
            with database.atomic():
                make()
    assert Sale.select().count() == 2

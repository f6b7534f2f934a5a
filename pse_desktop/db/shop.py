"""Shop tables: stock locations, the stock ledger, sales, day closings, stock counts, events.

The ledger (``StockMove``) is append-only; ``StockBalance`` is its running sum per variant and
location, updated in the same transaction as each move so that reading stock is one lookup.
"""

import datetime as dt

import peewee as pw

from .base import BaseModel
from .catalog import ProductVariant
from .core import Shop, User
from . import guards
from .migrations import migration

AREA = "shop"


class StockLocation(BaseModel):
    code = pw.CharField(max_length=12, unique=True)
    name = pw.CharField(max_length=80)
    kind = pw.CharField(max_length=8)  # "shop", "store" (the workshop's), "event" (a box)
    shop = pw.ForeignKeyField(Shop, null=True, backref="locations")  # whose staff may use it
    currency = pw.CharField(max_length=3, default="USD")  # prices: USD, or EUR at events
    allow_negative = pw.BooleanField(default=False)
    active = pw.BooleanField(default=True)


class StockMove(BaseModel):
    at = pw.DateTimeField(default=dt.datetime.now)
    day = pw.DateField()
    variant = pw.ForeignKeyField(ProductVariant, backref="moves")
    location = pw.ForeignKeyField(StockLocation, backref="moves")
    quantity = pw.IntegerField()  # + in, - out
    kind = pw.CharField(max_length=12)  # receive sale return void transfer count damage lost
    ref = pw.CharField(max_length=40, default="")  # "sale:12", "count:3", "transfer:<uuid>"
    user = pw.ForeignKeyField(User, null=True)
    note = pw.CharField(max_length=200, default="")

    class Meta:
        indexes = ((("variant", "location"), False), (("location", "day"), False))


class StockBalance(BaseModel):
    variant = pw.ForeignKeyField(ProductVariant)
    location = pw.ForeignKeyField(StockLocation)
    quantity = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("variant", "location"), True),)


class Sale(BaseModel):
    location = pw.ForeignKeyField(StockLocation, backref="sales")
    number = pw.IntegerField()  # per location, no gaps; voids and returns take numbers too
    kind = pw.CharField(max_length=8, default="sale")  # sale, return, void
    original = pw.ForeignKeyField("self", null=True, backref="corrections")
    reason = pw.CharField(max_length=200, default="")
    at = pw.DateTimeField(default=dt.datetime.now)
    day = pw.DateField()
    user = pw.ForeignKeyField(User, null=True)
    currency = pw.CharField(max_length=3, default="USD")  # of the prices and totals
    subtotal = pw.IntegerField()  # minor units of ``currency``; negative for returns and voids
    discount = pw.IntegerField(default=0)
    total = pw.IntegerField()
    khr_per_usd = pw.IntegerField()
    eur_per_usd_milli = pw.IntegerField()
    paid_usd = pw.IntegerField(default=0)  # cents handed over
    paid_khr = pw.IntegerField(default=0)  # riel handed over
    paid_eur = pw.IntegerField(default=0)  # euro cents handed over
    change_usd = pw.IntegerField(default=0)  # given back (refunds of returns too)
    change_khr = pw.IntegerField(default=0)
    change_eur = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("location", "number"), True), (("day", "location"), False))


class SaleLine(BaseModel):
    sale = pw.ForeignKeyField(Sale, backref="lines")
    variant = pw.ForeignKeyField(ProductVariant)
    quantity = pw.IntegerField()  # negative on returns and voids
    unit_price = pw.IntegerField()
    discount = pw.IntegerField(default=0)
    amount = pw.IntegerField()  # quantity x unit price - discount
    cost = pw.IntegerField(default=0)  # unit cost at the time, for margins and stock value
    day = pw.DateField()  # copied from the sale so reports need no join

    class Meta:
        indexes = ((("day", "variant"), False), (("variant", "day"), False))


class DayClosing(BaseModel):
    location = pw.ForeignKeyField(StockLocation, backref="closings")
    day = pw.DateField()
    closed_at = pw.DateTimeField(default=dt.datetime.now)
    user = pw.ForeignKeyField(User, null=True)
    expected_usd = pw.IntegerField()
    expected_khr = pw.IntegerField()
    expected_eur = pw.IntegerField()
    counted_usd = pw.IntegerField()
    counted_khr = pw.IntegerField()
    counted_eur = pw.IntegerField()
    note = pw.CharField(max_length=300, default="")

    class Meta:
        indexes = ((("location", "day"), True),)


class StockCount(BaseModel):
    location = pw.ForeignKeyField(StockLocation, backref="counts")
    started_at = pw.DateTimeField(default=dt.datetime.now)
    user = pw.ForeignKeyField(User, null=True)
    state = pw.CharField(max_length=10, default="open")  # open, posted, cancelled
    posted_at = pw.DateTimeField(null=True)
    note = pw.CharField(max_length=200, default="")


class StockCountLine(BaseModel):
    count = pw.ForeignKeyField(StockCount, backref="lines")
    variant = pw.ForeignKeyField(ProductVariant)
    expected = pw.IntegerField()  # the ledger when the sheet was made, then when counted
    counted = pw.IntegerField(null=True)

    class Meta:
        indexes = ((("count", "variant"), True),)


class ShopEvent(BaseModel):
    name = pw.CharField(max_length=80)
    place = pw.CharField(max_length=80, default="")
    start = pw.DateField()
    end = pw.DateField()
    box = pw.ForeignKeyField(StockLocation, unique=True)  # the event's stock location
    home = pw.ForeignKeyField(StockLocation, backref="+")  # where stock comes from and goes back
    state = pw.CharField(max_length=10, default="open")  # open, reconciled
    reconciled_at = pw.DateTimeField(null=True)
    note = pw.CharField(max_length=300, default="")


SHOP_V1 = [StockLocation, StockMove, StockBalance, Sale, SaleLine, DayClosing, StockCount,
           StockCountLine, ShopEvent]


@migration(AREA, 1, "stock locations, ledger, sales, day closings, counts, events")
def _v1(db):
    db.create_tables(SHOP_V1)
    if isinstance(db, pw.SqliteDatabase):
        # The ledger and completed sales are never edited, even from a SQLite shell.
        for table in ("stock_move", "sale", "sale_line"):
            for op in ("UPDATE", "DELETE"):
                db.execute_sql(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} "
                    f"ON {table} BEGIN SELECT RAISE(ABORT, '{table} rows are never changed'); END")


# The ledger and completed sales are never edited, on either engine.
guards.declare(AREA, guards.append_only(["stock_move", "sale", "sale_line"]))


@migration(AREA, 2, "append-only ledger and sales on PostgreSQL too")
def _v2(db):
    guards.install(db, AREA)


@migration(AREA, 3, "a stock count's state holds 'cancelled' on PostgreSQL")
def _v3(db):
    if isinstance(db, pw.PostgresqlDatabase):  # SQLite does not enforce VARCHAR lengths
        db.execute_sql("ALTER TABLE stock_count ALTER COLUMN state TYPE VARCHAR(10)")

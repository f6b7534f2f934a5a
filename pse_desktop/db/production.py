"""Workshop production: materials and their ledger, bills of materials, orders, output, deliveries.

Quantities of material are integers in thousandths of their unit (1.25 m of fabric = 1250), so
no float ever reaches the database. ``MaterialMove`` is append-only (triggers refuse edits);
``Material.stock_milli`` is its running sum, updated in the same transaction as each move.
Output rows are the workshop's record of pieces sewn; each one also writes a ``PieceOutput`` row
(payroll area, source 'production') so piece-rate pay counts it.
"""

import datetime as dt

import peewee as pw

from .base import BaseModel
from .catalog import ProductVariant
from .core import Centre, User
from .migrations import expect_triggers, migration
from .payroll import Worker
from .shop import StockLocation

AREA = "production"


class Material(BaseModel):
    code = pw.CharField(max_length=20, unique=True)
    name = pw.CharField(max_length=80)
    kind = pw.CharField(max_length=12)  # fabric thread button zip elastic label other
    colour = pw.CharField(max_length=30, default="")
    unit = pw.CharField(max_length=10)  # m, cone, piece, roll...
    unit_cost_cents = pw.IntegerField(default=0)  # per whole unit
    min_stock_milli = pw.IntegerField(default=0)  # warn at or below
    stock_milli = pw.IntegerField(default=0)  # the ledger's sum
    active = pw.BooleanField(default=True)


class ProductionOrder(BaseModel):
    number = pw.IntegerField(unique=True)
    kind = pw.CharField(max_length=12)  # uniform, handicraft
    customer_kind = pw.CharField(max_length=12)  # centre, programme, shop, outside
    customer = pw.CharField(max_length=120)  # readable name
    centre = pw.ForeignKeyField(Centre, null=True, backref="+")  # a centre's uniforms
    location = pw.ForeignKeyField(StockLocation, null=True, backref="+")  # where handicrafts go
    due = pw.DateField(index=True)
    priority = pw.IntegerField(default=2)  # 1 urgent, 2 normal, 3 low
    notes = pw.TextField(default="")
    state = pw.CharField(max_length=12, default="draft", index=True)
    short_reason = pw.CharField(max_length=200, default="")  # closed short: why
    cancel_reason = pw.CharField(max_length=200, default="")
    created_at = pw.DateTimeField(default=dt.datetime.now)
    created_by = pw.ForeignKeyField(User, null=True, backref="+")
    confirmed_at = pw.DateTimeField(null=True)
    closed_at = pw.DateTimeField(null=True)


class OrderLine(BaseModel):
    order = pw.ForeignKeyField(ProductionOrder, backref="lines", on_delete="CASCADE")
    variant = pw.ForeignKeyField(ProductVariant, backref="+")
    quantity = pw.IntegerField()
    made = pw.IntegerField(default=0)  # sum of output
    delivered = pw.IntegerField(default=0)  # sum of deliveries

    class Meta:
        indexes = ((("order", "variant"), True),)


class OrderChild(BaseModel):
    """A child a uniform order sews for: one row per child and piece ordered for them."""

    order = pw.ForeignKeyField(ProductionOrder, backref="children", on_delete="CASCADE")
    line = pw.ForeignKeyField(OrderLine, backref="children", on_delete="CASCADE")
    child_id = pw.IntegerField()  # the attendance area's child
    centre_code = pw.CharField(max_length=10)
    child_code = pw.CharField(max_length=20)
    name_km = pw.CharField(max_length=80, default="")
    name_latin = pw.CharField(max_length=80)
    seq = pw.IntegerField()  # hand-out order within the line

    class Meta:
        indexes = ((("line", "seq"), True),)


class BomLine(BaseModel):
    variant = pw.ForeignKeyField(ProductVariant, backref="+")
    material = pw.ForeignKeyField(Material, backref="bom_lines")
    qty_milli = pw.IntegerField()  # per piece
    waste_pct = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("variant", "material"), True),)


class SewingRate(BaseModel):
    """What a worker earns per piece of a variant (counted only for piece-rate contracts)."""

    variant = pw.ForeignKeyField(ProductVariant, unique=True, backref="+")
    piece_rate_cents = pw.IntegerField()


class Output(BaseModel):
    day = pw.DateField()
    worker = pw.ForeignKeyField(Worker, backref="+")
    order = pw.ForeignKeyField(ProductionOrder, backref="outputs")
    line = pw.ForeignKeyField(OrderLine, backref="outputs")
    variant = pw.ForeignKeyField(ProductVariant, backref="+")
    pieces = pw.IntegerField()  # negative on a correction
    over_reason = pw.CharField(max_length=200, default="")  # beyond what the order asks
    shortage_reason = pw.CharField(max_length=200, default="")  # material below zero
    corrects = pw.ForeignKeyField("self", null=True, backref="corrections")
    at = pw.DateTimeField(default=dt.datetime.now)
    user = pw.ForeignKeyField(User, null=True, backref="+")

    class Meta:
        table_name = "production_output"
        indexes = ((("day", "worker"), False), (("order", "day"), False), (("worker", "day"), False))


class MaterialMove(BaseModel):
    at = pw.DateTimeField(default=dt.datetime.now)
    day = pw.DateField()
    material = pw.ForeignKeyField(Material, backref="moves")
    qty_milli = pw.IntegerField()  # + in, - out
    kind = pw.CharField(max_length=8)  # receive use adjust return
    order = pw.ForeignKeyField(ProductionOrder, null=True, backref="material_moves")
    output = pw.ForeignKeyField(Output, null=True, backref="material_moves")
    note = pw.CharField(max_length=200, default="")
    user = pw.ForeignKeyField(User, null=True, backref="+")

    class Meta:
        indexes = ((("material", "day"), False), (("order",), False))


class Delivery(BaseModel):
    number = pw.IntegerField(unique=True)
    order = pw.ForeignKeyField(ProductionOrder, backref="deliveries")
    day = pw.DateField()
    note = pw.CharField(max_length=200, default="")
    at = pw.DateTimeField(default=dt.datetime.now)
    user = pw.ForeignKeyField(User, null=True, backref="+")


class DeliveryLine(BaseModel):
    delivery = pw.ForeignKeyField(Delivery, backref="lines", on_delete="CASCADE")
    line = pw.ForeignKeyField(OrderLine, backref="delivery_lines")
    quantity = pw.IntegerField()
    delivered_before = pw.IntegerField()  # of the line, for the hand-out list's children


PRODUCTION_V1 = [Material, ProductionOrder, OrderLine, OrderChild, BomLine, SewingRate, Output,
                 MaterialMove, Delivery, DeliveryLine]


expect_triggers(AREA, 1, ("material_move_no_update", "material_move_no_delete"))


@migration(AREA, 1, "materials ledger, bills of materials, production orders, output, deliveries")
def _v1(db):
    db.create_tables(PRODUCTION_V1)
    if isinstance(db, pw.SqliteDatabase):
        for table in ("material_move",):
            for op in ("UPDATE", "DELETE"):
                db.execute_sql(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} "
                    f"ON {table} BEGIN SELECT RAISE(ABORT, '{table} rows are never changed'); END")

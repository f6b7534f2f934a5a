"""The product catalogue shared by the shop and the workshop: products and their variants.

A product is the family ("Tote bag"); each variant (size, colour) has its own code, barcode,
prices and cost, and is what stock, sales and production orders refer to.
"""

import peewee as pw

from .base import BaseModel
from .migrations import migration

AREA = "catalog"


class Product(BaseModel):
    code = pw.CharField(max_length=20, unique=True)
    name_en = pw.CharField(max_length=120)
    name_fr = pw.CharField(max_length=120, default="")
    name_km = pw.CharField(max_length=120, default="")
    category = pw.CharField(max_length=40, index=True)
    kind = pw.CharField(max_length=12)  # "uniform" or "handicraft"
    active = pw.BooleanField(default=True)


class ProductVariant(BaseModel):
    product = pw.ForeignKeyField(Product, backref="variants")
    code = pw.CharField(max_length=30, unique=True)
    size = pw.CharField(max_length=20, default="")
    colour = pw.CharField(max_length=30, default="")
    barcode = pw.CharField(max_length=40, null=True, unique=True)
    price_usd_cents = pw.IntegerField()
    price_eur_cents = pw.IntegerField(null=True)  # the price list of events in France
    cost_cents = pw.IntegerField(default=0)
    low_stock = pw.IntegerField(default=0)  # warn when a shop holds this many or fewer
    active = pw.BooleanField(default=True)


@migration(AREA, 1, "products and variants")
def _v1(db):
    db.create_tables([Product, ProductVariant])

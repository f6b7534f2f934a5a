"""Catalogue tables: unique product and variant codes, unique barcodes but any number without one."""

import peewee
import pytest

from pse_desktop.db import database
from pse_desktop.db.catalog import Product, ProductVariant


def test_codes_and_barcodes_are_unique_and_a_missing_barcode_is_no_clash(target):
    bag = Product.create(code="BAG", name_en="Tote bag", category="Bags", kind="handicraft")
    ProductVariant.create(product=bag, code="BAG-RED", price_usd_cents=1250, barcode="2000000000011")
    ProductVariant.create(product=bag, code="BAG-BLU", price_usd_cents=1250)
    ProductVariant.create(product=bag, code="BAG-GRN", price_usd_cents=1250)  # two without barcode
    for make in (lambda: Product.create(code="BAG", name_en="Again", category="Bags", kind="handicraft"),
                 lambda: ProductVariant.create(product=bag, code="BAG-RED", price_usd_cents=1),
                 lambda: ProductVariant.create(product=bag, code="BAG-YEL", price_usd_cents=1,
                                               barcode="2000000000011")):
        with pytest.raises(peewee.IntegrityError):
            with database.atomic():
                make()
    assert ProductVariant.select().count() == 3

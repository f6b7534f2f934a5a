"""Production tables: the materials ledger is never changed; order numbers, one line per variant
in an order, one bill-of-materials row per variant and material, one sewing rate per variant."""

import datetime as dt

import peewee
import pytest

from pse_desktop.db import database
from pse_desktop.db.catalog import Product, ProductVariant
from pse_desktop.db.production import BomLine, Material, MaterialMove, OrderLine, ProductionOrder, SewingRate


@pytest.fixture
def rows(target):
    m = Material.create(code="FAB-NAVY", name="Cotton twill", kind="fabric", unit="m")
    p = Product.create(code="SKIRT", name_en="School skirt", category="Uniforms", kind="uniform")
    v = ProductVariant.create(product=p, code="SKIRT-8", price_usd_cents=0)
    o = ProductionOrder.create(number=1, kind="uniform", customer_kind="outside", customer="x",
                               due=dt.date(2026, 3, 31))
    return m, v, o


def test_the_materials_ledger_is_never_changed(rows):
    m, _v, _o = rows
    MaterialMove.create(at=dt.datetime(2026, 3, 2, 9), day=dt.date(2026, 3, 2), material=m,
                        qty_milli=20000, kind="receive")
    for statement in (MaterialMove.update(qty_milli=1), MaterialMove.delete()):
        with pytest.raises(peewee.IntegrityError, match="never changed"):
            statement.execute()
    assert MaterialMove.get().qty_milli == 20000


def test_numbers_lines_boms_and_rates_are_unique(rows):
    m, v, o = rows
    OrderLine.create(order=o, variant=v, quantity=5)
    BomLine.create(variant=v, material=m, qty_milli=750)
    SewingRate.create(variant=v, piece_rate_cents=30)
    for make in (lambda: ProductionOrder.create(number=1, kind="uniform", customer_kind="outside",
                                                customer="y", due=dt.date(2026, 4, 1)),
                 lambda: OrderLine.create(order=o, variant=v, quantity=1),
                 lambda: BomLine.create(variant=v, material=m, qty_milli=800),
                 lambda: SewingRate.create(variant=v, piece_rate_cents=40),
                 lambda: Material.create(code="FAB-NAVY", name="Again", kind="fabric", unit="m")):
        with pytest.raises(peewee.IntegrityError):
            with database.atomic():
                make()
    o.delete_instance()
    assert OrderLine.select().count() == 0  # the lines go with their order

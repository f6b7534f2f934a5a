"""Products and variants: any value typed is saved clean or refused naming the field; a refused
save leaves the database as it was; unusual prices are asked about (property tests)."""

import itertools

from hypothesis import given, strategies as st

from pse_desktop.services.shop import catalog
from tests.fixtures.inputs import HOSTILE, refused_cleanly
from tests.fixtures.shop import shop_setup  # noqa: F401

NUMBERS = itertools.count(1)
VARIANT = {"price": "price", "price_eur": "euro price", "cost": "cost", "size": "size",
           "colour": "colour", "barcode": "barcode", "low_stock": "low stock", "code": "code"}


@given(field=st.sampled_from(sorted(VARIANT)), value=HOSTILE, confirm=st.booleans())
def test_any_value_in_a_variant(shop_setup, admin, field, value, confirm):  # noqa: F811
    bag = shop_setup["v"]["bag"]
    kw = {"size": "", "colour": "", "barcode": "", "price_eur": None, "cost": 0, "low_stock": 0}
    code, price = f"BAG-{next(NUMBERS)}", "12.50"
    if field == "code":
        code = value
    elif field == "price":
        price = value
    else:
        kw[field] = value
    refused_cleanly(lambda: catalog.save_variant(admin, None, bag.product_id, code, price, confirm=confirm,
                                                 **kw), *VARIANT.values())


@given(field=st.sampled_from(["code", "name", "category", "name_fr", "name_km"]), value=HOSTILE)
def test_any_value_in_a_product(shop_setup, admin, field, value):  # noqa: F811
    values = {"code": f"P{next(NUMBERS)}", "name": "Tote bag", "category": "Bags", "name_fr": "", "name_km": ""}
    values[field] = value
    refused_cleanly(lambda: catalog.save_product(admin, None, values["code"], values["name"], values["category"],
                                                 "handicraft", name_fr=values["name_fr"], name_km=values["name_km"]),
                    "code", "name", "category", "French name", "Khmer name", "kind")

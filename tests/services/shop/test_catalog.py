"""The catalogue: products and their variants, prices in cents, unique codes and barcodes."""

import pytest

from tests.fixtures.shop import shop_setup  # noqa: F401
from pse_desktop.db.core import AuditEntry
from pse_desktop.services.shop import catalog
from pse_desktop.services.common.errors import NotFound, PermissionDenied, ValidationError
import itertools
from hypothesis import given, strategies as st
from tests.fixtures.inputs import HOSTILE, refused_cleanly


def test_products_and_variants_are_created_priced_and_found(shop_setup):
    bag = shop_setup["v"]["bag"]
    assert (bag.code, bag.name, bag.price_usd_cents, bag.price_eur_cents, bag.cost_cents) == (
        "BAG-RED", "Tote bag (red)", 1250, 1200, 400)
    assert catalog.get_variant(bag.id).name_fr == "Sac cabas (red)"
    assert catalog.find_variant(" 2000000000035 ").code == "SCF-M"
    assert catalog.find_variant("scf-m").code == "SCF-M"
    assert catalog.find_variant("") is None and catalog.find_variant("nothing") is None
    assert [p.code for p in catalog.list_products()] == ["BAG", "SCF"]
    assert catalog.categories() == ["Bags", "Scarves"]
    with pytest.raises(NotFound):
        catalog.get_variant(9999)


def test_search_by_text_kind_and_active(shop_setup, admin):
    found, total = catalog.search_variants("bag")
    assert total == 2 and [v.code for v in found] == ["BAG-BLU", "BAG-RED"]
    assert [v.code for v in catalog.search_variants("Écharpe")[0]] == ["SCF-M"]
    assert [v.code for v in catalog.search_variants("កាបូប")[0]] == ["BAG-BLU", "BAG-RED"]
    assert catalog.search_variants(kind="uniform") == ([], 0)
    blue = shop_setup["v"]["bag_blue"]
    catalog.save_variant(admin, blue.id, blue.product_id, "BAG-BLU", "12.50", colour="blue",
                         active=False)
    assert catalog.search_variants("bag")[1] == 1
    assert catalog.search_variants("bag", active_only=False)[1] == 2
    page, total = catalog.search_variants("", limit=1, offset=1)
    assert total == 2 and [v.code for v in page] == ["SCF-M"]


def test_codes_and_barcodes_are_unique_and_bad_input_names_the_field(shop_setup, admin):
    bag = shop_setup["v"]["bag"]
    cases = [
        (dict(code="BAG-RED", price_usd="1"), "code"),
        (dict(code="BAG-NEW", price_usd="1", barcode="2000000000035"), "barcode"),
        (dict(code="BAG-NEW", price_usd="1.234"), "price"),
        (dict(code="BAG-NEW", price_usd="1", price_eur="abc"), "euro price"),
        (dict(code="BAG-NEW", price_usd="1", low_stock="-1"), "low stock"),
    ]
    for kw, field in cases:
        code, price = kw.pop("code"), kw.pop("price_usd")
        with pytest.raises(ValidationError) as info:
            catalog.save_variant(admin, None, bag.product_id, code, price, **kw)
        assert info.value.field == field
    with pytest.raises(ValidationError) as info:
        catalog.save_product(admin, None, "BAG", "Another", "Bags", "handicraft")
    assert info.value.field == "code"
    with pytest.raises(ValidationError) as info:
        catalog.save_product(admin, None, "HAT", "Hat", "Hats", "food")
    assert info.value.field == "kind"
    with pytest.raises(NotFound):
        catalog.save_variant(admin, None, 9999, "X-1", "1")


def test_edits_are_audited_and_need_the_right(shop_setup, admin, make_user):
    bag = shop_setup["v"]["bag"]
    catalog.save_variant(admin, bag.id, bag.product_id, "BAG-RED", "13.00", colour="red",
                         barcode="2000000000011", price_eur="12.00", cost="4.00", low_stock=2)
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert (entry.area, entry.action, entry.entity) == ("catalog", "update", "variant")
    assert entry.summary == "BAG-RED: price_usd_cents: 1250 -> 1300"
    srey = make_user("srey", "workshop_manager")
    catalog.save_product(srey, None, "HAT", "Sun hat", "Hats", "handicraft")
    with pytest.raises(PermissionDenied):
        catalog.save_product(make_user("vanna", "shop_staff", shops=["PP1"]), None, "CAP", "Cap",
                             "Hats", "handicraft")


def test_save_item_makes_or_finds_the_product_in_one_step(shop_setup, admin):
    item = catalog.save_item(admin, None, {"product": "bag", "name": "Tote bag", "category": "Bags",
                                           "code": "BAG-GRN", "colour": "green", "price": "11.00"})
    assert (item.product_id, item.name, item.price_usd_cents) == (
        shop_setup["v"]["bag"].product_id, "Tote bag (green)", 1100)
    with pytest.raises(ValidationError) as info:
        catalog.save_item(admin, None, {"product": "", "name": "X", "category": "X", "code": "X",
                                        "price": "1"})
    assert info.value.field == "product"
    assert len(catalog.list_products()) == 2


def test_variant_quantities_add_up_and_check_each_line(shop_setup):
    bag, scarf = shop_setup["v"]["bag"], shop_setup["v"]["scarf"]
    assert catalog.variant_quantities([(bag.id, 2), (scarf.id, "3"), (bag.id, 1)]) == {
        bag.id: 3, scarf.id: 3}
    for lines, field in (([(bag.id, 0)], "quantity"), ({9999: 1}, "product")):
        with pytest.raises(ValidationError) as info:
            catalog.variant_quantities(lines)
        assert info.value.field == field


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

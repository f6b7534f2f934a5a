"""Uniform orders from the children's sizes: the size matrix, missing catalogue sizes, the order
with one row per child, and the hand-out list of a delivery."""

import datetime as dt

import pytest

from pse_desktop.db.production import OrderChild
from pse_desktop.services.common.errors import ValidationError
from pse_desktop.services.production import (
    materials, output as production_output, states as production_states, uniforms as production_uniforms,
)
from pse_desktop.services.production.output import OutputEntry
from pse_desktop.services.production.uniforms import UniformItem
from pse_desktop.services.shop import catalog
from tests.fixtures.production import TODAY, workshop  # noqa: F401


def test_sizes_sort_like_clothes_and_only_uniform_products_are_offered(workshop):
    assert sorted(["10", "XL", "6", "S", "8", "2"], key=production_uniforms.size_key)[:3] == ["2", "6", "8"]
    assert [code for _, code, _ in production_uniforms.uniform_products()] == ["SHIRT", "SKIRT"]


def test_two_shirts_a_child_for_all_centres_and_children_without_a_size(admin, workshop):
    shirt = workshop["v"]["SHIRT-6"].product_id
    matrix = production_uniforms.size_matrix(admin, None, [{"product_id": shirt, "per_child": 2}],
                                             on=TODAY)
    # 6 children in STM and 1 in TKM, all with a size; the child who left is not counted
    assert matrix.children == 7 and matrix.without_size == ()
    assert matrix.rows[0].counts == {"6": 6, "8": 6, "10": 2} and matrix.rows[0].total == 14
    order = production_uniforms.create_uniform_order(admin, None, [UniformItem(shirt, per_child=2)],
                                                     due=dt.date(2026, 4, 30), on=TODAY)
    assert order.customer == "All centres" and order.quantity == 14
    assert OrderChild.select().where(OrderChild.order == order.id).count() == 14


def test_a_size_missing_from_the_catalogue_or_bad_items_are_refused(admin, workshop):
    skirt = workshop["v"]["SKIRT-6"].product_id
    catalog.save_variant(admin, workshop["v"]["SKIRT-10"].id, skirt, "SKIRT-10", "0", size="10",
                         colour="navy", active=False)
    with pytest.raises(ValidationError) as err:  # the boy in size 10 needs no skirt: fine for girls only
        production_uniforms.create_uniform_order(admin, workshop["centre"].id, [UniformItem(skirt)],
                                                 due=TODAY, on=TODAY)
    assert err.value.field == "items" and "SKIRT size 10" in err.value.message
    from pse_desktop import i18n

    i18n.set_language("fr")
    try:  # the refusal is in the user's language (it was English whatever the language)
        with pytest.raises(ValidationError) as err:
            production_uniforms.create_uniform_order(admin, workshop["centre"].id, [UniformItem(skirt)],
                                                     due=TODAY, on=TODAY)
        assert "SKIRT taille 10" in err.value.message
    finally:
        i18n.set_language("en")
    assert production_uniforms.create_uniform_order(
        admin, workshop["centre"].id, [UniformItem(skirt, "F")], due=TODAY, on=TODAY).quantity == 3
    for items, field in (([], "items"), ([UniformItem(skirt, "X")], "sex"),
                         ([UniformItem(skirt, per_child=11)], "pieces per child"),
                         ([UniformItem(9999)], "items")):
        with pytest.raises(ValidationError) as err:
            production_uniforms.size_matrix(admin, workshop["centre"].id, items, on=TODAY)
        assert err.value.field == field
    with pytest.raises(ValidationError) as err:
        production_uniforms.size_matrix(admin, 9999, [UniformItem(skirt)], on=TODAY)
    assert err.value.field == "centre"


def test_handout_lists_each_child_once_with_their_pieces(admin, workshop):
    v, e1 = workshop["v"], workshop["workers"]["E001"].id
    order = production_uniforms.create_uniform_order(admin, workshop["centre"].id,
                                                     [UniformItem(v["SHIRT-6"].product_id)],
                                                     due=TODAY, on=TODAY)
    production_states.confirm(admin, order.id)
    materials.receive(admin, workshop["m"]["white"].id, "20")
    production_output.record_output(admin, order.id, [OutputEntry(TODAY, e1, v["SHIRT-6"].id, 2)],
                                    today=TODAY)
    line = next(ln for ln in order.lines if ln.code == "SHIRT-6")
    d = production_output.deliver(admin, order.id, {line.id: 2}, today=TODAY)
    handout = production_uniforms.handout(admin, d.id)
    rows = [(r.child_code, r.items) for c in handout.centres for r in c.rows]
    assert sorted(rows) == [("STM-001", "School shirt 6"), ("STM-002", "School shirt 6")]


# ------------------------------------------------------------------ any input (properties)
from hypothesis import given  # noqa: E402

from tests.fixtures.inputs import LANGUAGES, TYPED, in_language, refused_cleanly  # noqa: E402


@given(sex=TYPED, per_child=TYPED, due=TYPED, priority=TYPED, notes=TYPED, lang=LANGUAGES)
def test_any_uniform_order_typed(admin, workshop, sex, per_child, due, priority, notes, lang):
    with in_language(lang):
        shirt = workshop["v"]["SHIRT-6"].product_id
        items = [{"product_id": shirt, "sex": sex, "per_child": per_child}]
        refused_cleanly(lambda: production_uniforms.size_matrix(admin, workshop["centre"].id, items, on=TODAY),
                        "sex", "pieces per child", "items")
        refused_cleanly(lambda: production_uniforms.create_uniform_order(
            admin, workshop["centre"].id, items, due=due, priority=priority, notes=notes, on=TODAY),
            "sex", "pieces per child", "items", "due", "priority", "notes")

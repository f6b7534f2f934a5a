"""Materials: exact quantities in thousandths, a stock that only moves by the ledger, bills of
materials and sewing rates."""

import pytest

from pse_desktop.db.core import AuditEntry
from pse_desktop.services.common.errors import NotFound, PermissionDenied, ValidationError
from pse_desktop.services.production import materials
from pse_desktop.services.production.materials import format_qty, needed_milli, parse_qty
from tests.fixtures.production import workshop  # noqa: F401
from hypothesis import given, strategies as st
from tests.fixtures.inputs import HOSTILE, refused_cleanly


def test_quantities_are_exact_thousandths():
    assert parse_qty("q", "12.5") == 12500 and parse_qty("q", "0,75") == 750
    assert parse_qty("q", "-3", allow_negative=True) == -3000
    for bad in ("1.2345", "abc", 1.5, "-1"):
        with pytest.raises(ValidationError):
            parse_qty("q", bad)
    assert format_qty(6490, "m") == "6.49 m" and format_qty(-1000, "m") == "-1 m"
    # 0.9 m a piece, 2 pieces, 10% waste: 1.98 m; 0.333 m x 1 x 1.05 = 0.34965 -> 0.350 (up)
    assert needed_milli(900, 10, 2) == 1980 and needed_milli(333, 5, 1) == 350


def test_receive_adjust_and_return_move_the_stock_through_the_ledger(admin, workshop):
    white = workshop["m"]["white"]
    materials.receive(admin, white.id, "12.5", note="Orussey market", unit_cost="1.90")
    materials.adjust(admin, white.id, "-0,5", "counted the shelf")
    info = materials.return_to_stock(admin, white.id, "1", note="left over")
    assert (info.stock_milli, info.unit_cost_cents) == (13000, 190)
    assert [(m.kind, m.qty_milli) for m in materials.moves(white.id)] == [
        ("return", 1000), ("adjust", -500), ("receive", 12500)]
    assert materials.moves(white.id)[2].note == "Orussey market"
    assert materials.ledger_mismatches() == []
    entry = AuditEntry.select().where(AuditEntry.action == "adjust").get()
    assert entry.summary == "adjusted FAB-WHITE by -0.5 m: counted the shelf"
    with pytest.raises(ValidationError) as err:
        materials.adjust(admin, white.id, "-20", "lost")
    assert err.value.field == "quantity"
    below = materials.adjust(admin, white.id, "-20", "flood", negative_reason="flooded store")
    assert below.stock_milli == -7000
    assert "below zero: flooded store" in materials.moves(white.id)[0].note


def test_save_material_checks_fields_and_lists_low_stock(admin, workshop, make_user):
    low = {m.code for m in materials.list_materials(low_only=True)}
    assert "FAB-WHITE" in low and "BTN-12" not in low  # 0 m of white, minimum 10 m
    assert [m.code for m in materials.list_materials("navy")] == ["FAB-NAVY"]
    for args, field in ((("FAB-NAVY", "Again", "fabric", "m"), "code"),
                        (("THR-1", "Thread", "glue", "m"), "kind"),
                        (("THR-1", "Thread", "thread", ""), "unit")):
        with pytest.raises(ValidationError) as err:
            materials.save_material(admin, None, *args)
        assert err.value.field == field
    with pytest.raises(PermissionDenied):
        materials.save_material(make_user("vanna", "shop_staff", shops=["PP1"]), None, "THR-1",
                                "Thread", "thread", "cone")
    with pytest.raises(NotFound):
        materials.get_material(9999)
    edited = materials.save_material(admin, workshop["m"]["navy"].id, "FAB-NAVY", "Cotton twill",
                                     "fabric", "m", colour="dark navy", unit_cost="2.10")
    assert edited.stock_milli == 20000  # editing never touches the stock


def test_bills_of_materials_and_sewing_rates(admin, workshop):
    v, m = workshop["v"], workshop["m"]
    rows = {r.material_code: (r.qty_milli, r.waste_pct) for r in materials.bom(v["SHIRT-8"].id)}
    assert rows == {"FAB-WHITE": (1000, 10), "BTN-12": (6000, 0)}
    materials.set_bom_line(admin, v["SHIRT-8"].id, m["white"].id, "1.05", 5)
    assert {r.material_code: r.qty_milli for r in materials.bom(v["SHIRT-8"].id)}["FAB-WHITE"] == 1050
    shirt = materials.bom(v["SHIRT-8"].id)
    materials.remove_bom_line(admin, next(r.id for r in shirt if r.material_code == "BTN-12"))
    assert [r.material_code for r in materials.bom(v["SHIRT-8"].id)] == ["FAB-WHITE"]
    assert materials.copy_bom(admin, v["SHIRT-8"].id, [v["SHIRT-6"].id, v["SHIRT-8"].id]) == 1
    assert {r.material_code: r.qty_milli for r in materials.bom(v["SHIRT-6"].id)}["FAB-WHITE"] == 1050
    with pytest.raises(ValidationError) as err:
        materials.copy_bom(admin, workshop["v"]["SKIRT-6"].id + 999, [v["SHIRT-6"].id])
    assert err.value.field == "variant"
    assert set(materials.boms_for([v["BAG-RED"].id])) == {v["BAG-RED"].id}
    assert materials.variants_without_bom() == []
    assert materials.sewing_rate(v["SHIRT-6"].id) == 40 and materials.sewing_rate(v["BAG-RED"].id) == 0
    assert materials.set_sewing_rate(admin, v["BAG-RED"].id, "0.35") == 35
    with pytest.raises(ValidationError) as err:
        materials.set_sewing_rate(admin, v["BAG-RED"].id, "abc")
    assert err.value.field == "piece rate"


FIELDS = {"code": "code", "name": "name", "unit": "unit", "colour": "colour", "unit_cost": "unit cost",
          "min_stock": "minimum stock", "kind": "kind"}


@given(field=st.sampled_from(sorted(FIELDS)), value=HOSTILE)
def test_any_material(admin, field, value):
    values = {"code": "CLOTH-W", "name": "White cloth", "kind": "fabric", "unit": "m", "colour": "",
              "unit_cost": "1.20", "min_stock": "10"}
    values[field] = value
    refused_cleanly(lambda: materials.save_material(
        admin, None, values["code"], values["name"], values["kind"], values["unit"],
        colour=values["colour"], unit_cost=values["unit_cost"], min_stock=values["min_stock"]),
        *FIELDS.values(), "min stock", "minimum")


@given(quantity=HOSTILE, cost=HOSTILE, note=HOSTILE)
def test_any_receipt_of_material(admin, quantity, cost, note):
    m = materials.list_materials()[0] if materials.list_materials() else materials.save_material(
        admin, None, "CLOTH-W", "White cloth", "fabric", "m")
    refused_cleanly(lambda: materials.receive(admin, m.id, quantity, note=note, unit_cost=cost),
                    "quantity", "unit cost", "note", "day")

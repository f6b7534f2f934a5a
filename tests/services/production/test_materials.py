"""Materials: any code, name, cost or quantity typed is saved clean or refused naming the field,
and the database is as before when refused (property tests)."""

from hypothesis import given, strategies as st

from pse_desktop.services.production import materials
from tests.fixtures.inputs import HOSTILE, refused_cleanly

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

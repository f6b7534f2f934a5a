"""The materials screen: receive and adjust stock, a new material, a bill of materials."""

from pse_desktop.services.production import materials
from pse_desktop.views.production.materials import MaterialsScreen
from tests.views.helpers import button, rows, select_row, select_tab, type_and_enter
from tests.views.production.fixtures import make_ctx, workshop  # noqa: F401


def _materials(tk_root, ui, admin, target):
    ctx, told = make_ctx(admin, target)
    mats = MaterialsScreen(ui, ctx)
    mats.pack(fill="both", expand=True)
    mats.on_show()
    tk_root.update()
    return mats


def test_receive_then_an_adjustment_needs_a_reason(tk_root, ui, admin, target, workshop):  # noqa: F811
    m = workshop["m"]
    mats = _materials(tk_root, ui, admin, target)
    select_row(tk_root, mats.table.tree, lambda v: v[0] == "FAB-WHITE")
    assert mats.selected.cget("text").startswith("FAB-WHITE")
    assert "low" in mats.table.tree.item(mats.table.tree.selection()[0], "tags")  # under 10 m
    mats.move_form.set_values({"quantity": "10", "note": "Orussey market"})
    button(mats, "Receive").invoke()
    assert materials.get_material(m["white"].id).stock_milli == 10000
    assert mats.moves.item(mats.moves.get_children()[0], "values")[2] == "10 m"
    assert mats.move_form.values()["quantity"] == ""
    mats.move_form.set_values({"quantity": "-1.5", "note": ""})
    button(mats, "Adjust").invoke()
    assert mats.move_form.error_text("note")
    assert materials.get_material(m["white"].id).stock_milli == 10000
    mats.move_form.set_values({"note": "cut wrong"})
    button(mats, "Adjust").invoke()
    assert materials.get_material(m["white"].id).stock_milli == 8500


def test_moves_need_a_material_and_a_new_one_is_saved(tk_root, ui, admin, target, workshop):  # noqa: F811
    mats = _materials(tk_root, ui, admin, target)
    mats.move_form.set_values({"quantity": "3"})
    button(mats, "Receive").invoke()
    assert "Select a material first" in mats.move_form.banner.cget("text")
    button(mats, "New material").invoke()
    mats.material_form.set_values({"code": "THR-RED", "name": "", "kind": "thread", "unit": "cone"})
    button(mats, "Save material").invoke()
    assert mats.material_form.error_text("name")
    mats.material_form.set_values({"name": "Thread red", "unit_cost": "0.80", "min_stock": "4"})
    button(mats, "Save material").invoke()
    assert "THR-RED" in [r[0] for r in rows(mats.table.tree)]
    saved = next(x for x in materials.list_materials() if x.code == "THR-RED")
    assert saved.unit_cost_cents == 80 and saved.min_stock_milli == 4000


def test_bill_of_materials_of_a_variant(tk_root, ui, admin, target, workshop):  # noqa: F811
    mats = _materials(tk_root, ui, admin, target)
    select_tab(tk_root, mats, "Bill of materials")
    type_and_enter(tk_root, mats.variant_code, "NOPE")
    assert "No product" in mats.variant_label.cget("text")
    type_and_enter(tk_root, mats.variant_code, "BAG-RED")
    assert [r[0].split()[0] for r in rows(mats.bom)] == ["FAB-KRAMA"]
    mats.bom_form.set_values({"material": next(v for v in mats.bom_form.widgets["material"].cget("values")
                                               if v.startswith("BTN-12")),
                              "quantity_per_piece": "2", "waste": "0"})
    button(mats, "Set material").invoke()
    assert sorted(r[0].split()[0] for r in rows(mats.bom)) == ["BTN-12", "FAB-KRAMA"]
    mats.bom.selection_set(next(i for i in mats.bom.get_children()
                                if mats.bom.item(i, "values")[0].startswith("FAB-KRAMA")))
    button(mats, "Remove selected").invoke()
    assert [r[0].split()[0] for r in rows(mats.bom)] == ["BTN-12"]
    mats.bom_form.set_values({"piece_rate": "0.55"})
    button(mats, "Save pay per piece").invoke()
    assert materials.sewing_rate(workshop["v"]["BAG-RED"].id) == 55

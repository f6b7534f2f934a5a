"""The new order panel: lines by code and quantity with the keyboard, errors, the draft order."""

from pse_desktop.services.production import orders as production
from pse_desktop.views.production.order_form import NewOrderPanel
from tests.views.helpers import key, rows, type_and_enter
from tests.views.production.fixtures import make_ctx, workshop  # noqa: F401


def _panel(tk_root, ui, admin, target, created):
    ctx, told = make_ctx(admin, target)
    panel = NewOrderPanel(ui, ctx, on_created=created.append)
    panel.pack(fill="both", expand=True)
    tk_root.update()
    return panel


def test_lines_by_keyboard_with_their_errors(tk_root, ui, admin, target, workshop):  # noqa: F811
    created = []
    panel = _panel(tk_root, ui, admin, target, created)
    type_and_enter(tk_root, panel.code, "NOPE")
    type_and_enter(tk_root, panel.qty, "4")
    assert "No product with the code NOPE" in panel.line_error.cget("text")
    type_and_enter(tk_root, panel.code, "bag-red")
    type_and_enter(tk_root, panel.qty, "two")
    assert "whole number" in panel.line_error.cget("text")
    type_and_enter(tk_root, panel.qty, "40")
    assert panel.line_error.cget("text") == ""
    type_and_enter(tk_root, panel.code, "SKIRT-8")
    type_and_enter(tk_root, panel.qty, "3")
    type_and_enter(tk_root, panel.code, "BAG-RED")
    type_and_enter(tk_root, panel.qty, "2")  # the same item again adds up
    assert [(r[0].split()[0], r[1]) for r in rows(panel.tree)] == [("BAG-RED", "42"), ("SKIRT-8", "3")]
    panel.tree.selection_set(str(workshop["v"]["SKIRT-8"].id))
    key(tk_root, panel.tree, "Delete")
    assert [r[0].split()[0] for r in rows(panel.tree)] == ["BAG-RED"]
    assert not created


def test_create_needs_lines_and_a_shop_then_makes_a_draft(tk_root, ui, admin, target, workshop):  # noqa: F811
    created = []
    panel = _panel(tk_root, ui, admin, target, created)
    panel.create()
    assert "at least one line" in panel.form.error_text("notes")
    panel.code.insert(0, "BAG-RED")
    panel.qty.insert(0, "10")
    panel.add_line()
    panel.form.set_values({"due": "2026-04-30"})
    panel.create()
    assert not created and "stock location" in panel.form.error_text("location")
    panel.form.set_values({"location": "PP1 PSE Shop Phnom Penh"})
    info = panel.create()
    assert created == [info] and info.location_code == "PP1" and info.customer == "PSE Shop Phnom Penh"
    order = production.get_order(admin, info.id)
    assert order.state == "draft" and [(ln.code, ln.quantity) for ln in order.lines] == [("BAG-RED", 10)]
    assert not rows(panel.tree)  # ready for the next order

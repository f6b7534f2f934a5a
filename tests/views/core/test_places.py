"""The centres and shops screen: add, correct errors, edit and deactivate a place."""

from pse_desktop.services.core import places
from tests.views.helpers import column, main_window, select_row


def test_add_a_centre_with_its_errors_beside_the_fields(tk_root, ui, admin, target):
    screen = main_window(ui, admin, target).show("places")
    editor = screen.centres
    editor.form.set_values({"code": "", "name": "Stung Meanchey"})
    editor.save()
    assert editor.form.error_text("code")
    assert places.list_centres() == []
    editor.form.set_values({"code": "STM"})
    editor.save()
    assert [c.code for c in places.list_centres()] == ["STM"]
    assert column(editor.table.tree, 0) == ["STM"]
    assert editor.form.values()["code"] == ""  # ready for the next one
    editor.form.set_values({"code": "STM", "name": "Another"})
    editor.save()
    assert "another centre has the code STM" in editor.form.error_text("code")
    assert len(places.list_centres()) == 1


def test_edit_and_deactivate_a_shop(tk_root, ui, admin, target):
    places.save_shop(admin, None, "PP1", "PSE Shop", "Phnom Penh")
    screen = main_window(ui, admin, target).show("places")
    editor = screen.shops
    select_row(tk_root, editor.table.tree, lambda v: v[0] == "PP1")
    assert editor.form.values()["name"] == "PSE Shop" and editor.form.values()["place"] == "Phnom Penh"
    editor.form.set_values({"name": "PSE Shop Riverside", "active": False})
    editor.save()
    shop = places.list_shops()[0]
    assert (shop.name, shop.active) == ("PSE Shop Riverside", False)
    assert editor.table.tree.item(editor.table.tree.get_children()[0], "values")[3] == "inactive"
    assert places.list_centres() == []  # the centres tab was not touched

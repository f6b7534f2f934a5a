"""The uniforms screen: tick the items, see the size matrix of the centre, create the order."""

from pse_desktop.services.production import orders as production
from pse_desktop.views.production.uniforms import UniformsScreen
from tests.views.helpers import rows
from tests.views.production.fixtures import make_ctx, workshop  # noqa: F401


def test_uniform_order_from_the_sizes_of_the_centre(tk_root, ui, admin, target, workshop):  # noqa: F811
    went = []
    ctx, told = make_ctx(admin, target, navigate=went.append)
    screen = UniformsScreen(ui, ctx)
    screen.pack(fill="both", expand=True)
    screen.centre_box.current(1)  # STM
    shirt, skirt = screen.item_vars[0], screen.item_vars[1]
    shirt[1].set(True)
    skirt[1].set(True)
    skirt[2].set("girls")
    matrix = screen.show_matrix()
    shown = rows(screen.tree)
    assert shown[0][1:] == ("2", "3", "1", "6") and shown[1][1:] == ("1", "2", "0", "3")
    assert "6 children enrolled" in screen.summary.cget("text")
    info = screen.create()
    assert info.quantity == 9 and went == ["production_board"] and matrix.children == 6
    assert told and told[-1][0] == "Order created" and info.no in told[-1][1]
    assert production.get_order(admin, info.id).state == "draft"


def test_nothing_ticked_and_a_bad_due_date(tk_root, ui, admin, target, workshop):  # noqa: F811
    went = []
    ctx, told = make_ctx(admin, target, navigate=went.append)
    screen = UniformsScreen(ui, ctx)
    screen.pack(fill="both", expand=True)
    assert screen.show_matrix() is None
    assert "Tick the items" in screen.summary.cget("text") and not rows(screen.tree)
    screen.item_vars[0][1].set(True)
    assert screen.centre_box.get().startswith("STM")  # the first centre is chosen
    screen.show_matrix()
    assert "6 children enrolled" in screen.summary.cget("text")
    screen.centre_box.current(0)  # all centres: the child of Takhmao counts too
    screen.centre_box.event_generate("<<ComboboxSelected>>")
    tk_root.update()
    assert "7 children enrolled" in screen.summary.cget("text")
    screen.form.set_values({"due": "next month"})
    screen.create()
    assert screen.form.error_text("due") and not went and not told

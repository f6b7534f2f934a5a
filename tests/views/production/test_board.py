"""The order board: confirm an order and see what is short, deliver what is ready with its
delivery note and hand-out list, new orders, overdue ones first, cancelling with a reason."""

import datetime as dt
import subprocess

from pse_desktop.services.production import (
    materials, orders as production, output as production_output, states as production_states,
)
from pse_desktop.services.production.output import OutputEntry
from pse_desktop.views.production.board import BoardScreen
from tests.views.helpers import is_disabled, wait
from tests.views.production.fixtures import TODAY, make_ctx, uniform_order, workshop  # noqa: F401


def _board(ui, ctx):
    board = BoardScreen(ui, ctx)
    board.pack(fill="both", expand=True)
    board.on_show()
    return board


def test_confirm_shows_the_white_fabric_short(tk_root, ui, admin, target, workshop,  # noqa: F811
                                             uniform_order):
    ctx, told = make_ctx(admin, target)
    board = _board(ui, ctx)
    board.select_order(uniform_order.id)
    assert str(board.buttons["confirm"].cget("state")) == "normal"
    board.buttons["confirm"].invoke()
    assert told[-1][0] == "Materials short" and "FAB-WHITE" in told[-1][1]
    short = [board.materials.item(i, "values") for i in board.materials.get_children()
             if "short" in board.materials.item(i, "tags")]
    assert short and short[0][0].startswith("FAB-WHITE") and short[0][3] == "6.49 m"
    assert production.get_order(admin, uniform_order.id).state == "confirmed"
    assert is_disabled(board.buttons["confirm"])


def test_deliver_what_is_ready_and_print_the_papers(tk_root, ui, admin, target, workshop,  # noqa: F811
                                                   uniform_order, tmp_path):
    v, m, ws = workshop["v"], workshop["m"], workshop["workers"]
    production_states.confirm(admin, uniform_order.id)
    materials.receive(admin, m["white"].id, "10")
    monday = dt.date(2026, 3, 2)
    e1, e2 = ws["E001"].id, ws["E002"].id
    production_output.record_output(admin, uniform_order.id, [
        OutputEntry(monday, e1, v["SHIRT-8"].id, 2), OutputEntry(monday + dt.timedelta(2), e2, v["SHIRT-8"].id, 1),
        OutputEntry(monday + dt.timedelta(4), e2, v["SKIRT-8"].id, 2)], today=TODAY)
    ctx, told = make_ctx(admin, target, choose_file=lambda *a, **k: str(tmp_path / "note.pdf"))
    board = _board(ui, ctx)
    board.select_order(uniform_order.id)
    assert set(board.deliver_vars) == {ln.id for ln in production.get_order(admin, uniform_order.id).lines
                                       if ln.ready}
    result = board.deliver()
    assert result.pieces == 5 and result.state_after == "in_progress"
    wait(tk_root, board.last_task)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "note.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Delivery note DN-00001" in text
    assert next(ln for ln in text.splitlines() if "SHIRT-6" in ln).split()[-4:] == ["2", "0", "0", "2"]
    # The hand-out list of the uniforms.
    ctx.choose_file = lambda *a, **k: str(tmp_path / "handout.pdf")
    wait(tk_root, board.print_handout())
    text = subprocess.run(["pdftotext", str(tmp_path / "handout.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Keo Sophea" in text and "Signature" in text


def test_board_overdue_first_and_new_order(tk_root, ui, admin, target, workshop):  # noqa: F811
    v = workshop["v"]
    ctx, told = make_ctx(admin, target)
    late = production.create_order(admin, kind="handicraft", customer_kind="outside",
                                   customer="Friends of PSE", due=TODAY - dt.timedelta(days=1),
                                   lines=[(v["BAG-RED"].id, 5)])
    board = BoardScreen(ui, ctx)
    board.pack(fill="both", expand=True)
    board.on_show()
    panel = board.new_panel
    board.new_order()
    panel.form.set_values({"location": "PP1 PSE Shop Phnom Penh", "due": "2026-04-30"})
    panel.code.insert(0, "bag-red")
    panel.qty.insert(0, "40")
    tk_root.update()
    panel.qty.focus_force()
    tk_root.update()
    panel.qty.event_generate("<Return>")
    tk_root.update()
    assert panel.lines == {v["BAG-RED"].id: 40}
    created = panel.create()
    assert created.customer == "PSE Shop Phnom Penh" and created.location_code == "PP1"
    first = board.table.tree.get_children()[0]
    assert board.table.keys[first] == late.id and "overdue" in board.table.tree.item(first, "tags")
    assert board.order.id == created.id
    # Cancel needs a reason, shown beside the field.
    board.cancel()
    assert board.reason.error_text("reason") == "is required"
    board.reason.set_values({"reason": "shop closed for works"})
    board.cancel()
    assert production.get_order(admin, created.id).state == "cancelled"

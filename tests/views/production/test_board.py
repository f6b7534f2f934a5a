"""Production screens: the done-when path clicked through the windows."""

import datetime as dt
import subprocess
import time

from tests.fixtures.production import workshop  # noqa: F401

from pse_desktop.services.production import (
    materials, orders as production, states as production_states,
)
from pse_desktop.views.common.base import FAILED as FAILED_, ScreenContext
from pse_desktop.views.production.board import BoardScreen
from pse_desktop.views.production.materials import MaterialsScreen
from pse_desktop.views.production.output import OutputScreen
from pse_desktop.views.production.reports import ReportsScreen
from pse_desktop.views.production.uniforms import UniformsScreen

TODAY = dt.date(2026, 3, 9)  # a Monday


def wait(root, task, seconds=20):
    end = time.time() + seconds
    while not task.finished and time.time() < end:
        root.update()
        time.sleep(0.02)
    assert task.finished


def make_ctx(admin, target, **kw):
    told = []
    ctx = ScreenContext(actor=admin, target=target, extra={"today": TODAY},
                        confirm=lambda *a: True, inform=lambda p, t, m: told.append((t, m)), **kw)
    return ctx, told


def test_uniform_order_to_delivery_note_in_the_windows(tk_root, ui, admin, target, workshop, tmp_path):
    v, m = workshop["v"], workshop["m"]
    went = []
    ctx, told = make_ctx(admin, target, navigate=went.append,
                         choose_file=lambda *a, **k: str(tmp_path / "note.pdf"))

    # Uniforms from sizes: tick shirt (everyone) and skirt (girls), see the matrix, create.
    screen = UniformsScreen(ui, ctx)
    screen.pack(fill="both", expand=True)
    screen.centre_box.current(1)  # STM
    shirt, skirt = screen.item_vars[0], screen.item_vars[1]
    shirt[1].set(True)
    skirt[1].set(True)
    skirt[2].set("girls")
    matrix = screen.show_matrix()
    rows = [screen.tree.item(i, "values") for i in screen.tree.get_children()]
    assert rows[0][1:] == ("2", "3", "1", "6") and rows[1][1:] == ("1", "2", "0", "3")
    assert "6 children enrolled" in screen.summary.cget("text")
    info = screen.create()
    assert info.quantity == 9 and went == ["production_board"] and matrix.children == 6
    screen.destroy()

    # The board: the new draft, confirm it, see the white fabric short.
    board = BoardScreen(ui, ctx)
    board.pack(fill="both", expand=True)
    board.on_show()
    board.select_order(info.id)
    assert str(board.buttons["confirm"].cget("state")) == "normal"
    board.buttons["confirm"].invoke()
    assert told[-1][0] == "Materials short" and "FAB-WHITE" in told[-1][1]
    short = [board.materials.item(i, "values") for i in board.materials.get_children()
             if "short" in board.materials.item(i, "tags")]
    assert short and short[0][0].startswith("FAB-WHITE") and short[0][3] == "6.49 m"
    board.destroy()

    # Materials: receive 10 m of white fabric.
    mats = MaterialsScreen(ui, ctx)
    mats.pack(fill="both", expand=True)
    mats.on_show()
    mats.show_material(m["white"].id)
    mats.move_form.set_values({"quantity": "10", "note": "Orussey market"})
    mats.receive()
    assert materials.get_material(m["white"].id).stock_milli == 10000
    assert mats.moves.item(mats.moves.get_children()[0], "values")[2] == "10 m"
    mats.destroy()

    # Output: last week (2-7 March), two workers, typed into the grid.
    out = OutputScreen(ui, ctx)
    out.pack(fill="both", expand=True)
    out.on_show()
    out.select_order(info.id)
    out.move_week(-7)
    codes = [ln.code for ln in out.order.lines]
    e1, e2 = workshop["workers"]["E001"].id, workshop["workers"]["E002"].id
    monday = dt.date(2026, 3, 2)
    out.line_box.current(codes.index("SHIRT-8"))
    out.set_cell(e1, monday, 2)
    out.set_cell(e2, monday + dt.timedelta(2), 1)
    saved = out.save()
    assert saved is not FAILED_, out.form.banner.cget("text") or out.form.error_text("pieces")
    assert len(saved) == 2
    # More than asked (3 made of 3, 1 more) is refused, shown beside the field, nothing kept.
    out.line_box.current(codes.index("SHIRT-8"))
    out.set_cell(e2, monday + dt.timedelta(3), 1)
    assert out.save() is not None and "only 0 more" in out.form.error_text("pieces")
    out.set_cell(e2, monday + dt.timedelta(3), "")
    out.line_box.current(codes.index("SKIRT-8"))
    out.set_cell(e2, monday + dt.timedelta(4), 2)
    out.save()
    assert len(out.recorded.get_children()) == 3
    out.destroy()

    # Deliver part of the order and print the delivery note.
    board = BoardScreen(ui, ctx)
    board.pack(fill="both", expand=True)
    board.on_show()
    board.select_order(info.id)
    assert set(board.deliver_vars) == {ln.id for ln in production.get_order(admin, info.id).lines
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
    board.destroy()


def test_board_overdue_first_and_new_order(tk_root, ui, admin, target, workshop):
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


def test_reports_screen_shows_the_month(tk_root, ui, admin, target, workshop, tmp_path):
    from pse_desktop.services.production import output as production_output
    from pse_desktop.services.production.output import OutputEntry

    v, ws = workshop["v"], workshop["workers"]
    o = production.create_order(admin, kind="handicraft", customer_kind="outside", customer="X",
                                due=TODAY, lines=[(v["SKIRT-8"].id, 10)])
    production_states.confirm(admin, o.id)
    production_output.record_output(admin, o.id, [OutputEntry(TODAY, ws["E001"].id, v["SKIRT-8"].id, 4),
                                                  OutputEntry(TODAY, ws["E002"].id, v["SKIRT-8"].id, 3)],
                                    today=TODAY)
    ctx, told = make_ctx(admin, target, choose_file=lambda *a, **k: str(tmp_path / "out.csv"))
    screen = ReportsScreen(ui, ctx)
    screen.pack(fill="both", expand=True)
    screen.on_show()
    assert screen.total.cget("text").startswith("7 pieces")
    assert screen.data.by_worker[0][:1] == ("E001",)
    wait(tk_root, screen.export())
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert "E002" in text and len(text.strip().splitlines()) == 3

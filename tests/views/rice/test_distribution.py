"""Distribution day: a mark key never fires with Ctrl or Alt; a line already recorded can be
changed, and the stock follows."""

from pse_desktop.services.rice import lists, stock
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.rice.distribution import DistributionScreen
from tests.conftest import pump
from tests.fixtures.rice import MONTH, TODAY, rice  # noqa: F401
from tests.fixtures.social import social  # noqa: F401


def test_keys_change_a_record_and_ctrl_or_alt_do_nothing(rice, target, ui, tk_root):
    worker = rice["worker"]
    stm = rice["centres"]["STM"].id
    stock.receive(worker, "100", "Golden Rice", 2800, today=TODAY)
    stock.transfer(worker, stm, "50", today=TODAY)
    info = lists.build(worker, MONTH)
    lists.decide(worker, next(ln.id for ln in info.lines if ln.flagged), "give", "ok")
    lists.finalise(worker, MONTH)
    desk = DistributionScreen(ui, ScreenContext(actor=rice["stm_staff"], target=target,
                                                extra={"today": TODAY}))
    desk.pack(fill="both", expand=True)
    desk.month_var.set("2026-10")
    desk.reload()
    first = desk.tree.get_children()[0]
    for state in (0x4, 0x8):
        desk.tree.focus_force()
        pump(tk_root)
        desk.tree.event_generate("<KeyPress-n>", state=state)
        pump(tk_root)
    assert desk.lines[first].collection == ""
    desk.tree.focus(first)
    desk.mark("collected")
    assert stock.balance(stm) == 35_000
    desk.tree.focus(first)
    desk.mark("no_show")
    assert stock.balance(stm) == 50_000
    assert desk.tree.item(first, "values")[3] == "Not collected"
    desk.destroy()


def test_a_hand_out_the_books_do_not_cover_is_refused_on_the_screen(rice, target, ui, tk_root):
    """STM holds 10 kg by the books and a family is to receive 15 kg: the screen says so in the
    message line and the line stays unrecorded; the stock does not go below zero."""
    worker = rice["worker"]
    stm = rice["centres"]["STM"].id
    stock.receive(worker, "100", "Golden Rice", 2800, today=TODAY)
    stock.transfer(worker, stm, "10", today=TODAY)
    info = lists.build(worker, MONTH)
    lists.decide(worker, next(ln.id for ln in info.lines if ln.flagged), "give", "ok")
    lists.finalise(worker, MONTH)
    desk = DistributionScreen(ui, ScreenContext(actor=rice["stm_staff"], target=target,
                                                extra={"today": TODAY}))
    desk.pack(fill="both", expand=True)
    desk.month_var.set("2026-10")
    desk.reload()
    first = desk.tree.get_children()[0]
    desk.tree.focus(first)
    desk.mark("collected")
    pump(tk_root)
    said = desk.message.cget("text")
    assert said.startswith("Only 10 kg of rice at STM by the books;") and "15 kg" in said, said
    assert desk.lines[first].collection == ""
    assert stock.balance(stm) == 10_000
    desk.destroy()

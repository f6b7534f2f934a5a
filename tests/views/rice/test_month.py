"""The monthly rice window and distribution day: the issue's path as a new user takes it —
three families designated, one flagged for low attendance, its rice reduced with a reason, the
list made final, the sheet printed, two collections and a no-show recorded with the keyboard,
the no-show on the follow-up list, the centre's stock down by exactly what was handed out."""

import time

from pse_desktop.services.rice import distribution, stock
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.rice.designation import DesignationScreen
from pse_desktop.views.rice.distribution import DistributionScreen
from pse_desktop.views.rice.month import RiceMonthScreen
from tests.conftest import pump
from tests.fixtures.rice import MONTH, TODAY, add_marks, rice  # noqa: F401
from tests.fixtures.social import social  # noqa: F401


def wait(root, screen, seconds=30):
    end = time.time() + seconds
    while not screen.last_task.finished and time.time() < end:
        root.update()
        time.sleep(0.02)
    assert screen.last_task.finished


def press(root, widget, key, state=0):
    widget.focus_force()
    pump(root)
    widget.event_generate(f"<KeyPress-{key}>", state=state)
    pump(root)


def test_the_issue_path_in_the_window(rice, target, ui, tk_root):
    worker, staff = rice["worker"], rice["stm_staff"]
    stm = rice["centres"]["STM"].id
    stock.receive(worker, "100", "Battambang Rice Mill", 2800, today=TODAY)
    stock.transfer(worker, stm, "60", today=TODAY)
    opened = []
    ctx = ScreenContext(actor=worker, target=target, confirm=lambda *a: True,
                        extra={"today": TODAY, "open_file": opened.append})
    month = RiceMonthScreen(ui, ctx)
    month.month_var.set("2026-10")
    month.build()
    assert "3 families, 1 flagged" in month.message.cget("text")
    tree = month.table.tree
    flagged = next(i for i in tree.get_children() if "flagged" in tree.item(i, "tags"))
    assert tree.item(flagged, "values")[0] == "F00002"
    month.finalise()
    assert "still needs a decision" in month.message.cget("text")
    tree.selection_set(flagged)
    month.form.set_values({"decision": "Reduce", "kilograms": "7,5", "reason": ""})
    month.decide()
    assert month.form.error_text("reason")
    month.form.set_values({"decision": "Reduce", "kilograms": "7,5",
                           "reason": "often absent; talked with the mother"})
    month.decide()
    month.finalise()
    assert "is final" in month.message.cget("text")
    month.print_sheets()
    wait(tk_root, month)
    assert {p.name for p in opened} >= {"rice-2026-10-STM.pdf"}
    month.destroy()
    before = stock.balance(stm)
    desk = DistributionScreen(ui, ScreenContext(actor=staff, target=target,
                                                extra={"today": TODAY}))
    desk.pack(fill="both", expand=True)
    desk.month_var.set("2026-10")
    desk.reload()
    rows = [desk.tree.item(i, "values")[0] for i in desk.tree.get_children()]
    assert rows == ["F00001", "F00002"]
    press(tk_root, desk.tree, "c", state=0x4)  # Ctrl+C is not a mark
    assert desk.lines[desk.tree.get_children()[0]].collection == ""
    press(tk_root, desk.tree, "c")
    press(tk_root, desk.tree, "p")
    assert "proxy's name" in desk.message.cget("text")
    desk.proxy_var.set("Grandmother Sok")
    desk.mark("proxy")
    assert "2 of 2 families collected (22.5 kg)" in desk.summary.cget("text")
    desk.destroy()
    assert stock.balance(stm) == before - 22_500
    cba = DistributionScreen(ui, ScreenContext(actor=rice["cba_staff"], target=target,
                                               extra={"today": TODAY}))
    cba.pack(fill="both", expand=True)
    cba.month_var.set("2026-10")
    cba.reload()
    press(tk_root, cba.tree, "n")
    cba.destroy()
    assert [ln.family_code for ln in distribution.no_shows(worker, MONTH)] == ["F00003"]
    families = DesignationScreen(ui, ScreenContext(actor=worker, target=target,
                                                   extra={"today": TODAY}))
    assert [families.noshow.item(i, "values")[0] for i in families.noshow.get_children()] == [
        "F00003"]
    families.destroy()

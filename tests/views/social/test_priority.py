"""The priority list window: urgent families first, filters by level and centre."""

from pse_desktop.services.social import survey
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.social.priority import PriorityScreen
from tests.fixtures.social import full_survey, social  # noqa: F401


def test_urgent_first_and_filters(social, target, ui):
    worker = social["worker"]
    f1, f2, f3 = social["families"]
    survey.save_survey(worker, f1.id, full_survey())
    survey.save_survey(worker, f3.id, full_survey(urgent={"out_of_school": True}))
    screen = PriorityScreen(ui, ScreenContext(actor=worker, target=target))
    tree = screen.table.tree
    rows = [tree.item(i, "values")[:3] for i in tree.get_children()]
    assert rows == [("Urgent", "F00003", "CBA"), ("High", "F00001", "STM")]
    screen.vars["centre"].set("STM")
    screen.reload()
    assert [tree.item(i, "values")[1] for i in tree.get_children()] == ["F00001"]
    screen.vars["centre"].set("")
    screen.vars["level"].set("Urgent")
    screen.reload()
    assert [tree.item(i, "values")[1] for i in tree.get_children()] == ["F00003"]
    screen.vars["level"].set("")
    screen.text_var.set("Chan")
    screen.reload()
    assert [tree.item(i, "values")[1] for i in tree.get_children()] == ["F00002"]
    assert screen.count.cget("text") == "1 families" or "1" in screen.count.cget("text")
    screen.destroy()

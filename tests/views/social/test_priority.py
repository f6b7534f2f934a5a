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


def test_a_team_leader_sets_a_new_rule_from_a_date(social, target, ui):
    import datetime as dt

    from pse_desktop.services.social import priority

    today = dt.date(2026, 11, 30)
    screen = PriorityScreen(ui, ScreenContext(actor=social["lead"], target=target,
                                              extra={"today": today}))
    dialog = screen.edit_rule()
    dialog.form.set_values({"poverty line": "abc"})
    assert dialog.save() is False and dialog.form.error_text("poverty line")
    dialog.form.set_values({"poverty line": "12500", "note": "2026 line"})
    assert dialog.save() is True
    assert "New priority rule" in screen.message.cget("text")
    assert priority.rule_in_force(today + dt.timedelta(days=1))[
        "poverty_line_khr_per_person_day"] == 12500
    screen.destroy()
    worker = PriorityScreen(ui, ScreenContext(actor=social["worker"], target=target))
    assert not hasattr(worker, "edit_rule") or not [
        b for b in worker.winfo_children() for c in b.winfo_children()
        if "text" in c.keys() and "rule" in str(c.cget("text"))]
    worker.destroy()

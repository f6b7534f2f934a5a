"""The selection screen: find a family on the priority list, propose its young adult and its
mother, fill the course from the priority list, someone from outside, a drop-out."""

from pse_desktop.services.training import trainees
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.training.trainees import TraineesScreen
from tests.conftest import pump
from tests.fixtures.social import TODAY, social  # noqa: F401
from tests.fixtures.training import training  # noqa: F401


def test_propose_select_and_drop(training, target, ui, tk_root):
    said = []
    worker, course = training["worker"], training["course"]
    screen = TraineesScreen(ui, ScreenContext(actor=worker, target=target, status=said.append,
                                              extra={"today": TODAY}))
    codes = [screen.family_list.item(i, "values")[0] for i in screen.family_list.get_children()]
    assert codes[:2] == sorted(codes[:2]) or "F00001" in codes
    screen.family_list.selection_set(str(training["families"][0].id))
    pump(tk_root)
    assert list(screen.person_box.cget("values")) == ["Sok Sophea (mother, 34)",
                                                      "Sok Rith (son, 19)"]
    for label in screen.person_box.cget("values"):
        screen.person_var.set(label)
        screen.propose()
    screen.outside.set_values({"name": "Keo Srey", "age": "9", "reason": "commune"})
    screen.add_outside()
    assert screen.outside.error_text("age")
    screen.outside.set_values({"age": "22"})
    screen.add_outside()
    screen.fill()
    pump(tk_root)
    rows = trainees.list_trainees(worker, course.id)
    assert [t.status for t in rows].count("selected") == 2
    assert [t.status for t in rows].count("waiting") == 1
    waiting = next(t for t in rows if t.status == "waiting")
    iid = next(i for i, k in screen.table.keys.items() if k == waiting.id)
    screen.table.tree.selection_set(iid)
    screen.select()
    assert "full" in screen.message.cget("text")
    screen.drop_form.set_values({"reason": "Moved away"})
    screen.drop()
    assert trainees.get_trainee(worker, waiting.id).status == "dropped"
    assert "Drop-out recorded." in said

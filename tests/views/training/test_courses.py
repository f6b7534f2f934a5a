"""The courses screen: the social team creates a course; errors beside the fields; a trainer
sees their course without the form."""

from pse_desktop.services.training import courses
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.training.courses import CoursesScreen
from tests.conftest import pump
from tests.fixtures.social import TODAY, social  # noqa: F401
from tests.fixtures.training import training  # noqa: F401


def test_create_a_course_from_the_form(training, target, ui, tk_root):
    said = []
    ctx = ScreenContext(actor=training["worker"], target=target, status=said.append,
                        extra={"today": TODAY})
    screen = CoursesScreen(ui, ctx)
    screen.form.set_values({"trade": "Beauty care", "cohort": "2027-A", "start": "2027-01-04",
                            "end": "2027-01-03", "trainer": "Chef", "capacity": "40"})
    screen.create()
    assert "after the start" in screen.form.error_text("end")
    screen.form.set_values({"end": "2027-04-30", "timetable": "Mon Wed Funday"})
    screen.create()
    assert "Funday" in screen.form.error_text("timetable")
    screen.form.set_values({"timetable": "Tue Thu"})
    screen.create()
    pump(tk_root)
    assert said and "Beauty care 2027-A" in said[-1]
    made = [c for c in courses.list_courses(training["worker"]) if c.cohort == "2027-A"]
    assert made[0].trainer == "Chef" and made[0].timetable == "Tue Thu"
    items = screen.table.tree.get_children()
    assert len(items) == 2
    screen.table.tree.selection_set(items[0])
    pump(tk_root)
    assert "sessions on Tue Thu" in screen.sessions.cget("text")
    screen.close()
    assert "closed" in said[-1]
    assert courses.get_course(training["worker"], made[0].id).status == "closed"


def test_a_trainer_sees_only_their_course(training, target, ui, tk_root):
    screen = CoursesScreen(ui, ScreenContext(actor=training["trainer"], target=target))
    assert screen.form is None
    items = screen.table.tree.get_children()
    assert [screen.table.tree.item(i, "values")[0] for i in items] == ["Cooking 2026-A"]

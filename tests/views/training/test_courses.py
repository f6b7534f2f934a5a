"""The courses screen: the social team creates a course and changes the chosen one; errors beside
the fields and named on the message line; a closed course cannot be saved; unsaved changes are
asked about; a trainer sees their course without the form."""

from pse_desktop.services.training import courses
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.common.commands import find
from pse_desktop.views.training.courses import CoursesScreen
from tests.conftest import pump
from tests.fixtures.social import TODAY, social  # noqa: F401
from tests.fixtures.training import select_two, training  # noqa: F401


def _screen(training, target, ui, said, **ctx):
    ctx.setdefault("ask_unsaved", lambda *a: said.append(("asked", a[2])) or "cancel")
    return CoursesScreen(ui, ScreenContext(
        actor=training["worker"], target=target, status=lambda text, error=False: said.append(
            (text, error)), extra={"today": TODAY}, **ctx))


def _choose(screen, tk_root, label):
    tree = screen.table.tree
    iid = next(i for i in tree.get_children() if tree.item(i, "values")[0] == label)
    tree.selection_set(iid)
    pump(tk_root)


def test_create_a_course_from_the_form(training, target, ui, tk_root):
    said = []
    screen = _screen(training, target, ui, said)
    assert screen.mode.cget("text") == "New course"
    screen.form.set_values({"trade": "Beauty care", "cohort": "2027-A", "start": "2027-01-04",
                            "end": "2027-01-03", "trainer": "Chef", "capacity": "40"})
    screen.save_button.invoke()
    assert "after the start" in screen.form.error_text("end")
    assert said[-1] == ("Not saved. End date: must be after the start", True)
    screen.form.set_values({"end": "2027-04-30", "timetable": "Mon Wed Funday"})
    screen.save()
    assert "Funday" in screen.form.error_text("timetable") and said[-1][0].startswith(
        "Not saved. Days: ")
    screen.form.set_values({"timetable": "Tue Thu"})
    find(screen, "save").run(screen)  # Ctrl+S
    pump(tk_root)
    assert "Beauty care 2027-A" in said[-1][0] and not said[-1][1]
    made = [c for c in courses.list_courses(training["worker"]) if c.cohort == "2027-A"]
    assert made[0].trainer == "Chef" and made[0].timetable == "Tue Thu"
    assert len(screen.table.tree.get_children()) == 2
    assert screen.table.selected_key() == made[0].id
    assert screen.mode.cget("text") == "Change Beauty care 2027-A"
    assert "sessions on Tue Thu" in screen.sessions.cget("text")
    assert not screen.has_unsaved() and not [s for s in said if s[0] == "asked"]
    screen.close()
    assert "closed" in said[-1][0]
    assert courses.get_course(training["worker"], made[0].id).status == "closed"
    assert "closed" in screen.mode.cget("text") and not screen.may_save()
    assert str(screen.save_button.cget("state")) == "disabled"
    assert find(screen, "save").run(screen) is None


def test_change_the_chosen_course(training, target, ui, tk_root, make_user):
    make_user("baker", "workshop_manager")
    said = []
    screen = _screen(training, target, ui, said)
    _choose(screen, tk_root, "Cooking 2026-A")
    v = screen.form.values()
    assert (v["start"], v["end"], v["capacity"], v["timetable"], v["place"]) == (
        "2026-09-07", "2026-11-27", "2", "Mon Wed Fri", "Stung Meanchey kitchen")
    select_two(training)
    screen.form.set_values({"capacity": "1"})
    screen.save()
    assert "2 trainees" in screen.form.error_text("capacity")
    assert said[-1][1] and said[-1][0].startswith("Not saved. Capacity: ")
    screen.form.set_values({"capacity": "25", "place": "Head office kitchen",
                            "trainer": "Baker", "end": "2026-12-04",
                            "attendance": "101"})
    screen.save()
    assert screen.form.error_text("attendance") and said[-1][0].startswith(
        "Not saved. Attendance %: ")
    screen.form.set_values({"attendance": "75"})
    screen.save()
    pump(tk_root)
    c = courses.get_course(training["worker"], training["course"].id)
    assert (c.capacity, c.place, c.trainer, c.end_on.isoformat(), c.attendance_pct,
            c.sessions) == (25, "Head office kitchen", "Baker", "2026-12-04", 75, 39)
    assert said[-1] == ("Course Cooking 2026-A saved: 39 sessions.", False)
    assert screen.table.tree.item(screen.table.tree.selection()[0], "values")[3] == "2/25"


def test_unsaved_changes_are_asked_about(training, target, ui, tk_root):
    said, asked = [], []
    screen = _screen(training, target, ui, said,
                     ask_unsaved=lambda *a: asked.append(a[2]) or "cancel")
    other = courses.create_course(training["worker"], {
        "trade_id": training["trade"].id, "cohort": "2027-A", "start_on": "2027-01-04",
        "end_on": "2027-03-26", "trainer_id": training["trainer"].id, "capacity": 10})
    screen.reload()
    _choose(screen, tk_root, "Cooking 2026-A")
    screen.form.set_values({"place": "Somewhere else"})
    assert screen.has_unsaved()
    _choose(screen, tk_root, "Cooking 2027-A")
    assert asked and "showing another course" in asked[-1]
    assert screen.editing.id == training["course"].id
    assert screen.table.selected_key() == training["course"].id
    screen.ctx.ask_unsaved = lambda *a: "discard"
    _choose(screen, tk_root, "Cooking 2027-A")
    assert screen.editing.id == other.id and screen.form.values()["place"] == ""
    assert courses.get_course(training["worker"], training["course"].id).place == (
        "Stung Meanchey kitchen")


def test_a_trainer_sees_only_their_course(training, target, ui, tk_root):
    screen = CoursesScreen(ui, ScreenContext(actor=training["trainer"], target=target,
                                             ask_unsaved=lambda *a: "cancel"))
    assert screen.form is None and not screen.may_save() and find(screen, "new").run(
        screen) is None
    items = screen.table.tree.get_children()
    assert [screen.table.tree.item(i, "values")[0] for i in items] == ["Cooking 2026-A"]


def test_the_days_are_shown_and_read_in_the_user_language():
    from pse_desktop import i18n
    from pse_desktop.views.training.courses import read_days, show_days

    try:
        i18n.set_language("fr")
        shown = show_days("024")
        assert shown == "lun. mer. ven."
        assert read_days(shown) == read_days("Lun, MER ven") == "0 2 4"
        assert courses.clean_weekdays(read_days("lun Sat")) == "05"
        i18n.set_language("km")
        assert read_days(show_days("16")) == "1 6"
        assert read_days("Mon Funday") == "Mon Funday"  # the service names what is wrong
    finally:
        i18n.set_language("en")
    assert show_days("024") == "Mon Wed Fri"

"""The session register, keyboard first: P and A keys move down, F2 marks the rest present,
Ctrl+S saves; another user's course is refused."""

from pse_desktop.services.training import courses, progress
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.training.register import SessionRegisterScreen
from tests.conftest import pump
from tests.fixtures.social import TODAY, social  # noqa: F401
from tests.fixtures.training import select_two, training  # noqa: F401


def key(tk_root, widget, sequence):
    widget.focus_force()
    tk_root.update()
    widget.event_generate(sequence)
    tk_root.update()


def test_the_trainer_takes_the_register_with_the_keyboard(training, target, ui, tk_root):
    mother, rith = select_two(training)
    said = []
    trainer, course = training["trainer"], training["course"]
    screen = SessionRegisterScreen(ui, ScreenContext(actor=trainer, target=target,
                                                     status=said.append, extra={"today": TODAY}))
    assert screen.day_var.get() == "Fri, Nov 27, 2026"  # the last session up to today
    screen.day_var.set("Mon, Sep 7, 2026")
    screen.load()
    pump(tk_root)
    screen.pack(fill="both", expand=True)
    key(tk_root, screen.tree, "<KeyPress-a>")  # Sok Rith, first by name: absent
    key(tk_root, screen.tree, "<F2>")
    assert "1 present, 1 absent, 0 to mark *" in screen.count.cget("text")
    key(tk_root, screen.tree, "<Control-s>")
    sid = courses.sessions(trainer, course.id)[0][0]
    assert progress.register(trainer, sid) == [(rith, "Sok Rith", "A"),
                                               (mother, "Sok Sophea", "P")]
    assert said and "2 marks saved" in said[-1]
    screen.destroy()
    other = SessionRegisterScreen(ui, ScreenContext(actor=training["workshop"], target=target,
                                                    extra={"today": TODAY}))
    assert other.chooser.courses == [] and other.tree.get_children() == ()

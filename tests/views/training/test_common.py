"""The course chooser: picks the remembered course, tells who trains it and how full it is."""

from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.training.common import CourseChooser, money
from tests.fixtures.social import social  # noqa: F401
from tests.fixtures.training import training  # noqa: F401


def test_the_chooser_shows_the_course_and_remembers_it(training, target, ui, tk_root):
    seen = []
    ctx = ScreenContext(actor=training["trainer"], target=target)
    chooser = CourseChooser(ui, ctx, seen.append)
    assert seen == []
    chooser.reload()
    assert [c.id for c in seen] == [training["course"].id]
    assert ctx.extra["training_course_id"] == training["course"].id
    assert "36 sessions, 0/2 taken" in chooser.info.cget("text")
    assert chooser.var.get().startswith("Cooking 2026-A")
    assert money(None) == "" and money(1250) == "$12.50"
    other = CourseChooser(ui, ScreenContext(actor=training["shop"], target=target), seen.append)
    other.reload()
    assert other.courses == [] and len(seen) == 1

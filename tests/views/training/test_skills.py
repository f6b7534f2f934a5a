"""Skills and completion: the trainer ticks skills with Space, the social team completes the
course and prints the certificates."""

import time

from pse_desktop.formats import format_date
from pse_desktop.services.training import progress
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.training.skills import SkillsScreen
from tests.conftest import pump
from tests.fixtures.social import TODAY, social  # noqa: F401
from tests.fixtures.training import take_course, training  # noqa: F401


def test_tick_skills_complete_and_print(training, target, ui, tk_root, tmp_path, monkeypatch):
    first, second = take_course(training, present_share=(1.0, 0.5))
    trainer, worker = training["trainer"], training["worker"]
    screen = SkillsScreen(ui, ScreenContext(actor=trainer, target=target, extra={"today": TODAY}))
    screen.table.selection_set(str(second))
    pump(tk_root)
    last = screen.checklist.get_children()[-1]
    assert screen.checklist.item(last, "values")[0] == "-"
    screen.checklist.selection_set(last)
    screen.toggle()
    assert screen.checklist.item(last, "values")[0] == format_date(TODAY)
    assert screen.table.item(str(second), "values")[2] == "4/6"
    screen.destroy()
    said, opened = [], []
    from pse_desktop.views.social import common  # the one make_document the areas share

    monkeypatch.setattr(common, "opener", lambda ctx: opened.append)
    monkeypatch.setattr(common, "documents_folder", lambda target, kind: tmp_path)
    screen = SkillsScreen(ui, ScreenContext(actor=worker, target=target, status=said.append,
                                            extra={"today": TODAY}))
    screen.complete()
    assert "1 trainee completed" in said[-1]
    assert "completed CT-2026-0001" in screen.table.item(str(first), "values")[3]
    screen.certificates()
    end = time.time() + 30
    while not screen.last_task.finished and time.time() < end:
        pump(tk_root, 1)
        time.sleep(0.02)
    assert opened and opened[0].exists()
    assert [p.status for p in progress.progress(worker, training["course"].id)] == [
        "selected", "completed"]

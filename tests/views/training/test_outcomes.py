"""The outcomes report: per course and per trade, the chart, the export for team leaders."""

import datetime as dt

from pse_desktop.services.training import after, progress
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.training.outcomes import OutcomesScreen
from tests.conftest import pump
from tests.fixtures.social import TODAY, social  # noqa: F401
from tests.fixtures.training import take_course, training  # noqa: F401


def test_outcomes_per_course_and_trade_and_export(training, target, ui, tk_root, tmp_path):
    worker, lead = training["worker"], training["lead"]
    first, _ = take_course(training)
    progress.complete(worker, training["course"].id, today=TODAY)
    after.record_follow_up(worker, first, 6, True, "150", today=TODAY + dt.timedelta(days=190))
    out = tmp_path / "t.csv"
    said = []
    screen = OutcomesScreen(ui, ScreenContext(actor=lead, target=target, status=said.append,
                                              choose_file=lambda *a, **k: str(out)))
    pump(tk_root)
    [row] = [screen.table.tree.item(i, "values") for i in screen.table.tree.get_children()]
    assert list(row) == ["Cooking 2026-A", "2", "50% (1)", "100%", "-", "$100.00", "$150.00"]
    assert screen.chart.find_all()
    screen.by_var.set("trade")
    screen.reload()
    assert screen.table.tree.item(screen.table.tree.get_children()[0], "values")[0] == "Cooking"
    assert screen.export_button.winfo_manager() == "pack"
    screen.export()
    assert out.exists() and "Wrote 2 rows" in said[-1]
    screen.destroy()
    mine = OutcomesScreen(ui, ScreenContext(actor=worker, target=target))
    assert mine.export_button.winfo_manager() == ""

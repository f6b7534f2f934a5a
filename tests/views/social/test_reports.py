"""The social reports window: the four tables, and exports that need their own permission."""

import datetime as dt

from openpyxl import load_workbook

from pse_desktop.db.social import FileAccess
from pse_desktop.services.social import assessments, caseload, survey
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.social.reports import SocialReportsScreen
from tests.fixtures.social import full_survey, social  # noqa: F401

TODAY = dt.date.today()
S1 = {"income": 2, "housing": 2, "health": 2, "education": 2, "protection": 2}
S2 = {"income": 3, "housing": 2, "health": 2, "education": 2, "protection": 2}


def test_tables_and_a_recorded_export(social, target, ui, tmp_path):
    worker, lead = social["worker"], social["lead"]
    fam = social["families"][0]
    caseload.assign(lead, fam.id, worker.id, start_on=TODAY.replace(month=1, day=1), today=TODAY)
    survey.save_survey(worker, fam.id, full_survey())
    assessments.record_assessment(worker, fam.id, TODAY - dt.timedelta(days=100), S1)
    assessments.record_assessment(worker, fam.id, TODAY, S2)
    out = tmp_path / "families.xlsx"
    screen = SocialReportsScreen(ui, ScreenContext(actor=lead, target=target,
                                                   choose_file=lambda *a, **k: str(out),
                                                   extra={"today": TODAY}))
    levels = [screen.levels.item(i, "values") for i in screen.levels.get_children()]
    assert levels == [("STM", "0", "1", "0", "0", "1")]
    assert "1 families better, 0 worse" in screen.changes_label.cget("text")
    screen.export("families")
    assert "1 row written" in screen.message.cget("text")
    assert load_workbook(out).active.cell(2, 1).value == "F00001"
    assert FileAccess.select().where(FileAccess.what.startswith("export families")).count() == 1
    screen.destroy()
    mine = SocialReportsScreen(ui, ScreenContext(actor=worker, target=target))
    assert not [w for w in mine.winfo_children() for b in w.winfo_children()
                if "Export" in str(b.cget("text") if "text" in b.keys() else "")]
    mine.destroy()

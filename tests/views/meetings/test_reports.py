"""The meetings reports screen: the chart of themes, PDFs and exports, the themes catalogue."""

import subprocess

from pse_desktop.services.meetings import planning as meetings
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.meetings.reports import MeetingReportsScreen
from tests.views.helpers import rows, select_row, wait
from tests.views.meetings.fixtures import TODAY, staff_ctx, world  # noqa: F401


def _reports(tk_root, ui, admin, target, tmp_path, told=None):
    told = told if told is not None else []
    screen = MeetingReportsScreen(ui, ScreenContext(
        actor=admin, target=target,
        extra={"today": TODAY, "open_file": lambda path: True, "print_file": None},
        choose_file=lambda parent, mode, **kw: str(tmp_path / kw["initialfile"]),
        inform=lambda *a: told.append(a), status=lambda *a: told.append(a)))
    screen.pack(fill="both", expand=True)
    tk_root.update()
    return screen


def test_chart_themes_pdf_new_theme_and_a_bad_date(tk_root, ui, admin, world, target, tmp_path):
    reports = _reports(tk_root, ui, admin, target, tmp_path)
    assert reports.draw_chart() is not None
    wait(tk_root, reports.themes_pdf())
    pdf = next(tmp_path.glob("themes-*.pdf"))
    assert "No meeting was held" in subprocess.run(["pdftotext", str(pdf), "-"],
                                                   capture_output=True, text=True).stdout
    reports.theme_form.set_values({"name": "Nutrition"})
    assert reports.save_theme().name == "Nutrition"
    assert ("Nutrition", "yes") in rows(reports.theme_list)
    reports.from_var.set("nonsense")
    assert reports.participation_pdf() is None and "from" in reports.error.cget("text")


def test_a_held_meeting_is_drawn_and_a_theme_retired(tk_root, ui, admin, world, target, tmp_path):
    hygiene = next(t for t in meetings.list_themes() if t.name == "Hygiene")
    from pse_desktop.services.meetings.attendance import Presence, record_attendance

    f1 = meetings.family_by_code(admin, "F00001")
    m = meetings.save_meeting(admin, None, {"centre_id": world.id, "held_on": TODAY,
                                            "theme_id": hygiene.id}, family_ids=[f1.id])
    record_attendance(admin, m.id, [Presence(f1.id, True, None, "")], today=TODAY)
    told = []
    reports = _reports(tk_root, ui, admin, target, tmp_path, told)
    report = reports.draw_chart()
    assert "Hygiene" in report.themes
    canvas = reports.canvas.canvas
    texts = [canvas.itemcget(i, "text") for i in canvas.find_all() if canvas.type(i) == "text"]
    assert "Hygiene" in texts
    wait(tk_root, reports.export())
    assert next(tmp_path.glob("meetings-*.xlsx")).stat().st_size > 0 and told
    select_row(tk_root, reports.theme_list, lambda v: v[0] == "Hygiene")
    assert reports.theme_form.values()["name"] == "Hygiene"
    reports.theme_active.set(False)
    reports.save_theme()
    assert ("Hygiene", "retired") in rows(reports.theme_list)
    assert "Hygiene" not in [t.name for t in meetings.list_themes()]

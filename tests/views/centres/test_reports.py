"""Follow-up and reports window: lists, rates chart, PDF printed in the background."""

import datetime as dt
import subprocess
import time

from pse_desktop.services.centres import attendance, groups as attendance_setup, children, families
from pse_desktop.services.core import places
from pse_desktop.views.centres.reports import ReportsScreen
from pse_desktop.views.common.base import ScreenContext

TODAY = dt.date(2026, 3, 6)


def wait(tk_root, task, seconds=20):
    end = time.time() + seconds
    while not task.finished and time.time() < end:
        tk_root.update()
        time.sleep(0.02)
    assert task.finished


def test_followup_lists_rates_and_pdf(tk_root, ui, admin, target, tmp_path):
    centre = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    group = attendance_setup.save_group(admin, None, centre.id, "Sun", "daycare")
    fam = families.save_family(admin, None, "F00001", phone="012 999")
    kid = children.save_child(admin, None, dict(
        code="STM-0001", name_latin="Keo Dara", name_km="កែវ ដារ៉ា", sex="M",
        birth_date=dt.date(2022, 1, 1), family_id=fam.id, centre_id=centre.id, programme="daycare",
        enrolled_on=dt.date(2026, 1, 5)), group_id=group.id)
    for i in range(5):
        attendance.record_day(admin, group.id, dt.date(2026, 3, 2 + i), {kid.id: "A" if i else "P"},
                              "paper", today=TODAY)
    out = tmp_path / "reg.pdf"
    ctx = ScreenContext(actor=admin, target=target, extra={"today": TODAY},
                        choose_file=lambda *a, **k: str(out))
    screen = ReportsScreen(ui, ctx)
    screen.pack(fill="both", expand=True)
    tk_root.update()
    assert screen.streaks.total == 1
    values = screen.streaks.tree.item(screen.streaks.tree.get_children()[0], "values")
    assert values[0] == "Keo Dara" and values[4] == "4 days" and values[7] == "012 999"
    assert screen.low.total == 1
    assert screen.rates.total == 1 and screen.chart.find_all()
    task = screen.print_pdf(blank=False)
    wait(tk_root, task)
    assert "Saved" in screen.print_status.cget("text")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Keo Dara" in text and "20%" in text
    out2 = tmp_path / "a.csv"
    screen.ctx.choose_file = lambda *a, **k: str(out2)
    wait(tk_root, screen.export())
    assert "Keo Dara" in out2.read_text(encoding="utf-8-sig")
    # a whole year in one file, written in the background with progress
    out3 = tmp_path / "year.xlsx"
    screen.ctx.choose_file = lambda *a, **k: str(out3)
    screen.from_var.set("2026-01-01")
    screen.to_var.set("2026-12-31")
    wait(tk_root, screen.export_range(), seconds=60)
    assert "Saved" in screen.print_status.cget("text")
    from openpyxl import load_workbook

    rows = list(load_workbook(out3).active.values)
    assert len(rows) == 1 + 12 and rows[3][4] == "Keo Dara" and rows[3][-1] == 0.2


def test_centre_staff_without_followup_sees_rates_and_printing(tk_root, ui, admin, target, make_user):
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    staff = make_user("sophea", "centre_staff", centres=["STM"])
    screen = ReportsScreen(ui, ScreenContext(actor=staff, target=target, extra={"today": TODAY}))
    assert screen.streaks is not None  # centre staff follow their own centre's absences
    screen.month_var.set("2026-13")
    screen.refresh()
    assert "month" in screen.error.cget("text")

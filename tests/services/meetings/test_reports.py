"""Meetings' reports: participation (never-came first), themes per quarter, exports, PDFs."""

import csv
import datetime as dt
import subprocess

import pytest
from openpyxl import load_workbook

from pse_desktop.services.centres import families
from pse_desktop.services.meetings import (
    planning as meetings, attendance as meetings_attendance, reports as meetings_reports,
)
from pse_desktop.services.core import places
from pse_desktop.services.common.errors import ValidationError
from pse_desktop.services.meetings.attendance import Presence

DAY = dt.date.today() - dt.timedelta(days=40)


@pytest.fixture
def held(admin):
    """Three meetings in STM: F1 came to all, F2 to one, F3 never (invited to all three)."""
    stm = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    fams = [families.save_family(admin, None, code, guardians=[
        {"name_latin": latin, "name_km": km, "relation": "mother"}])
        for code, latin, km in (("F1", "Sok Sophea", "សុខ សុភា"), ("F2", "Chan Thida", "ចាន់ ធីតា"),
                                ("F3", "Kim Bopha", "គឹម បុប្ផា"))]
    themes = {t.name: t.id for t in meetings.list_themes()}
    plan = [(DAY, "Hygiene", {0, 1}), (DAY + dt.timedelta(days=10), "Hygiene", {0}),
            (DAY + dt.timedelta(days=100), "Women's rights", {0})]
    for day, theme, came in plan:
        if day > dt.date.today():
            day = dt.date.today()
        m = meetings.save_meeting(admin, None, {"centre_id": stm.id, "held_on": day,
                                                "theme_id": themes[theme], "title": theme},
                                  family_ids=[f.id for f in fams])
        meetings_attendance.record_attendance(admin, m.id, [
            Presence(f.id, i in came, f.guardians[0].id if i in came else None)
            for i, f in enumerate(fams)])
    return stm, fams


def test_participation_lists_the_family_that_never_came_first(admin, held):
    stm, _fams = held
    report = meetings_reports.participation(admin, DAY - dt.timedelta(days=1), dt.date.today())
    assert [(r.family_code, r.invited, r.attended) for r in report.rows] == [
        ("F3", 3, 0), ("F2", 3, 1), ("F1", 3, 3)]
    assert report.rows[2].rate == 100.0 and report.never_came == 1
    assert [r.family_code for r in meetings_reports.families_never_came(admin, DAY, dt.date.today())] == ["F3"]
    with pytest.raises(ValidationError) as err:
        meetings_reports.participation(admin, dt.date.today(), DAY)
    assert err.value.field == "to"


def test_themes_per_quarter_counts_held_meetings(admin, held):
    report = meetings_reports.themes_by_quarter(admin, DAY, dt.date.today())
    assert sum(report.total("STM", q) for q in report.quarters) == 3
    q = meetings_reports.quarter_of(DAY)
    assert report.counts[("STM", q)]["Hygiene"] >= 1
    assert report.themes == ["Hygiene", "Women's rights"]


def test_exports_csv_and_xlsx_and_pdfs_read_back(admin, held, tmp_path):
    from pse_desktop.reports.meetings.summary import render_participation, render_themes

    n = meetings_reports.export_meetings(admin, DAY, dt.date.today(), tmp_path / "m.csv")
    assert n == 9
    raw = (tmp_path / "m.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader((tmp_path / "m.csv").open(encoding="utf-8-sig")))
    assert rows[0][:4] == ["Date", "Time", "Centre", "Theme"]
    f3 = [r for r in rows[1:] if r[8] == "F3"]
    assert len(f3) == 3 and all(r[12] == "no" for r in f3) and f3[0][10] == "គឹម បុប្ផា"
    meetings_reports.export_meetings(admin, DAY, dt.date.today(), tmp_path / "m.xlsx")
    ws = load_workbook(tmp_path / "m.xlsx").active
    assert ws.max_row == 10 and ws.cell(1, 9).value == "Family"
    with pytest.raises(ValidationError):
        meetings_reports.export_meetings(admin, DAY, dt.date.today(), tmp_path / "m.txt")
    out = render_participation(meetings_reports.participation(admin, DAY, dt.date.today()),
                               tmp_path / "p.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    lines = [line for line in text.splitlines() if line.strip()[:2] in ("F1", "F2", "F3")]
    assert lines[0].split()[0] == "F3" and "never" in lines[0] and "1 never came" in text
    out = render_themes(meetings_reports.themes_by_quarter(admin, DAY, dt.date.today()), tmp_path / "t.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    assert "Women's rights" in text and "STM" in text

"""Monthly registers, rates, follow-up lists, exports and the PDF read back."""

import datetime as dt
import subprocess

import pytest

from pse_desktop.db.centres import MonthTotal
from pse_desktop.reports.centres.register import render_register
from pse_desktop.services.centres import (
    attendance, export as attendance_export, followup as attendance_followup, groups as
    attendance_setup, summary as attendance_summary, children, families,
)
from pse_desktop.services.core import places

MON = dt.date(2026, 3, 2)  # a Monday
DAYS = [MON + dt.timedelta(days=i) for i in range(5)]  # Mon..Fri
TODAY = dt.date(2026, 3, 6)


@pytest.fixture
def world(admin):
    centre = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    group = attendance_setup.save_group(admin, None, centre.id, "Sun", "daycare")
    fam = families.save_family(admin, None, "F00001", phone="012 999 888",
                               guardians=[{"name_latin": "Keo Thida", "relation": "mother"}])
    kids = [children.save_child(admin, None, dict(
        code=f"STM-{i:04d}", name_latin=latin, name_km=km, sex="F", birth_date=dt.date(2022, 1, 1 + i),
        family_id=fam.id, centre_id=centre.id, programme="daycare", enrolled_on=dt.date(2026, 1, 5)),
        group_id=group.id) for i, (latin, km) in enumerate(
            [("Keo Bopha", "កែវ បុប្ផា"), ("Keo Dara", "កែវ ដារ៉ា"), ("Keo Sokha", "កែវ សុខា")])]
    attendance_setup.add_day_off(admin, dt.date(2026, 3, 8), "International Women's Day")
    # Bopha always present; Dara absent the last 3 days; Sokha late, sick, excused.
    week = {kids[0].id: "PPPPP", kids[1].id: "PPAAA", kids[2].id: "PLSPE"}
    for i, day in enumerate(DAYS):
        marks = {cid: ((s[i], "Funeral") if s[i] == "E" else s[i]) for cid, s in week.items()}
        attendance.record_day(admin, group.id, day, marks, "typed from paper", today=TODAY)
    return centre, group, kids


def test_month_register_totals_and_rates(admin, world):
    centre, group, kids = world
    reg = attendance_summary.month_register(admin, group.id, "2026-03")
    assert [line.code for line in reg.lines] == ["STM-0000", "STM-0001", "STM-0002"]
    assert len(reg.days) == 31 and reg.closed[dt.date(2026, 3, 7)] == "Sat"
    dara = reg.lines[1]
    assert dara.counts()["A"] == 3 and dara.rate == 40.0
    assert reg.lines[2].rate == 60.0  # P, L, P of 5 marks
    totals = reg.totals()
    assert (totals["P"], totals["L"], totals["A"], totals["S"], totals["E"]) == (9, 1, 3, 1, 1)
    assert reg.rate == 66.7
    rates = attendance_summary.monthly_rates(admin, "2026-03", by="centre")
    assert [(r.key, r.rate) for r in rates] == [("STM", 66.7)]
    assert attendance_summary.yearly_rates(admin, 2025, 2026) == {"STM": {2026: 66.7}}
    summary = dict(attendance_summary.centre_month_summary(admin, centre.id, "2026-03"))
    assert summary[kids[1].id]["A"] == 3


def test_month_totals_follow_corrections(admin, world):
    centre, group, kids = world
    attendance.record_day(admin, group.id, DAYS[4], {kids[1].id: "P"}, "came late", today=TODAY)
    total = MonthTotal.get()
    assert (total.present, total.absent) == (10, 2)
    attendance.rebuild_month_totals()
    again = MonthTotal.get()
    assert (again.present, again.absent) == (10, 2)


def test_followup_lists(admin, world, make_user):
    centre, group, kids = world
    streaks = attendance_followup.absence_streaks(admin, 3, today=TODAY)
    assert [(r.code, r.figure, r.last_present) for r in streaks] == [
        ("STM-0001", "3 days", DAYS[1])]
    assert streaks[0].contact == "012 999 888" and "Keo Thida" in streaks[0].guardians
    assert attendance_followup.absence_streaks(admin, 4, today=TODAY) == []
    low = attendance_followup.low_attendance(admin, "2026-03", 50, today=TODAY)
    assert [(r.code, r.figure) for r in low] == [("STM-0001", "40%")]
    other = places.save_centre(admin, None, "CBA", "Chbar Ampov", "Phnom Penh")
    assert other
    staff = make_user("vanna", "centre_staff", centres=["CBA"])
    assert attendance_followup.absence_streaks(staff, 3, today=TODAY) == []
    assert attendance_followup.unregistered_groups(admin, TODAY) == []
    children.save_child(admin, None, dict(
        code="STM-0100", name_latin="New Child", sex="M", birth_date=dt.date(2022, 6, 1),
        family_id=kids[0].family_id, centre_id=centre.id, programme="daycare",
        enrolled_on=TODAY), group_id=group.id)
    todo = attendance_followup.unregistered_groups(admin, TODAY)
    assert [(o.group_name, o.marked, o.children) for o in todo] == [("Sun", 3, 4)]


def test_pdf_register_reads_back(admin, world, tmp_path):
    centre, group, kids = world
    out = render_register(attendance_summary.month_register(admin, group.id, "2026-03"),
                          tmp_path / "reg.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True).stdout
    assert "Monthly register" in text and "March 2026" in text
    assert "Keo Dara (STM-0001)" in text
    assert "67%" in text and "40%" in text
    assert "International Women's Day" in text
    blank = render_register(attendance_summary.month_register(admin, group.id, "2026-03", blank=True),
                            tmp_path / "blank.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(blank), "-"], capture_output=True,
                          text=True).stdout
    assert "Blank register" in text and "Keo Sokha" in text and "67%" not in text


def test_export_csv_and_xlsx(admin, world, tmp_path):
    from openpyxl import load_workbook

    count = attendance_export.export_month(admin, "2026-03", tmp_path / "a.csv")
    assert count == 3
    raw = (tmp_path / "a.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "កែវ ដារ៉ា".encode() in raw
    attendance_export.export_month(admin, "2026-03", tmp_path / "a.xlsx")
    rows = list(load_workbook(tmp_path / "a.xlsx").active.iter_rows(values_only=True))
    assert rows[0][:5] == ("Centre", "Group", "Code", "Name", "Khmer name")
    assert rows[2][3] == "Keo Dara" and rows[2][-1] == pytest.approx(0.4) and rows[2][5 + 3] == "A"
    assert load_workbook(tmp_path / "a.xlsx").active.cell(3, len(rows[0])).number_format == "0.0%"

"""Meetings' reports: participation (never-came first), themes per quarter, exports."""

import csv
import datetime as dt

import pytest
from openpyxl import load_workbook

from pse_desktop.services.meetings import reports as meetings_reports
from pse_desktop.services.common.errors import ValidationError
from tests.fixtures.meetings import DAY, held  # noqa: F401

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


def test_exports_csv_and_xlsx(admin, held, tmp_path):
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


# ------------------------------------------------------------------ any input (properties)
from hypothesis import given, strategies as st  # noqa: E402

from pse_desktop.services.meetings import attendance as meetings_attendance, planning  # noqa: E402
from tests.fixtures.inputs import FORMULA_TEXT, assert_no_formula  # noqa: E402


@given(guest=FORMULA_TEXT, note=FORMULA_TEXT, attendee=FORMULA_TEXT, suffix=st.sampled_from([".csv", ".xlsx"]))
def test_names_typed_like_formulas_are_exported_as_text(admin, held, tmp_path, guest, note, attendee, suffix):
    _stm, fams = held
    mid = planning.list_meetings(admin)[0][0].id
    meetings_attendance.record_attendance(admin, mid, [meetings_attendance.Presence(fams[2].id, True, None, attendee)],
                                          guests=[(guest, note)])
    out = tmp_path / f"m{suffix}"
    meetings_reports.export_meetings(admin, DAY, dt.date.today(), out)
    cells = {c for row in assert_no_formula(out) for c in row}
    assert {"'" + guest, "'" + attendee} <= cells or ({guest, attendee} <= cells and suffix == ".xlsx")

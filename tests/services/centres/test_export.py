"""A month's attendance exported to CSV or XLSX: one row per child and group, marks and rate."""

import pytest

from pse_desktop.services.centres import export as attendance_export
from pse_desktop.services.common.errors import PermissionDenied, ValidationError
from tests.fixtures.register import world  # noqa: F401


def test_export_csv_and_xlsx(admin, world, tmp_path):
    from openpyxl import load_workbook

    count = attendance_export.export_month(admin, "2026-03", tmp_path / "a.csv")
    assert count == 3
    raw = (tmp_path / "a.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "កែវ ដារ៉ា".encode() in raw
    attendance_export.export_month(admin, "2026-03", tmp_path / "a.xlsx")
    rows = list(load_workbook(tmp_path / "a.xlsx").active.iter_rows(values_only=True))
    assert rows[0][:5] == ("Centre", "Group", "Code", "Name", "Khmer name")
    assert rows[2][3] == "Keo Dara" and rows[2][-1] == "40%" and rows[2][5 + 3] == "A"


def test_month_table_marks_closed_days_and_counts(admin, world):
    header, rows = attendance_export.month_table(admin, "2026-03")
    assert len(header) == 5 + 31 + 6 and header[-1] == "Rate"
    sokha = rows[2]
    assert sokha[:4] == ["STM", "Sun", "STM-0002", "Keo Sokha"]
    day = lambda d: 5 + d - 1  # noqa: E731  the column of a day of March
    assert sokha[day(1)] == "-"  # Sunday 1 March
    assert sokha[day(2):day(7)] == ["P", "L", "S", "P", "E"]
    assert sokha[day(7)] == "-" and sokha[day(8)] == "-"  # Saturday, and Sunday + Women's Day
    assert sokha[day(10)] == ""  # Tuesday 10 March: open, not marked
    assert sokha[-6:] == [2, 1, 0, 1, 1, "60%"]


def test_wrong_file_or_month_or_role_is_refused(admin, world, make_user, tmp_path):
    with pytest.raises(ValidationError) as err:
        attendance_export.export_month(admin, "2026-03", tmp_path / "a.pdf")
    assert err.value.field == "file"
    with pytest.raises(ValidationError) as err:
        attendance_export.export_month(admin, "March", tmp_path / "a.csv")
    assert err.value.field == "month"
    with pytest.raises(PermissionDenied):
        attendance_export.export_month(make_user("srey", "workshop_manager"), "2026-03", tmp_path / "a.csv")
    assert not (tmp_path / "a.csv").exists()

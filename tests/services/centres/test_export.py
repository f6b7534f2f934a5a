"""A month's attendance exported to CSV or XLSX: one row per child and group, marks and rate."""

from decimal import Decimal

import pytest

from pse_desktop.services.centres import export as attendance_export
from pse_desktop.services.common.tables import Rate
from pse_desktop.services.common.errors import PermissionDenied, ValidationError
from tests.fixtures.register import world  # noqa: F401
import csv
import datetime as dt
from openpyxl import load_workbook
from pse_desktop.services.centres import children


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
    assert sokha[-6:-1] == [2, 1, 0, 1, 1] and sokha[-1] == Rate(Decimal("0.6"))  # typed: a percent cell


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


def test_a_whole_year_in_one_file_with_typed_rates(admin, world, tmp_path):  # noqa: F811
    progress = []
    out = tmp_path / "year.xlsx"
    count = attendance_export.export_range(admin, "2026-01-01", "2026-12-31", out, progress=progress.append)
    assert progress[-1] == 1 and len(progress) == 12
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:6] == ("Month", "Centre", "Group", "Code", "Name", "Khmer name")
    assert count == len(rows) - 1 and {r[0] for r in rows[1:]} >= {"2026-01", "2026-03", "2026-12"}
    march = [r for r in rows[1:] if r[0] == "2026-03"]
    dara = next(r for r in march if r[4] == "Keo Dara")
    assert dara[-1] == pytest.approx(0.4) and dara[-4] == 3
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)


def test_a_partial_range_counts_only_its_days(admin, world, tmp_path):  # noqa: F811
    out = tmp_path / "part.csv"
    attendance_export.export_range(admin, "2026-03-04", "2026-03-05", out)
    rows = list(csv.reader(out.open(encoding="utf-8-sig", newline="")))
    dara = next(r for r in rows[1:] if r[4] == "Keo Dara")
    assert dara[6 + 1] == "" and dara[6 + 3] == "A"  # 2 March is outside the range
    assert dara[-6:-1] == ["0", "0", "2", "0", "0"] and dara[-1] == "0.0%"


def test_imported_formula_names_never_become_formulas(admin, world, tmp_path):  # noqa: F811
    centre, group, kids = world
    children.save_child(admin, kids[0].id, dict(
        code=kids[0].code, name_latin='=HYPERLINK("http://x","Keo")', sex="F",
        birth_date=dt.date(2022, 1, 1), family_id=kids[0].family_id, centre_id=centre.id,
        programme="daycare", enrolled_on=dt.date(2026, 1, 5)))
    attendance_export.export_month(admin, "2026-03", tmp_path / "m.xlsx")
    ws = load_workbook(tmp_path / "m.xlsx").active
    cell = next(c for r in ws.iter_rows() for c in r if str(c.value).startswith("=HYPER"))
    assert cell.data_type == "s" and cell.quotePrefix
    attendance_export.export_month(admin, "2026-03", tmp_path / "m.csv")
    assert "'=HYPERLINK" in (tmp_path / "m.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("first, last, says", [("2026-03-05", "2026-03-01", "before"),
                                               ("2020-01-01", "2026-01-01", "at most"),
                                               ("x", "2026-01-01", "must be a date")])
def test_bad_ranges_name_the_field(admin, world, tmp_path, first, last, says):  # noqa: F811
    with pytest.raises(ValidationError) as e:
        attendance_export.export_range(admin, first, last, tmp_path / "x.csv")
    assert says in e.value.message and e.value.field in ("from", "to")

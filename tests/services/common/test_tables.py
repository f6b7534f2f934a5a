"""Tables go to CSV (with a BOM for Excel) or XLSX, chosen by the file's extension."""

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from pse_desktop.services.common.errors import ValidationError
from pse_desktop.services.common.tables import check_table_path, write_table
import csv
import datetime as dt
from pse_desktop.services.common import tables
from pse_desktop.services.common.tables import Money, Rate
import tempfile
from pathlib import Path
from hypothesis import given, strategies as st
from tests.fixtures.inputs import HOSTILE_TEXT

ROWS = [["STM-001", "សុខ ស្រីនាង", "12.50"], ["STM-002", "Chan Dara", "3.00"]]


def test_csv_has_a_bom_the_header_and_the_khmer_text(tmp_path):
    out = tmp_path / "children.csv"
    assert write_table(out, ["code", "name", "amount"], iter(ROWS)) == 2
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines == ["code,name,amount", "STM-001,សុខ ស្រីនាង,12.50", "STM-002,Chan Dara,3.00"]


def test_xlsx_sheet_with_numbers_made_by_xlsx_row(tmp_path):
    out = tmp_path / "children.XLSX"
    count = write_table(out, ["code", "name", "amount"], ROWS, sheet="A very long sheet name " * 3,
                        xlsx_row=lambda r: r[:2] + [Decimal(r[2])])
    assert count == 2
    book = load_workbook(out)
    ws = book.worksheets[0]
    assert len(ws.title) == 31
    values = list(ws.iter_rows(values_only=True))
    assert values[0] == ("code", "name", "amount")
    assert values[1][:2] == ("STM-001", "សុខ ស្រីនាង")
    assert float(values[1][2]) == 12.5


def test_other_extensions_are_refused_naming_the_field(tmp_path):
    assert check_table_path(tmp_path / "a.csv").name == "a.csv"
    with pytest.raises(ValidationError) as info:
        write_table(tmp_path / "a.pdf", ["x"], [], field="file")
    assert info.value.field == "file"
    assert not (tmp_path / "a.pdf").exists()


DANGEROUS = ["=HYPERLINK(\"http://evil\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
             "\t=1+1", "\r=1+1"]


def test_csv_neutralises_formulas_and_removes_control_characters(tmp_path):
    out = tmp_path / "t.csv"
    rows = [[d, 1] for d in DANGEROUS] + [["Dara\x00\x1b", "-"], ["-5", "+855 12"]]
    assert tables.write_table(out, ["name", "n"], rows) == len(rows)
    read = list(csv.reader(out.open(encoding="utf-8-sig", newline="")))[1:]
    for (cell, _), original in zip(read, DANGEROUS):
        assert cell == "'" + original
    assert read[-2] == ["Dara", "-"]
    assert read[-1][0] == "-5"


def test_xlsx_has_no_formula_and_typed_cells(tmp_path):
    out = tmp_path / "t.xlsx"
    day = dt.date(2026, 3, 2)
    rows = [[d, Money(1250), Money(41000, "KHR"), Money(-300, "EUR"), Rate(Decimal("0.84")), day, 3]
            for d in DANGEROUS + ["Dara\x00\x07 ok"]]
    tables.write_table(out, ["name", "usd", "khr", "eur", "rate", "day", "n"], rows, sheet="Sales: 2026/03")
    book = load_workbook(out)
    ws = book.active
    assert ws.title == "Sales- 2026-03"
    for row in ws.iter_rows(min_row=2):
        name, usd, khr, eur, rate, when, n = row
        assert name.data_type == "s" and not str(name.value).startswith("'")
        assert usd.value == pytest.approx(12.5) and "$" in usd.number_format
        assert khr.value == 41000 and "៛" in khr.number_format
        assert eur.value == pytest.approx(-3) and "€" in eur.number_format
        assert rate.value == pytest.approx(0.84) and rate.number_format == "0.0%"
        assert when.is_date and when.value.date() == day
        assert n.value == 3
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)
    assert [c.value for c in next(ws.iter_rows(min_row=2))][0] == DANGEROUS[0]
    assert ws.cell(ws.max_row, 1).value == "Dara ok"


def test_csv_amounts_are_exact_texts():
    assert tables.csv_cell(Money(1250)) == "12.50"
    assert tables.csv_cell(Money(-5, "USD")) == "-0.05"
    assert tables.csv_cell(Money(41000, "KHR")) == "41000"
    assert tables.csv_cell(Rate(Decimal("0.4"))) == "40.0%"
    assert tables.csv_cell(Rate(None)) == ""
    assert tables.csv_cell(dt.date(2026, 1, 2)) == "2026-01-02"


def test_wrong_extension_names_the_field(tmp_path):
    with pytest.raises(ValidationError) as e:
        tables.write_table(tmp_path / "t.pdf", ["a"], [], field="file")
    assert e.value.field == "file"


CELL = st.one_of(HOSTILE_TEXT, st.integers(-10 ** 20, 10 ** 20), st.none(),
                 st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2199, 12, 31)),
                 st.builds(Money, st.integers(-10 ** 12, 10 ** 12), st.sampled_from(["USD", "EUR", "KHR"])),
                 st.builds(Rate, st.decimals(0, 1, places=3)))


@given(rows=st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=1, max_size=8), sheet=HOSTILE_TEXT)
def test_every_export_opens_typed_and_without_formulas(rows, sheet):
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "t.xlsx"
        tables.write_table(out, ["a", "b", "c"], rows, sheet=sheet)
        ws = load_workbook(out).active
        for written, row in zip(ws.iter_rows(min_row=2), rows):
            for cell, value in zip(written, row):
                assert cell.data_type != "f"
                if isinstance(value, Money):
                    assert cell.data_type == "n" and cell.number_format == tables.FORMATS[value.currency]
                elif isinstance(value, Rate):
                    assert cell.number_format == tables.PERCENT_FORMAT
                elif isinstance(value, dt.date):
                    assert cell.is_date
                elif isinstance(value, str) and value:
                    assert cell.data_type == "s" or cell.value is None
        out = Path(folder) / "t.csv"
        tables.write_table(out, ["a", "b", "c"], rows)
        for line in list(csv.reader(out.open(encoding="utf-8-sig", newline="")))[1:]:
            for cell in line:
                assert not tables.needs_neutralising(cell) or cell.startswith("'")

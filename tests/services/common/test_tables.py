"""Tables go to CSV (with a BOM for Excel) or XLSX, chosen by the file's extension."""

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from pse_desktop.services.common.errors import ValidationError
from pse_desktop.services.common.tables import check_table_path, write_table

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

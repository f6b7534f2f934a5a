"""Reading real spreadsheets: encodings and separators as Excel and LibreOffice save them, files
that are not spreadsheets refused with what to do, header variants, formula-like cells."""

import pytest
from openpyxl import Workbook

from pse_desktop.services.common import sheets
from pse_desktop.services.common.errors import ValidationError


@pytest.mark.parametrize("raw, encoding, delimiter", [
    ("\ufeffcode,name\nSTM-1,សុខ\n".encode("utf-8"), "utf-8", ","),
    ("code\tname\r\nSTM-1\tសុខ\r\n".encode("utf-16"), "utf-16", "\t"),
    ("code;name\nSTM-1;Sok\n".encode("utf-8"), "utf-8", ";"),
    ("code,name\nSTM-1,Renée\n".encode("cp1252"), "cp1252", ","),
])
def test_text_files_as_office_programs_save_them(tmp_path, raw, encoding, delimiter):
    path = tmp_path / "kids.csv"
    path.write_bytes(raw)
    sheet = sheets.read_sheet(path)
    assert (sheet.encoding, sheet.delimiter) == (encoding, delimiter)
    assert sheet.rows[0] == ["code", "name"] and sheet.rows[1][0] == "STM-1"
    assert sheet.code_page == (encoding == "cp1252")


def test_xlsx_cells_become_texts(tmp_path):
    wb = Workbook()
    wb.active.append(["code", "name"])
    wb.active.append(["STM-1", "សុខ"])
    wb.save(tmp_path / "kids.xlsx")
    sheet = sheets.read_sheet(tmp_path / "kids.xlsx")
    assert sheet.encoding == "xlsx" and sheet.rows[1] == ["STM-1", "សុខ"]


@pytest.mark.parametrize("name, raw, says", [
    ("a.xls", b"x", "save it from the spreadsheet as .xlsx"),
    ("a.pdf", b"x", "not a spreadsheet"),
    ("a.csv", b"", "is empty"),
    ("a.csv", b"PK\x03\x04rest", "rename it to .xlsx"),
    ("a.csv", b"%PDF-1.4", "not a text spreadsheet"),
])
def test_files_that_are_not_spreadsheets_say_what_to_do(tmp_path, name, raw, says):
    (tmp_path / name).write_bytes(raw)
    with pytest.raises(ValidationError) as err:
        sheets.read_sheet(tmp_path / name)
    assert err.value.field == "file" and says in err.value.message


def test_header_keys_and_formula_like_cells():
    assert sheets.header_key("Date de naissance ") == "date de naissance"
    assert sheets.header_key("BIRTH_DATE") == sheets.header_key("birth-date") == "birth date"
    assert sheets.looks_like_formula("=1+1") and sheets.looks_like_formula("-cmd|' /C calc'!A0")
    assert not sheets.looks_like_formula("+855 12 345 678")
    assert not sheets.looks_like_formula("-12") and not sheets.looks_like_formula("")

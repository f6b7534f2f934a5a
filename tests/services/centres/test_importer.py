"""Import of children and families: preview names bad rows; all valid rows or none."""

import csv

import pytest

from pse_desktop.db.centres import Child, Family, GroupMembership, Guardian
from pse_desktop.services.centres import importer as attendance_import, groups as attendance_setup
from pse_desktop.services.core import places
from pse_desktop.services.common.errors import PermissionDenied, ValidationError

COLS = attendance_import.COLUMNS


def write_csv(path, rows, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COLS)
        for r in rows:
            w.writerow([r.get(c, "") for c in COLS])
    return path


def row(**kw):
    base = dict(family_code="F01001", guardian_name="Sok Sophea", guardian_name_km="សុខ សុភា",
                child_code="STM-9001", name_latin="Sok Dara", name_km="សុខ ដារ៉ា", sex="M",
                birth_date="2021-05-14", centre="STM", programme="daycare", group="Daycare A",
                enrolled_on="2026-01-05", clothing_size="4")
    base.update(kw)
    return base


@pytest.fixture
def centre(admin):
    c = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    attendance_setup.save_group(admin, None, c.id, "Daycare A", "daycare")
    return c


def test_preview_names_every_bad_row_and_commit_writes_valid_ones(admin, centre, tmp_path):
    path = write_csv(tmp_path / "kids.csv", [
        row(),
        row(child_code="STM-9002", name_latin="Sok Pisey", sex="F", birth_date="2022-02-30"),
        row(child_code="STM-9003", centre="XXX"),
        row(child_code="STM-9004", name_latin=""),
        row(child_code="STM-9001", name_latin="Sok Vanna"),
        row(child_code="STM-9005", name_latin="Sok Vanna", birth_date="2020-01-01"),
    ])
    result = attendance_import.preview(admin, path)
    errors = {r.line: r.error for r in result.bad}
    assert "birth date" in errors[3] and "2022-02-30" in errors[3]
    assert "unknown centre" in errors[4]
    assert "name_latin" in errors[5] and "missing" in errors[5]
    assert "duplicate code STM-9001" in errors[6] and "line 2" in errors[6]
    assert len(result.valid) == 2 and result.new_families == {"F01001"}
    assert not Child.select().exists()
    assert attendance_import.commit(admin, result) == 2
    assert Family.select().count() == 1 and Guardian.get().name_km == "សុខ សុភា"
    assert Child.select().count() == 2 and GroupMembership.select().count() == 2
    again = attendance_import.preview(admin, path)
    assert "already in the database" in {r.line: r.error for r in again.bad}[2]


def test_code_page_file_without_khmer_is_read_and_missing_columns_refuse_the_file(admin, centre, tmp_path):
    path = write_csv(tmp_path / "cp1252.csv", [row(name_latin="Sok Dàra", name_km="", guardian_name_km="")],
                     encoding="cp1252")
    result = attendance_import.preview(admin, path)
    assert not result.file_error and result.encoding == "cp1252"
    assert result.valid[0].child["name_latin"] == "Sok Dàra"
    bad = tmp_path / "cols.csv"
    bad.write_text("name,birth\nDara,2020-01-01\n", encoding="utf-8")
    result = attendance_import.preview(admin, bad)
    assert "missing columns" in result.file_error
    with pytest.raises(ValidationError):
        attendance_import.commit(admin, result)


def test_xlsx_template_round_trip_and_permission(admin, centre, tmp_path, make_user):
    path = attendance_import.write_template(tmp_path / "template.xlsx")
    result = attendance_import.preview(admin, path)
    assert not result.file_error and len(result.valid) == 1, [r.error for r in result.bad]
    staff = make_user("sophea", "centre_staff", centres=["STM"])
    with pytest.raises(PermissionDenied):
        attendance_import.preview(staff, path)


def test_all_or_nothing_when_a_row_fails_while_writing(admin, centre, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "kids.csv", [row(), row(child_code="STM-9002", name_latin="Sok Pisey")])
    result = attendance_import.preview(admin, path)
    Child.create(code="STM-9002", name_latin="Sneaked in", sex="F", birth_date="2021-01-01",
                 family=Family.create(code="F9"), centre=centre.id, programme="daycare",
                 enrolled_on="2026-01-01")
    with pytest.raises(Exception):
        attendance_import.commit(admin, result)
    assert Child.select().count() == 1 and Family.select().count() == 1


# ------------------------------------------------------------------ files as Excel and LibreOffice make them

def lines_of(rows, columns=COLS):
    return [columns] + [[r.get(c, "") for c in COLS] for r in rows]


def test_excel_csv_on_windows_loses_khmer_and_is_refused_with_the_fix(admin, centre, tmp_path):
    # Excel's "CSV (Comma delimited)" writes cp1252: every Khmer letter becomes '?'
    path = tmp_path / "excel.csv"
    with open(path, "w", encoding="cp1252", errors="replace", newline="\r\n") as fh:
        csv.writer(fh, lineterminator="\n").writerows(lines_of([row(), row(child_code="STM-9002",
                                                                           name_latin="Sok Pisey")]))
    assert b"???" in path.read_bytes()
    result = attendance_import.preview(admin, path)
    assert "Khmer letters were lost" in result.file_error and "CSV UTF-8" in result.file_error
    assert "LibreOffice" in result.file_error and not result.rows
    with pytest.raises(ValidationError):
        attendance_import.commit(admin, result)
    assert not Child.select().exists()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_utf8_with_or_without_bom(admin, centre, tmp_path, encoding):
    result = attendance_import.preview(admin, write_csv(tmp_path / "k.csv", [row()], encoding=encoding))
    assert not result.file_error and result.valid[0].child["name_km"] == "សុខ ដារ៉ា"


def test_excel_unicode_text_utf16_tabs(admin, centre, tmp_path):
    path = tmp_path / "unicode.txt"
    text = "\r\n".join("\t".join(r) for r in lines_of([row()])) + "\r\n"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    result = attendance_import.preview(admin, path)
    assert not result.file_error and result.encoding == "utf-16", result.file_error
    assert attendance_import.commit(admin, result) == 1
    assert Child.get().name_km == "សុខ ដារ៉ា"


def test_libreoffice_semicolons_and_french_headers(admin, centre, tmp_path):
    french = ["Code famille", "Nom du parent", "Nom khmer du parent", "Code enfant", "Nom",
              "Nom khmer", "Sexe", "Date de naissance", "Centre", "Programme", "Groupe",
              "Date d'inscription", "Remarque"]
    values = ["F01001", "Sok Sophea", "សុខ សុភា", "STM-9001", "Sok Dara", "សុខ ដារ៉ា", "M",
              "2021-05-14", "STM", "daycare", "Daycare A", "2026-01-05", "vient le matin"]
    path = tmp_path / "libre.csv"
    path.write_text(";".join(french) + "\n" + ";".join(values) + "\n", encoding="utf-8")
    result = attendance_import.preview(admin, path)
    assert not result.file_error, result.file_error
    assert result.unknown_columns == ["Remarque"]
    assert result.valid[0].child["name_latin"] == "Sok Dara"


def test_xlsx_made_with_openpyxl_typed_cells(admin, centre, tmp_path):
    import datetime as dt
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append([c.upper().replace("_", " ") for c in COLS])
    r = row()
    ws.append([dt.datetime(2021, 5, 14) if c == "birth_date" else dt.date(2026, 1, 5) if c == "enrolled_on"
               else 4 if c == "clothing_size" else r.get(c, None) for c in COLS])
    path = tmp_path / "typed.xlsx"
    book.save(path)
    result = attendance_import.preview(admin, path)
    assert not result.file_error and len(result.valid) == 1, (result.file_error, [x.error for x in result.bad])


def test_rows_with_more_or_fewer_cells_and_formulas_are_bad(admin, centre, tmp_path):
    path = tmp_path / "k.csv"
    rows = lines_of([row(), row(child_code="STM-9002", name_latin="=HYPERLINK(\"http://x\",\"y\")"),
                     row(child_code="STM-9003", name_latin="Sok Mey", guardian_phone="+855 12 345 678")])
    rows.append(rows[1][:-1])
    rows.append(rows[1] + ["extra"])
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    result = attendance_import.preview(admin, path)
    errors = {r.line: r.error for r in result.bad}
    assert "formula" in errors[3] and "name_latin" in errors[3]
    assert "cells but the header has" in errors[5] and "cells but the header has" in errors[6]
    assert [r.line for r in result.valid] == [2, 4]


def test_likely_duplicates_are_skipped_unless_ticked(admin, centre, tmp_path):
    first = attendance_import.preview(admin, write_csv(tmp_path / "a.csv", [row()]))
    attendance_import.commit(admin, first)
    path = write_csv(tmp_path / "b.csv", [row(child_code="STM-9100"),
                                          row(child_code="STM-9101", name_latin="Sok Mey", name_km=""),
                                          row(child_code="STM-9102", name_latin="Sok  mey", name_km="")])
    result = attendance_import.preview(admin, path)
    dups = {r.line: r.duplicate_of for r in result.duplicates}
    assert dups == {2: "STM-9001 Sok Dara", 4: "line 3"}
    assert attendance_import.commit(admin, result) == 1
    assert Child.select().count() == 2
    result = attendance_import.preview(admin, write_csv(tmp_path / "c.csv", [row(child_code="STM-9200")]))
    assert attendance_import.commit(admin, result, include_duplicates=[2]) == 1


def test_new_family_without_guardian_is_flagged(admin, centre, tmp_path):
    path = write_csv(tmp_path / "k.csv", [
        row(family_code="F7", guardian_name="X" * 200),  # the guardian's row is bad
        row(family_code="F7", child_code="STM-9002", name_latin="Sok Pisey", guardian_name="",
            guardian_name_km=""),
        row(family_code="F8", child_code="STM-9003", name_latin="Chan Mey", guardian_name="", guardian_name_km=""),
        row(family_code="F8", child_code="STM-9004", name_latin="Chan Nita", guardian_name="Chan Sreymom",
            guardian_name_km="", guardian_relation="father"),
    ])
    result = attendance_import.preview(admin, path)
    errors = {r.line: r.error for r in result.bad}
    assert "guardian 1 name" in errors[2]
    assert "new family F7 has no guardian" in errors[3] and "2" in errors[3]
    assert [r.line for r in result.valid] == [4, 5]
    attendance_import.commit(admin, result)
    assert [g.name_latin for g in Guardian.select()] == ["Chan Sreymom"]


@pytest.mark.parametrize("name, content, says", [
    ("empty.csv", b"", "is empty"),
    ("blank.csv", b"\r\n\r\n", "is empty"),
    ("header.csv", ",".join(COLS).encode() + b"\r\n", "no row of children"),
    ("notes.pdf", b"%PDF-1.4", "not a spreadsheet"),
    ("renamed.xlsx", b"family_code,child_code\n", "not a real .xlsx"),
    ("zip.xlsx", None, "cannot be read as a workbook"),
    ("book.csv", b"PK\x03\x04rest", "rename it to .xlsx"),
    ("old.xls", b"\xd0\xcf\x11\xe0", "save it from the spreadsheet as .xlsx"),
    ("huge.csv", ",".join(COLS).encode() + b"\n" + b"x" * 100_000 + b"\n", "longer than"),
    ("nul.csv", b"family_code\x00,child_code\n", "NUL"),
    ("quote.csv", ",".join(COLS).encode() + b'\n"unclosed\n', "cells but the header has"),
])
def test_every_file_problem_is_one_clear_message(admin, centre, tmp_path, name, content, says):
    path = tmp_path / name
    if content is None:
        import zipfile
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("hello.txt", "not a workbook")
    else:
        path.write_bytes(content)
    result = attendance_import.preview(admin, path)
    assert says in result.file_error or says in " ".join(r.error for r in result.rows), result.file_error


def test_too_large_file(admin, centre, tmp_path, monkeypatch):
    from pse_desktop.services.common import sheets

    monkeypatch.setattr(sheets, "MAX_BYTES", 100)
    path = write_csv(tmp_path / "k.csv", [row()])
    assert "too large" in attendance_import.preview(admin, path).file_error


# ------------------------------------------------------------------ properties
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

from hypothesis import given, strategies as st  # noqa: E402

from tests.fixtures.inputs import HOSTILE_TEXT, refused_cleanly  # noqa: E402


@given(content=st.one_of(st.binary(max_size=400),
                         st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
                         st.text(max_size=300).map(lambda t: t.encode("utf-16", "surrogatepass"))),
       suffix=st.sampled_from([".csv", ".txt", ".xlsx", ".xls", ""]))
def test_any_file_is_read_or_refused_with_one_message(admin, centre, content, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"k{suffix}"
        path.write_bytes(content)
        result = attendance_import.preview(admin, path)
        assert result.file_error or result.rows is not None
        if result.file_error:
            assert not result.rows
            refused_cleanly(lambda: attendance_import.commit(admin, result), "file")


@given(column=st.sampled_from(COLS), value=HOSTILE_TEXT)
def test_any_cell_is_imported_or_its_row_is_bad_and_nothing_is_half_written(admin, centre, column, value):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "k.csv"
        with open(path, "w", encoding="utf-8", errors="surrogatepass", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(COLS)
            r = row(**{"child_code": f"STM-{abs(hash(value)) % 10 ** 6}", column: value})
            w.writerow([r.get(c, "") for c in COLS])
        result = attendance_import.preview(admin, path)
        if result.file_error or not result.valid:
            refused_cleanly(lambda: attendance_import.commit(admin, result), "file")
        else:
            before = Child.select().count()
            assert refused_cleanly(lambda: attendance_import.commit(admin, result)) in (1, None)
            assert Child.select().count() in (before, before + 1)

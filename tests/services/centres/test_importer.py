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


def test_wrong_encoding_and_missing_columns_refuse_the_file(admin, centre, tmp_path):
    path = write_csv(tmp_path / "latin1.csv", [row(name_latin="Sok Dàra", name_km="", guardian_name_km="")], encoding="latin-1")
    result = attendance_import.preview(admin, path)
    assert "wrong encoding" in result.file_error
    with pytest.raises(ValidationError):
        attendance_import.commit(admin, result)
    bad = tmp_path / "cols.csv"
    bad.write_text("name,birth\nDara,2020-01-01\n", encoding="utf-8")
    assert "missing columns" in attendance_import.preview(admin, bad).file_error


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

"""Payroll commands: export a month to CSV/XLSX, print the payslips."""

import csv
import datetime as dt
import subprocess

import pytest
from openpyxl import load_workbook

from pse_desktop.db import close_database, init_database, resolve_target
from pse_desktop import areas
from pse_desktop.services.payroll import run as payroll_run, timesheets, workers
from pse_desktop.services.core import permissions
from tests.fixtures.cli import run


@pytest.fixture
def db_file(tmp_path):
    pw = tmp_path / "pw.txt"
    pw.write_text("admin-pass\n")
    path = tmp_path / "x.sqlite3"
    assert run("--db", str(path), "init", "--admin", "admin", "--password-file", str(pw)) == 0
    init_database(resolve_target(str(path)))
    areas.load_services()
    actor = permissions.cli_actor()
    info = workers.save_worker(actor, None, dict(name_latin="Sok Sophea", name_khmer="សុខ សុភា", job="seamstress",
                                                 hire_date=dt.date(2025, 1, 1)))
    workers.add_contract(actor, info.id, "2025-01-01", "monthly", "210")
    timesheets.quick_fill(actor, "2026-01")
    payroll_run.compute_draft(actor, "2026-01", 4100)
    close_database()
    return path


def test_export_payroll_csv_and_xlsx(db_file, tmp_path, capsys):
    out = tmp_path / "p.csv"
    assert run("export", "payroll", "--db", str(db_file), "--month", "2026-01", "--out", str(out)) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens Khmer right
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:7] == ["code", "name_latin", "days_worked", "gross_usd", "nssf_employee_usd", "tax_khr",
                           "net_usd"]
    assert rows[1][:7] == ["E001", "Sok Sophea", "27", "229.00", "4.58", "0", "224.42"]
    assert rows[1][7:] == ["4.58", "5.95", "1.83", "241.36"]
    xlsx = tmp_path / "p.xlsx"
    assert run("export", "payroll", "--db", str(db_file), "--month", "2026-01", "--out", str(xlsx)) == 0
    ws = load_workbook(xlsx).active
    assert ws["A2"].value == "E001" and float(ws["G2"].value) == pytest.approx(224.42)


def test_report_payslips(db_file, tmp_path, capsys):
    out = tmp_path / "slips.pdf"
    assert run("report", "payslips", "--db", str(db_file), "--month", "2026-01", "--out", str(out)) == 0
    assert "draft" in capsys.readouterr().err
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "$224.42" in text and "Sok Sophea" in text


def test_missing_month_is_an_error(db_file, tmp_path, capsys):
    assert run("report", "payslips", "--db", str(db_file), "--month", "2025-07", "--out",
               str(tmp_path / "x.pdf")) == 2
    assert "no payroll" in capsys.readouterr().err
    assert run("export", "payroll", "--db", str(db_file), "--month", "2026-01", "--out",
               str(tmp_path / "x.txt")) == 2

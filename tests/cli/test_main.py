"""The command line as an admin or a scheduled job uses it."""

import hashlib
import subprocess
import sys

from pathlib import Path

import pytest

from pse_desktop import cli
from pse_desktop.db import close_database, init_database
from pse_desktop.services.core import permissions, places
from tests.fixtures.cli import demo_db, pg_demo, run  # noqa: F401  (fixtures)


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db_file(empty_db, engine, tmp_path):
    """A new database with its admin: a SQLite file (a Path) or a PostgreSQL URL."""
    pw = tmp_path / "pw.txt"
    pw.write_text("admin-pass\n")
    assert run("--db", empty_db, "init", "--admin", "admin", "--password-file", str(pw)) == 0
    return Path(empty_db) if engine == "sqlite" else empty_db


def test_init_then_check_prints_ok(db_file, capsys):
    assert run("--db", str(db_file), "check") == 0
    assert capsys.readouterr().out.startswith("OK")


def test_db_option_after_the_subcommand_too(db_file, capsys):
    assert run("check", "--db", str(db_file)) == 0


@pytest.mark.sqlite_only  # SQLite files; PostgreSQL: tests/services/core/test_pgdump.py
def test_check_refuses_random_and_truncated_files_unchanged(db_file, tmp_path, capsys):
    noise = tmp_path / "noise"
    noise.write_bytes(b"\x13\x37" * 3000)
    cut = tmp_path / "cut.sqlite3"
    cut.write_bytes(db_file.read_bytes()[:10000])
    for path in (noise, cut):
        before = sha(path)
        assert run("--db", str(path), "check") != 0
        assert sha(path) == before
    err = capsys.readouterr().err
    assert "not an SQLite file" in err and "damaged" in err


def test_user_add_list_disable(db_file, tmp_path, capsys):
    pw = tmp_path / "u.txt"
    pw.write_text("secret-pass\n")
    init_database(str(db_file))  # a centre to give her (the demo is tested in test_demo.py)
    places.save_centre(permissions.cli_actor(), None, "STM", "Stung Meanchey", "Phnom Penh")
    close_database()
    assert run("--db", str(db_file), "user", "add", "mony", "--role", "centre_staff",
               "--centre", "STM", "--password-file", str(pw)) == 0
    assert run("--db", str(db_file), "user", "disable", "mony") == 0
    capsys.readouterr()
    assert run("--db", str(db_file), "user", "list") == 0
    line = [l for l in capsys.readouterr().out.splitlines() if l.startswith("mony")][0]
    assert "disabled" in line and "STM" in line
    assert run("--db", str(db_file), "user", "add", "bad", "--role", "centre_staff",
               "--centre", "NOPE", "--password-file", str(pw)) == 2
    assert "no centre with code" in capsys.readouterr().err


@pytest.mark.sqlite_only  # SQLite files; PostgreSQL: tests/services/core/test_pgdump.py
def test_backup_and_restore_round_trip(db_file, tmp_path, capsys):
    out = tmp_path / "b.sqlite3"
    assert run("--db", str(db_file), "backup", "--out", str(out)) == 0
    assert run("--db", str(db_file), "demo") == 0
    assert run("--db", str(db_file), "restore", str(out), "--yes") == 0
    capsys.readouterr()
    run("--db", str(db_file), "user", "list")
    assert capsys.readouterr().out.split() [:1] == ["admin"]
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)
    assert run("--db", str(db_file), "restore", str(bad), "--yes") == 2


@pytest.mark.sqlite_only  # SQLite files; PostgreSQL: tests/services/core/test_pgdump.py
def test_restore_without_terminal_needs_yes(db_file, tmp_path):
    out = tmp_path / "b.sqlite3"
    run("--db", str(db_file), "backup", "--out", str(out))
    proc = subprocess.run([sys.executable, "-m", "pse_desktop", "--db", str(db_file), "restore",
                           str(out)], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert proc.returncode == 2 and "--yes" in proc.stderr


def test_every_subcommand_has_help():
    for args in (["init"], ["user", "add"], ["backup"], ["restore"], ["check"], ["demo"],
                 ["migrate-to"]):
        with pytest.raises(SystemExit) as info:
            cli.main(args + ["--help"])
        assert info.value.code == 0


@pytest.mark.sqlite_only  # a SQLite file shared by processes
def test_a_save_blocked_by_another_process_prints_a_calm_error(db_file, tmp_path, capsys,
                                                               monkeypatch):
    from pse_desktop.db import connection
    from tests.fixtures.processes import hold_write_lock

    pw = tmp_path / "u.txt"
    pw.write_text("secret-pass\n")
    monkeypatch.setattr(connection, "BUSY_ATTEMPTS", 1)  # one wait of busy_timeout (3 s)
    other = hold_write_lock(db_file, 30)
    try:
        code = run("--db", str(db_file), "user", "add", "mony", "--role", "admin",
                   "--password-file", str(pw))
    finally:
        other.close()
    err = capsys.readouterr().err
    assert code == 2
    assert err == "error: Someone else is saving, try again in a moment.\n"
    assert run("--db", str(db_file), "user", "add", "mony", "--role", "admin",
               "--password-file", str(pw)) == 0


@pytest.mark.sqlite_only  # a SQLite file shared by processes
def test_restore_refuses_and_names_who_has_the_database_open(db_file, tmp_path, capsys):
    from tests.fixtures.processes import other_window

    out = tmp_path / "b.sqlite3"
    assert run("--db", str(db_file), "backup", "--out", str(out)) == 0
    other = other_window(db_file)
    try:
        assert run("--db", str(db_file), "restore", str(out), "--yes") == 2
        assert "open in another window: Sophea on " in capsys.readouterr().err
        assert other.send("set khr_per_usd 4200") == "saved"
    finally:
        other.close()


@pytest.mark.sqlite_only  # a SQLite file shared by processes
def test_check_fails_on_a_dropped_lock_trigger(db_file, capsys):
    import sqlite3

    conn = sqlite3.connect(db_file)
    conn.execute("DROP TRIGGER payslip_line_final_no_insert")
    conn.commit()
    conn.close()
    assert run("--db", str(db_file), "check") == 1
    assert ("protections missing: payslip_line: payslip_line_final_no_insert"
            in capsys.readouterr().err)


def _periods():
    """Last month (YYYY-MM) and the half year up to today, the span the demo fills."""
    import datetime as dt

    today = dt.date.today()
    last = today.replace(day=1) - dt.timedelta(days=1)
    return f"{last:%Y-%m}", (today - dt.timedelta(days=183)).isoformat(), today.isoformat()


def _commands():
    month, start, end = _periods()
    span = ("--from", start, "--to", end)
    exports = [("attendance", "--month", month), ("payroll", "--month", month),
               ("sales", *span), ("stock",), ("meetings", *span), ("production", *span),
               ("families",), ("assessments", *span), ("support", *span),
               ("rice", "--month", month), ("training",)]
    reports = [("attendance", "--centre", "STM", "--month", month),
               ("attendance", "--centre", "STM", "--month", month, "--blank"),
               ("payslips", "--month", month), ("payroll-register", "--month", month),
               ("payroll-cash", "--month", month), ("payroll-nssf", "--month", month)]
    return exports, reports


@pytest.mark.parametrize("on", ["sqlite", "postgresql"])
def test_every_export_and_report_runs_on_a_whole_demo_office(request, on, tmp_path, capsys):
    """Each export (CSV and XLSX) and each PDF report of the command line, on a year of demo data,
    on both engines: SQL that only one engine accepts fails here."""
    from openpyxl import load_workbook

    db = str(request.getfixturevalue("demo_db" if on == "sqlite" else "pg_demo"))
    exports, reports = _commands()
    for kind, *args in exports:
        out = tmp_path / f"{kind}.csv"
        assert run("--db", db, "export", kind, *args, "--out", str(out)) == 0, kind
        lines = out.read_text(encoding="utf-8-sig").splitlines()
        assert len(lines) > 1, f"{kind}: no rows from the demo"
    xlsx = tmp_path / "families.xlsx"
    assert run("--db", db, "export", "families", "--out", str(xlsx)) == 0
    assert load_workbook(xlsx).active.max_row > 1
    for n, (kind, *args) in enumerate(reports):
        out = tmp_path / f"{kind}-{n}.pdf"
        assert run("--db", db, "report", kind, *args, "--out", str(out)) == 0, (kind, args)
        assert out.read_bytes()[:5] == b"%PDF-" and out.stat().st_size > 5000, kind
    capsys.readouterr()

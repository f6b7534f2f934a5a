"""Opening databases: new, older (upgraded after a backup), newer, foreign and damaged files."""

import hashlib
import sqlite3

import pytest

from pse_desktop.db import DatabaseRefused, close_database, guards, init_database, migrations
from pse_desktop.db.core import Centre, Shop


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_gets_every_migration_and_the_pse_header(tmp_path):
    result = init_database(str(tmp_path / "new.sqlite3"))
    assert result.created
    assert migrations.applied_versions(Centre._meta.database) == migrations.known_versions()
    close_database()
    conn = sqlite3.connect(tmp_path / "new.sqlite3")
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x50534544
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_pragmas_are_set_on_open(tmp_path):
    init_database(str(tmp_path / "p.sqlite3"))
    db = Centre._meta.database
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 3000
    close_database()


def test_previous_schema_is_upgraded_after_a_backup_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    init_database(str(path), upto={"core": 1})
    assert "shop" not in Centre._meta.database.get_tables()
    Centre.create(code="STM", name="Stung Meanchey", area="Phnom Penh")
    close_database()

    result = init_database(str(path), backup_dir=tmp_path / "bk")
    assert result.upgraded[0] == "core 2: shops and shop staff"
    assert [u.split(":")[0] for u in result.upgraded] == [
        f"core {v}" for v in range(2, migrations.known_versions()["core"] + 1)]
    assert result.backup_path and result.backup_path.exists()
    assert Centre.get(Centre.code == "STM").name == "Stung Meanchey"
    Shop.create(code="PP1", name="Shop")
    close_database()
    old = sqlite3.connect(result.backup_path)
    assert old.execute("SELECT version FROM pse_schema WHERE area='core'").fetchone()[0] == 1
    assert old.execute("SELECT name FROM centre").fetchall() == [("Stung Meanchey",)]


def test_newer_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "newer.sqlite3"
    init_database(str(path))
    Centre._meta.database.execute_sql("UPDATE pse_schema SET version = 99 WHERE area = 'core'")
    close_database()
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="newer version"):
        init_database(str(path))
    assert digest(path) == before


def test_foreign_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="not a PSE Desktop database"):
        init_database(str(path))
    assert digest(path) == before


def test_random_and_truncated_files_are_refused_untouched(tmp_path):
    noise = tmp_path / "noise.bin"
    noise.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(DatabaseRefused, match="not an SQLite file"):
        init_database(str(noise))
    good = tmp_path / "good.sqlite3"
    init_database(str(good))
    for i in range(300):
        Centre.create(code=f"C{i}", name="x" * 60, area="Phnom Penh")
    close_database()
    cut = tmp_path / "cut.sqlite3"
    cut.write_bytes(good.read_bytes()[:8192])
    before = digest(cut)
    with pytest.raises(DatabaseRefused, match="damaged"):
        init_database(str(cut))
    assert digest(cut) == before


def test_missing_file_is_not_created_when_create_is_false(tmp_path):
    with pytest.raises(DatabaseRefused, match="no database"):
        init_database(str(tmp_path / "nothing.sqlite3"), create=False)
    assert not (tmp_path / "nothing.sqlite3").exists()


def triggers_of(path):
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    finally:
        conn.close()


def test_an_older_payroll_schema_gets_the_missing_insert_lock(tmp_path):
    from pse_desktop.services.core import backup

    path = tmp_path / "old.sqlite3"
    init_database(str(path), upto={"payroll": 1})
    close_database()
    assert "payslip_line_final_no_insert" not in triggers_of(path)
    assert backup.check_file(path).ok  # an older backup is whole for its version
    init_database(str(path))
    close_database()
    assert "payslip_line_final_no_insert" in triggers_of(path)
    assert backup.check_file(path).ok
    assert {g.name for g in guards.guards("payroll")} <= triggers_of(path)


def test_check_reports_a_missing_lock_or_audit_trigger(tmp_path):
    from pse_desktop.services.core import backup

    path = tmp_path / "p.sqlite3"
    init_database(str(path))
    close_database()
    assert backup.check_file(path).ok
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER payslip_final_no_insert")
    conn.execute("DROP TRIGGER audit_entry_no_delete")
    conn.commit()
    conn.close()
    report = backup.check_file(path)
    assert report.problems == ["protections missing: audit_entry: audit_entry_no_delete, "
                               "payslip: payslip_final_no_insert"]

"""Where the database is and whether a file may be opened: targets, file probes, integrity."""

import shutil
import sqlite3

import pytest

from pse_desktop.db.connection import (
    PSE_APPLICATION_ID, DatabaseRefused, Target, integrity_errors, probe_sqlite_file, resolve_target)


def test_targets_from_the_argument_the_environment_or_a_url(tmp_path, monkeypatch):
    monkeypatch.setenv("PSE_DATABASE", str(tmp_path / "env.sqlite3"))
    assert resolve_target().path == tmp_path / "env.sqlite3"
    assert resolve_target(str(tmp_path / "a" / ".." / "arg.sqlite3")).path == tmp_path / "arg.sqlite3"
    pg = resolve_target("postgresql://pse:secret@10.0.0.5:5432/pse")
    assert pg.is_postgres and pg.path is None
    assert pg.label == "PostgreSQL 10.0.0.5:5432/pse" and "secret" not in pg.label
    assert Target(str(tmp_path / "x.sqlite3")).label == str(tmp_path / "x.sqlite3")


def test_probe_tells_missing_empty_and_pse_files_apart(tmp_path, target):
    assert probe_sqlite_file(tmp_path / "none.sqlite3") == "missing"
    (tmp_path / "empty.sqlite3").write_bytes(b"")
    assert probe_sqlite_file(tmp_path / "empty.sqlite3") == "empty"
    with pytest.raises(DatabaseRefused, match="folder"):
        probe_sqlite_file(tmp_path)


@pytest.mark.sqlite_only  # checks the SQLite file itself
def test_a_new_database_is_recognised_while_open_and_after_a_crash(tmp_path, target):
    """A new database's header (with the PSE application id) must reach the main file at once:
    a second window, the command line or a restart after a crash reads it before SQLite does."""
    assert probe_sqlite_file(target.path) == "pse"  # still open, nothing checkpointed since
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal", "-shm"):  # the files as a power cut would leave them
        source = target.path.with_name(target.path.name + suffix)
        if source.exists():
            shutil.copy(source, crashed / source.name)
    assert probe_sqlite_file(crashed / target.path.name) == "pse"


def test_an_sqlite_file_of_another_program_is_refused(tmp_path):
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseRefused, match="not a PSE Desktop database"):
        probe_sqlite_file(other)
    assert PSE_APPLICATION_ID != 0


@pytest.mark.sqlite_only  # checks the SQLite file itself
def test_integrity_check_of_a_sound_and_a_damaged_file(tmp_path, target):
    assert integrity_errors(target.path, quick=True) == []
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert integrity_errors(bad)

"""Where the database is and whether a file may be opened: targets, file probes, integrity.
Two processes on one SQLite file: busy writes wait then say so; a replaced file is never
written; reads do not hold the write lock (SQLite only: PostgreSQL locks on the server)."""

import shutil
import sqlite3

import pytest

from pse_desktop.db import DatabaseBusy, DataReplaced, database, reading
from pse_desktop.db import connection
from pse_desktop.db.connection import (
    PSE_APPLICATION_ID, DatabaseRefused, Target, integrity_errors, probe_sqlite_file, resolve_target)
from pse_desktop.services.core import backup, settings
from tests.fixtures.processes import hold_write_lock, other_window


def test_targets_from_the_argument_the_environment_or_a_url(tmp_path, monkeypatch):
    monkeypatch.setenv("PSE_DATABASE", str(tmp_path / "env.sqlite3"))
    assert resolve_target().path == tmp_path / "env.sqlite3"
    assert resolve_target(str(tmp_path / "a" / ".." / "arg.sqlite3")).path == tmp_path / "arg.sqlite3"
    pg = resolve_target("postgresql://pse:secret@10.0.0.5:5432/pse")
    assert pg.is_postgres and pg.path is None
    assert pg.label == "PostgreSQL 10.0.0.5:5432/pse" and "secret" not in pg.label
    assert Target(str(tmp_path / "x.sqlite3")).label == str(tmp_path / "x.sqlite3")
    assert Target("postgresql://pse:p@ss@office/pse").label == "PostgreSQL office/pse"


def test_probe_tells_missing_empty_and_pse_files_apart(tmp_path, target):
    assert probe_sqlite_file(tmp_path / "none.sqlite3") == "missing"
    (tmp_path / "empty.sqlite3").write_bytes(b"")
    assert probe_sqlite_file(tmp_path / "empty.sqlite3") == "empty"
    with pytest.raises(DatabaseRefused, match="folder"):
        probe_sqlite_file(tmp_path)


@pytest.mark.sqlite_only
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


@pytest.mark.sqlite_only
def test_integrity_check_of_a_sound_and_a_damaged_file(tmp_path, target):
    assert integrity_errors(target.path, quick=True) == []
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert integrity_errors(bad)


def _short_wait(ms: int) -> None:
    database.execute_sql(f"PRAGMA busy_timeout = {ms}")


@pytest.mark.sqlite_only
def test_a_write_that_meets_a_short_save_waits_and_then_succeeds(admin, target):
    _short_wait(1500)
    other = hold_write_lock(target.path, 0.5)
    try:
        settings.set_values(admin, {"khr_per_usd": 4050})
    finally:
        other.close()
    assert settings.get("khr_per_usd") == 4050


@pytest.mark.sqlite_only
def test_a_write_retries_after_a_wait_runs_out(admin, target, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_ATTEMPTS", 12)
    _short_wait(200)  # one wait is shorter than the other save: only a retry gets through
    other = hold_write_lock(target.path, 0.8)
    try:
        settings.set_values(admin, {"khr_per_usd": 4060})
    finally:
        other.close()
    assert settings.get("khr_per_usd") == 4060


@pytest.mark.sqlite_only
def test_a_write_blocked_too_long_says_someone_else_is_saving(admin, target, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_ATTEMPTS", 2)
    _short_wait(200)
    other = hold_write_lock(target.path, 10)
    try:
        with pytest.raises(DatabaseBusy, match="Someone else is saving, try again in a moment"):
            settings.set_values(admin, {"khr_per_usd": 4050})
    finally:
        other.close()
    assert not database.in_transaction()
    settings.set_values(admin, {"khr_per_usd": 4050})  # free again: the same write goes through
    assert settings.get("khr_per_usd") == 4050


@pytest.mark.sqlite_only
def test_a_read_transaction_leaves_other_processes_free_to_write(admin, target):
    other = other_window(target.path, session=False)
    try:
        with reading():
            before = settings.get("khr_per_usd")
            assert other.send("set khr_per_usd 4321") == "saved"
            assert settings.get("khr_per_usd") == before  # one consistent view while reading
        assert settings.get("khr_per_usd") == 4321
    finally:
        other.close()


@pytest.mark.sqlite_only
def test_a_process_never_writes_into_a_file_replaced_by_a_restore(admin, target, tmp_path):
    saved = backup.make_backup(admin, target, tmp_path / "b.sqlite3")
    other = other_window(target.path, session=False)  # no session entry: the restore goes on
    try:
        assert other.send("set khr_per_usd 4111") == "saved"
        backup.restore(admin, target, saved)
        answer = other.send("set khr_per_usd 4222")
        assert answer.startswith("error DataReplaced The data was replaced")
        assert other.send("alive").startswith("alive The data was replaced")
        # It reads the restored data (the file was written in place, never swapped)
        assert other.send("get khr_per_usd") == f"value {settings.get('khr_per_usd')}"
    finally:
        other.close()
    assert settings.get("khr_per_usd") not in (4111, 4222)
    assert not connection.integrity_errors(target.path)


@pytest.mark.sqlite_only
def test_the_replaced_check_looks_at_the_file_itself(admin, target, tmp_path):
    obj = database.obj
    obj.check_identity()
    moved = tmp_path / "elsewhere.sqlite3"
    target.path.rename(moved)
    target.path.write_bytes(moved.read_bytes())
    with pytest.raises(DataReplaced):
        settings.set_values(admin, {"khr_per_usd": 4050})


@pytest.mark.sqlite_only
def test_each_thread_keeps_the_generation_its_own_connection_saw(admin, target):
    """Tills in threads open their own connections: one opening must not change what another
    saw (a shared value, blanked while a thread opened, was once read as a restore)."""
    import threading

    obj = database.obj
    obj.check_identity()
    seen_here = obj.generation
    raw = sqlite3.connect(target.path)
    raw.execute(f"PRAGMA user_version = {seen_here + 1}")  # what a restore does to the file
    raw.close()
    outcome = {}

    def other_thread():
        try:
            settings.set_values(admin, {"khr_per_usd": 4050})  # opens after the change: fine
            outcome["saved"], outcome["seen"] = True, obj.generation
        except Exception as exc:  # pragma: no cover - reported by the assertion below
            outcome["error"] = repr(exc)
        finally:
            database.close()

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join(30)
    assert outcome == {"saved": True, "seen": seen_here + 1}
    assert obj.generation == seen_here  # this thread's connection still knows its own
    with pytest.raises(DataReplaced):
        settings.set_values(admin, {"khr_per_usd": 4060})


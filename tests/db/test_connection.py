"""Two processes on one SQLite file: busy writes wait then say so; a replaced file is never
written; reads do not hold the write lock."""

import pytest

from pse_desktop.db import DatabaseBusy, DataReplaced, database, reading
from pse_desktop.db import connection
from pse_desktop.services.core import backup, settings
from tests.fixtures.processes import hold_write_lock, other_window


def _short_wait(ms: int) -> None:
    database.execute_sql(f"PRAGMA busy_timeout = {ms}")


def test_a_write_that_meets_a_short_save_waits_and_then_succeeds(admin, target):
    _short_wait(1500)
    other = hold_write_lock(target.path, 0.5)
    try:
        settings.set_values(admin, {"khr_per_usd": 4050})
    finally:
        other.close()
    assert settings.get("khr_per_usd") == 4050


def test_a_write_retries_after_a_wait_runs_out(admin, target, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_ATTEMPTS", 12)
    _short_wait(200)  # one wait is shorter than the other save: only a retry gets through
    other = hold_write_lock(target.path, 0.8)
    try:
        settings.set_values(admin, {"khr_per_usd": 4060})
    finally:
        other.close()
    assert settings.get("khr_per_usd") == 4060


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


def test_the_replaced_check_looks_at_the_file_itself(admin, target, tmp_path):
    obj = database.obj
    obj.check_identity()
    moved = tmp_path / "elsewhere.sqlite3"
    target.path.rename(moved)
    target.path.write_bytes(moved.read_bytes())
    with pytest.raises(DataReplaced):
        settings.set_values(admin, {"khr_per_usd": 4050})

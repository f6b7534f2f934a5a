import datetime as dt
import os

from pse_desktop.db import sessions


def test_others_sees_another_process_and_not_this_one(tmp_path):
    db = tmp_path / "pse.sqlite3"
    mine = sessions.register(db, "Dara")
    sessions._write(sessions.folder_for(db) / "office-2-77.json", {
        "user": "Sophea", "computer": "office-2", "pid": 77,
        "opened": "2026-01-05T08:00:00", "heartbeat": dt.datetime.now().isoformat()})
    found = sessions.others(db)
    assert [s.user for s in found] == ["Sophea"]
    assert found[0].describe() == "Sophea on office-2 (since 08:00)"
    sessions.unregister(mine)
    assert not mine.path.exists()


def test_stale_and_dead_entries_expire_and_are_removed(tmp_path):
    db = tmp_path / "pse.sqlite3"
    old = dt.datetime.now() - sessions.STALE_AFTER - dt.timedelta(seconds=5)
    folder = sessions.folder_for(db)
    sessions._write(folder / "office-2-77.json", {
        "user": "Sophea", "computer": "office-2", "pid": 77,
        "opened": old.isoformat(), "heartbeat": old.isoformat()})
    # A process of this computer that is gone (pid far beyond any live one).
    sessions._write(folder / "here-dead.json", {
        "user": "Vanna", "computer": sessions.computer_name(), "pid": 2 ** 22 + 12345,
        "opened": dt.datetime.now().isoformat(), "heartbeat": dt.datetime.now().isoformat()})
    (folder / "broken.json").write_text("{", encoding="utf-8")
    assert sessions.others(db) == []
    assert list(folder.iterdir()) == []


def test_a_heartbeat_keeps_an_entry_alive(tmp_path):
    db = tmp_path / "pse.sqlite3"
    entry = sessions.register(db, "Dara")
    later = dt.datetime.now() + sessions.STALE_AFTER + dt.timedelta(minutes=1)
    sessions.beat(entry)
    data = sessions._read(entry.path)
    assert data.pid == os.getpid() and data.heartbeat >= entry.heartbeat
    if os.name == "posix":
        assert entry.path.stat().st_mode & 0o777 == 0o600
    assert later - data.heartbeat > sessions.STALE_AFTER  # would expire without the next beat

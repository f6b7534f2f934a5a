"""Opening a database after a power cut: an unfinished transaction is rolled back, not called
damaged."""

import os
import sqlite3

import pytest

from pse_desktop.db import close_database, init_database, resolve_target
from pse_desktop.db.core import Centre


@pytest.mark.sqlite_only  # a SQLite journal; PostgreSQL recovers through its own WAL
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_hot_journal_left_by_a_killed_writer_is_rolled_back_at_open(tmp_path, admin, target):
    from pse_desktop.services.core import backup, places

    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    copy = backup.make_backup(admin, target, tmp_path / "copy.sqlite3")  # rollback-journal mode
    close_database()
    pid = os.fork()
    if pid == 0:  # a writer that stops in the middle of a big transaction
        try:
            conn = sqlite3.connect(str(copy), isolation_level=None)
            conn.execute("PRAGMA cache_size = 1")  # pages spill into the file before commit
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE centre SET name = 'half-written'")
            conn.execute("CREATE TABLE filler (x)")
            conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 5000)
        finally:
            os._exit(0)  # no commit, no rollback: as a power cut
    os.waitpid(pid, 0)
    journal = copy.with_name(copy.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    init_database(resolve_target(str(copy)))  # not "damaged, restore a backup"
    assert [c.name for c in Centre.select()] == ["Stung Meanchey"]
    close_database()

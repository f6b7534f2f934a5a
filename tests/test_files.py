"""Database, WAL, backups and the log are readable by their owner only; the log keeps no names."""

import logging
import os
import stat

import pytest

from pse_desktop import files
from pse_desktop.db import close_database, init_database, resolve_target
from pse_desktop.services.core import backup

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Unix file modes only")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.sqlite_only  # file modes of the database file; a server's files are its own
def test_database_wal_and_backups_are_private(tmp_path, admin, target):
    from pse_desktop.services.core import places

    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")  # the WAL has data
    live = target.path
    assert mode(live) == 0o600
    wal = live.with_name(live.name + "-wal")
    assert wal.exists() and mode(wal) == 0o600
    assert mode(live.with_name(live.name + "-shm")) == 0o600
    made = backup.make_backup(admin, target)
    assert mode(made) == 0o600 and mode(made.parent) == 0o700
    safety = backup.restore(admin, target, made)
    assert mode(safety) == 0o600 and mode(target.path) == 0o600


def test_a_new_data_folder_is_private_and_an_old_file_is_narrowed(tmp_path):
    old = tmp_path / "old.sqlite3"
    t = resolve_target(str(old))
    init_database(t)
    close_database()
    os.chmod(old, 0o644)
    init_database(t)  # opening again narrows what an older version left readable
    close_database()
    assert mode(old) == 0o600
    deep = tmp_path / "a" / "b" / "pse.sqlite3"
    init_database(resolve_target(str(deep)))
    close_database()
    assert mode(deep.parent) == 0o700 and mode(deep.parent.parent) == 0o700


def test_the_log_is_private_and_keeps_no_names_or_passwords(tmp_path):
    path = tmp_path / "logs" / "pse-desktop.log"
    logger = logging.getLogger("pse_desktop.test_files")
    handler = files.log_handler(path)
    logger.addHandler(handler)
    try:
        try:
            raise ValueError("another child has the code STM-0001: Sok Dara, password hunter22")
        except ValueError:
            logger.error("unexpected error (user id %s)", 7, exc_info=True)
    finally:
        logger.removeHandler(handler)
        handler.close()
    text = path.read_text()
    assert "Sok Dara" not in text and "hunter22" not in text
    assert "ValueError" in text and "user id 7" in text and "test_files.py" in text
    assert mode(path) == 0o600 and mode(path.parent) == 0o700


def test_a_read_only_database_says_read_only_not_damaged(tmp_path, monkeypatch):
    from pse_desktop.db import DatabaseRefused

    path = tmp_path / "pse.sqlite3"
    init_database(resolve_target(str(path)))
    close_database()
    real = os.access
    for blocked in (path, tmp_path):  # the file, then its folder (no room for the WAL)
        monkeypatch.setattr(os, "access", lambda p, m, _b=blocked: False
                            if (str(p) == str(_b) and m == os.W_OK) else real(p, m))
        with pytest.raises(DatabaseRefused, match="read-only") as caught:
            init_database(resolve_target(str(path)))
        assert "damaged" not in str(caught.value) and str(blocked) in str(caught.value)
    monkeypatch.setattr(os, "access", real)
    init_database(resolve_target(str(path)))  # writable again: opens, nothing was lost
    close_database()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anyway")
def test_a_chmod_read_only_database(tmp_path):
    from pse_desktop.db import DatabaseRefused

    path = tmp_path / "pse.sqlite3"
    init_database(resolve_target(str(path)))
    close_database()
    os.chmod(path, 0o400)
    with pytest.raises(DatabaseRefused, match="read-only"):
        init_database(resolve_target(str(path)))


def test_machine_problems_in_plain_words():
    import errno
    import sqlite3

    assert "full" in files.explain(OSError(errno.ENOSPC, "No space left on device"))
    assert "read-only" in files.explain(OSError(errno.EROFS, "Read-only file system"))
    held = PermissionError(errno.EACCES, "in use")
    held.winerror = 32  # Windows: the file is open in another program
    assert "Another program" in files.explain(held)
    assert "read-only" in files.explain(sqlite3.OperationalError(
        "attempt to write a readonly database"))
    assert "full" in files.explain(sqlite3.OperationalError("database or disk is full"))
    assert files.explain(ValueError("something else")) is None

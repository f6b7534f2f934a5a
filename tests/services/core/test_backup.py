import pytest

from pse_desktop.db import close_database, init_database
from pse_desktop.db.core import Centre
from pse_desktop.services.core import backup, places
from pse_desktop.services.common.errors import ValidationError

pytestmark = pytest.mark.sqlite_only  # SQLite files; PostgreSQL backups: test_pgdump.py


def test_backup_then_restore_gives_back_the_same_data(admin, target, tmp_path):
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    saved = backup.make_backup(admin, target, tmp_path / "b.sqlite3")
    places.save_centre(admin, None, "CBA", "Chbar Ampov", "Phnom Penh")
    assert Centre.select().count() == 2
    safety = backup.restore(admin, target, saved)
    assert [c.code for c in Centre.select()] == ["STM"]
    assert safety.exists()
    # The safety copy holds what was there before the restore.
    close_database()
    init_database(str(safety))
    assert Centre.select().count() == 2


def test_corrupt_backup_is_refused_and_nothing_changes(admin, target, tmp_path):
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    good = backup.make_backup(admin, target, tmp_path / "good.sqlite3")
    bad = tmp_path / "bad.sqlite3"
    data = bytearray(good.read_bytes())
    data[4096:8192] = b"\x00garbage" * 512
    bad.write_bytes(bytes(data))
    assert not backup.check_file(bad).ok
    with pytest.raises(ValidationError, match="backup file"):
        backup.restore(admin, target, bad)
    assert [c.code for c in Centre.select()] == ["STM"]


def test_automatic_backups_keep_the_last_n(admin, target):
    from pse_desktop.services.core import settings

    settings.set_values(admin, {"backup_count": 3})
    for _ in range(5):
        backup.auto_backup(target)
    kept = backup.list_backups(target)
    assert len(kept) == 3
    assert all(backup.check_file(p).ok for p in kept)


def test_restore_refuses_while_another_window_has_the_database_open(admin, target, tmp_path):
    from pse_desktop.services.common.errors import ConflictError
    from tests.fixtures.processes import other_window

    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    saved = backup.make_backup(admin, target, tmp_path / "b.sqlite3")
    places.save_centre(admin, None, "CBA", "Chbar Ampov", "Phnom Penh")
    other = other_window(target.path)
    try:
        with pytest.raises(ConflictError, match="open in another window: Sophea on "):
            backup.restore(admin, target, saved)
        assert Centre.select().count() == 2  # nothing replaced
        assert other.send("set khr_per_usd 4200") == "saved"  # the other window goes on
        assert other.send("quit") == "bye"
    finally:
        other.close()
    backup.restore(admin, target, saved)
    assert [c.code for c in Centre.select()] == ["STM"]

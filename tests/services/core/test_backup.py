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


def test_at_most_one_automatic_backup_a_day(admin, target):
    import datetime as dt

    day = dt.datetime(2026, 3, 2, 9, 0)
    for hour in range(5):
        backup.auto_backup(target, now=day + dt.timedelta(hours=hour))
    kept = backup.list_backups(target)
    assert len(kept) == 1 and all(backup.check_file(p).ok for p in kept)


def test_cut_copies_and_old_safety_copies_are_cleaned_and_the_space_is_shown(admin, target):
    import datetime as dt
    import os

    from pse_desktop.services.core import settings

    settings.set_values(admin, {"backup_max_mb": 10})
    made = backup.make_backup(admin, target)
    folder = made.parent
    part = folder / "pse-backup-20260101-000000-000000.sqlite3.part"
    part.write_bytes(b"cut short")
    old = (dt.datetime.now() - dt.timedelta(hours=2)).timestamp()
    os.utime(part, (old, old))
    fresh_part = folder / "pse-backup-29990101-000000-000000.sqlite3.part"
    fresh_part.write_bytes(b"being written by another window")
    for n in range(5):
        (folder / f"before-restore-2026010{n}-000000.sqlite3").write_bytes(b"x")
    safety = backup.restore(admin, target, made)
    assert not part.exists() and fresh_part.exists()
    left = sorted(p.name for p in folder.glob("before-restore-*"))
    assert len(left) == 3 and safety.name in left
    count, used, limit = backup.space_used(target)
    assert count == 1 and used == made.stat().st_size and limit == 10_000_000


@pytest.mark.parametrize("errno_name, said", [("ENOSPC", "disk is full"),
                                              ("EACCES", "read-only"),
                                              ("EBUSY", "Another program is holding")])
def test_a_backup_the_machine_refuses_says_why_and_loses_nothing(admin, target, monkeypatch,
                                                                 errno_name, said):
    import errno

    from pse_desktop.services.common.errors import MachineProblem

    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")

    def refuse(src, dest):
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.with_name(dest.name + ".part").write_bytes(b"half a copy")
        raise OSError(getattr(errno, errno_name), os_strerror(errno_name), str(dest))

    monkeypatch.setattr(backup, "sqlite_copy", refuse)
    with pytest.raises(MachineProblem, match=said) as caught:
        backup.make_backup(admin, target)
    assert "Nothing already saved was lost" in str(caught.value)
    assert not list(backup.backup_folder(target).glob("*.part"))  # no cut copy left
    assert [c.code for c in Centre.select()] == ["STM"]


def os_strerror(name):
    import errno
    import os

    return os.strerror(getattr(errno, name))


def test_an_unwritable_backups_folder_is_named_on_the_command_line(admin, target, tmp_path,
                                                                    monkeypatch, capsys):
    import sqlite3

    from pse_desktop.cli.main import main

    def refuse(src, dest):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(backup, "sqlite_copy", refuse)
    close_database()
    code = main(["--db", str(target.path), "backup", "--out", str(tmp_path / "ro" / "b.sqlite3")])
    err = capsys.readouterr().err
    assert code == 2 and "read-only" in err and "Traceback" not in err
    assert str(tmp_path / "ro") in err


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

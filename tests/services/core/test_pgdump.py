"""Backups of a PostgreSQL database: pg_dump into the backups folder, pg_restore into an empty one."""

import pytest

from pse_desktop import cli
from pse_desktop.db import close_database, init_database
from pse_desktop.db.core import AuditEntry, Centre
from pse_desktop.services.common.errors import ConflictError, ValidationError
from pse_desktop.services.core import backup, places, settings

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def folder(admin, tmp_path):
    settings.set_values(admin, {"backup_dir": str(tmp_path / "backups")})
    return tmp_path / "backups"


def test_dump_is_named_kept_and_restored_into_an_empty_database(admin, target, folder, pg_server):
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    made = [backup.make_backup(admin, target) for _ in range(3)]
    kept = backup.list_backups(target)  # generations: the newest of each day is kept
    assert kept == [made[2]] and not made[0].exists() and not made[1].exists()
    assert all(p.name.startswith("pse-backup-") and p.suffix == ".pgdump" for p in kept)
    report = backup.check_file(kept[0])
    assert report.ok and report.versions["core"] >= 4
    audits = AuditEntry.select().count()

    with pytest.raises(ConflictError, match="not empty"):
        backup.restore(admin, target, kept[0])
    close_database()
    fresh = pg_server.create()
    try:
        from pse_desktop.db import resolve_target

        backup.restore(admin, resolve_target(fresh), kept[0])
        assert [c.code for c in Centre.select()] == ["STM"]
        assert AuditEntry.select().count() == audits  # and one more for the restore
        places.save_centre(admin, None, "CBA", "Chbar Ampov", "Phnom Penh")  # sequences follow
        assert cli.main(["--db", fresh, "check"]) == 0
    finally:
        close_database()
        pg_server.drop(fresh)
    init_database(target)


def test_damaged_dump_and_missing_tools_are_refused_clearly(admin, target, folder, tmp_path,
                                                             monkeypatch):
    bad = tmp_path / "pse-backup-bad.pgdump"
    bad.write_bytes(b"PGDMP garbage" * 100)
    assert not backup.check_file(bad).ok
    with pytest.raises(ValidationError, match="backup file"):
        backup.restore(admin, target, bad)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ConflictError, match="pg_dump was not found.*postgresql-client"):
        backup.make_backup(admin, target)


def test_cli_backup_writes_a_dump(admin, target, folder, capsys):
    close_database()
    assert cli.main(["--db", target.url, "backup"]) == 0
    assert "Backup written to" in capsys.readouterr().out
    assert len(list(folder.glob("pse-backup-*.pgdump"))) == 1
    close_database()

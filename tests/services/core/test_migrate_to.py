"""migrate-to: an office's SQLite file copied to an empty PostgreSQL database, file untouched."""

import datetime as dt
import hashlib

import peewee
import pytest

from pse_desktop import cli
from pse_desktop.db import close_database, database, init_database, resolve_target
from pse_desktop.db.core import AuditEntry, Centre
from pse_desktop.db.shop import Sale
from pse_desktop.services.common.errors import ConflictError
from pse_desktop.services.core import auth, migrate_to, places
from pse_desktop.services.shop import sales, stock
from tests.fixtures.shop import shop_setup  # noqa: F401

pytestmark = pytest.mark.sqlite_only  # the source is a SQLite file; the server comes from pg_server


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_table_is_copied_counted_and_the_file_left_untouched(shop_setup, admin, target,
                                                                    pg_server, capsys):
    day = dt.date(2026, 3, 14)
    pp1, scarf = shop_setup["locs"]["PP1"], shop_setup["v"]["scarf"]
    stock.receive(admin, pp1.id, {scarf.id: 5}, day=day)
    sales.complete_sale(admin, pp1.id, [(scarf.id, 1)], paid_usd="7.25", day=day)
    centres = Centre.select().count()
    close_database()
    before = digest(target.path)
    url = pg_server.create()
    try:
        assert cli.main(["--db", target.url, "migrate-to", url]) == 0
        assert "every table's count checked" in capsys.readouterr().out
        assert digest(target.path) == before
        init_database(url)
        assert Centre.select().count() == centres
        assert [s.number for s in Sale.select()] == [1]
        actor = auth.authenticate("admin", "admin-pass")
        # the copied ledgers stay protected, and the counters and sequences go on from the file
        with pytest.raises(peewee.IntegrityError):
            with database.atomic():
                AuditEntry.delete().execute()
        sid = sales.complete_sale(actor, pp1.id, [(scarf.id, 1)], paid_usd="7.25", day=day)
        assert sales.get_sale(sid).number == 2
        places.save_centre(actor, None, "NEW", "New centre", "Phnom Penh")
        close_database()
        # a second move into the now filled database is refused, nothing changed
        with pytest.raises(ConflictError, match="already has data"):
            migrate_to.migrate_to(actor, target, resolve_target(url))
        assert Sale.select().count() == 2
    finally:
        close_database()
        pg_server.drop(url)
    assert digest(target.path) == before

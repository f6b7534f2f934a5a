"""A new PostgreSQL database: created by the migrations, opened again without change.

Every other database test runs on PostgreSQL too (the ``engine`` parameter of tests/conftest.py).
"""

import peewee
import pytest

from pse_desktop import areas
from pse_desktop.db import close_database, init_database, migrations
from pse_desktop.db.core import AuditEntry, Centre
from pse_desktop.services.core import audit, auth, places, settings, users

pytestmark = pytest.mark.postgres_only


def test_core_services_on_postgres(empty_db):
    URL = empty_db
    assert init_database(URL).created
    areas.load_services()
    assert migrations.applied_versions(Centre._meta.database) == migrations.known_versions()
    users.create_first_admin("admin", "Admin", "admin-pass")
    admin = auth.authenticate("admin", "admin-pass")
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    settings.set_values(admin, {"khr_per_usd": 4050})
    assert settings.get("khr_per_usd") == 4050
    assert audit.list_entries(admin, area="core").total >= 3
    with pytest.raises(peewee.DatabaseError, match="append-only"):
        with Centre._meta.database.atomic():
            AuditEntry.delete().execute()
    close_database()
    again = init_database(URL)
    assert not again.created and not again.upgraded
    close_database()


def test_an_unreachable_server_is_refused_with_a_clear_message():
    from pse_desktop.db import ServerUnreachable

    url = "postgresql://pse:secret@127.0.0.1:9/nowhere"  # port 9: nothing listens there
    with pytest.raises(ServerUnreachable, match="cannot be reached") as info:
        init_database(url)
    text = str(info.value)
    assert "secret" not in text and "blank paper registers" in text

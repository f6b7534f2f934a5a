"""The same services on PostgreSQL, when a throwaway server is given (tools/test.sh starts one).

Set PSE_TEST_POSTGRES_URL=postgresql://user@host:port/db to run these; the database is emptied.
"""

import os

import peewee
import pytest

from pse_desktop import areas
from pse_desktop.db import close_database, init_database, migrations
from pse_desktop.db.core import AuditEntry, Centre
from pse_desktop.services.core import audit, auth, places, settings, users

URL = os.environ.get("PSE_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(not URL, reason="PSE_TEST_POSTGRES_URL not set")


@pytest.fixture
def pg():
    from playhouse.db_url import connect

    raw = connect(URL)
    raw.execute_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    raw.close()
    result = init_database(URL)
    areas.load_services()
    yield result
    close_database()


def test_core_services_on_postgres(pg):
    assert pg.created
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

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


def _run_postgres_half(**env):
    import os
    import subprocess
    import sys

    clean = {k: v for k, v in os.environ.items()
             if k not in ("PSE_TEST_POSTGRES_URL", "PSE_TEST_POSTGRES", "CI")}
    return subprocess.run([sys.executable, "-m", "pytest", "tests/db/test_dialect.py", "-q",
                           "-k", "postgresql", "-p", "no:xvfb"], env={**clean, **env},
                          capture_output=True, text=True,
                          cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))


def test_without_a_server_the_postgresql_tests_fail_in_ci_and_skip_only_when_asked():
    ci = _run_postgres_half(CI="true", PSE_TEST_POSTGRES="0")
    assert ci.returncode != 0 and "PSE_TEST_POSTGRES_URL is not set" in ci.stdout
    dev = _run_postgres_half(PSE_TEST_POSTGRES="0")
    assert dev.returncode == 0 and "skipped" in dev.stdout
    forgot = _run_postgres_half()
    assert forgot.returncode != 0

"""A new PostgreSQL database: created by the migrations, opened again without change.

Every other database test runs on PostgreSQL too (the ``engine`` parameter of tests/conftest.py).
"""

import peewee
import pytest

from pse_desktop import areas
from pse_desktop.db import close_database, init_database, migrations
from pse_desktop.db.core import AuditEntry, Centre
from pse_desktop.db import postgres
from pse_desktop.db.connection import DatabaseRefused, lost_message
from pse_desktop.services.core import audit, auth, places, settings, users
from tests.fixtures.own_server import own_server  # noqa: F401 (a fixture)

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


def _office(url):
    from pse_desktop import areas
    from pse_desktop.db import init_database
    from pse_desktop.services.core import auth, users

    init_database(url)
    areas.load_services()
    users.create_first_admin("admin", "Office Admin", "admin-pass")
    return auth.authenticate("admin", "admin-pass")


def test_a_server_that_stops_mid_session_says_so_and_the_next_try_reconnects(own_server):
    from pse_desktop.db import ServerUnreachable
    from pse_desktop.errors import PseError

    admin = _office(own_server.url())
    settings.set_values(admin, {"khr_per_usd": 4050})
    own_server.stop()
    for _attempt in range(2):  # the dead connection, then a new one refused: the same message
        with pytest.raises(ServerUnreachable) as info:
            settings.set_values(admin, {"khr_per_usd": 4060})
        assert isinstance(info.value, PseError)
        assert "cannot be reached" in str(info.value) and "127.0.0.1" in str(info.value)
    own_server.start()
    settings.set_values(admin, {"khr_per_usd": 4060})  # the same save, retried: it goes through
    assert settings.get("khr_per_usd") == 4060


def test_a_server_restarted_while_the_window_was_idle_takes_the_first_save(own_server):
    """The server ended the idle connection (a restart): it is replaced before the save."""
    admin = _office(own_server.url())
    settings.set_values(admin, {"khr_per_usd": 4050})
    own_server.stop()
    own_server.start()
    settings.set_values(admin, {"khr_per_usd": 4060})
    assert settings.get("khr_per_usd") == 4060


def test_a_server_lost_inside_a_transaction_keeps_nothing_half_saved(own_server):
    from pse_desktop.db import ServerUnreachable

    admin = _office(own_server.url())
    before = Centre.select().count()
    with pytest.raises(ServerUnreachable):
        with Centre._meta.database.atomic():
            Centre.create(code="NEW", name="New centre", area="Phnom Penh")
            own_server.stop()
            Centre.create(code="NEW2", name="Second", area="Phnom Penh")
    assert not Centre._meta.database.in_transaction()
    own_server.start()
    assert Centre.select().count() == before  # the first insert went with the transaction
    Centre.create(code="NEW", name="New centre", area="Phnom Penh")
    assert Centre.select().where(Centre.code == "NEW").count() == 1
    assert admin.username == "admin"


def test_connection_settings_notice_a_cut_network_and_never_show_the_password():
    db = postgres.connect_postgres("postgresql://pse:secret@10.0.0.5/pse?connect_timeout=3")
    assert db.connect_params["connect_timeout"] == 3 and db.connect_params["keepalives"] == 1
    assert "secret" not in db.label and "10.0.0.5" in db.label
    assert "secret" not in lost_message(db.label)
    with pytest.raises(DatabaseRefused, match="no database name"):
        postgres.connect_postgres("postgresql://pse:secret@10.0.0.5")


def _socket_option(conn, option):
    import os
    import socket

    sock = socket.socket(fileno=os.dup(conn.fileno()))  # a copy: closing it leaves libpq's
    try:
        return sock.getsockopt(socket.IPPROTO_TCP, option)
    finally:
        sock.close()


def test_a_vanished_server_times_out_in_half_a_minute_and_a_site_may_say_otherwise(pg_server):
    """The defaults reach the connection and its socket; an option in the URL wins."""
    import socket

    url = pg_server.base
    db = postgres.connect_postgres(url)
    try:
        params = db.connection().get_dsn_parameters()
        assert params["tcp_user_timeout"] == "30000" and params["keepalives"] == "1"
        assert params["keepalives_idle"] == "30" and params["connect_timeout"] == "10"
        assert _socket_option(db.connection(), socket.TCP_USER_TIMEOUT) == 30000
    finally:
        db.close()
    db = postgres.connect_postgres(url + ("&" if "?" in url else "?")
                                  + "tcp_user_timeout=60000&keepalives_idle=20")
    try:
        params = db.connection().get_dsn_parameters()
        assert params["tcp_user_timeout"] == "60000" and params["keepalives_idle"] == "20"
        assert _socket_option(db.connection(), socket.TCP_USER_TIMEOUT) == 60000
    finally:
        db.close()


@pytest.mark.parametrize("said", [
    "could not receive data from server: Connection timed out",
    "could not send data to server: Connection timed out",
    "SSL SYSCALL error: Connection timed out",
])
def test_a_timed_out_connection_is_the_unreachable_server_message(said, monkeypatch):
    """What libpq says when tcp_user_timeout or the keepalives closed the connection."""
    from pse_desktop.db import ServerUnreachable

    db = postgres.connect_postgres("postgresql://pse:secret@10.0.0.5/pse")

    def timed_out(self, sql, params=None):
        raise peewee.OperationalError(said)

    monkeypatch.setattr(peewee.PostgresqlDatabase, "execute_sql", timed_out)
    with pytest.raises(ServerUnreachable) as info:
        db.execute_sql("INSERT INTO centre (code) VALUES ('X')")
    assert str(info.value) == lost_message(db.label)

"""Fresh database per test, on SQLite and on PostgreSQL; one hidden Tk root for the session.

Every test that uses ``target`` (or ``empty_db``) runs once per engine: ``[sqlite]`` and
``[postgresql]`` (see tests/fixtures/engines.py). View tests, and tests marked ``sqlite_only``
(they check SQLite files themselves), run on SQLite only.
"""

from __future__ import annotations

import os

import pytest

from pse_desktop import areas, i18n
from pse_desktop.db import close_database, init_database, resolve_target
from pse_desktop.services.core import auth, users
from pse_desktop.services.core.permissions import Actor
from tests.fixtures.engines import ENGINES, PgServer, require_postgres


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: runs on SQLite only (checks SQLite files)")
    config.addinivalue_line("markers", "postgres_only: runs on PostgreSQL only")


def pytest_generate_tests(metafunc):
    if "engine" not in metafunc.fixturenames:
        return
    node = metafunc.definition
    if node.get_closest_marker("sqlite_only") or "views" in node.path.parts:
        engines = ["sqlite"]
    elif node.get_closest_marker("postgres_only"):
        engines = ["postgresql"]
    else:
        engines = list(ENGINES)
    metafunc.parametrize("engine", engines)


@pytest.fixture
def engine():
    return "sqlite"


@pytest.fixture(scope="session")
def pg_server():
    server = PgServer(require_postgres())
    yield server
    server.close()


@pytest.fixture
def empty_db(engine, tmp_path, request) -> str:
    """The ``--db`` value of a database that does not exist yet (SQLite) or is empty."""
    if engine == "sqlite":
        yield str(tmp_path / "x.sqlite3")
        close_database()
        return
    server = request.getfixturevalue("pg_server")
    url = server.create()
    yield url
    close_database()
    server.drop(url)


@pytest.fixture(autouse=True)
def _prefs(tmp_path, monkeypatch):
    monkeypatch.setenv("PSE_PREFS", str(tmp_path / "prefs.json"))


@pytest.fixture
def lang():
    """``lang("km")`` makes Khmer the current language; English again after the test."""
    yield i18n.set_language
    i18n.set_language("en")


@pytest.fixture
def target(engine, tmp_path, request):
    """An open, migrated, empty database: a file in a temporary folder, or a PostgreSQL clone."""
    if engine == "sqlite":
        t = resolve_target(str(tmp_path / "pse.sqlite3"))
    else:
        server = request.getfixturevalue("pg_server")
        t = resolve_target(server.migrated())
    init_database(t)
    areas.load_services()
    yield t
    close_database()
    if t.is_postgres:
        server.drop(t.url)


@pytest.fixture
def admin(target) -> Actor:
    users.create_first_admin("admin", "Office Admin", "admin-pass")
    return auth.authenticate("admin", "admin-pass")


@pytest.fixture
def make_user(admin):
    """Create a user of a role and return their logged-in Actor."""

    def make(username, role, centres=(), shops=()):
        users.create_user(admin, username, username.title(), role, "secret-pass", centres, shops)
        return auth.authenticate(username, "secret-pass")

    return make


@pytest.fixture(scope="session")
def tk_root():
    """One hidden ttkbootstrap root for every window test (needs a display: pytest-xvfb)."""
    if not os.environ.get("DISPLAY"):
        pytest.skip("no display (install xvfb and pytest-xvfb)")
    import ttkbootstrap as tb

    root = tb.Window(themename="bootstrap-light")
    root.geometry("1200x760")
    yield root
    root.destroy()


@pytest.fixture
def ui(tk_root):
    """A frame in the shared root, destroyed after the test."""
    import gc

    import ttkbootstrap as tb

    holder = tb.Frame(tk_root)
    holder.pack(fill="both", expand=True)
    yield holder
    holder.destroy()
    gc.collect()
    tk_root.update()


def pump(root, times: int = 3) -> None:
    for _ in range(times):
        root.update()

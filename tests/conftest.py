"""Fresh database per test; one hidden Tk root for the whole session."""

from __future__ import annotations

import os

import pytest

from pse_desktop import areas
from pse_desktop.db import close_database, init_database, resolve_target
from pse_desktop.services.core import auth, users
from pse_desktop.services.core.permissions import Actor


@pytest.fixture(autouse=True)
def _prefs(tmp_path, monkeypatch):
    monkeypatch.setenv("PSE_PREFS", str(tmp_path / "prefs.json"))


@pytest.fixture
def target(tmp_path):
    """An open, migrated, empty database in a temporary folder."""
    t = resolve_target(str(tmp_path / "pse.sqlite3"))
    init_database(t)
    areas.load_services()
    yield t
    close_database()


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

"""The window opens the database through this module: created when missing, foreign files refused."""

import pytest

from pse_desktop.db import close_database
from pse_desktop.db.core import Centre
from pse_desktop.services.core.database import DatabaseRefused, open_database, resolve_target


def test_creates_a_missing_database_then_opens_it_again(tmp_path):
    target = resolve_target(str(tmp_path / "office.sqlite3"))
    try:
        first = open_database(target)
        assert first.created and first.upgraded
        Centre.create(code="STM", name="Stung Meanchey", area="Phnom Penh")
        close_database()
        again = open_database(target)
        assert not again.created and again.upgraded == []
        assert Centre.get().code == "STM"
    finally:
        close_database()


def test_refuses_a_file_that_is_not_a_pse_database(tmp_path):
    foreign = tmp_path / "notes.sqlite3"
    foreign.write_bytes(b"this is a text file, not a database" * 10)
    with pytest.raises(DatabaseRefused, match="not a PSE Desktop database"):
        open_database(resolve_target(str(foreign)))
    assert foreign.read_bytes().startswith(b"this is a text file")

"""The window opens the database through this module: created when missing, foreign files refused."""

import pytest

from pse_desktop.db import close_database
from pse_desktop.db.core import Centre
from pse_desktop.services.core.database import DatabaseRefused, open_database, resolve_target
from tests.fixtures.own_server import own_server  # noqa: F401 (a fixture)


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


def test_the_server_check_says_when_a_shared_server_is_gone_and_back(own_server):  # noqa: F811
    import threading

    from pse_desktop.db import database
    from pse_desktop.services.core.database import server_problem

    open_database(resolve_target(own_server.url()))
    assert server_problem() is None
    window_connection = database.obj.connection()
    assert server_problem() is None and database.obj.connection() is window_connection
    answers = []
    worker = threading.Thread(target=lambda: answers.append(server_problem()))
    worker.start()
    worker.join()
    assert answers == [None] and database.obj.connection() is window_connection
    own_server.stop()
    assert "unreachable" in server_problem()  # the window's connection, now dead
    assert "unreachable" in server_problem()  # a new connection, refused
    own_server.start()
    assert server_problem() is None
    assert Centre.select().count() == 0  # the window works on, on a new connection


def test_the_server_check_has_nothing_to_ask_of_a_file(tmp_path):
    from pse_desktop.services.core.database import server_problem

    open_database(resolve_target(str(tmp_path / "office.sqlite3")))
    try:
        assert server_problem() is None
    finally:
        close_database()

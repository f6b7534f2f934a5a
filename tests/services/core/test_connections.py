"""The databases this computer may open at login: its own file and the servers saved here."""

import os

import pytest

from pse_desktop.db import resolve_target
from pse_desktop.services.common.errors import NotFound, ValidationError
from pse_desktop.services.core import connections


def test_a_saved_server_is_listed_after_the_local_file_and_can_be_removed():
    assert [c.name for c in connections.saved()] == [connections.LOCAL]
    assert connections.saved()[0].title == "This computer (local file)"
    added = connections.add("  PSE  head office ",
                            "postgresql://pse:s3cret@office.pse.lan/pse?sslmode=require")
    assert added.name == "PSE head office" and added.target.is_postgres
    assert [c.name for c in connections.saved()] == [connections.LOCAL, "PSE head office"]
    assert "s3cret" not in added.title and "office.pse.lan" in added.title
    path = connections.machine_file("connections.json")
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600  # it holds the password
    assert connections.find("PSE head office").url.endswith("/pse?sslmode=require")
    with pytest.raises(ValidationError) as info:
        connections.add("PSE head office", "postgresql://pse@other/pse")
    assert info.value.field == "name"
    connections.remove("PSE head office")
    assert connections.find("PSE head office") is None
    with pytest.raises(NotFound):
        connections.remove("PSE head office")
    with pytest.raises(ValidationError):
        connections.remove(connections.LOCAL)


@pytest.mark.parametrize("url, says", [
    ("", "postgresql://"),
    ("pse.lan/pse", "must start with postgresql://"),
    ("mysql://pse@office/pse", "must start with postgresql://"),
    ("postgresql://pse@office", "database name"),
    ("postgresql://pse@office/", "database name"),
    ("postgresql://pse@/pse", "server name"),
    ("postgresql://pse@office:port/pse", "port"),
    ("postgresql://pse@office:99999/pse", "port"),
    ("postgresql://office/pse", "user name"),
    ("postgresql://pse@office/pse?sslmode=maybe", "sslmode"),
    ("postgresql://pse@office/my pse", "spaces"),
])
def test_a_bad_address_is_refused_naming_the_field(url, says):
    with pytest.raises(ValidationError) as info:
        connections.check_url(url)
    assert info.value.field == "url" and says in info.value.message
    assert connections.saved()[1:] == []


def test_a_database_given_at_start_is_listed_first_unless_it_is_saved():
    given = resolve_target("postgresql://pse:pw@10.8.0.1/pse")
    first = connections.choices(given)[0]
    assert first.name == connections.GIVEN and "pw" not in first.title
    connections.add("VPN", "postgresql://pse:pw@10.8.0.1/pse")
    assert [c.name for c in connections.choices(given)] == [connections.LOCAL, "VPN"]
    assert connections.choices(connections.local().target)[0].name == connections.LOCAL


def test_the_password_typed_apart_goes_into_the_saved_address():
    saved = connections.add("Office", "postgresql://pse:old@office/pse", password="n3w p@ss/")
    assert saved.url == "postgresql://pse:n3w%20p%40ss%2F@office/pse"
    assert connections.with_password("postgresql://pse@office/pse", "") == \
        "postgresql://pse@office/pse"


def test_at_start_the_given_database_wins_then_the_last_choice_then_the_local_file(monkeypatch):
    monkeypatch.delenv("PSE_DATABASE", raising=False)
    connections.add("Office", "postgresql://pse@office/pse")
    assert connections.at_start(None, "Office").name == "Office"
    assert connections.at_start(None, "Gone").name == connections.LOCAL
    assert connections.at_start("postgresql://pse@office/pse", None).name == "Office"
    monkeypatch.setenv("PSE_DATABASE", "postgresql://pse@elsewhere/pse")
    assert connections.at_start(None, "Office").name == connections.GIVEN

"""Window preferences kept per machine in a small JSON file, never in the database."""

import json

from pse_desktop.views.core import prefs


def test_saved_values_are_merged_and_read_back(tmp_path, monkeypatch):
    path = tmp_path / "sub" / "window.json"
    monkeypatch.setenv("PSE_PREFS", str(path))
    assert prefs.prefs_path() == path
    assert prefs.load() == {}
    prefs.save({"geometry": "1024x600", "dark": False})
    prefs.save({"dark": True})
    assert prefs.load() == {"geometry": "1024x600", "dark": True}
    assert json.loads(path.read_text(encoding="utf-8"))["dark"] is True


def test_a_broken_or_unwritable_file_is_not_an_error(tmp_path, monkeypatch):
    path = tmp_path / "window.json"
    path.write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("PSE_PREFS", str(path))
    assert prefs.load() == {}
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("PSE_PREFS", str(blocker / "window.json"))  # its folder is a file
    prefs.save({"dark": True})
    assert prefs.load() == {}

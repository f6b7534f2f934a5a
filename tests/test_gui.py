"""``pse-desktop-gui``: declared as a gui-script, runs the window with no console streams."""

import sys
import tomllib
from pathlib import Path

from pse_desktop import gui
from pse_desktop.views.core import app

ROOT = Path(__file__).resolve().parent.parent


def test_gui_entry_point_is_a_gui_script():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["gui-scripts"]["pse-desktop-gui"] == "pse_desktop.gui:main"
    assert "pse-desktop-gui" not in project["scripts"]  # a console script would open a console


def test_without_console_streams_output_goes_to_the_log(monkeypatch, tmp_path):
    # pythonw on Windows: sys.stdout and sys.stderr are None; printing must not raise.
    log = tmp_path / "pse-desktop.log"
    monkeypatch.setattr(app, "log_path", lambda: log)
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    ran = []
    monkeypatch.setattr(app, "run_app", lambda db: ran.append(db) or print("started") or 0)
    assert gui.main(["--db", str(tmp_path / "x.sqlite3")]) == 0
    sys.stdout.flush()
    assert ran == [str(tmp_path / "x.sqlite3")]
    assert "started" in log.read_text(encoding="utf-8")


def test_dpi_awareness_is_asked_for_where_windows_offers_it(monkeypatch):
    import ctypes

    calls = []

    class Shcore:
        def SetProcessDpiAwareness(self, level):  # noqa: N802 - the Win32 name
            calls.append(level)

    class Windll:
        shcore = Shcore()

    monkeypatch.setattr(ctypes, "windll", Windll(), raising=False)
    gui._dpi_aware()
    assert calls == [1]

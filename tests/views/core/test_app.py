"""The application object: which frame it starts with, logging out, unexpected errors."""

from pse_desktop.views.core.login import LoginFrame
from pse_desktop.views.core.shell import MainWindow
from tests.views.helpers import app, pump  # noqa: F401


def test_unexpected_errors_are_logged_and_shown(app, monkeypatch, tmp_path):  # noqa: F811
    import ttkbootstrap as tb

    from pse_desktop.views.core import app as appmod

    shown = []
    monkeypatch.setattr(tb.Messagebox, "show_error", lambda text, title, parent=None: shown.append(text))
    monkeypatch.setattr(appmod, "log_path", lambda: tmp_path / "pse.log")
    try:
        raise RuntimeError("disk on fire")
    except RuntimeError as exc:
        app.report_error(type(exc), exc, exc.__traceback__)
    assert "disk on fire" in shown[0] and "not recorded" in shown[0]


def test_logging_out_comes_back_to_the_login(app, tk_root, admin):  # noqa: F811
    app.start()
    assert isinstance(app.content, LoginFrame)
    app.content.form.set_values({"user name": "admin", "password": "admin-pass"})
    app.content.button.invoke()
    pump(tk_root)
    main = app.content
    assert isinstance(main, MainWindow) and app.main is main
    main.ctx.logout()
    pump(tk_root)
    assert isinstance(app.content, LoginFrame) and app.main is None
    assert not main.winfo_exists()


def test_a_full_disk_or_read_only_database_is_said_plainly(app, monkeypatch, tmp_path):  # noqa: F811
    import sqlite3

    import ttkbootstrap as tb

    from pse_desktop.views.core import app as appmod

    shown = []
    monkeypatch.setattr(tb.Messagebox, "show_error", lambda text, title, parent=None: shown.append(text))
    monkeypatch.setattr(appmod, "log_path", lambda: tmp_path / "pse.log")
    for message, said in (("attempt to write a readonly database", "read-only"),
                          ("database or disk is full", "full")):
        try:
            raise sqlite3.OperationalError(message)
        except sqlite3.OperationalError as exc:
            app.report_error(type(exc), exc, exc.__traceback__)
        assert said in shown[-1] and "went wrong" not in shown[-1]
        assert "Nothing already saved was lost" in shown[-1]

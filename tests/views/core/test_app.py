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

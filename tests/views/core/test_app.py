"""The application object: which frame it starts with, logging out, unexpected errors."""

from pse_desktop.views.core.login import LoginFrame
from pse_desktop.views.core.app import App
from pse_desktop.services.core import places
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


def test_window_opens_at_the_screen_size_on_a_small_screen_and_keeps_its_saved_size():
    from pse_desktop.views.core.app import start_geometry

    assert start_geometry(None, (1024, 600)) == "1024x510+0+0"  # title, menu and task bars
    assert start_geometry(None, (1366, 768)) == "1200x760"
    assert start_geometry(None, (1920, 1080)) == "1200x760"
    # The size saved on this computer comes back, unless the screen is now smaller.
    assert start_geometry("1300x700+10+20", (1366, 768)) == "1300x700+10+20"
    assert start_geometry("1300x700+10+20", (1024, 600)) == "1024x510+0+0"
    assert start_geometry("junk", (1366, 768)) == "1200x760"


def test_closing_saves_the_window_size_for_this_computer(tk_root, target, monkeypatch):
    from pse_desktop.views.core import prefs
    from pse_desktop.views.core.app import start_geometry

    old = tk_root.geometry()
    tk_root.geometry("900x640+0+0")
    tk_root.update()
    monkeypatch.setattr(tk_root, "destroy", lambda: None)  # the session's root stays open
    App(tk_root, target).close()
    saved = prefs.load()["geometry"]
    assert saved.startswith("900x640")
    assert start_geometry(saved, (1366, 768)) == saved
    tk_root.geometry(old)


def test_status_bar_shortens_places_and_path_with_the_full_text_in_a_tooltip(tk_root, ui, admin,
                                                                             target):
    for i in range(8):
        places.save_centre(admin, None, f"C{i}", f"Centre number {i} of the south", "Phnom Penh")
    import dataclasses

    many = dataclasses.replace(admin, centre_ids=frozenset(c.id for c in places.list_centres()))
    main = MainWindow(ui, many, target, on_logout=lambda: None, on_theme=lambda dark: None)
    main.pack(fill="both", expand=True)
    tk_root.update()
    assert main.place_label.cget("text").endswith("…")
    assert len(main.place_label.cget("text")) <= 32
    assert "Centre number 7 of the south" in main.tooltips[0].text
    assert main.tooltips[1].text == target.label
    main.destroy()

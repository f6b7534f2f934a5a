"""The application object: which frame it starts with, logging out, unexpected errors."""

import pytest

from pse_desktop.services.core import places
from pse_desktop.views.core.login import LoginFrame
from pse_desktop.views.core.app import App
from pse_desktop.services.core import places
from pse_desktop.views.core.shell import MainWindow
from tests.views.helpers import app, pump  # noqa: F401
from tests.fixtures.own_server import own_server  # noqa: F401 (a fixture)


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


def test_a_busy_database_is_said_calmly_even_where_a_screen_does_not_catch_it(app, monkeypatch):  # noqa: F811,E501
    import ttkbootstrap as tb

    from pse_desktop.db import DatabaseBusy

    shown = []
    monkeypatch.setattr(tb.Messagebox, "show_warning",
                        lambda text, title, parent=None: shown.append(text))
    monkeypatch.setattr(tb.Messagebox, "show_error",
                        lambda text, title, parent=None: shown.append("ERROR " + text))
    exc = DatabaseBusy()
    app.report_error(type(exc), exc, None)
    assert shown == ["Someone else is saving, try again in a moment."]


def test_a_window_whose_data_was_replaced_stops_and_says_so(app, tk_root, admin, target,  # noqa: F811
                                                            tmp_path, monkeypatch):
    import os
    import shutil

    import ttkbootstrap as tb

    from pse_desktop.db import sessions
    from pse_desktop.services.core import backup

    shown = []
    monkeypatch.setattr(tb.Messagebox, "show_warning",
                        lambda text, title, parent=None: shown.append(text))
    app.start()
    app.logged_in(admin)
    pump(tk_root)
    entry = sessions.folder_for(target.path) / f"{sessions.computer_name()}-{os.getpid()}.json"
    assert entry.exists()  # the window says it has the database open
    app.heartbeat()
    assert shown == [] and isinstance(app.content, MainWindow)
    # A restore done elsewhere (its writer on its own connection), under this window's feet.
    saved = backup.make_backup(admin, target, tmp_path / "b.sqlite3")
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    shutil.copyfile(saved, tmp_path / "swap.sqlite3")
    backup._stamp_generation(tmp_path / "swap.sqlite3")
    backup._copy_into_live(tmp_path / "swap.sqlite3", target.path)
    with pytest.raises(Exception, match="data was replaced"):
        places.save_centre(admin, None, "CBA", "Chbar Ampov", "Phnom Penh")
    app.heartbeat()
    assert "The data was replaced" in shown[0]
    assert isinstance(app.content, LoginFrame) and not entry.exists()
    assert places.list_centres() == []  # reopened on the restored data
    places.save_centre(admin, None, "CBA", "Chbar Ampov", "Phnom Penh")
    assert [c.code for c in places.list_centres()] == ["CBA"]
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


def test_the_status_bar_says_when_the_shared_server_is_gone_and_back(tk_root, own_server):  # noqa: F811
    """No save needed: the heartbeat asks the server (off the Tk thread) and says what it found."""
    from pse_desktop import areas
    from pse_desktop.db import close_database, init_database, resolve_target
    from pse_desktop.services.core import auth, users
    from tests.views.helpers import pump_for

    target = resolve_target(own_server.url())
    init_database(target)
    areas.load_services()
    users.create_first_admin("admin", "Office Admin", "admin-pass")
    application = App(tk_root, target)
    errors = []
    default = tk_root.report_callback_exception
    tk_root.report_callback_exception = lambda *exc: errors.append(exc)

    def beat():
        application.heartbeat()
        assert application._check is not None  # asked in a thread, the window goes on
        for _ in range(500):
            pump_for(tk_root, 0.02)
            if application._check is None:
                break
        return application.main.message

    try:
        application.start()
        application.logged_in(auth.authenticate("admin", "admin-pass"))
        pump(tk_root)
        assert beat().cget("text") == ""
        own_server.stop()
        line = beat()
        assert "unreachable" in line.cget("text") and "danger" in str(line.cget("style"))
        own_server.start()
        line = beat()
        assert "answers again" in line.cget("text") and "danger" not in str(line.cget("style"))
        assert beat().cget("text") == line.cget("text")  # said once; nothing new to say
        places.save_centre(application.main.actor, None, "STM", "Stung Meanchey", "Phnom Penh")
    finally:
        application.stop()
        tk_root.report_callback_exception = default
        if application.content is not None:
            application.content.destroy()
        tk_root.update()
        close_database()
    assert not errors, "callback raised: %r" % (errors[0][1],)

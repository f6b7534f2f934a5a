"""Window tests: real widgets in a real Tk window under Xvfb."""

import time

import pytest

from pse_desktop.db.core import User
from pse_desktop.services.core import places, settings
from pse_desktop.views.core.app import App
from pse_desktop.views.common.base import ScreenContext
from pse_desktop.views.core.login import FirstRunFrame, LoginFrame
from pse_desktop.views.core.shell import MainWindow


def pump(root, seconds=0.0):
    end = time.time() + seconds
    root.update()
    while time.time() < end:
        root.update()
        time.sleep(0.01)


@pytest.fixture
def app(tk_root, target):
    application = App(tk_root, target)
    errors = []
    default = tk_root.report_callback_exception
    # A callback error would open a modal dialog and hang the test: record it and fail instead.
    tk_root.report_callback_exception = lambda *exc: errors.append(exc)
    yield application
    application.stop()
    tk_root.report_callback_exception = default
    assert not errors, "callback raised: %r" % (errors[0][1],)
    if application.content is not None:
        application.content.destroy()
    tk_root.update()


def test_first_run_creates_the_admin_and_opens_the_main_window(app, tk_root):
    app.start()
    frame = app.content
    assert isinstance(frame, FirstRunFrame)
    frame.form.set_values({"user name": "boss", "full name": "The Boss", "password": "long-pass-1",
                           "repeat": "long-pass-2"})
    frame.button.invoke()
    assert "differ" in frame.form.error_text("repeat")
    assert not User.select().exists()
    frame.form.set_values({"repeat": "long-pass-1"})
    frame.button.invoke()
    pump(tk_root)
    assert isinstance(app.content, MainWindow)
    assert User.get().username == "boss"


def test_login_wrong_then_right_and_admin_sees_admin_screens(app, tk_root, admin):
    app.start()
    login = app.content
    assert isinstance(login, LoginFrame)
    login.form.set_values({"user name": "admin", "password": "nope-nope"})
    pump(tk_root)
    login.password.focus_force()
    pump(tk_root)
    login.password.event_generate("<Return>")
    pump(tk_root)
    assert "Wrong user name or password" in login.form.banner.cget("text")
    login.form.set_values({"user name": "admin", "password": "admin-pass"})
    login.button.invoke()
    pump(tk_root)
    main = app.content
    assert isinstance(main, MainWindow)
    assert {"users", "places", "settings", "audit", "backups"} <= set(main.buttons)


def test_login_button_waits_after_repeated_failures(app, tk_root, admin):
    app.start()
    login = app.content
    for _ in range(3):
        login.form.set_values({"user name": "admin", "password": "wrong-pass"})
        login.submit()
    assert str(login.button.cget("state")) == "disabled"
    assert "Wait" in login.button.cget("text")


def test_centre_staff_sees_no_admin_screens(tk_root, ui, admin, make_user, target):
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    staff = make_user("sophea", "centre_staff", centres=["STM"])
    main = MainWindow(ui, staff, target, on_logout=lambda: None, on_theme=lambda d: None)
    main.pack(fill="both", expand=True)
    pump(tk_root)
    assert not {"users", "places", "settings", "audit", "backups"} & set(main.buttons)
    assert "Stung Meanchey" in main.place_label.cget("text")


def _main(ui, actor, target, **overrides):
    main = MainWindow(ui, actor, target, on_logout=lambda: None, on_theme=lambda d: None,
                      ctx_overrides=overrides)
    main.pack(fill="both", expand=True)
    return main


def test_users_screen_adds_a_user_and_shows_field_errors(tk_root, ui, admin, target):
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    screen = _main(ui, admin, target).show("users")
    screen.new()
    screen.form.set_values({"user name": "mony", "full name": "Mony", "role": "centre_staff",
                            "centre": "", "password": "secret-pass"})
    screen.save_button.invoke()
    assert "at least one centre" in screen.form.error_text("centre")
    screen.form.set_values({"centre": "stm"})
    screen.save_button.invoke()
    assert User.get(User.username == "mony").role == "centre_staff"
    assert any(screen.table.tree.item(i, "values")[0] == "mony"
               for i in screen.table.tree.get_children())


def test_deactivating_asks_first(tk_root, ui, admin, make_user, target):
    make_user("dara", "social_team")
    answers = []
    screen = _main(ui, admin, target,
                   confirm=lambda parent, title, msg: answers.append(msg) or False).show("users")
    iid = [i for i in screen.table.tree.get_children()
           if screen.table.tree.item(i, "values")[0] == "dara"][0]
    screen.table.tree.selection_set(iid)
    pump(tk_root)
    screen.active_button.invoke()
    assert answers and User.get(User.username == "dara").active


def test_settings_screen_shows_error_beside_the_field_and_saves_nothing(tk_root, ui, admin, target):
    screen = _main(ui, admin, target).show("settings")
    screen.form.set_values({"khr_per_usd": "lots", "org_name": "PSE Cambodia"})
    screen.save()
    assert "whole number" in screen.form.error_text("khr_per_usd")
    assert settings.get("org_name") == "Pour un Sourire d'Enfant"
    screen.form.set_values({"khr_per_usd": "4050"})
    screen.save()
    assert settings.get("khr_per_usd") == 4050 and settings.get("org_name") == "PSE Cambodia"


def test_backup_screen_backs_up_in_the_background(tk_root, ui, admin, target):
    screen = _main(ui, admin, target).show("backups")
    screen.backup_button.invoke()
    end = time.time() + 10
    while not (screen.task and screen.task.finished) and time.time() < end:
        pump(tk_root, 0.05)
    assert "Backup saved" in screen.message.cget("text")
    assert len(screen.table.tree.get_children()) == 1


def test_audit_screen_filters_by_user(tk_root, ui, admin, make_user, target):
    make_user("dara", "social_team")
    screen = _main(ui, admin, target).show("audit")
    screen.user.set("dara")
    screen.apply()
    users = {screen.table.tree.item(i, "values")[1] for i in screen.table.tree.get_children()}
    assert users == {"dara"}
    screen.date_from.set("yesterday")
    screen.apply()
    assert "From" in screen.error.cget("text")


def test_first_run_with_demo_data_fills_the_office_in_the_background(app, tk_root):
    from pse_desktop.db.core import Centre

    app.start()
    frame = app.content
    frame.form.set_values({"user name": "boss", "full name": "", "password": "long-pass-1",
                           "repeat": "long-pass-1"})
    frame.demo.set("demo")
    frame.button.invoke()
    end = time.time() + 120
    while not isinstance(app.content, MainWindow) and time.time() < end:
        pump(tk_root, 0.05)
    assert isinstance(app.content, MainWindow)
    assert Centre.select().count() == 7


def test_restore_from_the_window_asks_then_logs_out(tk_root, ui, admin, target, tmp_path):
    from pse_desktop.services.core import backup

    saved = backup.make_backup(admin, target, tmp_path / "b.sqlite3")
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    events = []
    main = MainWindow(ui, admin, target, on_logout=lambda: events.append("logout"),
                      on_theme=lambda d: None,
                      ctx_overrides={"confirm": lambda p, t, m: events.append("asked") or True,
                                     "inform": lambda p, t, m: events.append(m)})
    main.pack(fill="both", expand=True)
    screen = main.show("backups")
    screen.restore(saved)
    assert events[0] == "asked" and events[-1] == "logout"
    assert places.list_centres() == []


def test_unexpected_errors_are_logged_and_shown(app, monkeypatch, tmp_path):
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


def test_admin_sidebar_folds_sections_so_it_fits(tk_root, ui, admin, target):
    main = _main(ui, admin, target)
    pump(tk_root)
    assert main.folding
    assert main.open_sections == set()
    main.show("settings")
    assert main.open_sections == {"Admin"}
    other = next(name for name in main.sections if name != "Admin")
    main.section_buttons[other].invoke()
    assert main.open_sections == {other}
    pump(tk_root)
    assert main.sidebar.winfo_reqheight() <= 740


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

"""The first-run and login frames: create the first admin, log in, wait after failures."""

import time

from pse_desktop.db.core import User
from pse_desktop.views.core.login import FirstRunFrame, LoginFrame
from pse_desktop.views.core.shell import MainWindow
from tests.views.helpers import app, pump, pump_for  # noqa: F401


def test_first_run_creates_the_admin_and_opens_the_main_window(app, tk_root):  # noqa: F811
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


def test_login_wrong_then_right_and_admin_sees_admin_screens(app, tk_root, admin):  # noqa: F811
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


def test_login_button_waits_after_repeated_failures(app, tk_root, admin):  # noqa: F811
    app.start()
    login = app.content
    for _ in range(3):
        login.form.set_values({"user name": "admin", "password": "wrong-pass"})
        login.submit()
    assert str(login.button.cget("state")) == "disabled"
    assert "Wait" in login.button.cget("text")


def test_first_run_with_demo_data_fills_the_office_in_the_background(app, tk_root):  # noqa: F811
    from pse_desktop.db.core import Centre

    app.start()
    frame = app.content
    frame.form.set_values({"user name": "boss", "full name": "", "password": "long-pass-1",
                           "repeat": "long-pass-1"})
    frame.demo.set("demo")
    frame.button.invoke()
    end = time.time() + 300  # the demo takes minutes on a loaded machine
    while not isinstance(app.content, MainWindow) and time.time() < end:
        pump_for(tk_root, 0.05)
    assert isinstance(app.content, MainWindow)
    assert Centre.select().count() == 7

"""Language per user: chosen at login, remembered, switched without restarting or losing work."""

import pytest

from pse_desktop import i18n
from pse_desktop.views.core import language
from pse_desktop.views.core.app import App
from pse_desktop.views.core.login import LoginFrame
from pse_desktop.views.core.shell import MainWindow


@pytest.fixture
def app(tk_root, target):
    application = App(tk_root, target)
    errors = []
    default = tk_root.report_callback_exception
    tk_root.report_callback_exception = lambda *exc: errors.append(exc)
    yield application
    application.stop()
    i18n.set_language("en")
    tk_root.report_callback_exception = default
    assert not errors, "callback raised: %r" % (errors[0][1],)
    if application.content is not None:
        application.content.destroy()
    tk_root.update()


def test_language_is_remembered_per_user():
    assert language.remembered("sophea") is None
    language.remember("km", "sophea")
    language.remember("fr", "claire")
    assert language.remembered("sophea") == "km"
    assert language.remembered("claire") == "fr"
    assert language.remembered("nobody") == "fr"  # the last one used on this computer


def test_login_screen_switches_language_and_keeps_the_user_name(app, tk_root, admin):
    app.start()
    login = app.content
    login.form.vars["user name"].set("admin")
    app.pick_login_language("fr")
    login = app.content
    assert isinstance(login, LoginFrame)
    assert login.button.cget("text") == "Se connecter"
    assert login.form.vars["user name"].get() == "admin"
    login.form.set_values({"password": "admin-pass"})
    login.submit()
    assert isinstance(app.content, MainWindow)
    assert app.main.buttons["home"].cget("text") == "Accueil"
    assert language.remembered("admin") == "fr"


def test_remembered_language_applies_when_the_picker_was_not_touched(app, tk_root, admin):
    language.remember("km", "admin")
    language.remember("en")  # someone else used English last on this computer
    app.start()
    assert i18n.language() == "en"
    login = app.content
    login.form.set_values({"user name": "admin", "password": "admin-pass"})
    login.submit()
    assert i18n.language() == "km"
    assert app.main.buttons["home"].cget("text") == "ទំព័រដើម"


def test_switch_rebuilds_the_window_on_the_same_screen(app, tk_root, admin):
    app.logged_in(admin)
    app.main.show("users")
    old = app.main
    assert app.switch_language("fr")
    assert app.main is not old and app.main.current_key == "users"
    assert app.main.buttons["users"].cget("text") == "Utilisateurs"
    assert app.switch_language("en")
    assert app.main.buttons["users"].cget("text") == "Users"


def test_unsaved_changes_are_asked_about_first(app, tk_root, admin):
    app.logged_in(admin)
    screen = app.main.show("users")
    screen.dirty = True
    asked = []
    assert not app.switch_language("km", ask=lambda *a: asked.append(a) or False)
    assert asked and "Users" in asked[0][2]
    assert i18n.language() == "en" and app.main.current is screen  # nothing lost
    assert app.switch_language("km", ask=lambda *a: True)
    assert i18n.language() == "km"


def test_status_bar_menu_switches_the_language(app, tk_root, admin):
    app.logged_in(admin)
    menu = app.main.language_picker
    assert menu.menu.index("end") == 2  # English, Français, ខ្មែរ
    menu.menu.invoke(1)
    assert i18n.language() == "fr"
    assert app.main.buttons["home"].cget("text") == "Accueil"

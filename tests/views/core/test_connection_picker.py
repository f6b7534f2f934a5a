"""The login screen's databases: a saved server added, chosen and remembered; a server that
cannot be reached at start or in the middle of the work; the blank registers from this
computer's copy."""

from pse_desktop.services.centres import groups as attendance_setup, paper
from pse_desktop.services.core import connections, places
from pse_desktop.views.core import prefs
from pse_desktop.views.core.app import App
from pse_desktop.views.core.login import FirstRunFrame, LoginFrame
from pse_desktop.views.core.shell import MainWindow
from tests.fixtures.own_server import own_server  # noqa: F401 (a fixture)
from tests.views.helpers import app, main_window, pump, wait  # noqa: F401


def test_a_server_is_added_chosen_and_remembered_and_its_password_never_shown(  # noqa: F811
        app, tk_root, admin, pg_server):
    url = pg_server.migrated()
    app.start()
    login = app.content
    picker = login.connections
    assert picker.box.cget("values")[0].startswith("Given at start")
    dialog = picker.open_add()
    dialog.form.set_values({"name": "PSE head office server", "url": "mysql://x", "password": ""})
    dialog.save()
    assert "postgresql://" in dialog.form.error_text("url")
    assert connections.find("PSE head office server") is None
    dialog.form.set_values({"url": url, "password": "hidden-pw"})
    assert str(dialog.form.widgets["password"].cget("show")) == "•"
    dialog.save()
    pump(tk_root)
    assert app.target.is_postgres and prefs.load()["connection"] == "PSE head office server"
    shown = app.content
    assert isinstance(shown, FirstRunFrame)  # a new, empty server database
    titles = shown.connections.box.cget("values")
    assert "PSE head office server" in shown.connections.var.get()
    assert not any("hidden-pw" in t for t in titles)
    assert "hidden-pw" in connections.find("PSE head office server").url  # kept, for connecting
    # Back to the file: its users are there; removing the server leaves the file chosen.
    local = next(i for i, c in enumerate(shown.connections.choices) if c.name == "given")
    shown.connections.box.current(local)
    shown.connections.choose()
    pump(tk_root)
    assert isinstance(app.content, LoginFrame) and not app.target.is_postgres
    app.choose_connection(connections.find("PSE head office server"))
    app.content.connections.remove()
    pump(tk_root)
    assert connections.find("PSE head office server") is None
    assert prefs.load()["connection"] == connections.LOCAL


def _office_on(server, tmp_path):
    from pse_desktop import areas
    from pse_desktop.db import init_database
    from pse_desktop.services.core import auth, users

    init_database(server.url())
    areas.load_services()
    users.create_first_admin("admin", "Office Admin", "admin-pass")
    return auth.authenticate("admin", "admin-pass")


def test_a_server_down_at_start_offers_retry_and_paper_registers(tk_root, own_server, tmp_path):  # noqa: F811,E501
    from pse_desktop.db import resolve_target
    from pse_desktop.services.common.errors import PseError
    from pse_desktop.views.core.app import open_database

    admin = _office_on(own_server, tmp_path)
    centre = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    attendance_setup.save_group(admin, None, centre.id, "Sun", "daycare")
    paper.keep_copy(admin)
    own_server.stop()
    target = resolve_target(own_server.url())
    try:
        open_database(target)
        raise AssertionError("the stopped server was reached")
    except PseError as exc:
        problem = str(exc)
    application = App(tk_root, target, problem=problem)
    application.start()
    try:
        login = application.content
        assert isinstance(login, LoginFrame) and "cannot be reached" in login.problem.cget("text")
        assert "Traceback" not in login.problem.cget("text")
        login.form.vars["user name"].set("admin")
        out = tmp_path / "blank.pdf"
        login.paper.choose_file = lambda *a, **k: str(out)
        wait(tk_root, login.paper.print_blank())
        assert out.read_bytes().startswith(b"%PDF") and "blank.pdf" in login.paper.note.cget("text")
        login.button.invoke()  # still down: the same screen, what was typed kept
        pump(tk_root)
        assert application.content.problem.cget("text")
        assert application.content.form.vars["user name"].get() == "admin"
        own_server.start()
        application.content.button.invoke()
        pump(tk_root)
        login = application.content
        assert login.problem.cget("text") == "" and login.paper is None
        login.form.set_values({"user name": "admin", "password": "admin-pass"})
        login.button.invoke()
        pump(tk_root)
        assert isinstance(application.content, MainWindow)
    finally:
        application.stop()
        application.content.destroy()
        pump(tk_root)


def test_a_server_lost_while_a_screen_is_open_keeps_what_was_typed(tk_root, ui, own_server,  # noqa: F811,E501
                                                                   tmp_path):
    from pse_desktop.db import resolve_target
    from pse_desktop.services.core import settings

    admin = _office_on(own_server, tmp_path)
    screen = main_window(ui, admin, resolve_target(own_server.url())).show("settings")
    screen.form.set_values({"org_name": "PSE Cambodia", "khr_per_usd": "4075"})
    own_server.stop()
    screen.save()
    said = screen.message_line.cget("text") or screen.form.banner.cget("text")
    assert "cannot be reached" in said and "still on the screen" in said
    assert screen.form.values()["org_name"] == "PSE Cambodia"
    own_server.start()
    screen.save()  # the same button, once the server is back
    assert settings.get("org_name") == "PSE Cambodia" and settings.get("khr_per_usd") == 4075

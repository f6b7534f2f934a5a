"""Start-up: open the database (or say why not), first run or login, then the main window."""

from __future__ import annotations

import gc
import sys

import ttkbootstrap as tb

from ... import areas, i18n
from ...services.core import database as dbservice
from ...services.core.database import DatabaseRefused, Target, open_database
from ...i18n import _
from . import prefs

LIGHT, DARK = "bootstrap-light", "bootstrap-dark"
BACKUP_EVERY_MS = 24 * 60 * 60 * 1000


class App:
    """Owns the root window and swaps its content: first run, login, main window."""

    def __init__(self, root: tb.Window, target: Target, startup_note: str = "", *,
                 problem: str = "", connection=None):
        from ...services.core import connections

        self.root = root
        self.target = target
        self.startup_note = startup_note
        # Why the database is not open (the server cannot be reached...): the login screen
        # says it, offers to try again, another database, or the blank paper registers.
        self.problem = problem
        self.connection = connection or connections.at_start(target.url, None)
        self.given = target if self.connection.name == connections.GIVEN else None
        self.content = None
        self.main = None
        self.session = None
        self._timers: list[str] = []
        self._beat: str | None = None
        self._check = None  # the server check the heartbeat is running, if any
        self.server_lost = False
        root.protocol("WM_DELETE_WINDOW", self.close)
        root.report_callback_exception = self.report_error

    def _show(self, frame) -> None:
        if self.content is not None:
            self.content.destroy()
            # Collect the old frame's Tk variables here: collected later in a worker thread,
            # they raise "main thread is not in main loop".
            gc.collect()
        self.content = frame
        frame.pack(fill="both", expand=True)

    def start(self) -> None:
        from .language import remembered

        i18n.set_language(remembered() or i18n.language())
        self._show_entry()
        self._timers.append(self.root.after(1500, self.backup_now))

    def _show_entry(self, username: str = "") -> None:
        """The login screen (the first-run screen on an empty database), in the current language."""
        from ...services.core import users
        from .login import FirstRunFrame, LoginFrame

        has_users = False
        if not self.problem:
            try:
                has_users = users.has_users()
            except DatabaseRefused as exc:  # the server went away since it was opened
                self.problem = str(exc)
        choice = dict(connection=self.connection, given=self.given,
                      on_connection=self.choose_connection)
        if self.problem:
            frame = LoginFrame(self.root, self.logged_in, self.target.label,
                               on_language=self.pick_login_language, problem=self.problem,
                               on_retry=self.retry, paper=self.target.is_postgres, **choice)
            frame.form.vars["user name"].set(username)
        elif has_users:
            frame = LoginFrame(self.root, self.logged_in, self.target.label,
                               on_language=self.pick_login_language, **choice)
            frame.form.vars["user name"].set(username)
        else:
            frame = FirstRunFrame(self.root, self.logged_in, self.target.label,
                                  on_language=self.pick_login_language, **choice)
        self._show(frame)

    def _typed_user(self) -> str:
        if self.content is not None and hasattr(self.content, "form"):
            return self.content.form.vars["user name"].get()
        return ""

    def choose_connection(self, connection) -> None:
        """Open another database chosen on the login screen, and remember it on this computer."""
        from ...services.core import connections

        self.connection = connection
        if connection.name != connections.GIVEN:
            prefs.save({"connection": connection.name})
        self.target = connection.target
        self.retry()

    def retry(self) -> None:
        """Open the chosen database again (the server may be back); show the login or why not."""
        username = self._typed_user()
        try:
            result = open_database(self.target)
        except DatabaseRefused as exc:
            self.problem = str(exc)
        else:
            self.problem = ""
            if result.backup_path:
                self.startup_note = _("Database upgraded; the previous version was saved as "
                                      "{path}").format(path=result.backup_path)
        self._show_entry(username)

    def pick_login_language(self, code: str) -> None:
        """A language chosen on the login or first-run screen: show that screen again in it."""
        from .language import remember

        username = self._typed_user()
        i18n.set_language(code)
        remember(code)
        self._show_entry(username)
        if hasattr(self.content, "language_touched"):
            self.content.language_touched = True

    def logged_in(self, actor) -> None:
        from .language import remember, remembered
        from .shell import MainWindow

        if not getattr(self.content, "language_touched", True):
            i18n.set_language(remembered(actor.username) or i18n.language())
        remember(i18n.language(), actor.username)
        areas.load_services()
        self.main = MainWindow(self.root, actor, self.target, on_logout=self.logout,
                               on_theme=self.set_theme, dark=self.is_dark(),
                               on_language=self.switch_language)
        self._show(self.main)
        if self.startup_note:
            self.main.set_status(self.startup_note)
        self.session = dbservice.open_session(self.target, actor.full_name or actor.username)
        self._beat = self.root.after(dbservice.HEARTBEAT_MS, self.heartbeat)

    def heartbeat(self) -> None:
        """Say we are still here; if a restore replaced the data, stop and say so. On a shared
        server, ask it whether it answers, so the status bar says it is gone (and back) before
        anyone tries to save."""
        self._beat = None
        problem = dbservice.keep_alive(self.session)
        if problem is not None:
            self.data_replaced(problem)
            return
        self._beat = self.root.after(dbservice.HEARTBEAT_MS, self.heartbeat)
        if self.target.is_postgres and self._check is None:
            from ..common.base import BackgroundTask

            # Off the Tk thread: a cut network answers only after the connection's timeouts.
            self._check = BackgroundTask(self.root, lambda progress: dbservice.server_problem(),
                                         self.server_said, lambda exc: self.server_said(str(exc)))
            self._check.start()

    def server_said(self, problem: str | None) -> None:
        """The heartbeat's answer from the server: say it is unreachable, or that it is back."""
        self._check = None
        if self.main is None:
            return
        if problem:
            self.main.set_status(problem, error=True)
        elif self.server_lost:
            self.main.set_status(_("The database server answers again."))
        self.server_lost = bool(problem)

    def data_replaced(self, problem: str) -> None:
        """Log out and reopen the restored database: nothing is written into the old file."""
        self.logout()
        try:
            open_database(self.target)
        except DatabaseRefused as exc:
            problem = f"{problem}\n\n{exc}"
        try:
            tb.Messagebox.show_warning(
                problem + "\n\n" + _("Log in again to work on the restored data."),
                _("PSE Desktop"), parent=self.root)
        except Exception:  # the dialog must never take the program down
            print(problem, file=sys.stderr)

    def _end_session(self) -> None:
        if self._beat is not None:
            try:
                self.root.after_cancel(self._beat)
            except Exception:  # already run
                pass
            self._beat = None
        dbservice.close_session(self.session)
        self.session = None

    def switch_language(self, code: str, ask=None) -> bool:
        """Rebuild the main window in another language, on the same screen; True if switched.

        Unsaved changes on an open screen would be lost with the old window: ask first.
        """
        from .language import remember, unsaved_screens
        from .shell import MainWindow

        main = self.main
        if main is None or code == i18n.language():
            return False
        pending = unsaved_screens(main)
        if pending:
            ask = ask or main.ctx.confirm
            question = _("{screens} has changes that are not saved. Switch the language anyway "
                         "and lose them?").format(screens=", ".join(pending))
            if not ask(self.root, _("Unsaved changes"), question):
                return False
        key, actor = main.current_key, main.actor
        i18n.set_language(code)
        remember(code, actor.username)
        self.main = MainWindow(self.root, actor, self.target, on_logout=self.logout,
                               on_theme=self.set_theme, dark=self.is_dark(),
                               on_language=self.switch_language)
        self._show(self.main)
        if key in self.main.buttons:
            self.main.show(key)
        return True

    def logout(self) -> None:
        if self.main is not None and not self.main.can_leave(_("logging out")):
            return
        self._end_session()
        self.main = None
        self._show_entry()

    def is_dark(self) -> bool:
        return self.root.style.theme_use() == DARK

    def set_theme(self, dark: bool) -> None:
        self.root.style.theme_use(DARK if dark else LIGHT)
        prefs.save({"theme": DARK if dark else LIGHT})

    def backup_now(self) -> None:
        """Start-up and daily backup, off the Tk thread; a failure shows in the status bar."""
        from ...services.core import backup
        from ..common.base import BackgroundTask

        def done(path):
            # The window may have been closed or logged out while the copy ran.
            if path and self.main is not None and self.main.winfo_exists():
                self.main.set_status(_("Backup saved: {path}").format(path=path.name))

        def failed(exc):
            if self.main is not None and self.main.winfo_exists():
                self.main.set_status(_("Backup failed: {error}").format(error=exc), error=True)

        BackgroundTask(self.root, lambda progress: backup.auto_backup(self.target), done,
                       failed).start()
        self._timers.append(self.root.after(BACKUP_EVERY_MS, self.backup_now))

    def stop(self) -> None:
        """Cancel the pending backups and heartbeat (on close, and when tests reuse the root)."""
        self._end_session()
        for timer in self._timers:
            try:
                self.root.after_cancel(timer)
            except Exception:  # already run
                pass
        self._timers = []

    def report_error(self, exc_type, exc, trace) -> None:
        """An unexpected error: write it to the log file and tell the user, calmly."""
        import logging

        from ...services.common.errors import PseError

        if isinstance(exc, PseError):
            # A refusal the user can act on (someone else is saving, the data was replaced...)
            # that a screen did not catch: say it as it is, no "something went wrong".
            try:
                tb.Messagebox.show_warning(str(exc), _("PSE Desktop"), parent=self.root)
            except Exception:  # the dialog itself must never take the program down
                print(exc, file=sys.stderr)
            return
        from ...files import explain

        said = explain(exc)
        if said is not None:  # a full disk or a read-only file: say which, no "went wrong"
            logging.getLogger("pse_desktop").warning("machine problem: %s", exc_type.__name__)
            try:
                tb.Messagebox.show_error(said, _("PSE Desktop"), parent=self.root)
            except Exception:  # the dialog itself must never take the program down
                print(said, file=sys.stderr)
            return
        logging.getLogger("pse_desktop").error("unexpected error", exc_info=(exc_type, exc, trace))
        text = _("Something went wrong: {error}\n\nThe action did not complete; "
                    "anything it was saving was not recorded. The details are in {log}.").format(error=exc, log=log_path())
        try:
            tb.Messagebox.show_error(text, _("PSE Desktop"), parent=self.root)
        except Exception:  # the dialog itself must never take the program down
            print(text, file=sys.stderr)

    def close(self) -> None:
        if self.main is not None and not self.main.can_leave(_("closing the program")):
            return
        self.stop()
        prefs.save({"geometry": self.root.geometry()})
        self.root.destroy()


def log_path():
    """Return the log file (in the user's log folder), setting up logging on first call."""
    import logging
    from pathlib import Path

    import platformdirs

    folder = Path(platformdirs.user_log_dir("pse-desktop", "PSE"))
    path = folder / "pse-desktop.log"
    logger = logging.getLogger("pse_desktop")
    if not logger.handlers:
        from ...files import log_handler

        logger.addHandler(log_handler(path))
    return path


DEFAULT_SIZE = (1200, 760)
# What a small screen keeps for the title bar, the menu bar and the task bar.
FRAME_ALLOWANCE = 90


def start_geometry(saved, screen: tuple[int, int]) -> str:
    """The window's first geometry: the size saved on this computer if it still fits the
    screen, else the default size, or the whole screen when the screen is smaller than that."""
    sw, sh = screen
    if isinstance(saved, str):
        size, _sep, place = saved.partition("+")
        try:
            w, h = (int(n) for n in size.split("x"))
        except ValueError:
            w = h = 0
        if 0 < w <= sw and 0 < h <= sh:
            return saved if place and all(p.lstrip("-").isdigit() for p in place.split("+")) \
                and len(place.split("+")) == 2 else f"{w}x{h}"
    w, h = DEFAULT_SIZE
    if sw <= w or sh <= h:
        return f"{sw}x{max(400, sh - FRAME_ALLOWANCE)}+0+0"
    return f"{w}x{h}"


def make_root() -> tb.Window:
    from ..common.khmer_input import register_fonts

    register_fonts()  # before Tk: entries that take Khmer need the bundled font
    saved = prefs.load()
    theme = saved.get("theme") if saved.get("theme") in (LIGHT, DARK) else LIGHT
    # Small enough for a 1024x600 netbook with its task bar; screens scroll below their size.
    root = tb.Window(title="PSE Desktop", themename=theme, minsize=(760, 500))
    start_shaper(root)
    screen = (root.winfo_screenwidth(), root.winfo_screenheight())
    root.geometry(start_geometry(saved.get("geometry"), screen))
    if not saved.get("geometry") and (screen[0] <= DEFAULT_SIZE[0] or screen[1] <= DEFAULT_SIZE[1]):
        # A small screen: the window manager fits the whole window (title, menu) on it.
        try:
            root.state("zoomed")  # Windows
        except Exception:  # X11 names it differently
            try:
                root.attributes("-zoomed", True)
            except Exception:
                pass
    return root


def start_shaper(root) -> None:
    """Shape Khmer labels, buttons, tabs and headings where Tk does not (checked, not assumed)."""
    from ..common.khmer_input import tk_shapes_khmer
    from ..common.khmer_shaper import KhmerShaper

    if not tk_shapes_khmer(root):
        root.khmer_shaper = KhmerShaper(root).start()


def show_refusal(message: str) -> None:
    root = tb.Window(title="PSE Desktop", themename=LIGHT)
    root.withdraw()
    tb.Messagebox.show_error(message, _("PSE Desktop cannot open the database"), parent=root)
    root.destroy()


def run_app(db_arg: str | None = None) -> int:
    """Open the window on the chosen database; return the exit code."""
    from ...services.core import connections

    connection = connections.at_start(db_arg, prefs.load().get("connection"))
    target = connection.target
    problem = ""
    try:
        result = open_database(target)
    except DatabaseRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        if not target.is_postgres:  # a file this program may not open: said before any window
            show_refusal(str(exc))
            return 2
        # A server: the window opens on the login screen, which says why and offers to try
        # again, to choose another database, or to print the blank paper registers.
        problem, result = str(exc), None
    note = ""
    if result is not None and result.backup_path:
        note = _("Database upgraded; the previous version was saved as {path}").format(
            path=result.backup_path)
    root = make_root()
    app = App(root, target, note, problem=problem, connection=connection)
    app.start()
    root.mainloop()
    return 0

"""Start-up: open the database (or say why not), first run or login, then the main window."""

from __future__ import annotations

import gc
import sys

import ttkbootstrap as tb

from ... import areas
from ...services.core.database import DatabaseRefused, Target, open_database, resolve_target
from ...i18n import _
from . import prefs

LIGHT, DARK = "bootstrap-light", "bootstrap-dark"
BACKUP_EVERY_MS = 24 * 60 * 60 * 1000


class App:
    """Owns the root window and swaps its content: first run, login, main window."""

    def __init__(self, root: tb.Window, target: Target, startup_note: str = ""):
        self.root = root
        self.target = target
        self.startup_note = startup_note
        self.content = None
        self.main = None
        self._timers: list[str] = []
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
        from ...services.core import users
        from .login import FirstRunFrame, LoginFrame

        if users.has_users():
            self._show(LoginFrame(self.root, self.logged_in, self.target.label))
        else:
            self._show(FirstRunFrame(self.root, self.logged_in, self.target.label))
        self._timers.append(self.root.after(1500, self.backup_now))

    def logged_in(self, actor) -> None:
        from .shell import MainWindow

        areas.load_services()
        self.main = MainWindow(self.root, actor, self.target, on_logout=self.logout,
                               on_theme=self.set_theme, dark=self.is_dark())
        self._show(self.main)
        if self.startup_note:
            self.main.set_status(self.startup_note)

    def logout(self) -> None:
        from .login import LoginFrame

        if self.main is not None and not self.main.can_leave(_("logging out")):
            return
        self.main = None
        self._show(LoginFrame(self.root, self.logged_in, self.target.label))

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
            if path and self.main is not None:
                self.main.set_status(_("Backup saved: {path}").format(path=path.name))

        def failed(exc):
            if self.main is not None:
                self.main.set_status(_("Backup failed: {error}").format(error=exc), error=True)

        BackgroundTask(self.root, lambda progress: backup.auto_backup(self.target), done,
                       failed).start()
        self._timers.append(self.root.after(BACKUP_EVERY_MS, self.backup_now))

    def stop(self) -> None:
        """Cancel the pending backups (on close, and when tests reuse the root)."""
        for timer in self._timers:
            try:
                self.root.after_cancel(timer)
            except Exception:  # already run
                pass
        self._timers = []

    def report_error(self, exc_type, exc, trace) -> None:
        """An unexpected error: write it to the log file and tell the user, calmly."""
        import logging

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
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handler = logging.FileHandler(path, encoding="utf-8")
        except OSError:
            handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
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
    saved = prefs.load()
    theme = saved.get("theme") if saved.get("theme") in (LIGHT, DARK) else LIGHT
    # Small enough for a 1024x600 netbook with its task bar; screens scroll below their size.
    root = tb.Window(title="PSE Desktop", themename=theme, minsize=(760, 500))
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


def show_refusal(message: str) -> None:
    root = tb.Window(title="PSE Desktop", themename=LIGHT)
    root.withdraw()
    tb.Messagebox.show_error(message, _("PSE Desktop cannot open the database"), parent=root)
    root.destroy()


def run_app(db_arg: str | None = None) -> int:
    """Open the window on the chosen database; return the exit code."""
    target = resolve_target(db_arg)
    try:
        result = open_database(target)
    except DatabaseRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        show_refusal(str(exc))
        return 2
    note = ""
    if result.backup_path:
        note = _("Database upgraded; the previous version was saved as {path}").format(
            path=result.backup_path)
    root = make_root()
    app = App(root, target, note)
    app.start()
    root.mainloop()
    return 0

"""The first-run screen (create the admin, empty or demo office) and the login screen."""

from __future__ import annotations

import ttkbootstrap as tb

from ...i18n import _
from ...services.core import auth, users
from ...services.common.errors import PseError
from ..common.base import BackgroundTask, Form
from .language import LanguagePicker


class LoginFrame(tb.Frame):
    """User name and password; Enter logs in; after repeated failures the button waits."""

    def __init__(self, master, on_login, db_label: str = "", on_language=None, *,
                 connection=None, given=None, on_connection=None, problem: str = "",
                 on_retry=None, paper: bool = False):
        super().__init__(master, padding=(30, 10))
        self.on_login = on_login
        self.on_retry = on_retry
        self.language_touched = False
        box = tb.Frame(self)
        box.place(relx=0.5, rely=0.45, anchor="center")
        if on_language is not None:
            self.picker = LanguagePicker(box, lambda code: self._pick(on_language, code))
            self.picker.pack(pady=(0, 8))
        tb.Label(box, text="PSE Desktop", font=("TkDefaultFont", 22, "bold")).pack(pady=(0, 4))
        tb.Label(box, text=_("Pour un Sourire d'Enfant"), bootstyle="secondary").pack(
            pady=(0, 12 if problem else 20))
        self.connections = None
        if connection is not None:
            # Which database: this computer's file or a saved server (the choice is remembered).
            from .connection_picker import ConnectionPicker

            self.connections = ConnectionPicker(box, connection, given, on_connection)
            self.connections.pack(fill="x", pady=(0, 8))
        self.problem = tb.Label(box, text=problem, bootstyle="danger", wraplength=560,
                                justify="left")
        if problem:
            self.problem.pack(fill="x", pady=(0, 8))
        self.form = Form(box)
        self.form.pack(fill="x")
        self.username = self.form.add("user name", _("User name"), width=28)
        self.password = self.form.add("password", _("Password"), show="•", width=28)
        if problem:
            # The database is not open: try again (the server may be back), or print on paper.
            self.button = tb.Button(box, text=_("Try again"), bootstyle="primary",
                                    command=self.retry)
        else:
            self.button = tb.Button(box, text=_("Log in"), bootstyle="primary",
                                    command=self.submit)
        self.button.pack(fill="x", pady=(10, 0))
        self.paper = None
        if paper:
            from .connection_picker import PaperPanel

            self.paper = PaperPanel(box)
            self.paper.pack(fill="x", pady=(8, 0))
        if db_label:
            tb.Label(box, text=db_label, bootstyle="secondary", font=("TkDefaultFont", 8)).pack(
                pady=(10, 0))
        for widget in (self.username, self.password):
            widget.bind("<Return>", lambda e: self.submit())
        self.username.focus_set()
        self._countdown = None

    def retry(self) -> None:
        if self.on_retry is not None:
            self.on_retry()

    def _pick(self, on_language, code: str) -> None:
        self.language_touched = True
        on_language(code)

    def submit(self) -> None:
        if str(self.button.cget("state")) == "disabled":
            return
        if self.problem.cget("text"):
            self.retry()
            return
        values = self.form.values()
        try:
            actor = auth.authenticate(values["user name"], values["password"])
        except auth.LoginFailed as exc:
            self.form.show_error(exc)
            self.form.vars["password"].set("")
            if exc.wait_seconds:
                self._wait(exc.wait_seconds)
            return
        self.on_login(actor)

    def _wait(self, seconds: int) -> None:
        if seconds <= 0:
            self.button.configure(state="normal", text=_("Log in"))
            return
        self.button.configure(state="disabled", text=_("Wait {n} s").format(n=seconds))
        self._countdown = self.after(1000, self._wait, seconds - 1)


class FirstRunFrame(tb.Frame):
    """Creates the first admin, then starts an empty office or one filled with demo data."""

    def __init__(self, master, on_done, db_label: str = "", on_language=None, *,
                 connection=None, given=None, on_connection=None):
        super().__init__(master, padding=(30, 10))
        self.on_done = on_done
        box = tb.Frame(self)
        box.place(relx=0.5, rely=0.45, anchor="center")
        if on_language is not None:
            LanguagePicker(box, on_language).pack(anchor="w", pady=(0, 10))
        self.connections = None
        if connection is not None:
            # A new computer of a connected office: choose the shared server before anything.
            from .connection_picker import ConnectionPicker

            self.connections = ConnectionPicker(box, connection, given, on_connection)
            self.connections.pack(fill="x", pady=(0, 10))
        tb.Label(box, text=_("Welcome to PSE Desktop"), font=("TkDefaultFont", 20, "bold")).pack(
            anchor="w")
        tb.Label(box, text=_("This computer has no database yet. Create the admin account: "
                             "the admin adds the other users."), wraplength=460,
                 justify="left").pack(anchor="w", pady=(4, 12))
        self.form = Form(box)
        self.form.pack(fill="x")
        self.form.add("user name", _("Admin user name"), width=30)
        self.form.add("full name", _("Full name"))
        self.form.add("password", _("Password"), show="•",
                      help=_("At least 8 characters."))
        self.form.add("repeat", _("Password again"), show="•")
        self.demo = tb.StringVar(value="empty")
        tb.Radiobutton(box, text=_("Start with an empty office"), variable=self.demo,
                       value="empty").pack(anchor="w", pady=(8, 0))
        tb.Radiobutton(box, text=_("Start with demo data (centres, children, workshop, shop) "
                                   "to look around"), variable=self.demo, value="demo").pack(
            anchor="w")
        self.button = tb.Button(box, text=_("Create and start"), bootstyle="primary",
                                command=self.submit)
        self.button.pack(fill="x", pady=(12, 0))
        self.progress = tb.Progressbar(box, maximum=1.0, bootstyle="info")
        self.progress_label = tb.Label(box, text="", bootstyle="secondary")
        if db_label:
            tb.Label(box, text=_("Database: {path}").format(path=db_label), bootstyle="secondary",
                     font=("TkDefaultFont", 8)).pack(pady=(14, 0), anchor="w")
        self.form.widgets["user name"].focus_set()
        self.task = None

    def submit(self) -> None:
        values = self.form.values()
        if values["password"] != values["repeat"]:
            self.form.show_error(auth.ValidationError("repeat", _("the two passwords differ")))
            return
        try:
            users.create_first_admin(values["user name"], values["full name"], values["password"])
            actor = auth.authenticate(values["user name"], values["password"])
        except PseError as exc:
            self.form.show_error(exc)
            return
        self.form.clear_errors()
        if self.demo.get() != "demo":
            self.on_done(actor)
            return
        from ...services.common import demo

        self.button.configure(state="disabled")
        self.progress.pack(fill="x", pady=(10, 0))
        self.progress_label.pack(anchor="w")
        self.task = BackgroundTask(
            self, lambda progress: demo.run(actor, progress),
            on_done=lambda lines: self.on_done(actor),
            on_error=self._failed,
            on_progress=self._progress,
        ).start()

    def _progress(self, message: str, fraction: float) -> None:
        self.progress.configure(value=fraction)
        self.progress_label.configure(text=_("Adding demo data: {what}").format(what=message))

    def _failed(self, exc: Exception) -> None:
        self.button.configure(state="normal")
        self.form.show_error(exc)

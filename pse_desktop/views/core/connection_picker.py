"""On the login screen: which database to open (this computer's file or a saved server), adding
and removing a saved server, and the blank paper registers when the server cannot be reached."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...i18n import _
from ...services.centres import paper
from ...services.common.errors import PseError
from ...services.core import connections
from ..common.base import BackgroundTask, Form, _ask_file


class ConnectionPicker(tb.Frame):
    """A list of the databases of this computer; ``on_choose(connection)`` opens one."""

    def __init__(self, master, current: connections.Connection, given=None, on_choose=None):
        super().__init__(master)
        self.on_choose = on_choose
        self.given = given
        self.current = current
        tb.Label(self, text=_("Database")).pack(side="left")
        self.var = tb.StringVar()
        self.box = tb.Combobox(self, textvariable=self.var, state="readonly", width=34)
        self.box.pack(side="left", padx=(6, 4), fill="x", expand=True)
        self.box.bind("<<ComboboxSelected>>", lambda e: self.choose())
        self.add_button = tb.Button(self, text=_("Add…"), bootstyle="secondary-outline",
                                    command=self.open_add)
        self.add_button.pack(side="left")
        self.remove_button = tb.Button(self, text=_("Remove"), bootstyle="secondary-outline",
                                       command=self.remove)
        self.remove_button.pack(side="left", padx=(4, 0))
        self.message = tb.Label(master, text="", bootstyle="danger", wraplength=460,
                                justify="left")
        self.dialog = None
        self.fill()

    def fill(self) -> None:
        self.choices = connections.choices(self.given)
        self.box.configure(values=[c.title for c in self.choices])
        names = [c.name for c in self.choices]
        self.box.current(names.index(self.current.name) if self.current.name in names else 0)
        removable = self.current.name not in (connections.LOCAL, connections.GIVEN)
        self.remove_button.configure(state="normal" if removable else "disabled")

    def choose(self) -> None:
        chosen = self.choices[self.box.current()]
        if self.on_choose is not None:
            self.on_choose(chosen)

    def open_add(self) -> "AddConnectionDialog":
        self.dialog = AddConnectionDialog(self, self._added)
        return self.dialog

    def _added(self, connection) -> None:
        self.current = connection
        self.fill()
        self.choose()

    def remove(self) -> None:
        try:
            connections.remove(self.current.name)
        except PseError as exc:
            self.message.configure(text=str(exc))
            self.message.pack(pady=(6, 0))
            return
        self.current = connections.local()
        self.fill()
        self.choose()


class AddConnectionDialog(tb.Toplevel):
    """A name, the server's address without its password, and the password in a hidden field."""

    def __init__(self, master, on_saved):
        super().__init__(master=master.winfo_toplevel(), title=_("Add a database server"))
        self.on_saved = on_saved
        box = tb.Frame(self, padding=16)
        box.pack(fill="both", expand=True)
        self.form = Form(box, wrap=380)
        self.form.pack(fill="x")
        self.form.add("name", _("Name"), width=40, help=_("For example: PSE head office server"))
        self.form.add("url", _("Address"), width=40,
                      help=_("postgresql://USER@SERVER/DATABASE?sslmode=require (the password "
                             "goes in the next field)"))
        self.form.add("password", _("Password"), show="•", width=40)
        buttons = tb.Frame(box)
        buttons.pack(fill="x", pady=(10, 0))
        self.save_button = tb.Button(buttons, text=_("Save"), bootstyle="primary",
                                     command=self.save)
        self.save_button.pack(side="right")
        tb.Button(buttons, text=_("Cancel"), bootstyle="secondary-outline",
                  command=self.destroy).pack(side="right", padx=(0, 6))
        self.form.widgets["name"].focus_set()
        self.bind("<Escape>", lambda e: self.destroy())

    def save(self) -> None:
        values = self.form.values()
        try:
            saved = connections.add(values["name"], values["url"], values["password"])
        except PseError as exc:
            self.form.show_error(exc)
            return
        self.destroy()
        self.on_saved(saved)


def _months(today: dt.date) -> list[str]:
    nxt = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return [today.strftime("%Y-%m"), nxt.strftime("%Y-%m")]


class PaperPanel(tb.Frame):
    """Print the blank registers of a month from this computer's copy (no database needed)."""

    def __init__(self, master, today: dt.date | None = None, choose_file=_ask_file):
        super().__init__(master)
        self.choose_file = choose_file
        self.task = None
        summary = paper.copy_summary()
        row = tb.Frame(self)
        row.pack(fill="x")
        self.month_var = tb.StringVar()
        months = _months(today or dt.date.today())
        self.month_box = tb.Combobox(row, textvariable=self.month_var, values=months,
                                     state="readonly", width=9)
        self.month_box.current(0)
        self.month_box.pack(side="left")
        self.button = tb.Button(row, text=_("Print blank registers"), bootstyle="warning",
                                command=self.print_blank)
        self.button.pack(side="left", padx=(6, 0), fill="x", expand=True)
        self.note = tb.Label(self, text=summary or _("This computer has no copy of the "
                                                     "registers yet."),
                             bootstyle="secondary", wraplength=560, justify="left",
                             font=("TkDefaultFont", 8))
        self.note.pack(anchor="w")
        if summary is None:
            self.button.configure(state="disabled")

    def print_blank(self):
        month = self.month_var.get()
        path = self.choose_file(self, "save", defaultextension=".pdf",
                                initialfile=f"blank-registers-{month}.pdf",
                                filetypes=[("PDF", "*.pdf")])
        if not path:
            return None
        self.button.configure(state="disabled")

        def done(out):
            self.button.configure(state="normal")
            self.note.configure(text=_("Saved {path}").format(path=out), bootstyle="success")

        def failed(exc):
            self.button.configure(state="normal")
            self.note.configure(text=str(exc), bootstyle="danger")

        self.task = BackgroundTask(self, lambda progress: paper.print_blank_from_copy(month, path),
                                   done, failed).start()
        return self.task

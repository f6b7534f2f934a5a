"""What the social team's screens share: level names and colours, a small editor of table rows
(household members, incomes, debts), and writing a document to the documents folder."""

from __future__ import annotations

import tkinter as tk
from tkinter import font as tkfont

import ttkbootstrap as tb

from ...i18n import N_, _
from ...services.common.errors import PseError
from ...services.shop.docs import documents_folder
from ..common.base import BackgroundTask
from ..shop.common import opener

LEVEL_NAMES = {"urgent": N_("Urgent"), "high": N_("High"), "medium": N_("Medium"),
               "low": N_("Low"), "": "-"}
DOMAIN_NAMES = {"income": N_("Income"), "housing": N_("Housing"), "health": N_("Health"),
                "education": N_("Education"), "protection": N_("Protection")}
SCALE_NAMES = {1: N_("critical"), 2: N_("difficult"), 3: N_("fair"), 4: N_("good")}
WORDS = (N_("better"), N_("worse"), N_("same"), N_("complete"), N_("none"), N_("paid"),
         N_("requested"), N_("approved"), N_("refused"), N_("cancelled"), N_("received"),
         N_("transfer"), N_("distribution"), N_("count"), N_("undo"), N_("draft"))
"""Words shown through ``_(value)`` (states, trends, stock moves): marked here so they are
extracted and translated."""
LEVEL_STYLES = {"urgent": "danger", "high": "warning", "medium": "info", "low": "secondary"}


def code_of(shown: str, codes) -> str:
    """The stored English word of an answer shown (or typed) in the current language."""
    text = (shown or "").strip()
    return next((c for c in codes if text.lower() in (c, _(c).lower())), text)


def level_text(level: str) -> str:
    return _(LEVEL_NAMES.get(level, level))


def tag_levels(tree: tb.Treeview) -> None:
    colors = tb.Style().colors
    tree.tag_configure("urgent", foreground=colors.danger)
    tree.tag_configure("overdue", foreground=colors.danger)
    tree.tag_configure("high", foreground=colors.warning)


def make_document(screen, name: str, write, say, kind: str = "social") -> None:
    """Write a PDF in the background into the ``kind`` documents folder, then open it."""
    folder = documents_folder(screen.ctx.target, kind)
    path = folder / name
    say(_("Writing {name}...").format(name=path))

    def done(result):
        say(_("Saved {name}").format(name=result))
        opener(screen.ctx)(result)

    task = BackgroundTask(screen, lambda progress: write(path), on_done=done,
                          on_error=lambda exc: say(str(exc) if isinstance(exc, PseError)
                                                   else _("Could not write the document: {e}")
                                                   .format(e=exc)))
    screen.last_task = task
    task.start()


class RowsEditor(tb.Frame):
    """A list of rows with an entry line below: Add (or Enter) appends, Remove deletes the
    selected row, selecting a row puts it back in the entry line to change it.

    ``columns``: [(key, heading, width, kind)] with kind "text", "int" or "flag".
    """

    def __init__(self, master, columns, height: int = 4, on_change=None):
        super().__init__(master)
        self.columns = columns
        self.on_change = on_change or (lambda: None)
        keys = [c[0] for c in columns]
        self.tree = tb.Treeview(self, columns=keys, show="headings", height=height,
                                selectmode="browse")
        self.tree.grid(row=0, column=0, columnspan=len(columns), sticky="w")
        self.vars: dict[str, tk.Variable] = {}
        cells = []
        for n, (key, _heading, width, kind) in enumerate(columns):
            if kind == "flag":
                var = tb.BooleanVar(value=False)
                cell = tb.Checkbutton(self, variable=var)
            else:
                var = tb.StringVar()
                cell = tb.Entry(self, textvariable=var, width=width)
                cell.bind("<Return>", lambda e: self.add())
            cell.grid(row=1, column=n, sticky="w", pady=2)
            self.vars[key] = var
            cells.append(cell)
        # each list column as wide as the entry below it (or its heading), so they line up
        font = tkfont.nametofont("TkHeadingFont")
        for n, ((key, heading, _width, _kind), cell) in enumerate(zip(columns, cells)):
            px = max(cell.winfo_reqwidth(), font.measure(heading) + 14)
            self.tree.heading(key, text=heading, anchor="w")
            self.tree.column(key, width=px, minwidth=px, stretch=False, anchor="w")
            self.columnconfigure(n, minsize=px)
        buttons = tb.Frame(self)
        buttons.grid(row=2, column=0, columnspan=len(columns), sticky="w")
        tb.Button(buttons, text=_("Add"), bootstyle="secondary", command=self.add).pack(
            side="left")
        tb.Button(buttons, text=_("Remove"), bootstyle="secondary-outline",
                  command=self.remove).pack(side="left", padx=4)
        tb.Label(buttons, text=_("Select a line to change it; Enter adds."),
                 bootstyle="secondary").pack(side="left", padx=6)
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._pick())
        self.rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.rows = [dict(r) for r in rows]
        self._show()

    def _show(self) -> None:
        self.tree.delete(*self.tree.get_children())
        for n, row in enumerate(self.rows):
            values = []
            for key, _h, _w, kind in self.columns:
                v = row.get(key)
                values.append(("x" if v else "") if kind == "flag" else ("" if v is None else v))
            self.tree.insert("", "end", iid=str(n), values=values)

    def _pick(self) -> None:
        sel = self.tree.selection()
        if not sel:
            return
        row = self.rows[int(sel[0])]
        for key, _h, _w, kind in self.columns:
            self.vars[key].set(bool(row.get(key)) if kind == "flag" else
                               ("" if row.get(key) is None else str(row.get(key))))

    def add(self) -> str:
        row = {}
        for key, _h, _w, kind in self.columns:
            value = self.vars[key].get()
            row[key] = value if kind == "flag" else str(value).strip()
        if not any(v for v in row.values()):
            return "break"
        sel = self.tree.selection()
        if sel:
            self.rows[int(sel[0])] = row
        else:
            self.rows.append(row)
        for key, _h, _w, kind in self.columns:
            self.vars[key].set(False if kind == "flag" else "")
        self._show()
        self.on_change()
        return "break"

    def remove(self) -> None:
        sel = self.tree.selection()
        if sel:
            del self.rows[int(sel[0])]
            self._show()
            self.on_change()

"""A child's attendance history: each mark, who recorded it and when, and the later changes to
that day's register (who, when, why), newest first."""

from __future__ import annotations

import ttkbootstrap as tb

from ...i18n import _, ngettext
from ...services.centres import history
from ...services.common.errors import PseError
from ..common.base import Screen
from ..common.commands import Command


class ChildHistoryScreen(Screen):
    title = "Attendance history"
    commands = (Command("refresh", "show"),)

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        row = tb.Frame(self)
        row.pack(fill="x")
        tb.Label(row, text=_("Child code")).pack(side="left")
        self.code_var = tb.StringVar()
        self.code = tb.Entry(row, textvariable=self.code_var, width=14)
        self.code.pack(side="left", padx=4)
        self.code.bind("<Return>", lambda e: self.show())
        self.find_field = self.code
        tb.Button(row, text=_("Show"), bootstyle="primary", command=self.show).pack(side="left")
        self.info = tb.Label(self, text=_("Type a child's code (e.g. STM-0001) to see every "
                                          "mark and every change made to it."),
                             bootstyle="secondary", wraplength=640, justify="left")
        self.info.pack(anchor="w", pady=6)
        holder = tb.Frame(self)
        holder.pack(fill="both", expand=True)
        columns = [("day", _("Day"), 90), ("group", _("Group"), 100), ("mark", _("Mark"), 70),
                   ("reason", _("Reason"), 80), ("by", _("Recorded by"), 90),
                   ("at", _("At"), 120), ("changes", _("Changes to that day"), 320)]
        self.tree = tb.Treeview(holder, columns=[c[0] for c in columns], show="headings",
                                height=16)
        for cid, text, width in columns:
            self.tree.heading(cid, text=text, anchor="w")
            self.tree.column(cid, width=width, anchor="w", stretch=cid == "changes")
        self.tree.tag_configure("changed", foreground=tb.Style().colors.warning)
        scroll = tb.Scrollbar(holder, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=scroll.set)
        self.tree.pack(side="left", fill="both", expand=True)
        scroll.pack(side="left", fill="y")

    def show(self):
        code = self.code_var.get().strip()
        if not code:
            return None
        try:
            found = history.child_history(self.ctx.actor, code)
        except PseError as exc:
            self.ctx.status(str(exc), True)
            return None
        self.tree.delete(*self.tree.get_children())
        changed = 0
        for m in found.marks:
            text = " | ".join(f"{c.at:%Y-%m-%d %H:%M} {c.user}: {c.summary}" for c in m.changes)
            changed += bool(m.changes)
            self.tree.insert("", "end", values=(
                m.day.isoformat(), m.group, _(m.status), m.reason, m.recorded_by,
                f"{m.recorded_at:%Y-%m-%d %H:%M}" if m.recorded_at else "", text),
                tags=("changed",) if m.changes else ())
        self.info.configure(text=ngettext("{code} {name}: {n} mark, {c} on days whose register was changed afterwards.",
                                           "{code} {name}: {n} marks, {c} on days whose register was "
                                           "changed afterwards.", len(found.marks)).format(
            code=found.code, name=found.name, n=len(found.marks), c=changed))
        return found

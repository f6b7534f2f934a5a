"""The session register of a course: keyboard first like the children's register. Up and Down
move, P marks present, A absent, Space clears; F2 marks everyone present; Ctrl+S saves (each
change is kept on screen until saved). A trainer sees only their own courses."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_weekday_date
from ...i18n import N_, _, ngettext
from ...services.common.errors import PseError
from ...services.training import courses, progress
from ..common.base import Screen
from .common import CourseChooser

KEYS = {"p": "P", "a": "A", "Return": "P", "space": ""}


class SessionRegisterScreen(Screen):
    title = N_("Session register")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.course, self.days, self.marks, self.dirty = None, [], {}, False
        self.chooser = CourseChooser(self, ctx, self.course_changed)
        self.chooser.pack(fill="x")
        bar = tb.Frame(self)
        bar.pack(fill="x", pady=6)
        tb.Label(bar, text=_("Session")).pack(side="left")
        self.day_var = tb.StringVar()
        self.day_box = tb.Combobox(bar, textvariable=self.day_var, state="readonly", width=18)
        self.day_box.pack(side="left", padx=4)
        self.day_box.bind("<<ComboboxSelected>>", lambda e: self.load())
        tb.Button(bar, text=_("Everyone present (F2)"), bootstyle="success",
                  command=self.everyone_present).pack(side="left", padx=8)
        tb.Button(bar, text=_("Save (Ctrl+S)"), bootstyle="primary",
                  command=self.save).pack(side="left")
        hint = tb.Frame(self)
        hint.pack(fill="x")
        tb.Label(hint, text=_("Up/Down: move   P: present   A: absent   Space: clear"),
                 bootstyle="secondary").pack(side="left")
        self.count = tb.Label(hint, text="")
        self.count.pack(side="right")
        self.tree = tb.Treeview(self, columns=("mark", "name"), show="headings", height=14,
                                selectmode="browse")
        self.tree.heading("mark", text=_("Mark"), anchor="w")
        self.tree.heading("name", text=_("Trainee"), anchor="w")
        self.tree.column("mark", width=60, anchor="center", stretch=False)
        self.tree.column("name", width=400, anchor="w")
        self.tree.pack(fill="both", expand=True)
        colors = tb.Style().colors
        self.tree.tag_configure("A", foreground=colors.danger)
        for key, mark in KEYS.items():
            variants = [key] if len(key) > 1 else [key, key.upper()]
            for variant in variants:
                self.tree.bind(f"<KeyPress-{variant}>", lambda e, m=mark: self.key_mark(m))
        self.tree.bind("<Up>", lambda e: self.move(-1))
        self.tree.bind("<Down>", lambda e: self.move(1))
        for widget in (self, self.tree):
            widget.bind("<F2>", lambda e: self.everyone_present())
            widget.bind("<Control-s>", lambda e: self.save())
        self.error = tb.Label(self, text="", bootstyle="danger")
        self.error.pack(anchor="w")
        self.chooser.reload()

    def course_changed(self, course) -> None:
        self.course = course
        try:
            self.days = courses.sessions(self.ctx.actor, course.id)
        except PseError as exc:
            self.error.configure(text=str(exc))
            return
        labels = [format_weekday_date(d) for _i, d in self.days]
        self.day_box.configure(values=labels)
        past = [n for n, (_i, d) in enumerate(self.days) if d <= self.today]
        if labels:
            self.day_var.set(labels[past[-1] if past else 0])
        self.load()

    @property
    def session_id(self):
        labels = list(self.day_box.cget("values"))
        if self.day_var.get() not in labels:
            return None
        return self.days[labels.index(self.day_var.get())][0]

    def load(self) -> None:
        sid = self.session_id
        self.tree.delete(*self.tree.get_children())
        self.marks, self.dirty = {}, False
        if sid is None:
            return
        try:
            rows = progress.register(self.ctx.actor, sid)
        except PseError as exc:
            self.error.configure(text=str(exc))
            return
        for tid, name, mark in rows:
            self.marks[tid] = mark
            self.tree.insert("", "end", iid=str(tid), values=(mark, name), tags=(mark,))
        items = self.tree.get_children()
        if items:
            self.tree.selection_set(items[0])
            self.tree.focus(items[0])
        self.tree.focus_set()
        self._count()

    def _count(self) -> None:
        present = sum(m == "P" for m in self.marks.values())
        self.count.configure(text=_("{p} present, {a} absent, {n} to mark").format(
            p=present, a=sum(m == "A" for m in self.marks.values()),
            n=sum(m == "" for m in self.marks.values())) + (" *" if self.dirty else ""))

    def _set(self, iid: str, mark: str) -> None:
        self.marks[int(iid)] = mark
        values = self.tree.item(iid, "values")
        self.tree.item(iid, values=(mark, values[1]), tags=(mark,))
        self.dirty = True

    def key_mark(self, mark: str) -> str:
        sel = self.tree.selection()
        if sel:
            self._set(sel[0], mark)
            self.move(1)
            self._count()
        return "break"

    def move(self, step: int) -> str:
        items = list(self.tree.get_children())
        sel = self.tree.selection()
        if not items:
            return "break"
        n = items.index(sel[0]) + step if sel else 0
        n = max(0, min(len(items) - 1, n))
        self.tree.selection_set(items[n])
        self.tree.focus(items[n])
        self.tree.see(items[n])
        return "break"

    def everyone_present(self) -> str:
        for iid in self.tree.get_children():
            if not self.marks[int(iid)]:
                self._set(iid, "P")
        self._count()
        return "break"

    def save(self) -> str:
        sid = self.session_id
        if sid is None:
            return "break"
        try:
            n = progress.save_register(self.ctx.actor, sid, dict(self.marks), today=self.today)
        except PseError as exc:
            self.error.configure(text=str(exc))
            return "break"
        self.error.configure(text="")
        self.dirty = False
        self._count()
        self.ctx.status(ngettext("{n} mark saved for {day}.",
                                 "{n} marks saved for {day}.", n).format(n=n, day=self.day_var.get()))
        return "break"

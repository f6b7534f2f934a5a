"""Trainees and selection: the course's trainees (selected, then the waiting list by priority),
the priority list of families to propose a guardian or a young adult from, someone from outside
PSE's families with a reason, selecting within capacity, and dropping out with a reason."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...i18n import N_, _, ngettext
from ...services.social import caseload
from ...services.training import trainees
from ..common.base import FAILED, Form, PagedTable, Screen, call_service
from ..common.flow import Flow
from ..social.common import level_text
from .common import CourseChooser


class TraineesScreen(Screen):
    title = N_("Trainees and selection")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.course = None
        self.rows, self.families, self.people = [], [], []
        body = tb.Frame(self)
        left = tb.Frame(body)
        self.chooser = CourseChooser(self, ctx, self.course_changed)
        self.chooser.pack(fill="x", pady=(0, 6))
        body.pack(fill="both", expand=True)
        side = tb.Frame(body, padding=(10, 0, 0, 0))
        side.pack(side="right", fill="y")
        left.pack(side="left", fill="both", expand=True)
        self.table = PagedTable(left, [("status", _("Status"), 84), ("name", _("Name"), 130),
                                       ("family", _("Family"), 66), ("level", _("Priority"), 62),
                                       ("age", _("Age"), 36), ("why", _("Note"), 100)],
                                page_size=60, height=10)
        self.table.pack(fill="both", expand=True)
        buttons = Flow(left)
        buttons.pack(fill="x", pady=4)
        for text, command, style in ((_("Select"), self.select, "primary"),
                                     (_("Fill from priority"), self.fill, "secondary"),
                                     (_("Back to waiting"), self.unselect, "secondary-outline")):
            tb.Button(buttons, text=text, bootstyle=style, command=command).pack(side="left",
                                                                                  padx=(0, 4))
        buttons.adopt()  # the row wraps in Khmer
        drop = self.drop_form = Form(left, wrap=400)
        drop.pack(fill="x")
        drop.add("reason", _("Drop-out reason"), width=30)
        tb.Button(left, text=_("Record drop-out"), bootstyle="danger-outline",
                  command=self.drop).pack(anchor="w")
        tb.Label(side, text=_("Priority list")).pack(anchor="w")
        search = tb.Frame(side)
        search.pack(fill="x")
        self.search_var = tb.StringVar()
        entry = tb.Entry(search, textvariable=self.search_var, width=18)
        entry.pack(side="left")
        entry.bind("<Return>", lambda e: self.find())
        tb.Button(search, text=_("Find"), bootstyle="secondary",
                  command=self.find).pack(side="left", padx=4)
        self.family_list = tb.Treeview(side, columns=("code", "level", "who"), show="headings",
                                       height=5, selectmode="browse")
        for cid, text, width in (("code", _("Family"), 62), ("level", _("Priority"), 62),
                                 ("who", _("Guardians"), 150)):
            self.family_list.heading(cid, text=text, anchor="w")
            self.family_list.column(cid, width=width, anchor="w")
        self.family_list.pack(fill="x", pady=2)
        self.family_list.bind("<<TreeviewSelect>>", lambda e: self.show_people())
        self.person_var = tb.StringVar()
        self.person_box = tb.Combobox(side, textvariable=self.person_var, state="readonly",
                                      width=34)
        self.person_box.pack(fill="x", pady=2)
        tb.Button(side, text=_("Propose"), bootstyle="primary",
                  command=self.propose).pack(anchor="w")
        self.outside = Form(side, wrap=240)
        self.outside.pack(fill="x", pady=(6, 0))
        self.outside.add("name", _("Outside PSE: name"), width=16)
        self.outside.add("age", _("Age"), width=5)
        self.outside.add("reason", _("Reason"), width=16)
        tb.Button(side, text=_("Add from outside"), bootstyle="secondary",
                  command=self.add_outside).pack(anchor="w")
        self.message = tb.Label(side, text="", bootstyle="danger", wraplength=280)
        self.message.pack(anchor="w")
        self.chooser.reload()
        self.find()

    def course_changed(self, course) -> None:
        self.course = course
        self.reload()

    def reload(self) -> None:
        if self.course is None:
            return
        rows = call_service(None, trainees.list_trainees, self.ctx.actor, self.course.id)
        self.rows = [] if rows is FAILED else rows
        self.table.set_source(lambda page, size: (
            [(t.id, (_(t.status), t.name, t.family_code or _("outside"), level_text(t.priority),
                     t.age or "", t.drop_reason or t.outside_reason))
             for t in self.rows[page * size:(page + 1) * size]], len(self.rows)))

    def _say(self, result, text: str = "") -> bool:
        if result is FAILED:
            return False
        self.message.configure(text="")
        if text:
            self.ctx.status(text)
        cid = self.course.id
        self.chooser.reload(cid)
        return True

    def _service(self, fn, *args, **kw):
        from ...services.common.errors import PseError

        try:
            return fn(*args, **kw)
        except PseError as exc:
            self.message.configure(text=str(exc))
            return FAILED

    def select(self) -> None:
        tid = self.table.selected_key()
        if tid is not None:
            self._say(self._service(trainees.select, self.ctx.actor, tid), _("Selected."))

    def unselect(self) -> None:
        tid = self.table.selected_key()
        if tid is not None:
            self._say(self._service(trainees.unselect, self.ctx.actor, tid))

    def fill(self) -> None:
        if self.course is None:
            return
        chosen = self._service(trainees.fill_from_priority, self.ctx.actor, self.course.id)
        if chosen is not FAILED:
            self._say(chosen, ngettext("{n} selected from the priority list.",
                                       "{n} selected from the priority list.", len(chosen)).format(n=len(chosen)))

    def drop(self) -> None:
        tid = self.table.selected_key()
        if tid is None:
            return
        done = call_service(self.drop_form, trainees.drop_out, self.ctx.actor, tid,
                            self.drop_form.values()["reason"], today=self.today)
        if self._say(done, _("Drop-out recorded.")):
            self.drop_form.set_values({"reason": ""})

    def find(self) -> None:
        rows = call_service(None, caseload.find, self.ctx.actor, self.search_var.get().strip(),
                            limit=100, today=self.today)
        self.families = [] if rows is FAILED else rows
        self.family_list.delete(*self.family_list.get_children())
        for r in self.families:
            self.family_list.insert("", "end", iid=str(r.family_id),
                                    values=(r.code, level_text(r.level), r.guardians))

    def show_people(self) -> None:
        sel = self.family_list.selection()
        if not sel:
            return
        found = call_service(None, trainees.candidates, self.ctx.actor, int(sel[0]))
        self.people = [] if found is FAILED else found
        labels = [f"{p.name} ({_(p.relation)}{', ' + str(p.age) if p.age else ''})"
                  for p in self.people]
        self.person_box.configure(values=labels)
        self.person_var.set(labels[0] if labels else "")

    def propose(self) -> None:
        labels = list(self.person_box.cget("values"))
        if self.course is None or self.person_var.get() not in labels:
            return
        p = self.people[labels.index(self.person_var.get())]
        self._say(self._service(trainees.propose, self.ctx.actor, self.course.id, p.family_id,
                                p.kind, p.person_id, today=self.today),
                  _("{name} is on the waiting list.").format(name=p.name))

    def add_outside(self) -> None:
        if self.course is None:
            return
        v = self.outside.values()
        done = call_service(self.outside, trainees.add_outside, self.ctx.actor, self.course.id,
                            v["name"], v["age"], v["reason"], today=self.today)
        if self._say(done, _("{name} is on the waiting list.").format(name=v["name"])):
            self.outside.set_values({"name": "", "age": "", "reason": ""})

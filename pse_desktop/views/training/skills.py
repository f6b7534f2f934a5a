"""Skills and completion: each trainee's attendance and skills against the course's thresholds;
the skills checklist of the chosen trainee, ticked as they acquire them (Space toggles); completing
the course and printing the certificates."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_date
from ...i18n import N_, _, local_name, ngettext
from ...services.common.errors import PseError
from ...services.core.permissions import can
from ...services.training import docs, progress
from ..common.base import Screen
from .common import CourseChooser, make_document


class SkillsScreen(Screen):
    title = N_("Skills and completion")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.course, self.rows, self.skills = None, [], []
        self.chooser = CourseChooser(self, ctx, self.course_changed)
        self.chooser.pack(fill="x", pady=(0, 6))
        body = tb.Frame(self)
        body.pack(fill="both", expand=True)
        side = tb.Frame(body, padding=(10, 0, 0, 0))
        side.pack(side="right", fill="both")
        self.table = tb.Treeview(body, columns=("name", "att", "skills", "state"),
                                 show="headings", height=12, selectmode="browse")
        for cid, text, width in (("name", _("Trainee"), 130), ("att", _("Attendance"), 104),
                                 ("skills", _("Skills"), 50), ("state", _("Status"), 140)):
            self.table.heading(cid, text=text, anchor="w")
            self.table.column(cid, width=width, anchor="w")
        self.table.pack(side="left", fill="both", expand=True)
        self.table.bind("<<TreeviewSelect>>", lambda e: self.show_skills())
        tb.Label(side, text=_("Skills checklist (Space: yes / no)")).pack(anchor="w")
        self.checklist = tb.Treeview(side, columns=("done", "skill"), show="headings", height=8,
                                     selectmode="browse")
        self.checklist.heading("done", text=_("Acquired"), anchor="w")
        self.checklist.heading("skill", text=_("Skill"), anchor="w")
        self.checklist.column("done", width=90, anchor="w")
        self.checklist.column("skill", width=200, anchor="w")
        self.checklist.pack(fill="x")
        self.checklist.bind("<space>", lambda e: self.toggle())
        self.checklist.bind("<Double-1>", lambda e: self.toggle())
        tb.Button(side, text=_("Acquired / not acquired"), bootstyle="secondary",
                  command=self.toggle).pack(anchor="w", pady=4)
        if can(ctx.actor, "training.manage"):
            tb.Button(side, text=_("Complete the course"), bootstyle="primary",
                      command=self.complete).pack(anchor="w", pady=(12, 4))
        tb.Button(side, text=_("Print certificates"), bootstyle="secondary",
                  command=self.certificates).pack(anchor="w")
        self.message = tb.Label(side, text="", wraplength=290, justify="left")
        self.message.pack(anchor="w", pady=6)
        self.chooser.reload()

    def note(self, text: str) -> None:
        """The course's thresholds under the buttons (results and errors go to the message
        line: Screen.say, which this must not hide)."""
        self.message.configure(text=text)

    def course_changed(self, course) -> None:
        self.course = course
        self.reload()

    def reload(self) -> None:
        try:
            self.rows = progress.progress(self.ctx.actor, self.course.id)
        except PseError as exc:
            self.say(str(exc), True)
            return
        keep = self.table.selection()
        self.table.delete(*self.table.get_children())
        c = self.course
        for p in self.rows:
            state = {"completed": _("completed {no}").format(no=p.certificate_no),
                     "dropped": _("dropped out")}.get(
                p.status, _("reaches the thresholds") if p.meets else _("not yet"))
            self.table.insert("", "end", iid=str(p.trainee_id), values=(
                p.name, f"{p.attendance_pct}% ({p.present}/{p.sessions_held})",
                f"{p.skills}/{p.skills_total}", state))
        self.note(_("To complete: attendance {a}% and skills {s}%.").format(
            a=c.attendance_pct, s=c.skills_pct))
        if keep and self.table.exists(keep[0]):
            self.table.selection_set(keep[0])

    def show_skills(self) -> None:
        sel = self.table.selection()
        self.checklist.delete(*self.checklist.get_children())
        if not sel:
            return
        try:
            self.skills = progress.skills_of(self.ctx.actor, int(sel[0]))
        except PseError as exc:
            self.say(str(exc), True)
            return
        for sid, name, name_km, on in self.skills:
            self.checklist.insert("", "end", iid=str(sid),
                                  values=(format_date(on) if on else "-", local_name(name, name_km)))

    def toggle(self) -> str:
        sel, skill = self.table.selection(), self.checklist.selection()
        if not sel or not skill:
            return "break"
        done = next(s[3] for s in self.skills if s[0] == int(skill[0]))
        try:
            progress.mark_skill(self.ctx.actor, int(sel[0]), int(skill[0]), done is None,
                                today=self.today)
        except PseError as exc:
            self.say(str(exc), True)
            return "break"
        self.reload()
        self.show_skills()
        self.checklist.selection_set(skill[0])
        self.checklist.focus(skill[0])
        return "break"

    def complete(self) -> None:
        try:
            done = progress.complete(self.ctx.actor, self.course.id, today=self.today)
        except PseError as exc:
            self.say(str(exc), True)
            return
        self.reload()
        self.ctx.status(ngettext("{n} trainee completed the course.",
                                 "{n} trainees completed the course.", len(done)).format(n=len(done)))

    def certificates(self) -> None:
        if self.course is None:
            return
        cid = self.course.id
        make_document(self, f"certificates-{self.course.trade}-{self.course.cohort}.pdf"
                      .replace(" ", "-").lower(),
                      lambda path: docs.write_certificates(self.ctx.actor, cid, path),
                      lambda text: self.say(text))

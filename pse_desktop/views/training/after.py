"""After the course: for a trainee who completed it, the job search steps (follow-up tasks), a
placement or a business (with start-up support and its receipt), and the follow-ups at 3, 6 and
12 months; the follow-ups due across courses are listed first."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_date, format_day_month
from ...i18n import N_, _
from ...services.training import after, docs, trainees
from ..common.amounts import watch_amount
from ..common.base import FAILED, Form, Screen, call_service
from .common import CourseChooser, make_document, money


class AfterCourseScreen(Screen):
    title = N_("After the course")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.course, self.people = None, []
        self.chooser = CourseChooser(self, ctx, self.course_changed)
        self.chooser.pack(fill="x")
        self.due = tb.Label(self, text="", bootstyle="warning", wraplength=980, justify="left")
        self.due.pack(anchor="w", pady=2)
        body = tb.Frame(self)
        body.pack(fill="both", expand=True)
        left = tb.Frame(body)
        left.pack(side="left", fill="both", expand=True)
        self.list = tb.Treeview(left, columns=("name", "cert"), show="headings", height=6,
                                selectmode="browse")
        self.list.heading("name", text=_("Completed"), anchor="w")
        self.list.heading("cert", text=_("Certificate"), anchor="w")
        self.list.column("name", width=150)
        self.list.column("cert", width=100)
        self.list.pack(fill="x")
        self.list.bind("<<TreeviewSelect>>", lambda e: self.show())
        self.record = tb.Label(left, text="", justify="left", wraplength=330)
        self.record.pack(anchor="w", pady=4, fill="x")
        tb.Button(left, text=_("Print support receipt"), bootstyle="secondary-outline",
                  command=self.receipt).pack(anchor="w")
        forms = tb.Frame(body, padding=(10, 0, 0, 0))
        forms.pack(side="left", fill="both")
        nb = self.book = tb.Notebook(forms)
        nb.pack(fill="both", expand=True)
        self.step, self.job, self.biz, self.follow = (Form(nb, wrap=300) for _i in range(4))
        self.step.add("step", _("Step"), tb.Combobox, state="readonly", width=14,
                      values=["application", "interview", "visit", "other"])
        self.step.add("employer", _("Employer"), width=24)
        self.step.add("due date", _("Due on"), width=12)
        self.step.add("outcome", _("Outcome (to close the next step)"), width=24)
        tb.Button(self.step, text=_("Close the next step"), bootstyle="secondary",
                  command=self.close_step).grid(row=100, column=1, sticky="w")
        self.job.add("employer", _("Employer"), width=24)
        self.job.add("job", _("Job"), width=24)
        self.job.add("start", _("Start"), width=12)
        self.job.add("monthly wage", _("Monthly wage (USD)"), width=10)
        self.biz.add("business", _("Business"), width=24)
        self.biz.add("start", _("Start"), width=12)
        self.biz.add("support", _("Support"), tb.Combobox, state="readonly", width=8,
                     values=["", "kind", "cash"])
        self.biz.add("amount", _("Value (USD)"), width=10)
        self.biz.add("what was given", _("What was given"), width=24)
        self.follow.add("months after", _("Months after"), tb.Combobox, state="readonly",
                        width=4, values=["3", "6", "12"])
        self.follow.add("working", _("Still working"), tb.Checkbutton, var=tb.BooleanVar())
        self.follow.add("monthly income", _("Monthly income (USD)"), width=10)
        self.follow.add("note", _("Note"), width=24)
        for form, name in ((self.job, "monthly wage"), (self.biz, "amount"), (self.follow, "monthly income")):
            watch_amount(form, name)
        for form, text, command in ((self.step, _("Job search"), self.add_step),
                                    (self.job, _("Placement"), self.add_job),
                                    (self.biz, _("Business"), self.add_business),
                                    (self.follow, _("Follow-up"), self.add_follow)):
            tb.Button(form, text=_("Save"), bootstyle="primary",
                      command=command).grid(row=99, column=1, sticky="w", pady=6)
            nb.add(form, text=text, padding=6)
        self.chooser.reload()

    def course_changed(self, course) -> None:
        self.course = course
        found = call_service(None, trainees.list_trainees, self.ctx.actor, course.id,
                             "completed")
        self.people = [] if found is FAILED else found
        self.list.delete(*self.list.get_children())
        for t in self.people:
            self.list.insert("", "end", iid=str(t.id), values=(t.name, t.certificate_no))
        due = call_service(None, after.follow_ups_due, self.ctx.actor, today=self.today)
        due = [] if due is FAILED else due
        self.due.configure(text=(_("Follow-ups due: ") + ", ".join(
            f"{name} ({m} m, {format_day_month(d)})" for _t, name, m, d in due[:8])
            + (" ..." if len(due) > 8 else "")) if due else "")
        self.show()

    @property
    def trainee_id(self):
        sel = self.list.selection()
        return int(sel[0]) if sel else None

    def show(self) -> None:
        tid = self.trainee_id
        if tid is None:
            self.record.configure(text=_("Choose someone who completed the course."))
            return
        lines = []
        for s in after.steps(self.ctx.actor, tid):
            lines.append(f"{format_day_month(s.due_on)}: {_(s.kind)} {s.employer} "
                         + (f"- {s.outcome}" if s.done_on else _("(to do)")))
        for o in after.outcomes(self.ctx.actor, tid):
            if o.kind == "placement":
                lines.append(_("Job: {job} at {emp} from {d}, {w} a month").format(
                    job=o.job, emp=o.employer, d=format_date(o.start_on), w=money(o.wage_usd_cents)))
            else:
                lines.append(_("Business: {kind} from {d}").format(kind=o.job,
                                                                   d=format_date(o.start_on))
                             + (f", {_(o.support)} {money(o.support_usd_cents)} {o.receipt_no}"
                                if o.support else ""))
        for f in after.follow_ups(self.ctx.actor, tid):
            lines.append(_("{m} months: {state}, {inc} a month").format(
                m=f.months, state=_("working") if f.working else _("not working"),
                inc=money(f.income_usd_cents)))
        self.record.configure(text="\n".join(lines) or _("Nothing recorded yet."))

    def _done(self, form, result, clear) -> None:
        if result is FAILED:
            return
        form.set_values(clear)
        self.ctx.status(_("Saved."))
        self.show()

    def add_step(self) -> None:
        v = self.step.values()
        if self.trainee_id:
            self._done(self.step, call_service(
                self.step, after.add_step, self.ctx.actor, self.trainee_id, v["step"] or "other",
                employer=v["employer"], due_on=v["due date"] or None, today=self.today),
                {"employer": "", "due date": ""})

    def close_step(self) -> None:
        tid = self.trainee_id
        open_steps = [s for s in after.steps(self.ctx.actor, tid) if s.done_on is None] \
            if tid else []
        if not open_steps:
            self.ctx.status(_("No job search step to close."))
            return
        self._done(self.step, call_service(
            self.step, after.close_step, self.ctx.actor, open_steps[0].id,
            self.step.values()["outcome"], today=self.today), {"outcome": ""})

    def add_job(self) -> None:
        v = self.job.values()
        if self.trainee_id:
            self._done(self.job, call_service(
                self.job, after.record_placement, self.ctx.actor, self.trainee_id, v["employer"],
                v["job"], v["start"], v["monthly wage"], today=self.today),
                {"employer": "", "job": "", "start": "", "monthly wage": ""})

    def add_business(self) -> None:
        v = self.biz.values()
        if self.trainee_id:
            self._done(self.biz, call_service(
                self.biz, after.record_business, self.ctx.actor, self.trainee_id, v["business"],
                v["start"], support=v["support"], support_usd=v["amount"] or None,
                support_what=v["what was given"], today=self.today),
                {"business": "", "start": "", "amount": "", "what was given": ""},)

    def add_follow(self) -> None:
        v = self.follow.values()
        if self.trainee_id:
            self._done(self.follow, call_service(
                self.follow, after.record_follow_up, self.ctx.actor, self.trainee_id,
                v["months after"] or 0, v["working"], v["monthly income"], note=v["note"],
                today=self.today), {"monthly income": "", "note": ""})

    def receipt(self) -> None:
        tid = self.trainee_id
        found = [o for o in after.outcomes(self.ctx.actor, tid) if o.receipt_no] if tid else []
        if not found:
            self.ctx.status(_("No start-up support to print."))
            return
        oid = found[-1].id
        make_document(self, f"{found[-1].receipt_no}.pdf",
                      lambda path: docs.write_support_receipt(self.ctx.actor, oid, path),
                      self.ctx.status)

"""Courses: the list of courses, newest first, and the form to create one (trade, cohort, dates,
trainer, place, capacity, timetable, thresholds), with its sessions listed."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...i18n import N_, _
from ...services.core.permissions import can
from ...services.training import courses
from ..common.base import FAILED, Form, PagedTable, Screen, call_service


class CoursesScreen(Screen):
    title = N_("Training courses")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.manager = can(ctx.actor, "training.manage")
        body = tb.Frame(self)
        body.pack(fill="both", expand=True)
        side = tb.Frame(body, padding=(10, 0, 0, 0))
        left = tb.Frame(body)
        left.pack(side="left", fill="both", expand=True)
        self.table = PagedTable(left, [("course", _("Course"), 150), ("dates", _("Dates"), 130),
                                       ("trainer", _("Trainer"), 90),
                                       ("places", _("Trainees"), 70), ("status", _("Status"), 60)],
                                page_size=50, height=9)
        self.table.pack(fill="both", expand=True)
        self.table.tree.bind("<<TreeviewSelect>>", lambda e: self.show_sessions())
        self.sessions = tb.Label(left, text="", justify="left", wraplength=420,
                                 bootstyle="secondary")
        self.sessions.pack(anchor="w", pady=4)
        self.form = None
        if self.manager:
            side.pack(side="right", fill="y")
            self.trades = courses.trades(ctx.actor)
            self.trainers = courses.trainers()
            form = self.form = Form(side, wrap=200)
            form.pack(fill="x")
            form.add("trade", _("Trade"), tb.Combobox, state="readonly", width=22,
                     values=[t.name for t in self.trades])
            form.add("cohort", _("Cohort"), width=12)
            form.add("start", _("Start"), width=12)
            form.add("end", _("End"), width=12)
            form.add("trainer", _("Trainer"), tb.Combobox, state="readonly", width=24,
                     values=[n for _i, n in self.trainers])
            form.add("place", _("Place"), width=24)
            form.add("capacity", _("Capacity"), width=6)
            form.add("timetable", _("Days"), width=16, help=_("e.g. Mon Wed Fri"))
            form.add("attendance", _("Attendance %"), width=6)
            form.add("skills", _("Skills %"), width=6)
            form.set_values({"timetable": "Mon Tue Wed Thu Fri", "attendance": "80",
                             "skills": "80", "capacity": "40"})
            tb.Button(side, text=_("Create course"), bootstyle="primary",
                      command=self.create).pack(anchor="w", pady=4)
            tb.Button(left, text=_("Close the chosen course"), bootstyle="secondary-outline",
                      command=self.close).pack(anchor="w")
        self.rows = []
        self.reload()

    def reload(self) -> None:
        rows = call_service(None, courses.list_courses, self.ctx.actor)
        self.rows = [] if rows is FAILED else rows
        self.table.set_source(lambda page, size: (
            [(c.id, (c.label, f"{c.start_on:%d %b %y} - {c.end_on:%d %b %y}", c.trainer,
                     f"{c.selected}/{c.capacity}", _(c.status)))
             for c in self.rows[page * size:(page + 1) * size]], len(self.rows)))

    def show_sessions(self) -> None:
        cid = self.table.selected_key()
        if cid is None:
            return
        self.ctx.extra["training_course_id"] = cid
        c = next(c for c in self.rows if c.id == cid)
        days = call_service(None, courses.sessions, self.ctx.actor, cid)
        days = [] if days is FAILED else [d for _i, d in days]
        self.sessions.configure(text=_("{n} sessions on {days}: {first} ... {last}").format(
            n=len(days), days=c.timetable, first=", ".join(f"{d:%d %b}" for d in days[:6]),
            last=f"{days[-1]:%d %b %Y}" if days else ""))

    def close(self) -> None:
        """Close the chosen course once its completions are decided: no more marks."""
        cid = self.table.selected_key()
        if cid is None:
            return
        done = call_service(None, courses.close_course, self.ctx.actor, cid)
        self.ctx.status(_("This course is already closed.") if done is FAILED
                        else _("Course {label} closed.").format(label=done.label))
        self.reload()

    def create(self) -> None:
        v = self.form.values()
        trade = next((t.id for t in self.trades if t.name == v["trade"]), None)
        trainer = next((i for i, n in self.trainers if n == v["trainer"]), None)
        made = call_service(self.form, courses.create_course, self.ctx.actor, {
            "trade_id": trade, "cohort": v["cohort"], "start_on": v["start"],
            "end_on": v["end"], "trainer_id": trainer, "place": v["place"],
            "capacity": v["capacity"], "weekdays": v["timetable"],
            "attendance_pct": v["attendance"], "skills_pct": v["skills"]},
            field_map={"start": "start", "end": "end", "attendance to complete (%)": "attendance",
                       "skills to complete (%)": "skills", "timetable": "timetable"})
        if made is FAILED:
            return
        self.ctx.extra["training_course_id"] = made.id
        self.ctx.status(_("Course {label} created with {n} sessions.").format(
            label=made.label, n=made.sessions))
        self.reload()

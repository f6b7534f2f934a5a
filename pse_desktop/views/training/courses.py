"""Courses: the list of courses, newest first, with the sessions of the chosen one, and the form
where the social team creates a course or changes the chosen one (trade, cohort, dates, trainer,
place, capacity, timetable, thresholds)."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_date, format_day_month, format_weekday
from ...i18n import N_, _, local_name, ngettext
from ...services.common.errors import PseError, ValidationError
from ...services.core.permissions import can
from ...services.training import courses
from ..common.base import FAILED, Form, PagedTable, Screen, call_service
from ..common.commands import Command
from ..common.dates import DateField

# The service names a field by its id; the form's field for each.
FIELD_MAP = {"attendance to complete (%)": "attendance", "skills to complete (%)": "skills"}
LABELS = {"trade": N_("Trade"), "cohort": N_("Cohort"), "start": N_("Start date"), "end": N_("End date"),
          "trainer": N_("Trainer"), "place": N_("Place"), "capacity": N_("Capacity"),
          "timetable": N_("Days"), "attendance": N_("Attendance %"), "skills": N_("Skills %")}
A_MONDAY = dt.date(2024, 1, 1)


def day_names() -> list[str]:
    """The short names of the days of the week, Monday first, in the user's language."""
    return [format_weekday(A_MONDAY + dt.timedelta(days=i)) for i in range(7)]


def show_days(weekdays: str) -> str:
    """'024' -> 'Mon Wed Fri' (in the user's language)."""
    names = day_names()
    return " ".join(names[int(d)] for d in weekdays)


def read_days(text: str) -> str:
    """The typed days with the names of the user's language made numbers ('lun. mer.' -> '0 2');
    other words are left for the service to accept (English names) or to name as wrong."""
    known = {name.lower().rstrip("."): str(i) for i, name in enumerate(day_names())}
    return " ".join(known.get(word.lower().rstrip("."), word)
                    for word in text.replace(",", " ").split())


NEW_VALUES = {"trade": "", "cohort": "", "start": "", "end": "", "trainer": "", "place": "",
              "capacity": "40", "timetable": "01234", "attendance": "80",
              "skills": "80"}


class CoursesScreen(Screen):
    title = N_("Training courses")
    commands = (Command("new", "new", when="is_manager"),
                Command("save", "save", when="may_save"))

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.manager = can(ctx.actor, "training.manage")
        self.editing = None  # the CourseInfo in the form; None for a new course
        body = tb.Frame(self)
        body.pack(fill="both", expand=True)
        side = tb.Frame(body, padding=(10, 0, 0, 0))
        if self.manager:  # packed first: the form keeps its width, the list takes the rest
            side.pack(side="right", fill="y")
        left = tb.Frame(body)
        left.pack(side="left", fill="both", expand=True)
        self.table = PagedTable(left, [("course", _("Course"), 165), ("dates", _("Dates"), 170),
                                       ("trainer", _("Trainer"), 75),
                                       ("places", _("Trainees"), 45), ("status", _("Status"), 55)],
                                page_size=50, height=9)
        self.table.pack(fill="both", expand=True)
        self.table.tree.bind("<<TreeviewSelect>>", lambda e: self.chosen())
        self.sessions = tb.Label(left, text="", justify="left", wraplength=420,
                                 bootstyle="secondary")
        self.sessions.pack(anchor="w", pady=4)
        self.form = None
        if self.manager:
            self._build_form(side)
        self.rows = []
        self._saved = {}
        self.reload()
        if self.manager:
            self.blank()

    def _build_form(self, side) -> None:
        self.trades = courses.trades(self.ctx.actor)
        self.trainers = courses.trainers()
        self.mode = tb.Label(side, text="", font=("TkDefaultFont", 10, "bold"),
                             wraplength=250, justify="left")
        self.mode.pack(anchor="w")
        form = self.form = Form(side, wrap=150)
        form.pack(fill="x")
        form.add("trade", _(LABELS["trade"]), tb.Combobox, state="readonly", width=17,
                 values=[local_name(t.name, t.name_km) for t in self.trades])
        form.add("cohort", _(LABELS["cohort"]), width=12, help=_("e.g. 2027-A"))
        form.add("start", _(LABELS["start"]), DateField)
        form.add("end", _(LABELS["end"]), DateField)
        form.add("trainer", _(LABELS["trainer"]), tb.Combobox, state="readonly", width=17,
                 values=[n for _i, n in self.trainers])
        form.add("place", _(LABELS["place"]), width=18)
        form.add("capacity", _(LABELS["capacity"]), width=6)
        form.add("timetable", _(LABELS["timetable"]), width=18, help=_("e.g. Mon Wed Fri"))
        form.add("attendance", _(LABELS["attendance"]), width=6)
        form.add("skills", _(LABELS["skills"]), width=6)
        # In the button row, always in view however the form scrolls.
        tb.Button(self.actions, text=_("New course"), bootstyle="secondary",
                  command=self.new).pack(side="left")
        tb.Button(self.actions, text=_("Close the chosen course"),
                  bootstyle="secondary-outline", command=self.close).pack(side="left", padx=8)
        self.save_button = tb.Button(self.actions, text=_("Save"), bootstyle="primary",
                                     command=self.save)
        self.save_button.pack(side="right")

    # -- what the commands ask ---------------------------------------------------------------
    def is_manager(self) -> bool:
        return self.manager

    def may_save(self) -> bool:
        return self.manager and (self.editing is None or self.editing.status == "open")

    def has_unsaved(self) -> bool:
        return bool(self.form is not None and self.may_save()
                    and self.form.values() != self._saved)

    def save_changes(self) -> bool:
        return self.save() is not FAILED

    def discard_changes(self) -> None:
        self._saved = self.form.values()

    # -- data --------------------------------------------------------------------------------
    def reload(self, keep_id: int | None = None) -> None:
        rows = call_service(None, courses.list_courses, self.ctx.actor)
        self.rows = [] if rows is FAILED else rows
        self.table.set_source(lambda page, size: (
            [(c.id, (c.label, f"{format_day_month(c.start_on)} - {format_date(c.end_on)}", c.trainer,
                     f"{c.selected}/{c.capacity}", _(c.status)))
             for c in self.rows[page * size:(page + 1) * size]], len(self.rows)))
        if keep_id is not None:
            self._select(keep_id)

    def _select(self, course_id: int) -> None:
        iid = next((i for i, key in self.table.keys.items() if key == course_id), None)
        if iid is not None:
            self.table.tree.selection_set(iid)
            self.table.tree.see(iid)

    def chosen(self) -> None:
        """A course chosen in the list: its sessions, and in the form to change it."""
        cid = self.table.selected_key()
        if cid is None:
            return
        if self.form is not None and self.editing is not None and self.editing.id == cid:
            return  # the course already in the form (chosen again after a save or a Cancel)
        if self.form is not None and not self.resolve_unsaved(_("showing another course")):
            if self.editing is not None:
                self._select(self.editing.id)
            else:
                self.table.tree.selection_set(())
            return
        self.ctx.extra["training_course_id"] = cid
        course = next(c for c in self.rows if c.id == cid)
        self.show_sessions(course)
        if self.form is not None:
            self.load(course)

    def show_sessions(self, c) -> None:
        days = call_service(None, courses.sessions, self.ctx.actor, c.id)
        days = [] if days is FAILED else [d for _i, d in days]
        self.sessions.configure(text=ngettext("{n} session on {days}: {first} ... {last}",
                                              "{n} sessions on {days}: {first} ... {last}", len(days)).format(
            n=len(days), days=show_days(c.weekdays), first=", ".join(format_day_month(d) for d in days[:6]),
            last=format_date(days[-1]) if days else ""))

    def load(self, c) -> None:
        self.editing = c
        self.form.clear_errors()
        self.form.set_values({
            "trade": c.trade_name, "cohort": c.cohort, "start": c.start_on.isoformat(),
            "end": c.end_on.isoformat(), "trainer": c.trainer, "place": c.place,
            "capacity": str(c.capacity), "timetable": show_days(c.weekdays),
            "attendance": str(c.attendance_pct), "skills": str(c.skills_pct)})
        self._saved = self.form.values()
        closed = c.status != "open"
        self.mode.configure(
            text=(_("{course} is closed: it can no longer be changed.") if closed
                  else _("Change {course}")).format(course=c.label),
            bootstyle="secondary" if closed else "default")
        self.save_button.configure(state="disabled" if closed else "normal")

    def new(self) -> None:
        """An empty form for a new course."""
        if self.manager and self.resolve_unsaved(_("starting a new course")):
            self.blank()

    def blank(self) -> None:
        self.editing = None
        self.table.tree.selection_set(())
        self.form.clear_errors()
        self.form.set_values({**NEW_VALUES, "timetable": show_days(NEW_VALUES["timetable"])})
        self._saved = self.form.values()
        self.mode.configure(text=_("New course"), bootstyle="default")
        self.save_button.configure(state="normal")
        self.form.widgets["trade"].focus_set()

    def save(self):
        """Create the course in the form, or save the changes to the chosen one."""
        if not self.may_save():
            return None
        v = self.form.values()
        values = {
            "trade_id": next((t.id for t in self.trades
                             if local_name(t.name, t.name_km) == v["trade"]), None),
            "cohort": v["cohort"], "start_on": v["start"], "end_on": v["end"],
            "trainer_id": next((i for i, n in self.trainers if n == v["trainer"]), None),
            "place": v["place"], "capacity": v["capacity"],
            "weekdays": read_days(v["timetable"]),
            "attendance_pct": v["attendance"], "skills_pct": v["skills"]}
        try:
            if self.editing is None:
                done = courses.create_course(self.ctx.actor, values)
            else:
                done = courses.update_course(self.ctx.actor, self.editing.id, values)
        except PseError as exc:
            self.form.show_error(exc, FIELD_MAP)
            self.ctx.status(self._error_text(exc), True)
            return FAILED
        self.ctx.status((ngettext("Course {label} created with {n} session.",
                                  "Course {label} created with {n} sessions.", done.sessions) if self.editing is None
                         else ngettext("Course {label} saved: {n} session.",
                                       "Course {label} saved: {n} sessions.", done.sessions)).format(
                             label=done.label, n=done.sessions))
        self.shown(done)
        return done

    def shown(self, course) -> None:
        """After a write: the course in the form and chosen in the list, with its sessions."""
        self.ctx.extra["training_course_id"] = course.id
        self.load(course)
        self.reload(keep_id=course.id)
        self.show_sessions(course)

    def _error_text(self, exc: PseError) -> str:
        """The message line's text: the field's label, then what is wrong with it."""
        if isinstance(exc, ValidationError):
            name = FIELD_MAP.get(exc.field, exc.field)
            return _("Not saved. {field}: {message}").format(
                field=_(LABELS[name]) if name in LABELS else exc.field, message=exc.message)
        return _("Not saved: {reason}").format(reason=exc)

    def close(self) -> None:
        """Close the chosen course once its completions are decided: no more marks."""
        cid = self.table.selected_key()
        if cid is None or not self.resolve_unsaved(_("closing the course")):
            return
        done = call_service(self.form, courses.close_course, self.ctx.actor, cid)
        if done is FAILED:
            self.ctx.status(_("This course is already closed."), True)
            return
        self.ctx.status(_("Course {label} closed.").format(label=done.label))
        self.shown(done)


"""Parent meetings: the list, planning a meeting (centre, date, theme, families invited), notes
kept as they are typed, the sign sheet; the 'Who came' tab is in meetings_attendance."""

from __future__ import annotations

import datetime as dt
import tkinter as tk

import ttkbootstrap as tb

from ...formats import format_date
from ...i18n import N_, _, local_name, ngettext
from ...services.meetings import (
    planning as meetings, drafts as meetings_drafts, reports as meetings_reports,
)
from ...services.common.errors import PseError
from ...services.core.permissions import can
from ..common.base import FAILED, Form, PagedTable, Screen, call_service
from ..common.commands import Command
from ..common.dates import DateField, parse_date
from .common import FamilyTree, first_khmer, latin_guardians, write_in_background

AUTOSAVE_MS = 1500
FIELDS = ("centre", "date", "time", "duration", "theme", "title", "facilitators")


class MeetingsScreen(Screen):
    title = N_("Parent meetings")
    commands = (Command("new", "new"), Command("save", "save"), Command("print", "print_sign_sheet"),)

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.centres = meetings.centre_choices(ctx.actor)
        # who may only look (the social team) plans nowhere: no list to ask the service for
        self.plan_centres = (meetings.centre_choices(ctx.actor, "meetings.plan")
                             if can(ctx.actor, "meetings.plan") else [])
        self.themes = meetings.list_themes()
        self.meeting = None  # the MeetingInfo being edited, None for a new one
        self.invited: dict[int, object] = {}  # family id -> FamilyInfo
        self._autosave_job = None
        self._dirty_notes = False
        self._notes_cache = ""

        bar = tb.Frame(self)
        bar.pack(fill="x", pady=(0, 8))
        tb.Label(bar, text=_("Centre")).pack(side="left")
        self.filter_var = tb.StringVar(value=_("All"))
        box = tb.Combobox(bar, textvariable=self.filter_var, state="readonly", width=10,
                          values=[_("All")] + [c[1] for c in self.centres])
        box.pack(side="left", padx=4)
        box.bind("<<ComboboxSelected>>", lambda e: self.table.set_source(self.fetch))
        tb.Label(bar, text=_("Search")).pack(side="left", padx=(8, 0))
        self.search_var = tb.StringVar()
        search = tb.Entry(bar, textvariable=self.search_var, width=20)
        search.pack(side="left", padx=4)
        search.bind("<Return>", lambda e: self.table.set_source(self.fetch))
        if self.plan_centres:
            tb.Button(bar, text=_("New meeting"), bootstyle="primary", command=self.new).pack(side="right")

        body = tb.Frame(self)
        body.pack(fill="both", expand=True)
        self.table = PagedTable(body, [("date", _("Date"), 92), ("centre", _("Centre"), 58),
                                       ("theme", _("Theme"), 125), ("status", _("Status"), 62),
                                       ("came", _("Came"), 62), ("title", _("Title"), 100)],
                                page_size=100)
        self.table.pack(side="left", fill="both", expand=True)
        self.table.tree.bind("<<TreeviewSelect>>", lambda e: self.load_selected())
        self.notebook = tb.Notebook(body, width=540)
        self.notebook.pack(side="right", fill="both", padx=(12, 0), before=self.table)
        self._build_plan_tab()
        from .attendance import AttendanceTab

        self.attendance = AttendanceTab(self.notebook, self)
        self.notebook.add(self.attendance, text=_("Who came"))
        self.bind("<Unmap>", lambda e: self.flush() if e.widget is self else None)
        self.bind("<Destroy>", lambda e: self.flush() if e.widget is self else None)
        self.table.set_source(self.fetch)
        self.new()

    # -- plan tab ---------------------------------------------------------------------------
    def _build_plan_tab(self) -> None:
        tab = tb.Frame(self.notebook, padding=8)
        self.notebook.add(tab, text=_("Meeting"))
        top = tb.Frame(tab)
        top.pack(fill="x")
        left, right = Form(top, wrap=200), Form(top, wrap=220)
        left.pack(side="left", fill="x", expand=True)
        right.pack(side="left", fill="x", expand=True, padx=(12, 0))
        form = self.form = _TwoForms(left, right)
        left.add("centre", _("Centre"), tb.Combobox, state="readonly", width=8,
                 values=[c[1] for c in self.plan_centres])
        left.widgets["centre"].bind("<<ComboboxSelected>>", lambda e: self._fill_invite_choices())
        left.add("date", _("Date"), DateField, width=11)
        left.add("time", _("Time"), width=11)
        left.add("duration", _("Minutes"), width=11)
        right.add("theme", _("Theme"), tb.Combobox, state="readonly", values=[local_name(t.name) for t in self.themes])
        right.add("title", _("Title"))
        right.add("facilitators", _("Facilitators"))
        tb.Label(right, text=_("Date like 2026-03-31, time like 14:30. Facilitators: staff or a "
                               "guest speaker."), bootstyle="secondary", wraplength=230,
                 font=("TkDefaultFont", 8), justify="left").grid(column=0, columnspan=2, sticky="w")
        for name in FIELDS:
            form.vars[name].trace_add("write", lambda *a: self._changed())
        tb.Label(tab, text=_("Notes (saved as you type)")).pack(anchor="w", pady=(4, 0))
        self.notes = tk.Text(tab, height=4, wrap="word", undo=True)
        self.notes.pack(fill="x")
        self.notes.bind("<KeyRelease>", lambda e: self._changed(notes=True))
        self.notes.bind("<<Paste>>", lambda e: self.after_idle(lambda: self._changed(notes=True)))
        self.saved_label = tb.Label(tab, text="", bootstyle="secondary")
        self.saved_label.pack(anchor="w")

        buttons = tb.Frame(tab)
        buttons.pack(side="bottom", fill="x", pady=(4, 0))
        self.sheet_button = tb.Button(buttons, text=_("Print sign sheet"), bootstyle="info",
                                      command=self.print_sign_sheet)
        self.sheet_button.pack(side="left")
        self.save_button = tb.Button(buttons, text=_("Save meeting"), bootstyle="primary", command=self.save)
        self.save_button.pack(side="right")
        adjust = tb.Frame(tab)
        adjust.pack(side="bottom", fill="x", pady=(4, 0))
        self.count_label = tb.Label(adjust, text="")
        self.count_label.pack(side="left")
        tb.Button(adjust, text=_("Remove"), bootstyle="secondary-outline",
                  command=self.remove_family).pack(side="right")
        tb.Button(adjust, text=_("Add family"), bootstyle="secondary-outline",
                  command=self.add_family_code).pack(side="right", padx=4)
        self.family_code_var = tb.StringVar()
        code = tb.Entry(adjust, textvariable=self.family_code_var, width=7)
        code.pack(side="right")
        code.bind("<Return>", lambda e: self.add_family_code())
        tb.Label(adjust, text=_("Code")).pack(side="right", padx=4)

        invite = tb.Frame(tab)
        invite.pack(fill="x", pady=(6, 2))
        tb.Label(invite, text=_("Invite families of")).pack(side="left")
        self.invite_var = tb.StringVar()
        self.invite_box = tb.Combobox(invite, textvariable=self.invite_var, state="readonly", width=26)
        self.invite_box.pack(side="left", padx=4)
        self.invite_button = tb.Button(invite, text=_("Add"), bootstyle="secondary",
                                       command=self.add_invite_choice)
        self.invite_button.pack(side="left")
        self.invite_error = tb.Label(tab, text="", bootstyle="danger")
        self.invite_error.pack(anchor="w")
        self.families = FamilyTree(tab, [("code", _("Family"), 70), ("names", _("Guardians"), 200)],
                                   height=4)
        self.families.pack(fill="both", expand=True)
        self.families.tree.bind("<Delete>", lambda e: self.remove_family())

    # -- list -------------------------------------------------------------------------------
    def _centre_id(self, code: str, choices=None):
        return next((c[0] for c in (choices or self.centres) if c[1] == code), None)

    def fetch(self, page, size):
        centre_id = self._centre_id(self.filter_var.get())
        rows, total = meetings.list_meetings(self.ctx.actor, centre_id, text=self.search_var.get(),
                                             limit=size, offset=page * size)
        return [(r.id, (f"{r.held_on:%Y-%m-%d}", r.centre_code, local_name(r.theme), _(meetings.STATUSES[r.status]),
                        f"{r.came}/{r.invited}" if r.status == "held" else f"-/{r.invited}", r.title))
                for r in rows], total

    # -- unsaved "who came": asked before another meeting, another screen, logout ------------
    def has_unsaved(self) -> bool:
        return bool(getattr(self.attendance, "dirty", False))

    def save_changes(self) -> bool:
        return self.attendance.save() is not FAILED

    def discard_changes(self) -> None:
        self.attendance.dirty = False

    def load_selected(self) -> None:
        meeting_id = self.table.selected_key()
        if meeting_id is not None and (self.meeting is None or self.meeting.id != meeting_id):
            if not self.resolve_unsaved(_("showing another meeting")):
                return
            self.flush()
            self.show_meeting(meetings.get_meeting(self.ctx.actor, meeting_id))

    # -- the form ---------------------------------------------------------------------------
    def new(self) -> None:
        if not self.resolve_unsaved(_("starting a new meeting")):
            return
        self.flush()
        self.meeting = None
        self._loading = True
        centre = self.plan_centres[0][1] if self.plan_centres else ""
        self.form.clear_errors()
        self.form.set_values({"centre": centre, "date": "", "time": "", "duration": "60",
                              "theme": "", "title": "", "facilitators": ""})
        self._set_notes("")
        self.invited = {}
        draft = meetings_drafts.load_draft(self.ctx.actor, None) if self.plan_centres else None
        if draft:
            self.form.set_values({k: draft.get(k, "") for k in FIELDS})
            self._set_notes(draft.get("notes", ""))
            ids = [int(x) for x in draft.get("families", "").split(",") if x.strip().isdigit()]
            self.invited = {f.id: f for f in meetings.family_summaries(self.ctx.actor, ids)}
            self.saved_label.configure(text=_("Your unsaved meeting was brought back."))
        else:
            self.saved_label.configure(text="")
        self._loading = False
        self._fill_invite_choices()
        self._show_families()
        self.save_button.configure(state="normal" if self.plan_centres else "disabled")
        self.attendance.show(None)
        self.notebook.select(0)

    def show_meeting(self, m) -> None:
        self.meeting = m
        self._loading = True
        self.form.clear_errors()
        self.form.set_values({"centre": m.centre_code, "date": m.held_on.isoformat(), "time": m.start_time,
                              "duration": str(m.duration_min), "theme": local_name(m.theme), "title": m.title,
                              "facilitators": m.facilitators})
        self._set_notes(m.notes)
        ids = [i.family_id for i in m.invitees if i.invited]
        self.invited = {f.id: f for f in meetings.family_summaries(self.ctx.actor, ids)}
        self._loading = False
        self.saved_label.configure(text="")
        self._fill_invite_choices()
        self._show_families()
        self.attendance.show(m)
        state = "normal" if can(self.ctx.actor, "meetings.plan", centre_id=m.centre_id) else "disabled"
        self.save_button.configure(state=state)

    def _set_notes(self, text: str) -> None:
        self.notes.delete("1.0", "end")
        self.notes.insert("1.0", text or "")
        self._notes_cache = text or ""
        self._dirty_notes = False

    def notes_text(self) -> str:
        return self.notes.get("1.0", "end-1c")

    def _fill_invite_choices(self) -> None:
        centre_id = self._centre_id(self.form.vars["centre"].get(), self.plan_centres or self.centres)
        self.invite_options = meetings.invite_choices(self.ctx.actor, centre_id) if centre_id else []
        self.invite_box.configure(values=[label for label, _kw in self.invite_options])
        if self.invite_options and not self.invite_var.get() in [o[0] for o in self.invite_options]:
            self.invite_var.set(self.invite_options[0][0])

    def _show_families(self) -> None:
        self.families.clear()
        for f in sorted(self.invited.values(), key=lambda f: f.code):
            self.families.add(f.id, first_khmer(f), (f.code, latin_guardians(f)))
        self.count_label.configure(text=ngettext("{n} family invited",
                                                 "{n} families invited", len(self.invited)).format(n=len(self.invited)))

    def add_invite_choice(self) -> None:
        choice = next((kw for label, kw in self.invite_options if label == self.invite_var.get()), None)
        centre_id = self._centre_id(self.form.vars["centre"].get(), self.plan_centres or self.centres)
        if choice is None or centre_id is None:
            self.invite_error.configure(text=_("Choose the centre first."))
            return
        day = _parse_date(self.form.vars["date"].get()) or self.today
        try:
            ids = meetings.families_to_invite(self.ctx.actor, centre_id, on=day, **choice)
        except PseError as exc:
            self.invite_error.configure(text=str(exc))
            return
        for f in meetings.family_summaries(self.ctx.actor, ids):
            self.invited[f.id] = f
        self.invite_error.configure(text="")
        self._show_families()
        self._changed()

    def add_family_code(self) -> None:
        try:
            f = meetings.family_by_code(self.ctx.actor, self.family_code_var.get())
        except PseError as exc:
            self.invite_error.configure(text=getattr(exc, "message", str(exc)))
            return
        self.invited[f.id] = f
        self.family_code_var.set("")
        self.invite_error.configure(text="")
        self._show_families()
        self.families.select(f.id)
        self._changed()

    def remove_family(self) -> None:
        key = self.families.selected()
        if key is not None:
            self.invited.pop(key, None)
            self.families.remove(key)
            self.count_label.configure(text=ngettext("{n} family invited",
                                                     "{n} families invited", len(self.invited)).format(n=len(self.invited)))
            self._changed()

    def values(self) -> dict:
        v = self.form.values()
        theme_id = next((t.id for t in self.themes if local_name(t.name) == v["theme"]), None)
        return {"centre_id": self._centre_id(v["centre"], self.plan_centres or self.centres),
                "held_on": v["date"].strip() or None, "start_time": v["time"],
                "duration_min": v["duration"] or 60, "theme_id": theme_id, "title": v["title"],
                "facilitators": v["facilitators"], "notes": self.notes_text()}

    def save(self):
        self._cancel_autosave()
        result = call_service(self.form, meetings.save_meeting, self.ctx.actor,
                              self.meeting.id if self.meeting else None, self.values(),
                              family_ids=list(self.invited),
                              field_map={"duration": "duration", "families": "centre"})
        if result is FAILED:
            return FAILED
        self._dirty_notes = False
        self.ctx.status(_("Saved the meeting of {day}.").format(day=format_date(result.held_on)))
        self.table.refresh()
        self.show_meeting(result)
        return result

    def print_sign_sheet(self):
        if self.meeting is None or self._form_changed():
            if self.save() is FAILED:
                return None
        sheet = call_service(self.form, meetings_reports.sign_sheet, self.ctx.actor, self.meeting.id)
        if sheet is FAILED:
            return None
        from ...reports.meetings.sheets import render_sign_sheet

        name = f"sign-sheet-{self.meeting.centre_code}-{self.meeting.held_on}.pdf"
        return write_in_background(self, name, lambda path: render_sign_sheet(sheet, path),
                                   _("Sign sheet"))

    def _form_changed(self) -> bool:
        m = self.meeting
        v = self.values()
        ids = {i.family_id for i in m.invitees if i.invited}
        return (v["held_on"] != m.held_on.isoformat() or v["theme_id"] != m.theme_id
                or v["title"] != m.title or set(self.invited) != ids or v["notes"] != m.notes)

    # -- notes saved as they type, and on leaving ------------------------------------------
    def _changed(self, notes: bool = False) -> None:
        if getattr(self, "_loading", False):
            return
        self._dirty_notes = True
        self._notes_cache = self.notes_text()
        self._cancel_autosave()
        self._autosave_job = self.after(AUTOSAVE_MS, self.flush)

    def _cancel_autosave(self) -> None:
        if self._autosave_job is not None:
            try:
                self.after_cancel(self._autosave_job)
            except tk.TclError:
                pass
            self._autosave_job = None

    def flush(self) -> None:
        """Save what was typed: an existing meeting's notes, or a new meeting's whole form as a
        draft (brought back the next time)."""
        self._cancel_autosave()
        if not self._dirty_notes or not self.plan_centres:
            return
        try:
            try:
                notes = self.notes_text()
            except tk.TclError:  # the window is closing: use what was last typed
                notes = self._notes_cache
            fields = {**self.form.values(), "notes": notes,
                      "families": ",".join(str(i) for i in self.invited)}
            if self.meeting is not None:
                meetings.save_notes(self.ctx.actor, self.meeting.id, fields["notes"])
            else:
                meetings_drafts.save_draft(self.ctx.actor, None, fields)
        except (PseError, tk.TclError) as exc:
            self.ctx.status(str(exc))
            return
        self._dirty_notes = False
        try:
            self.saved_label.configure(text=_("Notes kept at {time}").format(
                time=dt.datetime.now().strftime("%H:%M:%S")))
        except tk.TclError:
            pass

    def on_show(self) -> None:
        self.table.refresh()


class _TwoForms:
    """Two Forms side by side that act as one (values, errors beside the right field)."""

    def __init__(self, left: Form, right: Form):
        self.parts = (left, right)

    @property
    def vars(self) -> dict:
        return {**self.parts[0].vars, **self.parts[1].vars}

    @property
    def widgets(self) -> dict:
        return {**self.parts[0].widgets, **self.parts[1].widgets}

    def values(self) -> dict:
        return {**self.parts[0].values(), **self.parts[1].values()}

    def set_values(self, values: dict) -> None:
        for part in self.parts:
            part.set_values(values)

    def clear_errors(self) -> None:
        for part in self.parts:
            part.clear_errors()

    def show_error(self, exc, field_map=None) -> None:
        self.clear_errors()
        name = getattr(exc, "field", "")
        name = (field_map or {}).get(name, name)
        part = self.parts[1] if name in self.parts[1].vars else self.parts[0]
        part.show_error(exc, field_map)

    def error_text(self, name: str) -> str:
        part = self.parts[1] if name in self.parts[1].vars else self.parts[0]
        return part.error_text(name)


_parse_date = parse_date  # the kit's one date reader

"""Groups of a centre (with the staff in charge) and the calendar of days off."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_date
from ...i18n import N_, _
from ...services.centres import groups as attendance_setup
from ...services.centres.rules import PROGRAMMES, SESSIONS
from ...services.core.permissions import can
from ..common.base import FAILED, Form, PagedTable, Screen, call_service
from ..common.dates import DateField


class SetupScreen(Screen):
    title = N_("Groups and calendar")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.centres = attendance_setup.visible_centres(ctx.actor)
        bar = tb.Frame(self)
        bar.pack(fill="x", pady=(0, 8))
        tb.Label(bar, text=_("Centre")).pack(side="left")
        self.centre_box = tb.Combobox(bar, state="readonly", width=24,
                                      values=[f"{c[1]} {c[2]}" for c in self.centres])
        self.centre_box.pack(side="left", padx=4)
        self.centre_box.bind("<<ComboboxSelected>>", lambda e: self.refresh())
        body = tb.Frame(self)
        body.pack(fill="both", expand=True)

        groups = tb.Labelframe(body, text=_("Groups"), padding=8)
        groups.pack(fill="both", expand=True)
        self.groups_table = PagedTable(groups, [("name", _("Group"), 110),
                                                ("programme", _("Programme"), 130),
                                                ("session", _("Session"), 80),
                                                ("staff", _("Staff in charge"), 120),
                                                ("state", _("State"), 60)], height=10)
        self.groups_table.pack(fill="both", expand=True)
        self.groups_table.tree.bind("<<TreeviewSelect>>", lambda e: self.load_group())
        form = self.group_form = Form(groups)
        form.pack(fill="x", pady=(8, 0))
        form.add("name", _("Name"))
        form.add("programme", _("Programme"), tb.Combobox, values=PROGRAMMES, state="readonly")
        form.add("session", _("Session"), tb.Combobox, values=SESSIONS, state="readonly",
                 help=_("After-school groups come in the morning or the afternoon."))
        form.add("staff", _("Staff in charge"), tb.Combobox, state="readonly")
        form.add("active", _("Active"), tb.Checkbutton, var=tb.BooleanVar(value=True))
        gbar = tb.Frame(groups)
        gbar.pack(fill="x")
        tb.Button(gbar, text=_("New group"), bootstyle="secondary",
                  command=self.new_group).pack(side="left")
        tb.Button(gbar, text=_("Save group"), bootstyle="primary",
                  command=self.save_group).pack(side="right")

        cal = tb.Labelframe(body, text=_("Days off"), padding=8)
        cal.pack(fill="both", expand=True, pady=(12, 0))  # below: both fit a 1024-pixel screen
        ybar = tb.Frame(cal)
        ybar.pack(fill="x")
        tb.Label(ybar, text=_("Year")).pack(side="left")
        self.year_var = tb.StringVar(value=str(self.today.year))
        year = tb.Spinbox(ybar, from_=2000, to=2100, textvariable=self.year_var, width=6,
                          command=self.refresh_days)
        year.pack(side="left", padx=4)
        year.bind("<Return>", lambda e: self.refresh_days())
        self.days_table = PagedTable(cal, [("day", _("Date"), 100), ("weekday", _("Day"), 80),
                                           ("name", _("Name"), 160), ("kind", _("Kind"), 110)],
                                     height=10)
        self.days_table.pack(fill="both", expand=True, pady=(6, 0))
        dform = self.day_form = Form(cal)
        dform.pack(fill="x", pady=(8, 0))
        dform.add("day", _("Date"), DateField, help=_("Like 2026-04-14"))
        dform.add("name", _("Name"), help=_("e.g. Khmer New Year, staff training"))
        self.public_var = tb.BooleanVar(value=False)
        dform.add("public", _("Public holiday (all centres)"), tb.Checkbutton, var=self.public_var,
                  state="normal" if can(ctx.actor, "attendance.holidays") else "disabled")
        dbar = tb.Frame(cal)
        dbar.pack(fill="x")
        tb.Button(dbar, text=_("Remove selected"), bootstyle="danger-outline",
                  command=self.remove_day).pack(side="left")
        tb.Button(dbar, text=_("Add day off"), bootstyle="primary",
                  command=self.add_day).pack(side="right")
        self.editing = None
        if self.centres:
            self.centre_box.current(0)
        self.refresh()

    def centre_id(self):
        index = self.centre_box.current()
        return self.centres[index][0] if index >= 0 else None

    def refresh(self) -> None:
        centre_id = self.centre_id()
        self.staff = attendance_setup.staff_choices(self.ctx.actor, centre_id) if centre_id else []
        self.group_form.widgets["staff"].configure(values=[""] + [s[1] for s in self.staff])
        self.groups_table.set_source(self.fetch_groups)
        self.refresh_days()
        self.new_group()

    def fetch_groups(self, page, size):
        centre_id = self.centre_id()
        rows = (attendance_setup.list_groups(self.ctx.actor, centre_id, active_only=False)
                if centre_id else [])
        self.groups = rows
        return [(g.id, (g.name, _(PROGRAMMES[g.programme]).split(" (")[0], _(SESSIONS[g.session]), g.staff_name,
                        _("active") if g.active else _("closed"))) for g in rows], len(rows)

    def new_group(self) -> None:
        self.editing = None
        self.group_form.clear_errors()
        self.group_form.set_values({"name": "", "programme": "daycare", "session": "", "staff": "",
                                    "active": True})

    def load_group(self) -> None:
        gid = self.groups_table.selected_key()
        g = next((g for g in getattr(self, "groups", []) if g.id == gid), None)
        if g is None:
            return
        self.editing = g
        self.group_form.set_values({"name": g.name, "programme": g.programme, "session": g.session,
                                    "staff": g.staff_name, "active": g.active})

    def save_group(self):
        v = self.group_form.values()
        staff_id = next((s[0] for s in self.staff if s[1] == v["staff"]), None)
        result = call_service(self.group_form, attendance_setup.save_group, self.ctx.actor,
                              self.editing.id if self.editing else None, self.centre_id(),
                              v["name"], v["programme"], v["session"], staff_id, v["active"])
        if result is FAILED:
            return FAILED
        self.ctx.status(_("Saved group {name}.").format(name=result.name))
        self.groups_table.refresh()
        self.new_group()
        return result

    def refresh_days(self) -> None:
        self.days_table.set_source(self.fetch_days)

    def fetch_days(self, page, size):
        try:
            year = int(self.year_var.get())
        except ValueError:
            year = self.today.year
        rows = attendance_setup.list_days_off(year, self.centre_id())
        return [(d.id, (d.day.isoformat(), format_date(d.day, "EEEE"), d.name, _(d.kind)))
                for d in rows], len(rows)

    def add_day(self):
        v = self.day_form.values()
        centre_id = None if self.public_var.get() else self.centre_id()
        result = call_service(self.day_form, attendance_setup.add_day_off, self.ctx.actor, v["day"],
                              v["name"], centre_id)
        if result is FAILED:
            return FAILED
        self.day_form.set_values({"day": "", "name": ""})
        self.refresh_days()
        return result

    def remove_day(self) -> None:
        key = self.days_table.selected_key()
        if key is None:
            return
        if not self.ctx.confirm(self, _("Remove day off"),
                                _("Remove this day off? It becomes a school day again.")):
            return
        call_service(self.day_form, attendance_setup.remove_day_off, self.ctx.actor, key)
        self.refresh_days()

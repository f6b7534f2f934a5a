"""The 'Who came' tab of a meeting: tick the families that came and who came for them (Y or
space: came, N: did not), walk-ins and guests, the minutes, and follow-ups for absent families."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_date
from ...i18n import _, ngettext
from ...services.meetings import (
    attendance as meetings_attendance, followup as meetings_followup, reports as
    meetings_reports,
)
from ...services.common.errors import PseError
from ...services.meetings.attendance import Presence
from ...services.core.permissions import can
from ..common.base import FAILED, Form, call_service
from ..common.commands import plain_key
from ..common.dates import DateField
from ..common.flow import Flow
from .common import FamilyTree, first_khmer, latin_guardians, write_in_background

OTHER = "Another relative"
DEFAULT_ACTION = "Visit the family: why did nobody come to the meeting?"


class AttendanceTab(tb.Frame):
    def __init__(self, master, screen):
        super().__init__(master, padding=8)
        self.screen, self.ctx = screen, screen.ctx
        self.meeting = None
        self.rows: dict[int, dict] = {}  # family id -> {came, guardian_id, attendee, family, invited}
        self.walk_ins: list[str] = []
        self.guests: list[tuple[str, str]] = []
        self.info = tb.Label(self, text="", font=("TkDefaultFont", 10, "bold"))
        self.info.pack(anchor="w")
        tb.Label(self, text=_("Keys: Y or space came · N did not come · ↑ ↓ move"),
                 bootstyle="secondary").pack(anchor="w")
        self.families = FamilyTree(self, [("code", _("Family"), 62), ("came", _("Came"), 54),
                                          ("who", _("Who came"), 140), ("names", _("Guardians"), 120)],
                                   height=5)
        self.families.pack(fill="both", expand=True)
        tree = self.families.tree
        tree.tag_configure("came", foreground=tb.Style().colors.success)
        tree.tag_configure("absent", foreground=tb.Style().colors.danger)
        tree.bind("<<TreeviewSelect>>", lambda e: self._show_who(), add="+")
        for key in ("y", "Y", "space"):
            tree.bind(f"<KeyPress-{key}>", lambda e: self.set_came(True) if plain_key(e) else None)
        for key in ("n", "N"):
            tree.bind(f"<KeyPress-{key}>", lambda e: self.set_came(False) if plain_key(e) else None)

        who = tb.Frame(self)
        who.pack(fill="x", pady=4)
        tb.Label(who, text=_("Who came")).pack(side="left")
        self.who_var = tb.StringVar()
        self.who_box = tb.Combobox(who, textvariable=self.who_var, state="readonly", width=26)
        self.who_box.pack(side="left", padx=4)
        self.who_box.bind("<<ComboboxSelected>>", lambda e: self._who_changed())
        self.other_var = tb.StringVar()
        self.other_entry = tb.Entry(who, textvariable=self.other_var, width=20)
        self.other_entry.pack(side="left")
        self.other_entry.bind("<KeyRelease>", lambda e: self._who_changed())

        extra = Flow(self)
        extra.pack(fill="x", pady=2)
        self.walk_var = tb.StringVar()
        walk = tb.Entry(extra, textvariable=self.walk_var, width=9)
        walk.bind("<Return>", lambda e: self.add_walk_in())
        extra.add(tb.Label(extra, text=_("Walk-in family code")), walk,
                  tb.Button(extra, text=_("Add"), bootstyle="secondary-outline", command=self.add_walk_in))
        extra = Flow(self)
        extra.pack(fill="x", pady=2)
        self.guest_var = tb.StringVar()
        guest = tb.Entry(extra, textvariable=self.guest_var, width=22)
        guest.bind("<Return>", lambda e: self.add_guest())
        extra.add(tb.Label(extra, text=_("Guest not on file (name)")), guest,
                  tb.Button(extra, text=_("Add"), bootstyle="secondary-outline", command=self.add_guest))
        self.guests_label = tb.Label(self, text="", bootstyle="secondary", wraplength=520)
        self.guests_label.pack(anchor="w")
        self.error = tb.Label(self, text="", bootstyle="danger", wraplength=520)
        self.error.pack(anchor="w")
        buttons = tb.Frame(self)
        buttons.pack(fill="x")
        self.save_button = tb.Button(buttons, text=_("Save who came"), bootstyle="primary", command=self.save)
        self.save_button.pack(side="right")
        self.minutes_button = tb.Button(buttons, text=_("Minutes PDF"), bootstyle="info",
                                        command=self.print_minutes)
        self.minutes_button.pack(side="left")

        tb.Separator(self).pack(fill="x", pady=6)
        tb.Label(self, text=_("Follow-up for the selected family"),
                 font=("TkDefaultFont", 10, "bold")).pack(anchor="w")
        self.follow_form = Form(self, wrap=360)
        self.follow_form.pack(fill="x")
        self.follow_form.add("action", _("What to do"))
        self.follow_form.add("due date", _("Due date"), DateField, width=12)
        self.follow_button = tb.Button(self, text=_("Add follow-up"), bootstyle="warning",
                                       command=self.add_followup)
        self.follow_button.pack(anchor="e")

    def show(self, meeting) -> None:
        self.meeting = meeting
        self.dirty = False  # who came, changed here and not saved yet
        self.rows, self.walk_ins, self.guests = {}, [], []
        self.families.clear()
        self.error.configure(text="")
        if meeting is None:
            self.info.configure(text=_("Save the meeting first; then record here who came."))
            self._update_guests()
            self._set_state("disabled")
            return
        for i in meeting.invitees:
            fam = _Family(i.family_id, i.family_code, i.guardians)
            self.rows[i.family_id] = {"came": i.came, "guardian_id": i.guardian_id,
                                      "attendee": i.attendee, "family": fam, "invited": i.invited}
            self.families.add(i.family_id, first_khmer(fam), self._values(i.family_id),
                              self._tags(i.family_id))
        self.guests = list(meeting.guests)
        self._update_guests()
        self._update_info()
        allowed = can(self.ctx.actor, "meetings.plan", centre_id=meeting.centre_id)
        self._set_state("normal" if allowed else "disabled")
        follow = can(self.ctx.actor, "meetings.followup", centre_id=meeting.centre_id)
        self.follow_button.configure(state="normal" if follow else "disabled")
        due = self.screen.today + dt.timedelta(days=14)
        self.follow_form.set_values({"action": _(DEFAULT_ACTION), "due date": due.isoformat()})
        if self.rows:
            self.families.select(next(iter(sorted(self.rows, key=lambda f: self.rows[f]["family"].code))))

    def _set_state(self, state: str) -> None:
        for w in (self.save_button, self.follow_button):
            w.configure(state=state)

    def _values(self, family_id: int) -> tuple:
        r = self.rows[family_id]
        fam = r["family"]
        code = fam.code + ("" if r["invited"] else " *")
        return (code, _("yes") if r["came"] else "-", self._who_text(r) if r["came"] else "",
                latin_guardians(fam))

    @staticmethod
    def _who_text(r) -> str:
        g = next((g for g in r["family"].guardians if g.id == r["guardian_id"]), None)
        return f"{g.name_latin} ({g.relation})" if g else (r["attendee"] or _("someone"))

    def _tags(self, family_id: int) -> tuple:
        return ("came",) if self.rows[family_id]["came"] else ("absent",)

    def _refresh_row(self, family_id: int) -> None:
        self.families.update_row(family_id, self._values(family_id), self._tags(family_id))
        self._update_info()

    def _update_info(self) -> None:
        came = sum(1 for r in self.rows.values() if r["came"])
        invited = sum(1 for r in self.rows.values() if r["invited"])
        status = _("held") if self.meeting.status == "held" else _("not recorded yet")
        self.info.configure(text=_("{came} families came of {invited} invited, {guests} guests ({status})")
                            .format(came=came, invited=invited, guests=len(self.guests), status=status))

    def set_came(self, came: bool):
        key = self.families.selected()
        if key is None or self.meeting is None:
            return "break"
        r = self.rows[key]
        r["came"] = (not r["came"]) if came and r["came"] else came
        if r["came"] and r["guardian_id"] is None and not r["attendee"] and r["family"].guardians:
            r["guardian_id"] = r["family"].guardians[0].id
        self.dirty = True
        self._refresh_row(key)
        self._show_who()
        return "break"

    def _show_who(self) -> None:
        key = self.families.selected()
        if key is None:
            return
        r = self.rows[key]
        names = [f"{g.name_latin} ({g.relation})" for g in r["family"].guardians]
        self.who_box.configure(values=names + [_(OTHER)])
        g = next((g for g in r["family"].guardians if g.id == r["guardian_id"]), None)
        self.who_var.set(f"{g.name_latin} ({g.relation})" if g else (_(OTHER) if r["attendee"] else ""))
        self.other_var.set(r["attendee"])

    def _who_changed(self) -> None:
        key = self.families.selected()
        if key is None:
            return
        r = self.rows[key]
        before = (r["came"], r["guardian_id"], r["attendee"])
        choice = self.who_var.get()
        g = next((g for g in r["family"].guardians if f"{g.name_latin} ({g.relation})" == choice), None)
        r["guardian_id"] = g.id if g else None
        r["attendee"] = "" if g else self.other_var.get().strip()
        self.dirty = self.dirty or before != (r["came"] or bool(g or r["attendee"]),
                                              r["guardian_id"], r["attendee"])
        if g is None and choice != _(OTHER) and r["attendee"]:
            self.who_var.set(_(OTHER))
        if g or r["attendee"]:
            r["came"] = True
        self._refresh_row(key)

    def add_walk_in(self) -> None:
        code = self.walk_var.get().strip().upper()
        if not code or self.meeting is None:
            return
        from ...services.meetings import planning as meetings

        try:
            fam = meetings.family_by_code(self.ctx.actor, code)
        except PseError as exc:
            self.error.configure(text=getattr(exc, "message", str(exc)))
            return
        self.walk_var.set("")
        self.error.configure(text="")
        if fam.id in self.rows:
            self.families.select(fam.id)
            self.set_came(True) if not self.rows[fam.id]["came"] else None
            return
        first = fam.guardians[0].id if fam.guardians else None
        self.rows[fam.id] = {"came": True, "guardian_id": first, "attendee": "", "family": fam,
                             "invited": False}
        self.dirty = True
        self.families.add(fam.id, first_khmer(fam), self._values(fam.id), self._tags(fam.id))
        self.families.select(fam.id)
        self._update_info()

    def add_guest(self) -> None:
        name = self.guest_var.get().strip()
        if name and self.meeting is not None:
            self.guests.append((name, ""))
            self.dirty = True
            self.guest_var.set("")
            self._update_guests()
            self._update_info()

    def _update_guests(self) -> None:
        text = ", ".join(g[0] for g in self.guests)
        self.guests_label.configure(text=_("Guests: {names}").format(names=text) if text else "")

    def save(self):
        if self.meeting is None:
            return FAILED
        new = self._new_walk_ins()
        presences = [Presence(fid, r["came"], r["guardian_id"], r["attendee"])
                     for fid, r in self.rows.items() if fid not in new]
        walk_ins = [Presence(fid, True, self.rows[fid]["guardian_id"], self.rows[fid]["attendee"])
                    for fid in new]
        try:
            result = meetings_attendance.record_attendance(self.ctx.actor, self.meeting.id, presences,
                                                           walk_ins=walk_ins, guests=self.guests,
                                                           today=self.screen.today)
        except PseError as exc:
            self.error.configure(text=str(exc))
            return FAILED
        self.error.configure(text="")
        self.ctx.status(ngettext("Saved who came: {n} family.",
                                 "Saved who came: {n} families.", sum(1 for i in result.invitees if i.came)).format(
            n=sum(1 for i in result.invitees if i.came)))
        self.screen.meeting = result
        self.screen.table.refresh()
        selected = self.families.selected()
        self.show(result)
        if selected is not None:
            self.families.select(selected)
        return result

    def _new_walk_ins(self) -> list[int]:
        on_file = {i.family_id for i in self.meeting.invitees}
        return [fid for fid in self.rows if fid not in on_file]

    def print_minutes(self):
        if self.meeting is None:
            return None
        data = call_service(None, meetings_reports.minutes, self.ctx.actor, self.meeting.id)
        if data is FAILED:
            return None
        from ...reports.meetings.sheets import render_minutes

        name = f"minutes-{self.meeting.centre_code}-{self.meeting.held_on}.pdf"
        return write_in_background(self.screen, name, lambda path: render_minutes(data, path),
                                   _("Minutes"))

    def add_followup(self):
        key = self.families.selected()
        if key is None or self.meeting is None:
            self.follow_form.show_error(PseError(_("Select a family in the list first.")))
            return FAILED
        v = self.follow_form.values()
        result = call_service(self.follow_form, meetings_followup.add_followup, self.ctx.actor, key,
                              v["action"], due_on=v["due date"], meeting_id=self.meeting.id,
                              assigned_to_id=self.ctx.actor.id, today=self.screen.today)
        if result is FAILED:
            return FAILED
        self.ctx.status(_("Follow-up added for {family}, due {day}.").format(
            family=result.family_code, day=format_date(result.due_on)))
        return result


class _Family:
    """The few fields of a family the tab needs (from a meeting's invitee)."""

    def __init__(self, family_id, code, guardians):
        self.id, self.code, self.guardians = family_id, code, guardians

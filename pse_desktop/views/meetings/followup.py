"""Follow-ups: the overdue list (a centre's, or every centre's for the social team), open and
done actions, adding one for a family and closing it with its outcome."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_date
from ...i18n import N_, _
from ...services.meetings import planning as meetings, followup as meetings_followup
from ...services.core.permissions import can
from ..common.base import FAILED, Form, PagedTable, Screen, call_service
from ..common.commands import Command
from ..common.dates import DateField

STATES = {"overdue": N_("Overdue"), "open": N_("To do"), "done": N_("Done"), "all": N_("All")}


class FollowUpsScreen(Screen):
    title = N_("Family follow-ups")
    commands = (Command("new", "new"), Command("save", "save"),)

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.centres = meetings.centre_choices(ctx.actor)
        self.current = None
        bar = tb.Frame(self)
        bar.pack(fill="x", pady=(0, 8))
        tb.Label(bar, text=_("Show")).pack(side="left")
        self.state_var = tb.StringVar(value=_(STATES["overdue"]))
        box = tb.Combobox(bar, textvariable=self.state_var, state="readonly", width=10,
                          values=[_(v) for v in STATES.values()])
        box.pack(side="left", padx=4)
        box.bind("<<ComboboxSelected>>", lambda e: self.reload())
        tb.Label(bar, text=_("Centre")).pack(side="left", padx=(8, 0))
        self.centre_var = tb.StringVar(value=_("All"))
        box = tb.Combobox(bar, textvariable=self.centre_var, state="readonly", width=8,
                          values=[_("All")] + [c[1] for c in self.centres])
        box.pack(side="left", padx=4)
        box.bind("<<ComboboxSelected>>", lambda e: self.reload())
        self.summary = tb.Label(bar, text="", bootstyle="danger")
        self.summary.pack(side="left", padx=12)

        body = tb.Frame(self)
        body.pack(fill="both", expand=True)
        self.table = PagedTable(body, [("due", _("Due"), 92), ("family", _("Family"), 64),
                                       ("centre", _("Centre"), 56), ("state", _("State"), 68),
                                       ("who", _("Who"), 100), ("contact", _("Contact"), 92),
                                       ("action", _("Action"), 200)], page_size=100)
        self.table.pack(side="left", fill="both", expand=True)
        self.table.tree.tag_configure("overdue", foreground=tb.Style().colors.danger)
        self.table.tree.bind("<<TreeviewSelect>>", lambda e: self.load_selected())
        side = tb.Frame(body, padding=(12, 0, 0, 0))
        side.pack(side="right", fill="y", before=self.table)
        self.detail = tb.Label(side, text="", wraplength=320, justify="left")
        self.detail.pack(anchor="w")
        form = self.form = Form(side, stacked=True, wrap=320)
        form.pack(fill="x")
        form.add("family", _("Family code"), width=12)
        form.add("action", _("What to do"), width=30)
        self.people = meetings.staff_choices()
        form.add("who", _("Who does it"), tb.Combobox, state="readonly",
                 values=[""] + [name for _i, name in self.people])
        form.add("due date", _("Due date"), DateField, width=12)
        form.add("outcome", _("Outcome"), width=30, help=_("What came of it; needed to close the action."))
        buttons = tb.Frame(side)
        buttons.pack(fill="x", pady=6)
        tb.Button(buttons, text=_("New"), bootstyle="secondary", command=self.new).pack(side="left")
        self.save_button = tb.Button(buttons, text=_("Save"), bootstyle="primary", command=self.save)
        self.save_button.pack(side="left", padx=6)
        self.done_button = tb.Button(buttons, text=_("Mark done"), bootstyle="success", command=self.mark_done)
        self.done_button.pack(side="left")
        self.reload()
        self.new()

    def _state(self) -> str:
        label = self.state_var.get()
        return next((k for k, v in STATES.items() if _(v) == label), "overdue")

    def _centre_id(self):
        return next((c[0] for c in self.centres if c[1] == self.centre_var.get()), None)

    def fetch(self, page, size):
        rows, total = meetings_followup.list_followups(self.ctx.actor, centre_id=self._centre_id(),
                                                       state=self._state(), today=self.today,
                                                       limit=size, offset=page * size)
        late = meetings_followup.list_followups(self.ctx.actor, centre_id=self._centre_id(),
                                                state="overdue", today=self.today, limit=0)[1]
        self.summary.configure(text=_("{n} overdue").format(n=late) if late else "")
        self.rows = {f.id: f for f in rows}
        out = [(f.id, (f"{f.due_on:%Y-%m-%d}", f.family_code, f.centre_code, _(STATES.get(f.state(self.today), f.state(self.today))),
                       f.assigned_to, f.contact, f.action)) for f in rows]
        return out, total

    def reload(self) -> None:
        self.table.set_source(self.fetch)
        self._tag()

    def on_show(self) -> None:
        self.table.refresh()
        self._tag()

    def _tag(self) -> None:
        for iid, key in self.table.keys.items():
            f = self.rows.get(key)
            if f and f.overdue(self.today):
                self.table.tree.item(iid, tags=("overdue",))

    def new(self) -> None:
        self.current = None
        self.form.clear_errors()
        due = self.today + dt.timedelta(days=14)
        me = next((name for i, name in self.people if i == self.ctx.actor.id), "")
        self.form.set_values({"family": "", "action": "", "due date": due.isoformat(), "outcome": "",
                              "who": me})
        self.detail.configure(text=_("New follow-up: give the family code and what to do."))
        self.done_button.configure(state="disabled")

    def load_selected(self) -> None:
        key = self.table.selected_key()
        if key is None:
            return
        f = self.current = meetings_followup.get_followup(self.ctx.actor, key)
        self.form.clear_errors()
        self.form.set_values({"family": f.family_code, "action": f.action, "due date": f.due_on.isoformat(),
                              "outcome": f.outcome, "who": f.assigned_to})
        lines = [f"{f.family_code} ({f.centre_code}): {f.guardians}", _("Contact: {c}").format(c=f.contact or "-")]
        if f.meeting_label:
            lines.append(_("From the meeting of {m}").format(m=f.meeting_label))
        if f.done_on:
            lines.append(_("Done on {day}").format(day=format_date(f.done_on)))
        self.detail.configure(text="\n".join(lines))
        allowed = can(self.ctx.actor, "meetings.followup", centre_id=f.centre_id)
        self.save_button.configure(state="normal" if allowed else "disabled")
        self.done_button.configure(state="normal" if allowed and not f.done_on else "disabled")

    def save(self):
        v = self.form.values()
        if self.current is None:
            family = call_service(self.form, meetings.family_by_code, self.ctx.actor, v["family"])
            if family is FAILED:
                return FAILED
            result = call_service(self.form, meetings_followup.add_followup, self.ctx.actor, family.id,
                                  v["action"], due_on=v["due date"], assigned_to_id=self._who(v),
                                  today=self.today)
        else:
            result = call_service(self.form, meetings_followup.update_followup, self.ctx.actor,
                                  self.current.id, action=v["action"], due_on=v["due date"],
                                  outcome=v["outcome"], assigned_to_id=self._who(v))
        if result is FAILED:
            return FAILED
        self.ctx.status(_("Saved the follow-up of {family}.").format(family=result.family_code))
        self.on_show()
        return result

    def _who(self, values) -> int | None:
        return next((i for i, name in self.people if name == values["who"]), None)

    def mark_done(self):
        if self.current is None:
            return FAILED
        v = self.form.values()
        result = call_service(self.form, meetings_followup.update_followup, self.ctx.actor, self.current.id,
                              action=v["action"], outcome=v["outcome"], done_on=self.today)
        if result is FAILED:
            return FAILED
        self.ctx.status(_("Done: {family}.").format(family=result.family_code))
        self.on_show()
        self.new()
        return result

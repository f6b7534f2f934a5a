"""The family page: guardians, the meetings the family was invited to and came to, its
follow-ups, and its children with their attendance rate, in one place."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_date
from ...i18n import N_, _, local_name
from ...services.social import caseload
from ...services.meetings import planning as meetings, followup as meetings_followup
from ...services.common.errors import PseError
from ...services.core.permissions import can
from ..common.base import FAILED, Form, Screen, call_service
from ..common.dates import DateField
from ..common.khmer import KhmerLabel


class FamilyPageScreen(Screen):
    title = N_("Family page")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.page = None
        bar = tb.Frame(self)
        bar.pack(fill="x", pady=(0, 8))
        tb.Label(bar, text=_("Family code")).pack(side="left")
        self.code_var = tb.StringVar()
        entry = tb.Entry(bar, textvariable=self.code_var, width=12)
        entry.pack(side="left", padx=4)
        entry.bind("<Return>", lambda e: self.open_code())
        tb.Button(bar, text=_("Open"), bootstyle="primary", command=self.open_code).pack(side="left")
        self.error = tb.Label(bar, text="", bootstyle="danger")
        self.error.pack(side="left", padx=8)

        self.head = tb.Frame(self)
        self.head.pack(fill="x")
        body = tb.Frame(self)
        body.pack(fill="both", expand=True, pady=(8, 0))
        left = tb.Frame(body)
        left.pack(side="left", fill="both", expand=True)
        right = tb.Frame(body, padding=(12, 0, 0, 0))
        right.pack(side="left", fill="both", expand=True)

        tb.Label(left, text=_("Children"), font=("TkDefaultFont", 11, "bold")).pack(anchor="w")
        self.kids = tb.Frame(left)
        self.kids.pack(fill="x")
        tb.Label(left, text=_("Meetings"), font=("TkDefaultFont", 11, "bold")).pack(anchor="w", pady=(10, 0))
        self.meetings_label = tb.Label(left, text="")
        self.meetings_label.pack(anchor="w")
        self.meetings = tb.Treeview(left, columns=("date", "centre", "theme", "came", "who"),
                                    show="headings", height=8)
        for cid, text, width in (("date", _("Date"), 92), ("centre", _("Centre"), 58),
                                 ("theme", _("Theme"), 140), ("came", _("Came"), 62),
                                 ("who", _("Who came"), 150)):
            self.meetings.heading(cid, text=text, anchor="w")
            self.meetings.column(cid, width=width, stretch=cid == "who", anchor="w")
        self.meetings.pack(fill="both", expand=True)

        tb.Label(right, text=_("Follow-ups"), font=("TkDefaultFont", 11, "bold")).pack(anchor="w")
        self.followups = tb.Treeview(right, columns=("due", "state", "action", "outcome"),
                                     show="headings", height=8)
        for cid, text, width in (("due", _("Due"), 92), ("state", _("State"), 68),
                                 ("action", _("Action"), 200), ("outcome", _("Outcome"), 150)):
            self.followups.heading(cid, text=text, anchor="w")
            self.followups.column(cid, width=width, stretch=cid == "outcome", anchor="w")
        self.followups.pack(fill="both", expand=True)
        self.form = Form(right, wrap=320)
        self.form.pack(fill="x", pady=(6, 0))
        self.form.add("action", _("New follow-up"), width=36)
        self.form.add("due date", _("Due date"), DateField, width=12)
        self.add_button = tb.Button(right, text=_("Add follow-up"), bootstyle="warning",
                                    command=self.add_followup)
        self.add_button.pack(anchor="e")

    def open_code(self):
        try:
            family = meetings.family_by_code(self.ctx.actor, self.code_var.get())
        except PseError as exc:
            self.error.configure(text=getattr(exc, "message", str(exc)))
            return FAILED
        return self.show_family(family.id)

    def show_family(self, family_id: int):
        try:
            page = meetings_followup.family_page(self.ctx.actor, family_id, today=self.today)
        except PseError as exc:
            self.error.configure(text=str(exc))
            return FAILED
        self.error.configure(text="")
        self.page = page
        f = page.family
        self.code_var.set(f.code)
        for w in self.head.winfo_children() + self.kids.winfo_children():
            w.destroy()
        tb.Label(self.head, text=f"{f.code}  {f.village}  {f.address}  {f.phone}",
                 font=("TkDefaultFont", 12, "bold")).pack(anchor="w")
        for g in f.guardians:
            row = tb.Frame(self.head)
            row.pack(anchor="w")
            if g.name_km:
                KhmerLabel(row, text=g.name_km).pack(side="left")
            tb.Label(row, text=f"  {g.name_latin} ({_(g.relation)}) {g.phone}").pack(side="left")
        if can(self.ctx.actor, "social.status"):
            # all that centre staff may know of the social team's work: followed, and by whom
            status = caseload.follow_status(self.ctx.actor, family_id)
            text = (_("Followed by the social team: {who}, since {day}").format(
                who=status.worker, day=format_date(status.since)) if status.followed
                else _("Not followed by the social team."))
            tb.Label(self.head, text=text, bootstyle="info").pack(anchor="w")
        for k in page.children:
            row = tb.Frame(self.kids)
            row.pack(anchor="w", fill="x")
            if k.name_km:
                KhmerLabel(row, text=k.name_km).pack(side="left")
            rate = "-" if k.rate is None else f"{k.rate:.0f}%"
            left = _(", left {day}").format(day=k.left_on) if k.left_on else ""
            tb.Label(row, text=f"  {k.name_latin}, {k.age}, {k.centre_code} {k.group_name}{left} - "
                               + _("attendance {rate} (3 months)").format(rate=rate),
                     bootstyle="danger" if k.rate is not None and k.rate < 75 else "default").pack(side="left")
        if not page.children:
            tb.Label(self.kids, text=_("No child on file."), bootstyle="secondary").pack(anchor="w")
        self.meetings_label.configure(text=_("Came to {a} of {i} meetings held that the family was "
                                             "invited to.").format(a=page.attended, i=page.invited))
        self.meetings.delete(*self.meetings.get_children())
        for m in page.meetings:
            came = _("yes") if m.came else (_("planned") if m.status == "planned" else _("no"))
            self.meetings.insert("", "end", values=(f"{m.held_on:%Y-%m-%d}", m.centre_code,
                                                    m.title or local_name(m.theme), came, m.who_came))
        self.followups.delete(*self.followups.get_children())
        for fu in page.followups:
            self.followups.insert("", "end", values=(f"{fu.due_on:%Y-%m-%d}", _(fu.state(self.today)),
                                                     fu.action, fu.outcome))
        self.form.clear_errors()
        self.form.set_values({"action": "", "due date": (self.today + dt.timedelta(days=14)).isoformat()})
        self.add_button.configure(state="normal" if can(self.ctx.actor, "meetings.followup") else "disabled")
        return page

    def add_followup(self):
        if self.page is None:
            return FAILED
        v = self.form.values()
        result = call_service(self.form, meetings_followup.add_followup, self.ctx.actor, self.page.family.id,
                              v["action"], due_on=v["due date"], assigned_to_id=self.ctx.actor.id,
                              today=self.today)
        if result is FAILED:
            return FAILED
        self.ctx.status(_("Follow-up added for {family}.").format(family=result.family_code))
        self.show_family(self.page.family.id)
        return result

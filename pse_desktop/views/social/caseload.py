"""Caseload: a social worker's families with priority and the next assessment due, overdue
first. A team leader picks any worker (or the families nobody follows yet), sees every
caseload's size, and assigns or reassigns a family with a reason."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_date
from ...i18n import N_, _, ngettext
from ...services.common.errors import ValidationError
from ...services.core.permissions import can
from ...services.social import assessments, caseload
from ..common.base import FAILED, Form, PagedTable, Screen, call_service
from .common import level_text, tag_levels

NOBODY = N_("(nobody yet)")
ALL_OVERDUE = N_("(every overdue family)")


class CaseloadScreen(Screen):
    title = N_("Caseload")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.lead = can(ctx.actor, "social.assign")
        self.workers = caseload.workers()
        bar = tb.Frame(self)
        bar.pack(fill="x", pady=(0, 6))
        tb.Label(bar, text=_("Social worker")).pack(side="left")
        names = [name for _i, name in self.workers]
        me = next((name for wid, name in self.workers if wid == ctx.actor.id), "")
        self.worker_var = tb.StringVar(value=me or (names[0] if names else ""))
        values = names + ([_(NOBODY), _(ALL_OVERDUE)] if self.lead else [])
        self.worker_box = tb.Combobox(bar, textvariable=self.worker_var, state="readonly"
                                      if self.lead else "disabled", width=22, values=values)
        self.worker_box.pack(side="left", padx=4)
        self.worker_box.bind("<<ComboboxSelected>>", lambda e: self.reload())
        self.summary = tb.Label(bar, text="")
        self.summary.pack(side="left", padx=10)
        body = tb.Frame(self)
        body.pack(fill="both", expand=True)
        self.table = PagedTable(body, [("due", _("Next due"), 100), ("family", _("Family"), 66),
                                       ("level", _("Priority"), 70), ("centre", _("Centre"), 56),
                                       ("last", _("Last visit"), 100),
                                       ("guardians", _("Guardians"), 180)], page_size=100,
                                height=12)
        self.table.pack(side="left", fill="both", expand=True)
        tag_levels(self.table.tree)
        self.table.tree.bind("<Double-1>", lambda e: self.open_file())
        self.table.tree.bind("<Return>", lambda e: self.open_file())
        side = tb.Frame(body, padding=(10, 0, 0, 0), width=250)
        side.pack(side="left", fill="y")
        tb.Button(side, text=_("Open family file"), bootstyle="primary",
                  command=self.open_file).pack(fill="x")
        self.team_label = tb.Label(side, text="", justify="left", wraplength=220)
        self.team_label.pack(anchor="w", pady=6)
        self.form = None
        if self.lead:
            form = self.form = Form(side, stacked=True, wrap=240)
            form.pack(fill="x")
            form.add("family", _("Family code"), width=12)
            form.add("social worker", _("Follow-up by"), tb.Combobox, state="readonly",
                     values=names, width=20)
            form.add("reason", _("Reason (for a change)"), width=24)
            tb.Button(side, text=_("Assign"), bootstyle="secondary",
                      command=self.assign).pack(anchor="w", pady=4)
        self.rows = []
        self.reload()

    def _worker_id(self):
        name = self.worker_var.get()
        return next((wid for wid, n in self.workers if n == name), None)

    def reload(self) -> None:
        if self.worker_var.get() == _(NOBODY):
            ids = call_service(None, caseload.unassigned, self.ctx.actor)
            rows = [] if ids is FAILED else caseload.case_rows(ids, self.today)
        elif self.worker_var.get() == _(ALL_OVERDUE):
            rows = call_service(None, assessments.overdue, self.ctx.actor, everyone=True,
                                today=self.today)
            rows = [] if rows is FAILED else rows
        else:
            wid = self._worker_id()
            rows = call_service(None, caseload.caseload, self.ctx.actor, wid, self.today) \
                if wid else []
            rows = [] if rows is FAILED else rows
        self.rows = rows
        overdue = sum(r.overdue(self.today) for r in rows)
        self.summary.configure(text=ngettext("{n} family, {o} assessments overdue",
                                              "{n} families, {o} assessments overdue", len(rows)).format(
            n=len(rows), o=overdue), bootstyle="danger" if overdue else "default")
        self.table.set_source(lambda page, size: (
            [(r.family_id, ((r.next_due or "") and format_date(r.next_due), r.code,
                            level_text(r.level), r.centre,
                            (r.last_visit or "") and format_date(r.last_visit), r.guardians))
             for r in rows[page * size:(page + 1) * size]], len(rows)))
        for iid, fid in self.table.keys.items():
            row = next(r for r in rows if r.family_id == fid)
            tags = ("overdue",) if row.overdue(self.today) else (row.level,)
            self.table.tree.item(iid, tags=tags)
        if self.lead:
            loads = call_service(None, caseload.team, self.ctx.actor, self.today)
            if loads is not FAILED:
                self.team_label.configure(text=_("Caseloads") + ":\n" + "\n".join(
                    _("{name}: {n} ({o} overdue)").format(name=w.worker, n=w.families,
                                                          o=w.overdue) for w in loads))

    def open_file(self) -> None:
        fid = self.table.selected_key()
        if fid is None:
            return
        self.ctx.extra["social_family_id"] = fid
        self.ctx.navigate("social_family")

    def assign(self) -> None:
        values = self.form.values()
        fid = call_service(self.form, caseload.family_id, self.ctx.actor, values["family"])
        if fid is FAILED:
            return
        wid = next((w for w, n in self.workers if n == values["social worker"]), None)
        if wid is None:
            self.form.show_error(ValidationError("social worker", _("choose a social worker")))
            return
        if call_service(self.form, caseload.assign, self.ctx.actor, fid, wid,
                        values["reason"], today=self.today) is FAILED:
            return
        self.form.set_values({"family": "", "reason": ""})
        self.ctx.status(_("Family {code} assigned.").format(code=values["family"].upper()))
        self.reload()

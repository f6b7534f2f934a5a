"""A family's file for the social team: the survey in sections (saved unfinished, completed
later), its priority and why (with the team's override), the assessments against the previous
one, and the family's emergency support. Prints the family file and the blank survey."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_date
from ...i18n import N_, _
from ...services.common.errors import PseError
from ...services.core.permissions import can
from ...services.social import assessments, caseload, docs, priority, support, survey
from ...services.social.rules import DOMAINS, LENDERS, LEVELS, ROOFS, SCALE, TENURES, WALLS
from ..common.base import FAILED, Form, Screen, call_service
from ..common.commands import Command
from .common import (DOMAIN_NAMES, SCALE_NAMES, RowsEditor, code_of, level_text,
                     make_document)

TREND = {"better": "↑", "worse": "↓", "same": "=", "": ""}


class FamilyFileScreen(Screen):
    title = N_("Family file")
    commands = (Command("save", "save_survey", label=N_("Save survey")),)

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.family_id = None
        self.dirty = False
        self.sensitive = can(ctx.actor, "social.sensitive")
        self.may_edit = can(ctx.actor, "social.survey")
        bar = tb.Frame(self)
        bar.pack(fill="x", pady=(0, 4))
        tb.Label(bar, text=_("Family code")).pack(side="left")
        self.code_var = tb.StringVar()
        entry = tb.Entry(bar, textvariable=self.code_var, width=10)
        entry.pack(side="left", padx=4)
        entry.bind("<Return>", lambda e: self.open_code())
        tb.Button(bar, text=_("Open"), bootstyle="secondary", command=self.open_code).pack(side="left")
        self.head = tb.Label(bar, text="", font=("TkDefaultFont", 10, "bold"))
        self.head.pack(side="left", padx=10)
        actions = self.actions  # the kit's button row: it stays in view
        self.save_button = tb.Button(actions, text=_("Save survey"), bootstyle="primary",
                                     command=lambda: self.save(False))
        self.save_button.pack(side="left")
        self.complete_button = tb.Button(actions, text=_("Save as complete"),
                                         bootstyle="success", command=lambda: self.save(True))
        self.complete_button.pack(side="left", padx=6)
        tb.Button(actions, text=_("Blank survey"), bootstyle="secondary-outline",
                  command=self.print_blank).pack(side="right")
        tb.Button(actions, text=_("Print family file"), bootstyle="secondary-outline",
                  command=self.print_file).pack(side="right", padx=4)
        self.message = self.message_line  # the kit's message line, beside the title
        self.tabs = tb.Notebook(self)
        self.tabs.pack(fill="both", expand=True)
        self._household_tab()
        self._money_tab()
        self._housing_tab()
        self._urgent_tab()
        self._priority_tab()
        self._assessment_tab()
        self._support_tab()
        self._training_tab()
        self._enable(False)

    # -- tabs ---------------------------------------------------------------------------------

    def _household_tab(self):
        tab = tb.Frame(self.tabs, padding=6)
        self.tabs.add(tab, text=_("Household"))
        top = Form(tab)
        top.pack(fill="x")
        self.visit_form = top
        top.add("visit date", _("Visit date (YYYY-MM-DD)"), width=12)
        self.members = RowsEditor(tab, [("name", _("Name"), 16, "text"),
                                        ("relation", _("Relation"), 9, "text"),
                                        ("age", _("Age"), 4, "int"),
                                        ("occupation", _("Occupation"), 11, "text"),
                                        ("income_khr", _("KHR/month"), 9, "int"),
                                        ("chronic_illness", _("Ill"), 3, "flag"),
                                        ("disability", _("Disabled"), 4, "flag"),
                                        ("in_school", _("School"), 4, "flag")],
                                  height=7, on_change=self.changed)
        self.members.pack(fill="x", pady=2)

    def _money_tab(self):
        tab = tb.Frame(self.tabs, padding=6)
        self.tabs.add(tab, text=_("Income and debts"))
        tb.Label(tab, text=_("Other income (besides the members' work)")).pack(anchor="w")
        self.incomes = RowsEditor(tab, [("kind", _("Kind"), 24, "text"),
                                        ("monthly_khr", _("KHR a month"), 12, "int")],
                                  height=2, on_change=self.changed)
        self.incomes.pack(fill="x")
        tb.Label(tab, text=_("Debts")).pack(anchor="w", pady=(6, 0))
        self.debts = RowsEditor(tab, [("lender", _("Lender: ") + ", ".join(map(_, LENDERS)), 26,
                                       "text"),
                                      ("owed_khr", _("Owed KHR"), 12, "int"),
                                      ("monthly_repayment_khr", _("KHR a month"), 12, "int")],
                                height=3, on_change=self.changed)
        self.debts.pack(fill="x")

    def _housing_tab(self):
        tab = tb.Frame(self.tabs, padding=6)
        self.tabs.add(tab, text=_("Housing"))
        form = self.housing_form = Form(tab)
        form.pack(fill="x")
        row = tb.Frame(tab)
        form.add("tenure", _("Home"), tb.Combobox, state="readonly",
                 values=[""] + [_(t) for t in TENURES], width=12)
        form.add("rent", _("Rent KHR a month"), width=12)
        form.add("roof", _("Roof"), tb.Combobox, state="readonly",
                 values=[""] + [_(r) for r in ROOFS], width=12)
        form.add("walls", _("Walls"), tb.Combobox, state="readonly",
                 values=[""] + [_(w) for w in WALLS], width=12)
        row.pack(fill="x", pady=2)
        self.flags = {}
        for key, label in (("flood_risk", _("Flood risk")), ("fire_risk", _("Fire risk")),
                           ("water", _("Water")), ("toilet", _("Toilet")),
                           ("electricity", _("Electricity"))):
            var = self.flags[key] = tb.BooleanVar()
            tb.Checkbutton(row, text=label, variable=var, command=self.changed).pack(
                side="left", padx=(0, 10))

    def _urgent_tab(self):
        tab = tb.Frame(self.tabs, padding=6)
        self.tabs.add(tab, text=_("IDPoor and urgent"))
        form = self.idpoor_form = Form(tab)
        form.pack(fill="x")
        form.add("IDPoor number", _("Equity Card number"), width=16)
        form.add("IDPoor level", _("IDPoor level"), tb.Combobox, state="readonly",
                 values=["0", "1", "2"], width=4, help=_("0 none, 1 very poor, 2 poor"))
        form.add("IDPoor valid until", _("Valid until"), width=12)
        row = tb.Frame(tab)
        row.pack(fill="x", pady=4)
        self.urgent = {}
        items = [("no_parent_at_home", _("No parent at home")),
                 ("out_of_school", _("A child out of school or about to leave"))]
        if self.sensitive:
            items.insert(1, ("violence", _("Violence or abuse")))
        for key, label in items:
            var = self.urgent[key] = tb.BooleanVar()
            tb.Checkbutton(row, text=label, variable=var, command=self.changed).pack(
                side="left", padx=(0, 12))
        self.notes = {}
        if self.sensitive:
            for key, label in (("protection_notes", _("Protection notes (confidential)")),
                               ("case_notes", _("Case notes (confidential)"))):
                tb.Label(tab, text=label).pack(anchor="w")
                text = tb.Text(tab, height=3, width=70, wrap="word")
                text.pack(fill="x")
                text.bind("<<Modified>>", lambda e, t=text: (t.edit_modified(False),
                                                             self.changed()))
                self.notes[key] = text

    def _priority_tab(self):
        tab = tb.Frame(self.tabs, padding=6)
        self.tabs.add(tab, text=_("Priority"))
        self.level_label = tb.Label(tab, text="", font=("TkDefaultFont", 12, "bold"))
        self.level_label.pack(anchor="w")
        self.reasons = tb.Label(tab, text="", justify="left", wraplength=700)
        self.reasons.pack(anchor="w", pady=4)
        form = self.override_form = Form(tab)
        form.pack(fill="x")
        form.add("level", _("Set the level by hand"), tb.Combobox, state="readonly",
                 values=[""] + [level_text(v) for v in LEVELS], width=10,
                 help=_("Empty: use the computed level again."))
        form.add("reason", _("Reason"), width=50)
        self.override_button = tb.Button(tab, text=_("Set level"), bootstyle="secondary",
                                         command=self.set_level)
        self.override_button.pack(anchor="w")

    def _assessment_tab(self):
        tab = tb.Frame(self.tabs, padding=6)
        self.tabs.add(tab, text=_("Assessments"))
        cols = [("date", _("Date"), 84), ("who", _("Visited by"), 100)] + [
            (d, _(DOMAIN_NAMES[d]), 76) for d in DOMAINS]
        self.a_tree = tb.Treeview(tab, columns=[c[0] for c in cols], show="headings", height=3)
        for cid, text, width in cols:
            self.a_tree.heading(cid, text=text, anchor="w")
            self.a_tree.column(cid, width=width, stretch=False)
        self.a_tree.pack(fill="x")
        self.a_tree.bind("<<TreeviewSelect>>", lambda e: self._show_assessment())
        self.a_detail = tb.Label(tab, text="", justify="left", wraplength=700)
        self.a_detail.pack(anchor="w")
        new = tb.Labelframe(tab, text=_("New assessment"), padding=4)
        new.pack(fill="x", pady=2)
        grid = tb.Frame(new)
        grid.pack(fill="x")
        self.a_vars = {}
        tb.Label(grid, text=_("Date")).grid(row=0, column=0, sticky="w")
        self.a_vars["date"] = tb.StringVar(value=self.today.isoformat())
        tb.Entry(grid, textvariable=self.a_vars["date"], width=11).grid(row=1, column=0, padx=2)
        scale = [f"{n} {_(SCALE_NAMES[n])}" for n in SCALE]
        for n, d in enumerate(DOMAINS, start=1):
            tb.Label(grid, text=_(DOMAIN_NAMES[d])).grid(row=0, column=n, sticky="w")
            var = self.a_vars[d] = tb.StringVar()
            tb.Combobox(grid, textvariable=var, values=scale, state="readonly", width=10).grid(
                row=1, column=n, padx=2)
        form = self.a_form = Form(new)
        form.pack(fill="x")
        form.add("what changed", _("What changed"), width=60)
        form.add("decisions", _("Decisions"), width=60)
        form.add("next step 1", _("Next step"), width=60,
                 help=_("Becomes a follow-up task, due in two weeks."))
        if self.sensitive:
            form.add("case notes", _("Case notes (confidential)"), width=60)
        self.a_button = tb.Button(new, text=_("Record assessment"), bootstyle="primary",
                                  command=self.record)
        self.a_button.pack(anchor="w")

    def _support_tab(self):
        tab = tb.Frame(self.tabs, padding=6)
        self.tabs.add(tab, text=_("Support"))
        cols = [("date", _("Requested"), 90), ("kind", _("Kind"), 80), ("amount", _("Amount"), 110),
                ("state", _("State"), 80), ("paid", _("Paid"), 50), ("why", _("Why"), 260)]
        self.s_tree = tb.Treeview(tab, columns=[c[0] for c in cols], show="headings", height=8)
        for cid, text, width in cols:
            self.s_tree.heading(cid, text=text, anchor="w")
            self.s_tree.column(cid, width=width, stretch=cid == "why")
        self.s_tree.pack(fill="both", expand=True)
        tb.Button(tab, text=_("Request or pay support..."), bootstyle="secondary",
                  command=self.to_support).pack(anchor="w", pady=4)

    def _training_tab(self):
        tab = tb.Frame(self.tabs, padding=6)
        self.tabs.add(tab, text=_("Training"))
        cols = [("course", _("Course"), 200), ("name", _("Trainee"), 150),
                ("status", _("Status"), 90), ("note", _("Note"), 240)]
        self.t_tree = tb.Treeview(tab, columns=[c[0] for c in cols], show="headings", height=8)
        for cid, text, width in cols:
            self.t_tree.heading(cid, text=text, anchor="w")
            self.t_tree.column(cid, width=width, stretch=cid == "note")
        self.t_tree.pack(fill="both", expand=True)

    # -- loading --------------------------------------------------------------------------------

    def on_show(self) -> None:
        wanted = self.ctx.extra.pop("social_family_id", None)
        if wanted and wanted != self.family_id:
            self.load(wanted)

    def open_code(self) -> None:
        try:
            fid = caseload.family_id(self.ctx.actor, self.code_var.get())
        except PseError as exc:
            self.message.configure(text=str(exc), bootstyle="danger")
            return
        self.load(fid)

    def _enable(self, on: bool) -> None:
        state = "normal" if on and self.may_edit else "disabled"
        for button in (self.save_button, self.complete_button, self.a_button):
            button.configure(state=state)
        self.override_button.configure(
            state="normal" if on and can(self.ctx.actor, "social.priority") else "disabled")

    def load(self, family_id: int) -> None:
        info = call_service(None, survey.get_survey, self.ctx.actor, family_id)
        if info is FAILED:
            return
        self.family_id = family_id
        self.code_var.set(info.family_code)
        status = caseload.follow_status(self.ctx.actor, family_id)
        self.head.configure(text=_("Survey {state}; social worker: {who}").format(
            state=_(info.status), who=status.worker or _("nobody yet")))
        self.visit_form.set_values({"visit date": info.visited_on or ""})
        self.members.set_rows([m.__dict__ for m in info.members])
        self.incomes.set_rows([i.__dict__ for i in info.incomes])
        self.debts.set_rows([{**d.__dict__, "lender": _(d.lender)} for d in info.debts])
        h = info.housing
        self.housing_form.set_values({"tenure": _(h.get("tenure", "")),
                                      "rent": h.get("rent_khr") or "",
                                      "roof": _(h.get("roof", "")), "walls": _(h.get("walls", ""))})
        for key, var in self.flags.items():
            var.set(bool(h.get(key, key in ("water", "toilet", "electricity"))))
        self.idpoor_form.set_values({
            "IDPoor number": info.idpoor.get("idpoor_number", ""),
            "IDPoor level": str(info.idpoor.get("idpoor_level", 0) or 0),
            "IDPoor valid until": info.idpoor.get("idpoor_valid_until") or ""})
        for key, var in self.urgent.items():
            var.set(bool(info.urgent.get(key)))
        for key, text in self.notes.items():
            text.delete("1.0", "end")
            text.insert("1.0", getattr(info, key) or "")
            text.edit_modified(False)
        self._show_priority()
        self._show_assessments()
        self._show_support()
        self._show_training()
        self._enable(True)
        self.dirty = False
        self.message.configure(text="")

    def _show_priority(self) -> None:
        p = priority.get_priority(self.ctx.actor, self.family_id)
        if p is None:
            self.level_label.configure(text=_("No priority yet: fill the survey."))
            self.reasons.configure(text="")
            return
        text = _("Level: {level} (score {score})").format(level=level_text(p.level), score=p.score)
        if p.override_level:
            text += " - " + _("set by hand, computed: {level}").format(
                level=level_text(p.computed_level))
        self.level_label.configure(text=text)
        lines = [f"• {r.label}" + (f" (+{r.points})" if r.points else "") for r in p.reasons]
        if p.override_reason:
            lines.append(_("Reason for the level set by hand: {r}").format(r=p.override_reason))
        self.reasons.configure(text="\n".join(lines))

    def _show_assessments(self) -> None:
        self.a_rows = assessments.list_assessments(self.ctx.actor, self.family_id)
        self.a_tree.delete(*self.a_tree.get_children())
        for a in self.a_rows:
            self.a_tree.insert("", "end", iid=str(a.id), values=[
                format_date(a.visited_on), a.visitor] + [
                f"{a.scores[d]} {_(SCALE_NAMES[a.scores[d]])} {TREND[a.trend[d]]}" for d in DOMAINS])
        self.a_detail.configure(text="")

    def _show_assessment(self) -> None:
        sel = self.a_tree.selection()
        a = next((a for a in self.a_rows if sel and str(a.id) == sel[0]), None)
        if a is None:
            return
        parts = [_("What changed: {t}").format(t=a.changes or "-"),
                 _("Decisions: {t}").format(t=a.decisions or "-")]
        if a.case_notes:
            parts.append(_("Case notes: {t}").format(t=a.case_notes))
        self.a_detail.configure(text="\n".join(parts))

    def _show_support(self) -> None:
        self.s_tree.delete(*self.s_tree.get_children())
        for r in support.list_requests(self.ctx.actor, family_id=self.family_id):
            self.s_tree.insert("", "end", values=[format_date(r.requested_on), r.kind,
                                                  r.total_text, _(r.state),
                                                  f"{r.paid}/{r.payments}", r.why])

    def _show_training(self) -> None:
        """The vocational training of the family's members (for those who may see it)."""
        from ...services.training import trainees

        self.t_tree.delete(*self.t_tree.get_children())
        rows = call_service(None, trainees.of_family, self.ctx.actor, self.family_id)
        for label, t in ([] if rows is FAILED else rows):
            self.t_tree.insert("", "end", values=[label, t.name, _(t.status),
                                                  t.certificate_no or t.drop_reason])

    # -- actions --------------------------------------------------------------------------------

    def changed(self) -> None:
        self.dirty = True

    def has_unsaved_changes(self) -> bool:
        return self.dirty

    has_unsaved = has_unsaved_changes

    def discard_changes(self) -> None:
        self.dirty = False

    def save_survey(self) -> bool:
        """Ctrl+S: save the survey as it is (not complete)."""
        if self.family_id is None or not self.may_edit:
            return None
        return self.save(False) or FAILED

    def survey_values(self) -> dict:
        h = self.housing_form.values()
        i = self.idpoor_form.values()
        values = {
            "visited_on": self.visit_form.values()["visit date"],
            "members": self.members.rows, "incomes": self.incomes.rows,
            "debts": [{**d, "lender": code_of(d.get("lender", ""), LENDERS)}
                      for d in self.debts.rows],
            "housing": {"tenure": code_of(h["tenure"], TENURES), "rent_khr": h["rent"],
                        "roof": code_of(h["roof"], ROOFS), "walls": code_of(h["walls"], WALLS),
                        **{k: v.get() for k, v in self.flags.items()}},
            "idpoor": {"idpoor_number": i["IDPoor number"], "idpoor_level": i["IDPoor level"],
                       "idpoor_valid_until": i["IDPoor valid until"]},
            "urgent": {k: v.get() for k, v in self.urgent.items()},
        }
        for key, text in self.notes.items():
            values[key] = text.get("1.0", "end").strip()
        return values

    def _error(self, exc: PseError) -> None:
        field = getattr(exc, "field", "")
        for form in (self.visit_form, self.housing_form, self.idpoor_form):
            if field in form.widgets:
                form.show_error(exc)
                self.tabs.select(form.master)
                break
        self.message.configure(text=str(exc), bootstyle="danger")

    def save(self, complete: bool) -> bool:
        if self.family_id is None:
            return False
        for form in (self.visit_form, self.housing_form, self.idpoor_form):
            form.clear_errors()
        try:
            info = survey.save_survey(self.ctx.actor, self.family_id, self.survey_values(),
                                      complete=complete, today=self.today)
        except PseError as exc:
            self._error(exc)
            return False
        self.dirty = False
        self._show_priority()
        self.message.configure(text=_("Survey of {code} saved ({state}).").format(
            code=info.family_code, state=_(info.status)), bootstyle="success")
        return True

    def set_level(self) -> None:
        values = self.override_form.values()
        level = next((v for v in LEVELS if level_text(v) == values["level"]), "")
        if call_service(self.override_form, priority.override, self.ctx.actor, self.family_id,
                        level, values["reason"]) is FAILED:
            return
        self.override_form.set_values({"reason": ""})
        self._show_priority()
        self.message.configure(text=_("Priority level saved."), bootstyle="success")

    def record(self) -> None:
        if self.family_id is None:
            return
        values = self.a_form.values()
        scores = {d: (self.a_vars[d].get().split(" ")[0] or None) for d in DOMAINS}
        steps = [(values["next step 1"], self.today + dt.timedelta(days=14))] \
            if values["next step 1"].strip() else []
        result = call_service(self.a_form, assessments.record_assessment, self.ctx.actor,
                              self.family_id, self.a_vars["date"].get(), scores,
                              changes=values["what changed"], decisions=values["decisions"],
                              case_notes=values.get("case notes", ""), next_steps=steps,
                              today=self.today)
        if result is FAILED:
            self.message.configure(text=self.a_form.banner.cget("text") or _(
                "Check the fields of the assessment."), bootstyle="danger")
            return
        self.a_form.set_values({k: "" for k in values})
        for d in DOMAINS:
            self.a_vars[d].set("")
        self._show_assessments()
        changed = [d for d in DOMAINS if result.trend[d] in ("better", "worse")]
        self.message.configure(text=_("Assessment recorded.") + " " + ", ".join(
            f"{_(DOMAIN_NAMES[d])} {TREND[result.trend[d]]}" for d in changed), bootstyle="success")

    def to_support(self) -> None:
        if self.family_id is not None:
            self.ctx.extra["social_support_family"] = self.code_var.get()
            self.ctx.navigate("social_support")

    def print_file(self) -> None:
        if self.family_id is None:
            return
        fid, code = self.family_id, self.code_var.get()
        make_document(self, f"family-file-{code}.pdf",
                      lambda path: docs.write_family_file(self.ctx.actor, fid, path, self.today),
                      lambda text: self.message.configure(text=text, bootstyle="default"))

    def print_blank(self) -> None:
        make_document(self, "blank-survey.pdf",
                      lambda path: docs.write_blank_survey(self.ctx.actor, path),
                      lambda text: self.message.configure(text=text, bootstyle="default"))

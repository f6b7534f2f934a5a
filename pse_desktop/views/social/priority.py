"""The priority list across centres: families by level (urgent first), filtered by centre,
social worker and level, found by code or a guardian's name."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_date
from ...i18n import N_, _, ngettext
from ...services.meetings.planning import centre_choices
from ...services.common.errors import PseError
from ...services.core.permissions import can
from ...services.social import caseload, priority
from ...services.social.rules import LEVELS
from ..common.base import FAILED, Form, PagedTable, Screen, call_service
from ..common.flow import Flow
from .common import level_text, tag_levels


class PriorityScreen(Screen):
    title = N_("Priority list")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        bar = Flow(self, gap=0)  # wraps in Khmer; each label stays with its field
        bar.pack(fill="x", pady=(0, 6))
        self.vars = {}
        centres = [c[1] for c in centre_choices(ctx.actor, "social.view")]
        self.workers = caseload.workers()
        for key, label, values, width in (
                ("level", _("Level"), [""] + [level_text(v) for v in LEVELS], 9),
                ("centre", _("Centre"), [""] + centres, 7),
                ("worker", _("Social worker"), [""] + [n for _i, n in self.workers], 18)):
            pair = tb.Frame(bar)
            tb.Label(pair, text=label).pack(side="left")
            var = self.vars[key] = tb.StringVar()
            box = tb.Combobox(pair, textvariable=var, state="readonly", values=values, width=width)
            box.pack(side="left", padx=(4, 10))
            pair.pack(side="left")
            box.bind("<<ComboboxSelected>>", lambda e: self.reload())
        pair = tb.Frame(bar)
        tb.Label(pair, text=_("Find")).pack(side="left")
        self.text_var = tb.StringVar()
        entry = tb.Entry(pair, textvariable=self.text_var, width=14)
        entry.pack(side="left", padx=4)
        pair.pack(side="left")
        entry.bind("<Return>", lambda e: self.reload())
        self.count = tb.Label(bar, text="")
        self.count.pack(side="left", padx=8)
        bar.adopt()
        self.table = PagedTable(self, [("level", _("Priority"), 70), ("family", _("Family"), 66),
                                       ("centre", _("Centre"), 56), ("worker", _("Social worker"), 120),
                                       ("due", _("Next due"), 100),
                                       ("guardians", _("Guardians"), 200)], page_size=100,
                                height=14)
        self.table.pack(fill="both", expand=True)
        tag_levels(self.table.tree)
        self.table.tree.bind("<Double-1>", lambda e: self.open_file())
        self.table.tree.bind("<Return>", lambda e: self.open_file())
        bottom = tb.Frame(self)
        bottom.pack(fill="x", pady=(6, 0))
        tb.Button(bottom, text=_("Open family file"), bootstyle="primary",
                  command=self.open_file).pack(side="left")
        if can(ctx.actor, "social.rule"):
            tb.Button(bottom, text=_("Priority rule..."), bootstyle="secondary-outline",
                      command=self.edit_rule).pack(side="left", padx=6)
        self.message = tb.Label(bottom, text="", wraplength=560, justify="left")
        self.message.pack(side="left", padx=6)
        self.reload()

    def reload(self) -> None:
        level = next((v for v in LEVELS if level_text(v) == self.vars["level"].get()), "")
        worker = next((w for w, n in self.workers if n == self.vars["worker"].get()), None)
        rows = call_service(None, caseload.find, self.ctx.actor, self.text_var.get(), level=level,
                            centre=self.vars["centre"].get(), worker_id=worker, limit=2000,
                            today=self.today)
        if rows is FAILED:
            rows = []
        self.count.configure(text=ngettext("{n} family",
                                           "{n} families", len(rows)).format(n=len(rows)))
        self.table.set_source(lambda page, size: (
            [(r.family_id, (level_text(r.level), r.code, r.centre, r.worker,
                            (r.next_due or "") and format_date(r.next_due), r.guardians))
             for r in rows[page * size:(page + 1) * size]], len(rows)))
        by_id = {r.family_id: r for r in rows}
        for iid, fid in self.table.keys.items():
            self.table.tree.item(iid, tags=(by_id[fid].level,))

    def edit_rule(self) -> "RuleDialog":
        dialog = RuleDialog(self, self.ctx, self.today, on_saved=lambda text: (
            self.message.configure(text=text, bootstyle="success"), self.reload()))
        return dialog

    def open_file(self) -> None:
        fid = self.table.selected_key()
        if fid is not None:
            self.ctx.extra["social_family_id"] = fid
            self.ctx.navigate("social_family")


class RuleDialog(tb.Toplevel):
    """The priority rule in force and a new one from a date: the poverty line and the level
    thresholds as fields, the points tables as JSON text (shown as they are)."""

    def __init__(self, master, ctx, today: dt.date, on_saved):
        super().__init__(master=master, title=_("Priority rule"))
        self.ctx, self.today, self.on_saved = ctx, today, on_saved
        rules = priority.list_rules(ctx.actor)
        current = next((r for r in rules if r.effective_from <= today), rules[-1])
        rule = current.rule
        tb.Label(self, text=_("In force since {day}: {note}").format(
            day=format_date(current.effective_from), note=current.note), wraplength=560).pack(anchor="w",
                                                                                padx=10, pady=6)
        form = self.form = Form(self)
        form.pack(fill="x", padx=10)
        form.add("effective from", _("New rule from (YYYY-MM-DD)"), width=12)
        form.add("poverty line", _("Poverty line, KHR per person per day"), width=10)
        levels = dict(rule["levels"])
        form.add("high", _("High from score"), width=6)
        form.add("medium", _("Medium from score"), width=6)
        form.add("note", _("Note"), width=40)
        form.set_values({"effective from": (today + dt.timedelta(days=1)).isoformat(),
                         "poverty line": rule["poverty_line_khr_per_person_day"],
                         "high": levels.get("high", 60), "medium": levels.get("medium", 35)})
        tb.Label(self, text=_("Points (income and debt as [percent, points]; the others by "
                              "situation):")).pack(anchor="w", padx=10)
        self.text = tb.Text(self, height=7, width=80, wrap="word")
        self.text.pack(fill="x", padx=10)
        import json

        self.rest = {k: v for k, v in rule.items()
                     if k not in ("poverty_line_khr_per_person_day", "levels")}
        self.text.insert("1.0", json.dumps(self.rest, indent=None)[1:-1])
        buttons = tb.Frame(self)
        buttons.pack(fill="x", padx=10, pady=8)
        tb.Button(buttons, text=_("Save the new rule"), bootstyle="primary",
                  command=self.save).pack(side="left")
        tb.Button(buttons, text=_("Close"), bootstyle="secondary",
                  command=self.destroy).pack(side="left", padx=6)
        self.bind("<Escape>", lambda e: self.destroy())

    def save(self) -> bool:
        import json

        from ...services.common.errors import ValidationError

        values = self.form.values()
        try:
            rest = json.loads("{" + self.text.get("1.0", "end").strip() + "}")
        except ValueError:
            self.form.show_error(ValidationError("rule", _("the points are not valid JSON")))
            return False
        payload = {**rest, "poverty_line_khr_per_person_day": values["poverty line"],
                   "levels": [["high", values["high"]], ["medium", values["medium"]]]}
        try:
            saved = priority.save_rule(self.ctx.actor, values["effective from"], payload,
                                       values["note"], today=self.today)
        except PseError as exc:
            self.form.show_error(exc, {"poverty line": "poverty line", "levels": "high"})
            return False
        self.on_saved(_("New priority rule from {day}.").format(
            day=format_date(saved.effective_from)))
        self.destroy()
        return True

"""Rice families: who receives rice this month, the families that most need it and do not yet
(from the priority list), designating one from a month with a reason, ending it, the history,
and the entitlement rule; the no-shows of the last months for the social team to follow up."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...i18n import N_, _
from ...services.common.errors import PseError
from ...services.rice import designation, distribution
from ...services.rice.rules import kg, rule_for, save_rule
from ...services.social import caseload
from ..common.base import Form, Screen
from ..social.common import level_text


def _tree(master, cols, height=8):
    tree = tb.Treeview(master, columns=[c[0] for c in cols], show="headings", height=height,
                       selectmode="browse")
    for cid, text, width in cols:
        tree.heading(cid, text=text, anchor="w")
        tree.column(cid, width=width, stretch=cid == cols[-1][0])
    scroll = tb.Scrollbar(master, orient="vertical", command=tree.yview)
    tree.configure(yscrollcommand=scroll.set)
    tree.pack(side="left", fill="both", expand=True)
    scroll.pack(side="left", fill="y")
    return tree


class DesignationScreen(Screen):
    title = N_("Rice families")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.message = self.message_line  # the kit's message line, beside the title
        body = tb.Frame(self)
        body.pack(fill="both", expand=True)
        tabs = tb.Notebook(body)
        tabs.pack(side="left", fill="both", expand=True)
        frames = {}
        for key, label in (("now", _("Receiving rice")), ("suggest", _("Most in need")),
                           ("noshow", _("Did not collect")), ("rule", _("Kilograms rule"))):
            frames[key] = tb.Frame(tabs, padding=4)
            tabs.add(frames[key], text=label)
        self.now = _tree(frames["now"], [("family", _("Family"), 70), ("from", _("From"), 80),
                                         ("by", _("Decided by"), 110), ("reason", _("Reason"), 260)])
        self.suggest = _tree(frames["suggest"], [("level", _("Priority"), 70),
                                                 ("family", _("Family"), 70),
                                                 ("centre", _("Centre"), 60),
                                                 ("guardians", _("Guardians"), 260)])
        self.noshow = _tree(frames["noshow"], [("family", _("Family"), 70),
                                               ("centre", _("Centre"), 60),
                                               ("kg", _("Kilograms"), 80),
                                               ("guardian", _("Guardian"), 260)])
        for tree in (self.now, self.suggest, self.noshow):
            tree.bind("<<TreeviewSelect>>", lambda e, t=tree: self.pick(t))
        side = tb.Frame(body, padding=(10, 0, 0, 0))
        side.pack(side="left", fill="y")
        form = self.form = Form(side, stacked=True, wrap=190)
        form.pack(fill="x")
        form.add("family", _("Family code"), width=10)
        form.add("month", _("Month (YYYY-MM)"), width=8,
                 help=_("Designate: the first month. End: the last month."))
        form.add("reason", _("Reason"), width=26)
        form.set_values({"month": f"{self.today:%Y-%m}"})
        row = tb.Frame(side)
        row.pack(fill="x", pady=4)
        tb.Button(row, text=_("Designate"), bootstyle="primary", command=self.designate).pack(
            side="left")
        tb.Button(row, text=_("End"), bootstyle="secondary", command=self.end).pack(
            side="left", padx=4)
        self.rule_label = tb.Label(frames["rule"], text="", wraplength=500, justify="left")
        self.rule_label.pack(anchor="w", pady=(0, 6))
        rule = self.rule_form = Form(frames["rule"])
        rule.pack(anchor="w")
        rule.add("from month", _("New rule from (YYYY-MM)"), width=8)
        for key, label in (("base", _("Kg a family")), ("per child", _("Kg a child")),
                           ("maximum", _("At most, kg"))):
            rule.add(key, label, width=6)
        tb.Button(frames["rule"], text=_("Save rule"), bootstyle="secondary",
                  command=self.save_rule).pack(anchor="w", pady=4)
        self.reload()

    def _say(self, text: str, style: str = "default") -> None:
        self.ctx.status(text, style == "danger")  # the message line, then the shared status
        if style not in ("danger", "success"):
            self.message.configure(bootstyle=style)

    def reload(self) -> None:
        for tree in (self.now, self.suggest, self.noshow):
            tree.delete(*tree.get_children())
        try:
            for d in designation.designated(self.ctx.actor, self.today):
                self.now.insert("", "end", values=(d.family_code, f"{d.from_month:%Y-%m}",
                                                   d.decided_by, d.reason))
            for r in designation.suggestions(self.ctx.actor, self.today, limit=200):
                self.suggest.insert("", "end", values=(level_text(r.level), r.code, r.centre,
                                                       r.guardians))
            for ln in distribution.no_shows(self.ctx.actor, today=self.today):
                self.noshow.insert("", "end", values=(ln.family_code, ln.centre_code,
                                                      kg(ln.kg_g), ln.guardians_latin))
        except PseError as exc:
            self._say(str(exc), "danger")
        rule = rule_for(self.today.replace(day=1))
        self.rule_label.configure(text=_("Rule in force: {base} a family + {child} a child, at "
                                         "most {most}.").format(base=kg(rule.base_g),
                                                                 child=kg(rule.per_child_g),
                                                                 most=kg(rule.max_g)))

    def pick(self, tree) -> None:
        sel = tree.selection()
        if sel:
            values = tree.item(sel[0], "values")
            self.form.set_values({"family": values[0] if tree is not self.suggest else values[1]})

    def _family_id(self):
        try:
            return caseload.family_id(self.ctx.actor, self.form.values()["family"])
        except PseError as exc:
            self.form.show_error(exc)
            return None

    def designate(self) -> None:
        fid = self._family_id()
        if fid is None:
            return
        values = self.form.values()
        try:
            d = designation.designate(self.ctx.actor, fid, values["month"], values["reason"],
                                      today=self.today)
        except PseError as exc:
            self.form.show_error(exc, {"from month": "month"})
            return
        self.form.set_values({"family": "", "reason": ""})
        self._say(_("{code} receives rice from {month:%Y-%m}.").format(code=d.family_code,
                                                                       month=d.from_month),
                  "success")
        self.reload()

    def end(self) -> None:
        fid = self._family_id()
        if fid is None:
            return
        values = self.form.values()
        try:
            designation.end(self.ctx.actor, fid, values["month"], values["reason"])
        except PseError as exc:
            self.form.show_error(exc, {"last month": "month"})
            return
        self._say(_("Rice ends after {month}.").format(month=values["month"]), "success")
        self.reload()

    def save_rule(self) -> None:
        v = self.rule_form.values()
        try:
            save_rule(self.ctx.actor, v["from month"], v["base"], v["per child"], v["maximum"],
                      today=self.today)
        except PseError as exc:
            self.rule_form.show_error(exc)
            return
        self._say(_("New rule saved."), "success")
        self.reload()

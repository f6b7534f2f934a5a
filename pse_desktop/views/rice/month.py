"""The month's rice list: make it from the designations and the registers, decide on the flagged
families (give, reduce or hold, with a reason), make it final, print the centres' sheets, and
correct a final line with a new record. Warns when a centre's stock will not cover its list."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...i18n import N_, _, ngettext
from ...services.common.errors import PseError
from ...services.core.permissions import can
from ...services.rice import distribution, lists
from ...services.rice.rules import kg
from ..common.base import Form, PagedTable, Screen
from ..common.flow import Flow
from ..social.common import make_document

DECISIONS = {"give": N_("Give"), "reduce": N_("Reduce"), "hold": N_("Hold")}


class RiceMonthScreen(Screen):
    title = N_("Monthly rice")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.manage = can(ctx.actor, "rice.designate")
        bar = Flow(self, gap=4)
        bar.pack(fill="x", pady=(0, 4))
        tb.Label(bar, text=_("Month (YYYY-MM)")).pack(side="left")
        self.month_var = tb.StringVar(value=f"{self.today:%Y-%m}")
        entry = tb.Entry(bar, textvariable=self.month_var, width=8)
        entry.pack(side="left", padx=4)
        entry.bind("<Return>", lambda e: self.reload())
        tb.Button(bar, text=_("Show"), bootstyle="secondary", command=self.reload).pack(side="left")
        if self.manage:
            tb.Button(bar, text=_("Make or refresh the list"), bootstyle="primary",
                      command=self.build).pack(side="left", padx=4)
            self.final_button = tb.Button(bar, text=_("Make final"), bootstyle="success",
                                          command=self.finalise)
            self.final_button.pack(side="left")
        tb.Button(bar, text=_("Print sheets"), bootstyle="secondary-outline",
                  command=self.print_sheets).pack(side="left", padx=4)
        bar.adopt()  # the bar wraps in Khmer
        # on its own line: at 1024 pixels the bar has no room left for "final: 245 families..."
        self.state = tb.Label(self, text="", wraplength=760, justify="left")
        self.state.pack(anchor="w")
        self.message = self.message_line  # the kit's message line, beside the title
        self.warnings = tb.Label(self, text="", wraplength=760, justify="left",
                                 bootstyle="warning")
        self.warnings.pack(anchor="w")
        body = tb.Frame(self)
        body.pack(fill="both", expand=True)
        side = tb.Frame(body, padding=(10, 0, 0, 0))
        side.pack(side="right", fill="y")
        self.table = PagedTable(body, [("family", _("Family"), 60), ("centre", _("Centre"), 50),
                                       ("children", _("Kids"), 40), ("rate", _("Attend."), 56),
                                       ("due", _("Due"), 56), ("kg", _("Gets"), 56),
                                       ("decision", _("Decision"), 64),
                                       ("collected", _("Collected"), 76),
                                       ("guardian", _("Guardian"), 120)], page_size=200, height=12)
        self.table.pack(side="left", fill="both", expand=True)
        colors = tb.Style().colors
        self.table.tree.tag_configure("flagged", foreground=colors.danger)
        self.table.tree.bind("<<TreeviewSelect>>", lambda e: self.pick())
        self.detail = tb.Label(side, text="", wraplength=220, justify="left")
        self.detail.pack(anchor="w")
        form = self.form = Form(side, stacked=True, wrap=220)
        form.pack(fill="x")
        form.add("decision", _("Decision"), tb.Combobox, state="readonly",
                 values=[_(v) for v in DECISIONS.values()], width=10)
        form.add("kilograms", _("Kilograms (to reduce or correct)"), width=8)
        form.add("reason", _("Reason"), width=26)
        row = tb.Frame(side)
        row.pack(fill="x", pady=4)
        self.decide_button = tb.Button(row, text=_("Decide"), bootstyle="primary",
                                       command=self.decide)
        self.decide_button.pack(side="left")
        self.correct_button = tb.Button(row, text=_("Correct"), bootstyle="secondary",
                                        command=self.correct)
        self.correct_button.pack(side="left", padx=4)
        if not self.manage:
            for w in (self.decide_button, self.correct_button):
                w.configure(state="disabled")
        self.info = None
        self.reload()

    def _say(self, text: str, style: str = "default") -> None:
        self.ctx.status(text, style == "danger")  # the message line, then the shared status
        if style not in ("danger", "success"):
            self.message.configure(bootstyle=style)

    def reload(self) -> None:
        try:
            self.info = lists.get_month(self.ctx.actor, self.month_var.get())
        except PseError as exc:
            self._say(str(exc), "danger")
            return
        info = self.info
        states = {"none": _("no list yet"), "draft": _("draft"), "final": _("final")}
        self.state.configure(text=ngettext("{state}: {n} family, {d} to decide",
                                            "{state}: {n} families, {d} to decide", len(info.lines)).format(
            state=states[info.status], n=len(info.lines), d=info.to_decide))
        rows = info.lines
        self.table.set_source(lambda page, size: ([(ln.id, (
            ln.family_code, ln.centre_code, ln.children,
            "-" if ln.rate is None else f"{ln.rate:.0f}%", kg(ln.due_g), kg(ln.kg_g),
            _(DECISIONS.get(ln.decision, "")) if ln.decision else ("?" if ln.flagged else ""),
            _(ln.collection.replace("_", " ")) if ln.collection else "", ln.guardians_latin))
            for ln in rows[page * size:(page + 1) * size]], len(rows)))
        for iid, lid in self.table.keys.items():
            line = next(ln for ln in rows if ln.id == lid)
            self.table.tree.item(iid, tags=("flagged",) if line.to_decide else ())
        self.warnings.configure(text="\n".join(info.warnings))
        if self.manage:
            self.final_button.configure(state="normal" if info.status == "draft" else "disabled")

    def selected(self):
        lid = self.table.selected_key()
        return next((ln for ln in self.info.lines if ln.id == lid), None) if self.info else None

    def pick(self) -> None:
        ln = self.selected()
        if ln is None:
            return
        rate = "-" if ln.rate is None else f"{ln.rate:.0f}%"
        text = _("{code}: {n} children, attendance {rate} (threshold {t}%)").format(
            code=ln.family_code, n=ln.children, rate=rate, t=self.info.threshold)
        if ln.reason:
            text += "\n" + _("Reason: {r}").format(r=ln.reason)
        self.detail.configure(text=text)

    def build(self) -> None:
        try:
            self.info = lists.build(self.ctx.actor, self.month_var.get(), today=self.today)
        except PseError as exc:
            self._say(str(exc), "danger")
            return
        self._say(ngettext("List made: {n} family, {d} flagged to decide.",
                           "List made: {n} families, {d} flagged to decide.", len(self.info.lines)).format(
            n=len(self.info.lines), d=self.info.to_decide), "success")
        self.reload()

    def decide(self) -> None:
        ln = self.selected()
        if ln is None:
            self._say(_("Choose a family in the list first."), "danger")
            return
        values = self.form.values()
        decision = next((k for k, v in DECISIONS.items() if _(v) == values["decision"]), "")
        try:
            lists.decide(self.ctx.actor, ln.id, decision or values["decision"], values["reason"],
                         values["kilograms"] or None)
        except PseError as exc:
            self.form.show_error(exc, {"kilograms": "kilograms"})
            return
        self.form.set_values({"reason": "", "kilograms": ""})
        self._say(_("{code}: decided.").format(code=ln.family_code), "success")
        self.reload()

    def correct(self) -> None:
        ln = self.selected()
        if ln is None:
            self._say(_("Choose a family in the list first."), "danger")
            return
        values = self.form.values()
        try:
            line = lists.correct(self.ctx.actor, ln.id, values["kilograms"], values["reason"])
        except PseError as exc:
            self.form.show_error(exc)
            return
        self.form.set_values({"reason": "", "kilograms": ""})
        self._say(_("{code} now gets {kg} (correction recorded).").format(
            code=line.family_code, kg=kg(line.kg_g)), "success")
        self.reload()

    def finalise(self) -> None:
        if not self.ctx.confirm(self, _("Make final"), _(
                "Make the list of {month} final? It cannot be changed afterwards, only corrected.")
                .format(month=self.month_var.get())):
            return
        try:
            lists.finalise(self.ctx.actor, self.month_var.get())
        except PseError as exc:
            self._say(str(exc), "danger")
            return
        self._say(_("The list of {month} is final.").format(month=self.month_var.get()), "success")
        self.reload()

    def print_sheets(self) -> None:
        if self.info is None or self.info.status != "final":
            self._say(_("Make the list final before printing the sheets."), "danger")
            return
        month = self.info.month
        centres = sorted({(ln.centre_id, ln.centre_code) for ln in self.info.lines
                          if ln.centre_id is not None}, key=lambda c: c[1])
        for cid, code in centres:
            make_document(self, f"rice-{month:%Y-%m}-{code}.pdf",
                          lambda path, c=cid: distribution.write_sheet(self.ctx.actor, month, c,
                                                                       path), self._say)

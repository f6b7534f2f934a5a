"""The social team's reports: families per priority level per centre, assessments done against
due per worker and half-year, situations improved or worsened, emergency support per kind and
month against the budget; and the exports (recorded)."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_date
from ...i18n import N_, _, ngettext, translate_label
from ...services.common.errors import PseError
from ...services.common.validate import format_cents
from ...services.core.permissions import can
from ...services.social import reports
from ...services.social.rules import DOMAINS, LEVELS, SUPPORT_KIND_LABELS, SUPPORT_KINDS
from ..common.base import ChoiceVar, Screen
from .common import DOMAIN_NAMES, level_text

MONTHS = (N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"),
          N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"))


def _tree(master, cols, height=10):
    tree = tb.Treeview(master, columns=[c[0] for c in cols], show="headings", height=height)
    for cid, text, width in cols:
        tree.heading(cid, text=text, anchor="w")
        tree.column(cid, width=width, stretch=False, anchor="w")
    scroll = tb.Scrollbar(master, orient="horizontal", command=tree.xview)
    tree.configure(xscrollcommand=scroll.set)
    tree.pack(fill="both", expand=True)
    scroll.pack(fill="x")
    return tree


class SocialReportsScreen(Screen):
    title = N_("Social reports")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        bar = tb.Frame(self)
        bar.pack(fill="x", pady=(0, 4))
        tb.Label(bar, text=_("Year")).pack(side="left")
        self.year_var = tb.StringVar(value=str(self.today.year))
        box = tb.Spinbox(bar, textvariable=self.year_var, from_=2000, to=2100, width=6,
                         command=self.reload)
        box.pack(side="left", padx=4)
        box.bind("<Return>", lambda e: self.reload())
        if can(ctx.actor, "social.export"):
            for kind, label in (("families", _("Export families")),
                                ("assessments", _("Export assessments")),
                                ("support", _("Export support"))):
                tb.Button(bar, text=label, bootstyle="secondary-outline",
                          command=lambda k=kind: self.export(k)).pack(side="left", padx=2)
        self.message = tb.Label(bar, text="", wraplength=360)
        self.message.pack(side="left", padx=6)
        tabs = tb.Notebook(self)
        tabs.pack(fill="both", expand=True)
        frames = {}
        for key, label in (("levels", _("Priority by centre")), ("due", _("Assessments done")),
                           ("changes", _("Improved or worse")), ("support", _("Support and budget"))):
            frames[key] = tb.Frame(tabs, padding=4)
            tabs.add(frames[key], text=label)
        self.levels = _tree(frames["levels"], [("centre", _("Centre"), 80)] + [
            (lv, level_text(lv), 80) for lv in LEVELS] + [("total", _("Total"), 70)])
        self.due = _tree(frames["due"], [("worker", _("Social worker"), 160),
                                         ("half", _("Half-year"), 80), ("done", _("Assessed"), 80),
                                         ("due", _("Followed"), 80), ("rate", _("Done"), 70)])
        self.changes_label = tb.Label(frames["changes"], text="")
        self.changes_label.pack(anchor="w")
        self.changes = _tree(frames["changes"], [("family", _("Family"), 70),
                                                 ("from", _("From"), 90), ("to", _("To"), 90),
                                                 ("diff", _("Difference"), 60)] + [
            (d, _(DOMAIN_NAMES[d]), 80) for d in DOMAINS])
        if can(ctx.actor, "social.budget"):
            row = tb.Frame(frames["support"])
            row.pack(side="bottom", fill="x", pady=(4, 0))
            tb.Label(row, text=_("Budget of the year for")).pack(side="left")
            self.budget_kind = ChoiceVar({k: SUPPORT_KIND_LABELS[k][0] for k in SUPPORT_KINDS},
                                         value=SUPPORT_KINDS[0])
            tb.Combobox(row, textvariable=self.budget_kind, values=self.budget_kind.labels,
                        state="readonly", width=10).pack(side="left", padx=4)
            tb.Label(row, text=_("US$")).pack(side="left")
            self.budget_amount = tb.StringVar()
            tb.Entry(row, textvariable=self.budget_amount, width=10).pack(side="left", padx=4)
            tb.Button(row, text=_("Set budget"), bootstyle="secondary",
                      command=self.set_budget).pack(side="left")
        self.support = _tree(frames["support"], [("kind", _("Kind"), 70)] + [
            (m, _(m), 62) for m in MONTHS] + [("total", _("Paid"), 80), ("budget", _("Budget"), 80)])
        self.reload()

    def _year(self) -> int:
        try:
            return int(self.year_var.get())
        except ValueError:
            return self.today.year

    def reload(self) -> None:
        year = self._year()
        for tree in (self.levels, self.due, self.changes, self.support):
            tree.delete(*tree.get_children())
        try:
            for centre, counts in reports.levels_by_centre(self.ctx.actor).items():
                self.levels.insert("", "end", values=[centre] + [counts.get(lv, 0) for lv in LEVELS]
                                   + [sum(counts.values())])
            for row in reports.done_against_due(self.ctx.actor, year):
                rate = f"{100 * row.done // row.due}%" if row.due else "-"
                self.due.insert("", "end", values=[row.worker, row.half, row.done, row.due, rate])
            better, worse = reports.changes(self.ctx.actor)
            self.changes_label.configure(text=_("{b} families better, {w} worse since their "
                                                "previous assessment").format(b=len(better),
                                                                               w=len(worse)))
            for c in worse + better:
                self.changes.insert("", "end", values=[
                    c.code, format_date(c.before), format_date(c.after), f"{c.difference:+d}"]
                    + [_(c.trend[d]) for d in DOMAINS])
            for kind, figures in reports.support_by_month(self.ctx.actor, year).items():
                self.support.insert("", "end", values=[_(SUPPORT_KIND_LABELS[kind][0]) if kind in SUPPORT_KIND_LABELS
                                                         else translate_label(kind)] + [
                    format_cents(v) if v else "" for v in figures[:12]]
                    + [format_cents(sum(figures[:12])), format_cents(figures[12])])
        except PseError as exc:
            self.message.configure(text=str(exc), bootstyle="danger")

    def set_budget(self) -> None:
        from ...services.social import support

        try:
            status = support.set_budget(self.ctx.actor, self._year(), self.budget_kind.get(),
                                        self.budget_amount.get())
        except PseError as exc:
            self.message.configure(text=str(exc), bootstyle="danger")
            return
        self.budget_amount.set("")
        self.message.configure(text=_("Budget {kind} {year}: {amount}").format(
            kind=status.kind, year=status.year, amount=format_cents(status.budget_usd_cents)),
            bootstyle="success")
        self.reload()

    def export(self, kind: str) -> None:
        path = self.ctx.choose_file(self, "save", title=_("Export"), initialfile=f"{kind}.xlsx",
                                    defaultextension=".xlsx",
                                    filetypes=[(_("Excel"), "*.xlsx"), (_("CSV"), "*.csv")])
        if not path:
            return
        year = self._year()
        try:
            if kind == "families":
                count = reports.export_families(self.ctx.actor, path, self.today)
            elif kind == "assessments":
                count = reports.export_assessments(self.ctx.actor, dt.date(year, 1, 1),
                                                   dt.date(year, 12, 31), path)
            else:
                count = reports.export_support(self.ctx.actor, dt.date(year, 1, 1),
                                               dt.date(year, 12, 31), path)
        except PseError as exc:
            self.message.configure(text=str(exc), bootstyle="danger")
            return
        self.message.configure(text=ngettext("{n} row written to {path}",
                                             "{n} rows written to {path}", count).format(n=count, path=path),
                               bootstyle="success")

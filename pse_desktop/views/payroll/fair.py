"""Fair wage: what PSE pays each employee against the garment-sector minimum + legal bonuses,
as an amount and a percentage, and the workshop's percentage over the last twelve months."""

from __future__ import annotations

import ttkbootstrap as tb

from ...formats import format_date
from ...i18n import N_, _, ngettext
from ...services.payroll import docs as payroll_docs
from ..common.base import PagedTable, Screen
from ..common.chart import Chart, Series
from .common import KhmerNames, MonthBar, money


class FairWageScreen(Screen):
    title = N_("Fair wage")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        top = tb.Frame(self)
        top.pack(fill="x")
        self.month_bar = MonthBar(top, lambda m: self.refresh())
        self.month_bar.pack(side="left")
        self.summary = tb.Label(self, text="", font=("TkDefaultFont", 12, "bold"), bootstyle="success")
        self.summary.pack(anchor="w", pady=6)
        tb.Label(self, text=_("Regular monthly pay (wage, attendance and transport bonuses, seniority bonus) of "
                              "employees paid for the full month, against the sector minimum plus the legal "
                              "bonuses for their years of service."), bootstyle="secondary", wraplength=900,
                 justify="left").pack(anchor="w")
        body = tb.Frame(self)
        body.pack(fill="both", expand=True, pady=6)
        self.table = PagedTable(body, [("code", _("Code"), 55), ("name", _("Name"), 150), ("pay", _("Pay"), 80),
                                       ("ref", _("Sector"), 80), ("diff", _("Above"), 80), ("pct", _("%"), 60)],
                                page_size=100, height=14)
        self.table.pack(side="left", fill="y")
        self.names = KhmerNames(self.table.tree, 110)
        self.table.tree.bind("<<TreeviewSelect>>", lambda e: self.draw())
        self.canvas = Chart(body, height=320, width=360)
        self.canvas.pack(side="left", fill="both", expand=True, padx=(10, 0))
        self.rows = []
        self.refresh()

    def on_show(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        view = payroll_docs.register(self.ctx.actor, self.month_bar.month)
        self.rows = sorted((r for r in view.rows if r.reference_cents), key=lambda r: r.fair_percent or 0)
        self._khmer = {r.worker_id: r.name_khmer for r in self.rows}
        self.table.set_source(self.fetch)
        for iid, key in self.table.keys.items():
            self.names.set(iid, self._khmer.get(key, ""))
        pay = sum(r.regular_pay_cents for r in self.rows)
        ref = sum(r.reference_cents for r in self.rows)
        if ref:
            point = payroll_docs.FairPoint(self.month_bar.month, pay, ref)
            self.summary.configure(text=ngettext("{label}: PSE pays {n} employee {diff} a month above the sector "
                                                  "minimum ({pct:+}%)",
                                                  "{label}: PSE pays {n} employees {diff} a month above the sector "
                                                  "minimum ({pct:+}%)", len(self.rows)).format(
                label=view.label, n=len(self.rows), diff=money(pay - ref), pct=point.percent),
                bootstyle="success" if pay >= ref else "danger")
        else:
            self.summary.configure(text=_("No payroll for {label} yet.").format(label=view.label),
                                   bootstyle="secondary")
        self.draw()

    def fetch(self, page, size):
        chunk = self.rows[page * size:(page + 1) * size]
        return [(r.worker_id, (r.code, r.name_latin, money(r.regular_pay_cents), money(r.reference_cents),
                               money(r.fair_difference_cents), f"{r.fair_percent:+}")) for r in chunk], len(self.rows)

    def series(self):
        workshop = payroll_docs.fair_wage_series(self.ctx.actor, self.month_bar.month, 12)
        worker = self.table.selected_key()
        mine = payroll_docs.fair_wage_series(self.ctx.actor, self.month_bar.month, 12, worker) if worker else []
        return workshop, mine

    def draw(self) -> None:
        """Bars: the workshop's % above the sector minimum each month; line: the selected employee."""
        workshop, mine = self.series()
        months = [p.month for p in workshop]
        by_month = {p.month: float(p.percent) for p in mine}
        line = None
        if mine:
            line = Series(_("selected employee"), [by_month.get(m) for m in months], "info")
        self.canvas.columns(
            _("% above the sector minimum, last 12 months"),
            [format_date(m, "LLL") for m in months],
            [Series(_("workshop"), [float(p.percent) for p in workshop], "sign")],
            line=line, unit="%", empty=_("No finalised or draft payroll yet"))

"""Fair wage: what PSE pays each employee against the garment-sector minimum + legal bonuses,
as an amount and a percentage, and the workshop's percentage over the last twelve months."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as tb

from ...formats import format_date
from ...i18n import N_, _
from ...services.payroll import docs as payroll_docs
from ..common.base import PagedTable, Screen
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
        self.canvas = tk.Canvas(body, height=320, background="white", highlightthickness=0)
        self.canvas.pack(side="left", fill="both", expand=True, padx=(10, 0))
        self.canvas.bind("<Configure>", lambda e: self.draw())
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
            self.summary.configure(text=_("{label}: PSE pays {n} employees {diff} a month above the sector "
                                          "minimum ({pct:+}%)").format(
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
        c = self.canvas
        c.delete("all")
        width, height = max(c.winfo_width(), 300), max(c.winfo_height(), 200)
        workshop, mine = self.series()
        c.create_text(10, 8, anchor="nw", text=_("% above the sector minimum, last 12 months"),
                      font=("TkDefaultFont", 10, "bold"))
        if not workshop:
            c.create_text(width // 2, height // 2, text=_("No finalised or draft payroll yet"))
            return
        values = [float(p.percent) for p in workshop] + [float(p.percent) for p in mine] + [0.0]
        top, bottom = max(values + [10.0]), min(values)
        left, right, y0, y1 = 50, width - 20, 56, height - 44
        span = (top - bottom) or 1.0

        def y(v):
            return y1 - (v - bottom) / span * (y1 - y0)

        c.create_line(left, y(0), right, y(0), fill="#888888")
        c.create_text(left - 6, y(0), anchor="e", text="0%")
        c.create_text(left - 6, y(top), anchor="e", text=f"{top:.0f}%")
        slot = (right - left) / len(workshop)
        centres = {}
        for i, p in enumerate(workshop):
            x = left + slot * i + slot / 2
            centres[p.month] = x
            v = float(p.percent)
            c.create_rectangle(x - slot * 0.3, y(max(v, 0)), x + slot * 0.3, y(min(v, 0)),
                               fill="#5cb85c" if v >= 0 else "#d9534f", outline="")
            c.create_text(x, y(max(v, 0)) - 8, text=f"{p.percent:.0f}", font=("TkDefaultFont", 8))
            c.create_text(x, y1 + 10, text=format_date(p.month, "LLL"), font=("TkDefaultFont", 8))
            if i == 0 or p.month.month == 1:
                c.create_text(x, y1 + 24, text=p.month.strftime("%Y"), font=("TkDefaultFont", 8))
        points = [(centres[p.month], y(float(p.percent))) for p in mine if p.month in centres]
        if len(points) > 1:
            c.create_line(*[v for pt in points for v in pt], fill="#2a6ebb", width=2)
        for x, yy in points:
            c.create_oval(x - 3, yy - 3, x + 3, yy + 3, fill="#2a6ebb", outline="")
        c.create_text(10, 28, anchor="nw", fill="#2a6ebb",
                      text=_("blue: selected employee") if points else _("select an employee to compare"))

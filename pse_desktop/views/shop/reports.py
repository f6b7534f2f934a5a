"""Shop reports: sales grouped by day, month, product, category or location, with a bar
chart; stock value; slow sellers; exports to CSV or XLSX in the background."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...i18n import N_, _, ngettext
from ...services.core import settings
from ...services.shop import reports as shop_reports
from ...formats import format_money
from ..common.base import FAILED, BackgroundTask, Form, Screen, call_service
from ..common.dates import DateField
from ..common.chart import Bar, Chart

REPORTS = {"day": N_("Sales by day"), "month": N_("Sales by month"), "product": N_("Sales by product"),
           "category": N_("Sales by category"), "location": N_("Sales by location"),
           "stock": N_("Stock value"), "slow": N_("Not sold for N months")}


class ShopReportsScreen(Screen):
    title = N_("Shop reports")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        today = dt.date.today()
        top = tb.Frame(self)
        top.pack(fill="x")
        self.form = Form(top)
        self.form.pack(side="left")
        self.form.add("report", _("Report"), tb.Combobox, state="readonly", width=26,
                      values=[_(v) for v in REPORTS.values()])
        self.form.vars["report"].set(_(REPORTS["month"]))
        self.form.add("from", _("From"), DateField, width=12)
        self.form.add("to", _("To"), DateField, width=12)
        self.form.add("months", _("Months (slow sellers)"), width=6)
        self.form.set_values({"from": dt.date(today.year - 1, today.month, 1).isoformat(),
                              "to": today.isoformat(), "months": settings.get("shop_slow_months")})
        buttons = tb.Frame(top, padding=(16, 0))
        buttons.pack(side="left", anchor="n")
        tb.Button(buttons, text=_("Show"), command=self.show_report).pack(fill="x")
        tb.Button(buttons, text=_("Export sales..."), bootstyle="secondary",
                  command=lambda: self.export("sales")).pack(fill="x", pady=4)
        tb.Button(buttons, text=_("Export stock..."), bootstyle="secondary",
                  command=lambda: self.export("stock")).pack(fill="x")
        self.message = tb.Label(buttons, text="", bootstyle="info", wraplength=220)
        self.message.pack(anchor="w", pady=4)
        body = tb.Frame(self)
        body.pack(fill="both", expand=True, pady=8)
        self.tree = tb.Treeview(body, columns=("a", "b", "c", "d"), show="headings", height=14)
        for cid, width in (("a", 250), ("b", 70), ("c", 70), ("d", 110)):
            self.tree.column(cid, width=width, stretch=False, anchor="w")
        self.tree.pack(side="left", fill="y")
        self.chart = Chart(body, width=360, height=300)
        self.chart.pack(side="left", fill="both", expand=True, padx=(12, 0))
        self.task = None
        self.shown = False

    def on_show(self) -> None:
        if not self.shown:
            self.shown = True
            self.show_report()

    def _kind(self) -> str:
        chosen = self.form.vars["report"].get()
        return next((k for k, v in REPORTS.items() if _(v) == chosen), "month")

    def show_report(self) -> None:
        v = self.form.values()
        kind = self._kind()
        actor = self.ctx.actor
        if kind == "stock":
            rows = call_service(self.form, shop_reports.stock_value, actor)
            if rows is FAILED:
                return
            self._fill((_("Location"), _("Product"), _("Pieces"), _("Value at cost")),
                       [(r.location, f"{r.code} {r.name}", r.quantity, format_money(r.value_cents))
                        for r in rows[:2000]])
            by_loc: dict[str, int] = {}
            for r in rows:
                by_loc[r.location] = by_loc.get(r.location, 0) + r.value_cents
            self.draw_chart(list(by_loc.items()), "USD")
            return
        if kind == "slow":
            rows = call_service(self.form, shop_reports.slow_movers, actor, v["months"])
            if rows is FAILED:
                return
            self._fill((_("Code"), _("Product"), _("In stock"), _("Last sold")),
                       [(c, n, q, str(d) if d else _("never")) for c, n, q, d in rows])
            self.draw_chart([], "USD")
            return
        rows = call_service(self.form, shop_reports.sales_by, actor, kind, v["from"], v["to"])
        if rows is FAILED:
            return
        self._fill((_("Group"), _("Currency"), _("Pieces"), _("Amount")),
                   shop_reports.report_text(rows))
        usd = [(r.label, r.amount) for r in rows if r.currency == "USD"]
        if kind == "product":
            usd = usd[:12]
        self.draw_chart(usd[-24:], "USD")

    def _fill(self, headings, rows) -> None:
        for cid, text in zip(("a", "b", "c", "d"), headings):
            self.tree.heading(cid, text=text, anchor="w")
        self.tree.delete(*self.tree.get_children())
        for row in rows:
            self.tree.insert("", "end", values=row)

    def draw_chart(self, items: list[tuple[str, int]], currency: str) -> None:
        """Bars of (label, amount), the amount written in its currency."""
        self.chart.bars("", [Bar(str(label), amount, format_money(amount, currency))
                             for label, amount in items])

    def export(self, what: str) -> None:
        path = self.ctx.choose_file(self, "save", defaultextension=".xlsx",
                                    filetypes=[("Excel", "*.xlsx"), ("CSV", "*.csv")],
                                    initialfile=f"{what}.xlsx")
        if not path:
            return
        v = self.form.values()
        actor = self.ctx.actor
        if what == "sales":
            def work(progress):  # any range (a whole year) in one file, with the lines counted
                return shop_reports.export_sales(
                    actor, v["from"], v["to"], path,
                    progress=lambda n: progress(ngettext("{n} line written...",
                                                         "{n} lines written...", n).format(n=n), 0.5))
        else:
            work = lambda progress: shop_reports.export_stock(actor, path)  # noqa: E731
        self.message.configure(text=_("Exporting..."))
        self.task = BackgroundTask(
            self, work,
            on_done=lambda n: self.message.configure(text=ngettext("{n} row written to {path}",
                                                                   "{n} rows written to {path}", n).format(
                n=n, path=path)),
            on_error=lambda exc: self.message.configure(text=str(exc)),
            on_progress=lambda m, f: self.message.configure(text=m)).start()

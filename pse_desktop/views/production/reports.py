"""Monthly output per worker and per product, with bar charts; the PDF and the CSV/XLSX export."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_month
from ...i18n import N_, _, ngettext
from ...services.production import docs as production_docs
from ...services.centres.export import write_table
from ..common.base import FAILED, BackgroundTask, Form, Screen, call_service
from ..common.commands import Command
from ..common.dates import DateField
from ..common.chart import Bar, Chart
from .common import save_document



class ReportsScreen(Screen):
    title = N_("Output reports")
    commands = (Command("print", "pdf"),)

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.data = None
        self.last_task = None
        form = self.form = Form(self)
        form.pack(fill="x")
        form.add("month", _("Month"), help=_("YYYY-MM"))
        form.set_values({"month": self.today.strftime("%Y-%m")})
        form.widgets["month"].bind("<Return>", lambda e: self.show())
        bar = tb.Frame(self)
        bar.pack(fill="x", pady=4)
        tb.Button(bar, text=_("Show"), bootstyle="primary", command=self.show).pack(side="left")
        tb.Button(bar, text=_("Month PDF"), bootstyle="info-outline",
                  command=self.pdf).pack(side="left", padx=4)
        self.total = tb.Label(bar, text="", font=("TkDefaultFont", 11, "bold"))
        self.total.pack(side="left", padx=12)
        charts = tb.Frame(self)
        charts.pack(fill="both", expand=True)
        self.worker_chart = Chart(charts, height=340, width=300)
        self.product_chart = Chart(charts, height=340, width=300)
        self.worker_chart.pack(side="left", fill="both", expand=True, padx=(0, 6))
        self.product_chart.pack(side="left", fill="both", expand=True)

        export = tb.Labelframe(self, text=_("Export output (CSV or XLSX)"), padding=6)
        export.pack(fill="x", pady=(8, 0))
        ef = self.export_form = Form(export)
        ef.pack(fill="x")
        ef.add("from", _("From"), DateField)
        ef.add("to", _("To"), DateField)
        first = self.today.replace(day=1)
        ef.set_values({"from": first.isoformat(), "to": self.today.isoformat()})
        tb.Button(export, text=_("Export..."), bootstyle="secondary",
                  command=self.export).pack(anchor="e")

    def on_show(self) -> None:
        self.show()

    def show(self):
        data = call_service(self.form, production_docs.monthly_output, self.ctx.actor,
                            self.form.values()["month"])
        if data is FAILED:
            return FAILED
        self.data = data
        self.total.configure(text=ngettext("{n} piece in {m}",
                                           "{n} pieces in {m}", data.total).format(n=data.total,
                                                               m=format_month(data.first)))
        self._chart(self.worker_chart, _("Per worker"), [(f"{c} {n}", q) for c, n, q in data.by_worker])
        self._chart(self.product_chart, _("Per product"), [(n, q) for c, n, q in data.by_product])
        return data

    def _chart(self, chart, title: str, items) -> None:
        chart.bars(title, [Bar(label, q) for label, q in items[:14]],
                   empty=_("No output this month."))

    def pdf(self):
        from ...reports.production import documents as reports

        month = self.form.values()["month"]
        return save_document(self, f"output-{month}.pdf",
                             lambda: production_docs.monthly_output(self.ctx.actor, month),
                             reports.render_monthly_output)

    def export(self):
        v = self.export_form.values()
        check = call_service(self.export_form, production_docs.output_table, self.ctx.actor,
                             v["from"], v["to"])
        if check is FAILED:
            return FAILED
        path = self.ctx.choose_file(self, "save", title=_("Export output"),
                                    initialfile=f"production-{v['from']}-{v['to']}.xlsx",
                                    filetypes=[(_("Excel"), "*.xlsx"), (_("CSV"), "*.csv")])
        if not path:
            return None
        self.last_task = BackgroundTask(
            self, lambda progress: write_table(path, *check, sheet="Production output"),
            on_done=lambda p: self.ctx.status(ngettext("{n} row written to {p}",
                                                       "{n} rows written to {p}", len(check[1])).format(n=len(check[1]),
                                                                                 p=p)),
            on_error=lambda exc: self.ctx.inform(self, _("Export failed"), str(exc))).start()
        return self.last_task

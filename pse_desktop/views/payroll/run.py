"""The month's payroll: compute the draft, review its lines and warnings, finalise, print.

Every payslip line carries its explanation; a finalised month is read only. Advances, the
mid-month payment and additions/deductions (corrections of a finalised month) are on the
second tab. PDFs and exports run in the background with a progress bar.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ttkbootstrap as tb

from ...formats import format_date
from ...i18n import N_, _, ngettext, translate_label
from ...services.payroll import (
    months as payroll, docs as payroll_docs, extras as payroll_extras, run as payroll_run,
    workers,
)
from ...services.core import settings
from ...services.core.permissions import can
from ..common.amounts import call_confirming, watch_amount
from ..common.base import FAILED, BackgroundTask, Form, PagedTable, Screen, call_service
from ..common.flow import Flow
from .common import MonthBar, money, riel, try_service


class PayrollScreen(Screen):
    title = N_("Payroll")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        actor = ctx.actor
        top = Flow(self, gap=6)
        top.pack(fill="x")
        self.month_bar = MonthBar(top, lambda m: self.refresh())
        self.month_bar.pack(side="left")
        tb.Label(top, text=_("Riel per $")).pack(side="left", padx=(8, 4))
        self.khr = tb.StringVar(value=str(settings.get("khr_per_usd")))
        tb.Entry(top, textvariable=self.khr, width=6).pack(side="left")
        self.draft_button = tb.Button(top, text=_("Compute draft"), bootstyle="primary", command=self.compute)
        self.draft_button.pack(side="left", padx=(8, 4))
        self.final_button = tb.Button(top, text=_("Finalise…"), bootstyle="danger", command=self.finalise)
        self.final_button.pack(side="left", padx=4)
        top.adopt()  # the bar wraps in Khmer
        self.state = tb.Label(self, text="", font=("TkDefaultFont", 10, "bold"))
        self.state.pack(anchor="w", pady=(4, 0))
        self.error = tb.Label(self, text="", bootstyle="danger", wraplength=900, justify="left")
        self.error.pack(anchor="w")
        self.totals = tb.Label(self, text="", bootstyle="secondary")
        self.totals.pack(anchor="w", pady=(2, 4))
        if not can(actor, "payroll.run"):
            self.draft_button.configure(state="disabled")
        self.may_finalise = can(actor, "payroll.finalise")
        self.notebook = tb.Notebook(self)
        self.notebook.pack(fill="both", expand=True)
        self._payslips_tab()
        self._warnings_tab()
        self._extras_tab()
        self._documents_bar()
        self.view = None
        self.task = None
        self.month_bar.set(payroll_run.next_month_to_pay(self.month_bar.month), notify=False)
        self.refresh()

    # ------------------------------------------------------------------ building
    def _payslips_tab(self) -> None:
        page = tb.Frame(self.notebook, padding=6)
        self.notebook.add(page, text=_("Payslips"))
        right = tb.Frame(page, width=330)
        right.pack(side="right", fill="y", padx=(8, 0))
        self.table = PagedTable(page, [("code", _("Code"), 50), ("name", _("Name"), 125), ("days", _("Days"), 40),
                                       ("gross", _("Gross"), 75), ("nssf", _("NSSF"), 55), ("tax", _("Tax KHR"), 65),
                                       ("adv", _("Advance"), 60), ("net", _("Net"), 75), ("fair", _("Fair %"), 60)],
                                page_size=100, height=12)
        self.table.pack(side="left", fill="both", expand=True)
        self.table.tree.bind("<<TreeviewSelect>>", lambda e: self.show_lines())
        self.lines = tb.Treeview(right, columns=("label", "amount", "khr"), show="headings", height=12)
        for cid, text, width in (("label", _("Line"), 170), ("amount", _("US$"), 70), ("khr", _("KHR"), 70)):
            self.lines.heading(cid, text=text, anchor="w")
            self.lines.column(cid, width=width, anchor="w" if cid == "label" else "e")
        self.lines.tag_configure("deduction", foreground="#c0392b")
        self.lines.tag_configure("employer", foreground="#6c757d")
        self.lines.pack(fill="both", expand=True)
        self.lines.bind("<<TreeviewSelect>>", lambda e: self.show_explanation())
        self.explanation = tb.Label(right, text=_("Select a line to see how it was computed."), wraplength=320,
                                    justify="left", bootstyle="info")
        self.explanation.pack(fill="x", pady=4)

    def _warnings_tab(self) -> None:
        page = tb.Frame(self.notebook, padding=6)
        self.notebook.add(page, text=_("Warnings"))
        self.warnings = tb.Treeview(page, columns=("code", "message"), show="headings", height=14)
        self.warnings.heading("code", text=_("Worker"), anchor="w")
        self.warnings.heading("message", text=_("Check before finalising"), anchor="w")
        self.warnings.column("code", width=70, stretch=False)
        self.warnings.pack(fill="both", expand=True)

    def _extras_tab(self) -> None:
        page = tb.Frame(self.notebook, padding=6)
        self.notebook.add(page, text=_("Advances and adjustments"))
        self.extras = tb.Treeview(page, columns=("kind", "code", "name", "amount", "detail"), show="headings",
                                  height=10)
        for cid, text, width in (("kind", _("Kind"), 80), ("code", _("Code"), 55), ("name", _("Name"), 140),
                                 ("amount", _("This month"), 80), ("detail", _("Detail"), 360)):
            self.extras.heading(cid, text=text, anchor="w")
            self.extras.column(cid, width=width, anchor="w")
        self.extras.pack(side="left", fill="both", expand=True)
        side = tb.Frame(page)
        side.pack(side="right", fill="y", padx=(10, 0), before=self.extras)
        self.xform = Form(side, wrap=220)
        self.xform.pack(fill="x")
        self.xform.add("worker", _("Worker code"), width=10)
        self.xform.add("kind", _("Kind"), tb.Combobox, values=payroll_extras.EXTRA_KINDS,
                       state="readonly")
        self.xform.add("amount", _("Amount (US$)"))
        watch_amount(self.xform, "amount")
        self.xform.add("months", _("Repaid over (months)"), help=_("Advances only"))
        self.xform.add("reason", _("Reason"))
        self.xform.add("corrects_month", _("Corrects month (YYYY-MM)"),
                       help=_("For a correction of a finalised month"))
        self.xform.set_values({"kind": "advance", "months": "1"})
        self.add_extra_button = tb.Button(side, text=_("Add"), bootstyle="primary", command=self.add_extra)
        self.add_extra_button.pack(anchor="e")
        self.mid_button = tb.Button(side, text=_("Mid-month payment…"), bootstyle="info-outline",
                                    command=self.mid_month)
        self.mid_button.pack(fill="x", pady=(12, 0))
        if not can(self.ctx.actor, "payroll.run"):
            self.add_extra_button.configure(state="disabled")
            self.mid_button.configure(state="disabled")

    def _documents_bar(self) -> None:
        bar = Flow(self)
        bar.pack(fill="x", pady=(6, 0))
        self.doc_buttons = []
        for kind, label in payroll_docs.DOCUMENTS.items():
            b = tb.Button(bar, text=_(label) + " PDF", bootstyle="secondary-outline",
                          command=lambda k=kind: self.print_pdf(k))
            b.pack(side="left", padx=(0, 4))
            self.doc_buttons.append(b)
        b = tb.Button(bar, text=_("Export CSV/XLSX"), bootstyle="secondary-outline", command=self.export)
        b.pack(side="left", padx=(0, 4))
        self.doc_buttons.append(b)
        self.progress = tb.Progressbar(bar, length=160, maximum=1.0)
        self.progress.pack(side="right")
        bar.adopt()  # the row wraps in Khmer

    # ------------------------------------------------------------------ data
    def on_show(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.view = payroll_docs.register(self.ctx.actor, self.month_bar.month)
        v = self.view
        texts = {"none": (_("Not computed yet"), "secondary"), "draft": (_("DRAFT: review the lines and warnings, then finalise"), "warning"),
                 "final": (_("FINALISED — locked"), "success")}
        text, style = texts[v.status]
        if v.status == "final":
            text += " " + _("by {who} on {when}").format(who=v.finalised_by,
                                                          when=format_date(v.finalised_at))
        self.state.configure(text=text, bootstyle=style)
        if v.khr_per_usd:
            self.khr.set(str(v.khr_per_usd))
        final = v.status == "final"
        self.draft_button.configure(state="disabled" if final or not can(self.ctx.actor, "payroll.run") else "normal")
        self.final_button.configure(state="normal" if v.status == "draft" and self.may_finalise else "disabled")
        for b in self.doc_buttons:
            b.configure(state="disabled" if v.status == "none" else "normal")
        t = v.totals
        self.totals.configure(text=ngettext(
            "{n} payslip · gross {gross} · net {net} · tax KHR {tax} · employer cost {cost}",
            "{n} payslips · gross {gross} · net {net} · tax KHR {tax} · employer cost {cost}", len(v.rows))
                              .format(n=len(v.rows), gross=money(t.get("gross_cents", 0)),
                                      net=money(t.get("net_cents", 0)), tax=riel(t.get("tax_khr", 0)),
                                      cost=money(t.get("employer_cost_cents", 0))) if v.rows else "")
        self.table.set_source(self.fetch)
        children = self.table.tree.get_children()
        if children:
            self.table.tree.selection_set(children[0])
        self.warnings.delete(*self.warnings.get_children())
        for code, message in v.warnings:
            self.warnings.insert("", "end", values=(code, message))
        self.notebook.tab(1, text=_("Warnings ({n})").format(n=len(v.warnings)))
        self.lines.delete(*self.lines.get_children())
        self.load_extras()

    def fetch(self, page, size):
        rows = self.view.rows if self.view else []
        chunk = rows[page * size:(page + 1) * size]
        out = []
        for r in chunk:
            pct = r.fair_percent
            out.append((r.id, (r.code, r.name_latin, r.days_worked, money(r.gross_cents), money(r.nssf_employee_cents),
                               riel(r.tax_khr), money(r.advance_cents) if r.advance_cents else "", money(r.net_cents),
                               "" if pct is None else f"{pct:+}%")))
        return out, len(rows)

    def show_lines(self) -> None:
        key = self.table.selected_key()
        self.lines.delete(*self.lines.get_children())
        self.line_text = {}
        if key is None:
            return
        for line in payroll_docs.payslip_lines(self.ctx.actor, key):
            amount = money(line.amount_cents)
            if line.kind == "deduction":
                amount = "-" + amount
            iid = self.lines.insert("", "end", values=(translate_label(line.label), amount, riel(line.amount_khr)),
                                    tags=(line.kind,))
            self.line_text[iid] = line.explanation
        first = self.lines.get_children()
        if first:
            self.lines.selection_set(first[0])

    def show_explanation(self) -> None:
        sel = self.lines.selection()
        if sel:
            self.explanation.configure(text=self.line_text.get(sel[0], ""))

    def load_extras(self) -> None:
        self.extras.delete(*self.extras.get_children())
        for x in payroll_extras.list_extras(self.ctx.actor, self.month_bar.month):
            self.extras.insert("", "end", values=(_(payroll_extras.EXTRA_KINDS.get(x.kind, x.kind)), x.worker_code, x.name_latin, money(x.amount_cents),
                                                  x.detail))

    # ------------------------------------------------------------------ actions
    def compute(self) -> None:
        result = try_service(self.error, payroll_run.compute_draft, self.ctx.actor, self.month_bar.month,
                             self.khr.get())
        if result is FAILED:
            return
        self.refresh()
        self.ctx.status(_("Draft computed: {payslips}, {warnings}.").format(
            payslips=ngettext("{n} payslip", "{n} payslips", len(self.view.rows)).format(
                n=len(self.view.rows)),
            warnings=ngettext("{n} warning", "{n} warnings", len(self.view.warnings)).format(
                n=len(self.view.warnings))))
        if self.view.warnings:
            self.notebook.select(1)

    def finalise(self) -> None:
        v = self.view
        if v is None or v.status != "draft":
            return
        message = ngettext("Finalise the payroll of {month}: {n} payslip, net {net}? It is locked for good; "
                           "corrections then go into a later month.",
                           "Finalise the payroll of {month}: {n} payslips, net {net}? It is locked for good; "
                           "corrections then go into a later month.", len(v.rows)).format(
            month=v.label, n=len(v.rows), net=money(v.totals.get("net_cents", 0)))
        if v.warnings:
            message += "\n\n" + ngettext("There is {n} warning still listed.",
                                         "There are {n} warnings still listed.",
                                         len(v.warnings)).format(n=len(v.warnings))
        if not self.ctx.confirm(self, _("Finalise payroll"), message):
            return
        if try_service(self.error, payroll_run.finalise, self.ctx.actor, v.month) is FAILED:
            return
        self.ctx.status(_("Payroll of {month} finalised.").format(month=v.label))
        self.refresh()

    def add_extra(self) -> None:
        v = self.xform.values()
        month = self.month_bar.month
        worker = call_service(self.xform, workers.find_by_code, self.ctx.actor, v["worker"])
        if worker is FAILED:
            return
        if v["kind"] == "advance":
            today = dt.date.today()
            given = today if today.replace(day=1) == month else month
            result = call_confirming(self.xform, self.ctx.confirm, payroll_extras.give_advance, self.ctx.actor,
                                     worker.id, given, v["amount"],
                                     v["months"] or 1, v["reason"])
        else:
            result = call_confirming(self.xform, self.ctx.confirm, payroll_extras.add_adjustment, self.ctx.actor,
                                     worker.id, month, v["kind"], v["reason"], v["amount"],
                                     v["corrects_month"] or None)
        if result is FAILED:
            return
        self.xform.set_values({"amount": "", "reason": "", "corrects_month": ""})
        self.ctx.status(_("Added. Compute the draft again to include it."))
        self.load_extras()

    def mid_month(self) -> None:
        month = self.month_bar.month
        percent = settings.get("payroll_mid_month_percent")
        if not self.ctx.confirm(self, _("Mid-month payment"), _(
                "Pay every employee {p}% of their monthly wage (whole dollars) on 15 {month} as an advance, "
                "deducted from the month's pay?").format(p=percent, month=payroll.month_label(month))):
            return
        result = try_service(self.error, payroll_extras.pay_mid_month, self.ctx.actor, month, percent)
        if result is FAILED:
            return
        self.ctx.status(ngettext("Mid-month payment: {n} worker, {total}.",
                                 "Mid-month payment: {n} workers, {total}.", result[0]).format(n=result[0], total=money(result[1])))
        self.load_extras()

    def _background(self, work, done_message) -> None:
        for b in self.doc_buttons:
            b.configure(state="disabled")
        self.progress.configure(value=0)

        def done(path):
            self.refresh()
            self.progress.configure(value=1.0)
            self.ctx.status(done_message.format(path=path))

        def failed(exc):
            self.refresh()
            self.error.configure(text=str(exc))

        self.task = BackgroundTask(self, work, done, failed,
                                   lambda m, f: self.progress.configure(value=f)).start()

    def print_pdf(self, kind: str) -> None:
        month = self.month_bar.month
        default = f"{kind}-{month:%Y-%m}.pdf"
        path = self.ctx.choose_file(self, "save", defaultextension=".pdf", initialfile=default,
                                    filetypes=[("PDF", "*.pdf")])
        if not path:
            return
        actor = self.ctx.actor
        self._background(lambda progress: payroll_docs.write_pdf(actor, kind, month, path, progress),
                         _("Saved {path}"))

    def export(self) -> None:
        month = self.month_bar.month
        path = self.ctx.choose_file(self, "save", defaultextension=".xlsx", initialfile=f"payroll-{month:%Y-%m}.xlsx",
                                    filetypes=[("Excel", "*.xlsx"), ("CSV", "*.csv")])
        if not path:
            return
        actor = self.ctx.actor
        self._background(lambda progress: (payroll_docs.export_payroll(actor, month, path), Path(path))[1],
                         _("Exported {path}"))

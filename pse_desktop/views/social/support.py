"""Emergency support: the requests by state; a new request; a team leader's decision with the
kind's budget (spent and left) shown before approving; paying the next instalment and printing
its receipt to sign or thumbprint; the yearly budgets."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_date
from ...i18n import N_, _
from ...services.common.errors import PseError
from ...services.common.validate import format_cents
from ...services.core.permissions import can
from ...services.social import caseload, docs, support
from ...services.social.rules import CURRENCIES, SUPPORT_KINDS, kind_text
from ..common.amounts import watch_amount
from ..common.base import FAILED, Form, PagedTable, Screen, call_service
from .common import make_document

STATES = {"requested": N_("Waiting for a decision"), "approved": N_("Approved"), "refused": N_("Refused"),
          "cancelled": N_("Cancelled"), "": N_("All")}


def _kind_code(label: str) -> str:
    """The kind whose name (in the current language) the box shows."""
    return next((k for k in SUPPORT_KINDS if kind_text(k) == label), label)


class SupportScreen(Screen):
    title = N_("Emergency support")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.lead = can(ctx.actor, "social.support.approve")
        bar = tb.Frame(self)
        bar.pack(fill="x", pady=(0, 4))
        tb.Label(bar, text=_("Show")).pack(side="left")
        self.state_var = tb.StringVar(value=_(STATES["requested"]))
        box = tb.Combobox(bar, textvariable=self.state_var, state="readonly", width=22,
                          values=[_(v) for v in STATES.values()])
        box.pack(side="left", padx=4)
        box.bind("<<ComboboxSelected>>", lambda e: self.reload())
        self.message = tb.Label(bar, text="", wraplength=520, justify="left")
        self.message.pack(side="left", padx=8)
        body = tb.Frame(self)
        body.pack(fill="both", expand=True)
        left = tb.Frame(body)
        left.pack(side="left", fill="both", expand=True)
        self.table = PagedTable(left, [("date", _("Requested"), 96), ("family", _("Family"), 62),
                                       ("kind", _("Kind"), 70), ("amount", _("Amount"), 100),
                                       ("state", _("State"), 80), ("paid", _("Paid"), 44)],
                                page_size=100, height=8)
        self.table.pack(fill="both", expand=True)
        self.table.tree.bind("<<TreeviewSelect>>", lambda e: self.show_selected())
        self.detail = tb.Label(left, text="", justify="left", wraplength=470)
        self.detail.pack(anchor="w", pady=2)
        act = tb.Frame(left)
        act.pack(fill="x")
        self.note_var = tb.StringVar()
        if self.lead:
            tb.Label(act, text=_("Note")).pack(side="left")
            tb.Entry(act, textvariable=self.note_var, width=18).pack(side="left", padx=4)
            tb.Button(act, text=_("Approve"), bootstyle="success",
                      command=lambda: self.decide(True)).pack(side="left")
            tb.Button(act, text=_("Refuse"), bootstyle="danger-outline",
                      command=lambda: self.decide(False)).pack(side="left", padx=4)
            tb.Button(act, text=_("Cancel the rest"), bootstyle="secondary-outline",
                      command=self.cancel).pack(side="left")
        pay = tb.Frame(left)
        pay.pack(fill="x", pady=4)
        tb.Label(pay, text=_("Received by")).pack(side="left")
        self.received_var = tb.StringVar()
        tb.Entry(pay, textvariable=self.received_var, width=18).pack(side="left", padx=4)
        self.pay_button = tb.Button(pay, text=_("Pay next instalment and print receipt"),
                                    bootstyle="primary", command=self.pay)
        self.pay_button.pack(side="left")
        side = tb.Frame(body, padding=(10, 0, 0, 0))
        side.pack(side="left", fill="y")
        tb.Label(side, text=_("New request"), font=("TkDefaultFont", 10, "bold")).pack(anchor="w")
        form = self.form = Form(side, stacked=True, wrap=230)
        form.pack(fill="x")
        form.add("family", _("Family code"), width=10)
        form.add("kind", _("Kind"), tb.Combobox, state="readonly",
                 values=[kind_text(k) for k in SUPPORT_KINDS], width=12)
        form.add("currency", _("Currency"), tb.Combobox, state="readonly",
                 values=list(CURRENCIES), width=6)
        form.add("amount", _("Amount each time"), width=12)
        form.add("payments", _("Number of payments"), width=4, help=_("1: once; more: monthly"))
        form.add("why", _("Why"), width=28)
        form.add("follow-up date", _("Follow-up date (YYYY-MM-DD)"), width=12)
        form.set_values({"currency": "USD", "payments": "1"})
        watch_amount(form, "amount", form.vars["currency"])
        self.request_button = tb.Button(side, text=_("Request"), bootstyle="primary",
                                        command=self.request)
        self.request_button.pack(anchor="w", pady=4)
        if not can(ctx.actor, "social.support.request"):
            self.request_button.configure(state="disabled")
        if not can(ctx.actor, "social.support.pay"):
            self.pay_button.configure(state="disabled")
        self.rows = []
        self.reload()

    def on_show(self) -> None:
        code = self.ctx.extra.pop("social_support_family", None)
        if code:
            self.form.set_values({"family": code})

    def _state(self) -> str:
        label = self.state_var.get()
        return next((k for k, v in STATES.items() if _(v) == label), "requested")

    def reload(self) -> None:
        rows = call_service(None, support.list_requests, self.ctx.actor,
                            status=self._state() or None)
        self.rows = [] if rows is FAILED else rows
        self.table.set_source(lambda page, size: (
            [(r.id, (format_date(r.requested_on), r.family_code, kind_text(r.kind), r.total_text,
                     _(r.state), f"{r.paid}/{r.payments}"))
             for r in self.rows[page * size:(page + 1) * size]], len(self.rows)))
        self.detail.configure(text="")

    def selected(self):
        rid = self.table.selected_key()
        return next((r for r in self.rows if r.id == rid), None)

    def show_selected(self) -> None:
        r = self.selected()
        if r is None:
            return
        budget = support.budget_status(self.ctx.actor, self.today.year, r.kind)
        lines = [_("{family}: {kind}, {amount} (total {usd})").format(
                     family=r.family_code, kind=kind_text(r.kind), amount=r.total_text,
                     usd=format_cents(r.usd_cents_total)),
                 _("Why: {why}").format(why=r.why),
                 _("Asked by {who} on {day}").format(who=r.requested_by,
                                                     day=format_date(r.requested_on)),
                 _("{kind} budget {year}: {budget}, spent {spent}, left {left}").format(
                     kind=kind_text(r.kind), year=budget.year,
                     budget=format_cents(budget.budget_usd_cents),
                     spent=format_cents(budget.spent_usd_cents),
                     left=format_cents(budget.left_usd_cents))]
        if r.follow_up_on:
            lines.append(_("Follow-up on {day}").format(day=format_date(r.follow_up_on)))
        if r.decided_by:
            lines.append(_("Decided by {who}: {note}").format(who=r.decided_by,
                                                              note=r.decision_note or "-"))
        self.detail.configure(text="\n".join(lines))
        if not self.received_var.get():
            self.received_var.set("")

    def _say(self, text: str, style: str = "default") -> None:
        self.message.configure(text=text, bootstyle=style)

    def request(self) -> None:
        values = self.form.values()
        fid = call_service(self.form, caseload.family_id, self.ctx.actor, values["family"])
        if fid is FAILED:
            return
        result = call_service(self.form, support.request_support, self.ctx.actor, fid,
                              _kind_code(values["kind"]), values["currency"], values["amount"],
                              why=values["why"], payments=values["payments"] or 1,
                              follow_up_on=values["follow-up date"] or None, today=self.today)
        if result is FAILED:
            return
        self.form.set_values({"family": "", "amount": "", "why": "", "payments": "1",
                              "follow-up date": ""})
        self._say(_("Request for {family} recorded: {amount}.").format(
            family=result.family_code, amount=result.total_text), "success")
        self.reload()

    def decide(self, approve: bool) -> None:
        r = self.selected()
        if r is None:
            self._say(_("Choose a request in the list first."), "danger")
            return
        verb = _("Approve") if approve else _("Refuse")
        if not self.ctx.confirm(self, verb, _("{verb} {amount} for {family}?").format(
                verb=verb, amount=r.total_text, family=r.family_code)):
            return
        try:
            result = support.decide(self.ctx.actor, r.id, approve, self.note_var.get(),
                                    today=self.today)
        except PseError as exc:  # the service's own message, shown where the user looks
            self._say(str(exc), "danger")
            return
        self.note_var.set("")
        self._say(_("Request of {family}: {state}.").format(family=r.family_code,
                                                             state=_(result.state)), "success")
        self.reload()

    def cancel(self) -> None:
        r = self.selected()
        if r is None:
            self._say(_("Choose a request in the list first."), "danger")
            return
        if not self.ctx.confirm(self, _("Cancel"), _(
                "Stop the payments of {family} that are not made yet? The note is the reason.")
                .format(family=r.family_code)):
            return
        try:
            support.cancel(self.ctx.actor, r.id, self.note_var.get())
        except PseError as exc:
            self._say(str(exc), "danger")
            return
        self.note_var.set("")
        self._say(_("Request of {family} cancelled.").format(family=r.family_code), "success")
        self.reload()

    def pay(self) -> None:
        r = self.selected()
        if r is None:
            self._say(_("Choose a request in the list first."), "danger")
            return
        try:
            paid = support.pay(self.ctx.actor, r.id, self.received_var.get(), today=self.today)
        except PseError as exc:
            self._say(str(exc), "danger")
            return
        self._say(_("Instalment {n}/{total} paid, receipt {no}.").format(
            n=paid.number, total=paid.payments, no=paid.receipt_no), "success")
        make_document(self, f"receipt-{paid.receipt_no}.pdf",
                      lambda path: docs.write_receipt(self.ctx.actor, paid.id, path), self._say)
        self.reload()

"""Day closing: what the day's sales expect in the drawer, the count, the note, the Z report."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...i18n import N_, _
from ...services.shop import closing as shop_close, docs as shop_docs
from ...formats import format_money
from ..common.base import FAILED, Form, Screen, call_service
from ..common.commands import Command
from ..common.flow import Flow
from ..common.dates import parse_date
from .common import LocationChooser, opener


class DayClosingScreen(Screen):
    title = N_("Day closing")
    commands = (Command("print", "print_z"),)

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.location = None
        self.day = dt.date.today()
        top = tb.Frame(self)
        top.pack(fill="x")
        self.chooser = LocationChooser(top, ctx, self.set_location, kinds=("shop", "event"))
        self.chooser.pack(side="left")
        tb.Label(top, text=_("Day")).pack(side="left", padx=(16, 4))
        self.day_var = tb.StringVar(value=self.day.isoformat())
        day_entry = tb.Entry(top, textvariable=self.day_var, width=12)
        day_entry.pack(side="left")
        day_entry.bind("<Return>", lambda e: self.load())
        tb.Button(top, text=_("Show"), bootstyle="secondary", command=self.load).pack(
            side="left", padx=4)

        # The count beside the summary, or under it when the window is too narrow (Khmer).
        body = Flow(self, gap=24, line_gap=10)
        body.pack(fill="x", pady=10)
        left = tb.Frame(body)
        self.summary = tb.Label(left, text="", justify="left", font=("TkFixedFont", 11))
        self.summary.pack(anchor="nw")
        right = tb.Labelframe(body, text=_("Cash counted in the drawer"), padding=12)
        body.add(left, right)
        self.form = Form(right, wrap=320)
        self.form.pack(fill="x")
        self.form.add("usd", _("Dollars"), width=14)
        self.form.add("khr", _("Riel"), width=14)
        self.form.add("eur", _("Euros"), width=14)
        self.form.add("note", _("Note"), width=34,
                      help=_("Required when the count differs from the sales."))
        self.close_button = tb.Button(right, text=_("Close the day and print the Z report"),
                                      bootstyle="primary", command=self.close)
        self.close_button.pack(fill="x", pady=(8, 0))
        self.z_button = tb.Button(right, text=_("Print the Z report again"),
                                  bootstyle="secondary-outline", command=self.print_z)
        self.z_button.pack(fill="x", pady=(6, 0))
        self.state_label = tb.Label(right, text="", bootstyle="info", wraplength=320)
        self.state_label.pack(anchor="w", pady=6)
        # Admins only: a closed day can be reopened, with a reason that goes to the audit log.
        self.reopen_box = tb.Labelframe(left, text=_("Reopen this day (admin)"), padding=8)
        self.reopen_form = Form(self.reopen_box, stacked=True, wrap=220)
        self.reopen_form.pack(fill="x")
        self.reopen_form.add("reason", _("Reason"), width=26,
                             help=_("Why the closed day must take sales again."))
        self.reopen_button = tb.Button(self.reopen_box, text=_("Reopen the day"),
                                       bootstyle="warning-outline", command=self.reopen)
        self.reopen_button.pack(fill="x", pady=(6, 0))
        for name in ("usd", "khr", "eur"):
            self.form.widgets[name].bind("<Return>", lambda e: self._next(e))

    def _next(self, event):
        event.widget.tk_focusNext().focus_set()
        return "break"

    def on_show(self) -> None:
        self.chooser.reload()
        self.load()

    def set_location(self, loc) -> None:
        self.location = loc
        self.load()

    def load(self) -> None:
        if self.location is None:
            return
        day = parse_date(self.day_var.get())
        if day is None:
            self.state_label.configure(text=_("The day must look like 2026-01-31."))
            return
        self.day = day
        t = shop_close.day_totals(self.location.id, self.day)
        cur = t.currency
        lines = [
            _("Sales: {n}   Returns: {r}   Voids: {v}").format(n=t.sales_count, r=t.returns_count,
                                                              v=t.voids_count),
            _("Pieces sold (net): {n}").format(n=t.items),
            _("Net sales: {net}").format(net=format_money(t.net, cur)),
            "",
            _("Expected in the drawer:"),
            f"  USD  {format_money(t.expected['USD'], 'USD'):>16}",
            f"  KHR  {format_money(t.expected['KHR'], 'KHR'):>16}",
            f"  EUR  {format_money(t.expected['EUR'], 'EUR'):>16}",
        ]
        self.summary.configure(text="\n".join(lines))
        self.closing_id = shop_close.closing_for(self.location.id, self.day)
        closed = self.closing_id is not None
        self.close_button.configure(state="disabled" if closed else "normal")
        self.z_button.configure(state="normal" if closed else "disabled")
        self.state_label.configure(text=_("This day is closed.") if closed else "")
        if closed and shop_close.may_reopen(self.ctx.actor):
            self.reopen_box.pack(fill="x", pady=(16, 0))
        else:
            self.reopen_box.pack_forget()

    def reopen(self) -> None:
        if self.location is None or not getattr(self, "closing_id", None):
            return
        reason = self.reopen_form.values()["reason"]
        if call_service(self.reopen_form, shop_close.reopen_day, self.ctx.actor,
                        self.location.id, self.day, reason) is FAILED:
            return
        self.reopen_form.set_values({"reason": ""})
        self.load()
        self.ctx.status(_("{day} is open again.").format(day=self.day.isoformat()))
        self.state_label.configure(text=_("Reopened: count the drawer and close the day again."))

    def close(self) -> None:
        if self.location is None:
            return
        v = self.form.values()
        result = call_service(self.form, shop_close.close_day, self.ctx.actor, self.location.id,
                              self.day, v["usd"].strip() or 0, v["khr"].strip() or 0,
                              v["eur"].strip() or 0, v["note"],
                              field_map={"dollars counted": "usd", "riel counted": "khr",
                                         "euros counted": "eur"})
        if result is FAILED:
            return
        self.form.set_values({"usd": "", "khr": "", "eur": "", "note": ""})
        self.load()
        self.print_z()

    def print_z(self) -> None:
        if not getattr(self, "closing_id", None):
            return
        folder = shop_docs.documents_folder(self.ctx.target, "z-reports")
        path = folder / f"z-{self.location.code}-{self.day.isoformat()}.pdf"
        shop_docs.write_z_report(self.closing_id, path)
        opener(self.ctx)(path)
        self.ctx.status(_("Z report saved as {path}").format(path=path))
        self.state_label.configure(text=_("This day is closed. Z report: {path}").format(path=path))

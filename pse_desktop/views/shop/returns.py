"""The dialog that returns pieces of a sale, or voids a sale of today, with a reason."""

from __future__ import annotations

import ttkbootstrap as tb

from ...formats import format_date
from ...i18n import _
from ...services.common import validate
from ...services.common.errors import PseError
from ...services.shop import sales, returns as sales_returns
from ...formats import format_money
from ..common.base import FAILED, Form, call_service


class ReturnDialog(tb.Toplevel):
    def __init__(self, master, ctx, sale_id: int, void: bool, on_done):
        super().__init__(master=master)
        self.ctx, self.sale_id, self.void, self.on_done = ctx, sale_id, void, on_done
        view = sales.get_sale(sale_id)
        self.title((_("Void sale {n}") if void else _("Return from sale {n}")).format(n=view.number))
        self.transient(master.winfo_toplevel())
        frame = tb.Frame(self, padding=16)
        frame.pack(fill="both", expand=True)
        tb.Label(frame, text=_("Sale {n} of {day}, {total}").format(
            n=view.number, day=format_date(view.day),
            total=format_money(view.total, view.currency)), font=("TkDefaultFont", 11, "bold")).pack(
            anchor="w", pady=(0, 8))
        self.form = Form(frame, wrap=360)
        self.form.pack(fill="x")
        self.lines = [] if void else sales_returns.returnable_lines(sale_id)
        for vid, code, name, left, unit in self.lines:
            self.form.add(f"q{vid}", f"{code} {name}",
                          help=_("up to {n}, {price} each").format(
                              n=left, price=format_money(unit, view.currency)), width=6)
        if not void and not self.lines:
            tb.Label(frame, text=_("Nothing left to return from this sale.")).pack(anchor="w")
        self.form.add("reason", _("Reason"), width=36)
        if not void and view.currency != "EUR":
            self.form.add("refund", _("Refund in"), tb.Combobox, state="readonly",
                          values=["USD", "KHR"], width=8)
            self.form.vars["refund"].set("USD")
        bar = tb.Frame(frame)
        bar.pack(fill="x", pady=(10, 0))
        tb.Button(bar, text=_("Cancel"), bootstyle="secondary", command=self.destroy).pack(
            side="right")
        self.ok_button = tb.Button(bar, text=_("Void the sale") if void else _("Return"),
                                   bootstyle="danger" if void else "warning", command=self.ok)
        self.ok_button.pack(side="right", padx=6)
        self.bind("<Escape>", lambda e: self.destroy())
        self.bind("<Return>", lambda e: self.ok())
        first = next(iter(self.form.widgets.values()))
        first.focus_set()

    def ok(self) -> None:
        v = self.form.values()
        if self.void:
            result = call_service(self.form, sales_returns.void_sale, self.ctx.actor, self.sale_id,
                                  v["reason"])
        else:
            wanted = {}
            for vid, *_rest in self.lines:
                raw = str(v[f"q{vid}"]).strip()
                if raw and raw != "0":
                    try:  # read in the user's language, like every number typed
                        wanted[vid] = validate.integer("quantity", raw, 0)
                    except PseError:
                        self.form.show_error(ValueError(_("Quantities are whole numbers.")))
                        return
            result = call_service(self.form, sales_returns.return_items, self.ctx.actor, self.sale_id,
                                  wanted, v["reason"], refund_in=v.get("refund", "USD"))
        if result is FAILED:
            return
        self.destroy()
        self.on_done(result)

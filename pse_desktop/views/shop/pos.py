"""Point of sale: scan (the scanner types the code and Enter), pay, give change, print.

Keyboard: Enter in the scan field adds a product ('3*CODE' adds three); Up/Down choose a cart
line, + and - change its quantity, Delete removes it; F8 fills the dollars paid with the total;
F12 (or Ctrl+Enter) completes the sale; F9 prints the last receipt.
"""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_date
from ...i18n import N_, _, ngettext
from ...services.shop import catalog, sales, closing as shop_close, docs as shop_docs
from ...services.common import validate
from ...services.common.errors import PseError
from ...services.common.numbers import plain_amount
from ...services.core.permissions import can
from ...formats import format_money
from ...services.shop.cart import Cart, split_quantity
from ..common.base import FAILED, Form, PagedTable, Screen, call_service
from ..common.commands import Command
from .common import LocationChooser, opener


class PosScreen(Screen):
    title = N_("Point of sale")
    commands = (Command("complete", "complete", N_("Complete sale"), "F12"),
                Command("print", "print_receipt_80"))

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.cart = Cart()
        self.location = None
        self.last_sale_id = None
        self.rates = None
        top = tb.Frame(self)
        top.pack(fill="x")
        self.chooser = LocationChooser(top, ctx, self.set_location, kinds=("shop", "event"))
        self.chooser.pack(side="left")
        self.day_label = tb.Label(top, text="", bootstyle="secondary")
        self.day_label.pack(side="left", padx=12)

        body = tb.Frame(self)
        body.pack(fill="both", expand=True, pady=(10, 0))
        left = tb.Frame(body)
        left.pack(side="left", fill="both", expand=True)
        tb.Label(left, text=_("Scan or type a code (3*CODE for three), then Enter")).pack(anchor="w")
        self.scan_var = tb.StringVar()
        self.scan = tb.Entry(left, textvariable=self.scan_var, font=("TkDefaultFont", 16))
        self.find_field = self.scan
        self.scan.pack(fill="x", pady=(2, 0))
        self.scan_error = tb.Label(left, text="", bootstyle="danger")
        self.scan_error.pack(anchor="w")
        cols = [("code", _("Code"), 110), ("name", _("Product"), 230), ("qty", _("Qty"), 50),
                ("price", _("Price"), 80), ("disc", _("Disc. %"), 60), ("amount", _("Amount"), 90)]
        self.tree = tb.Treeview(left, columns=[c[0] for c in cols], show="headings", height=10,
                                selectmode="browse")
        for cid, text, width in cols:
            self.tree.heading(cid, text=text, anchor="w")
            self.tree.column(cid, width=width, stretch=cid == "name", anchor="w")
        self.tree.pack(fill="both", expand=True, pady=(4, 0))
        self.total_label = tb.Label(left, text="", font=("TkDefaultFont", 20, "bold"))
        self.total_label.pack(anchor="e", pady=6)

        right = tb.Frame(body, padding=(12, 0))
        right.pack(side="right", fill="y", before=left)
        self.form = Form(right, wrap=260)
        self.form.pack(fill="x")
        self.form.add("dollars", _("Dollars paid"), width=14)
        self.form.add("riel", _("Riel paid"), width=14)
        self.form.add("euros", _("Euros paid"), width=14)
        self.form.add("change", _("Change in"), tb.Combobox, state="readonly", width=12,
                      values=[_("$ + riel"), _("dollars"), _("riel")])
        self.form.vars["change"].set(_("$ + riel"))
        self.may_discount = can(ctx.actor, "shop.discount")
        if self.may_discount:
            self.form.add("discount", _("Discount % (chosen line)"), width=6)
        self.change_label = tb.Label(right, text="", font=("TkDefaultFont", 13, "bold"),
                                     bootstyle="success", wraplength=260, justify="left")
        self.change_label.pack(anchor="w", pady=6)
        self.complete_button = tb.Button(right, text=_("Complete sale (F12)"), bootstyle="success",
                                         command=self.complete)
        self.complete_button.pack(fill="x", ipady=6)
        tb.Button(right, text=_("Clear cart"), bootstyle="secondary-outline",
                  command=self.clear).pack(fill="x", pady=(6, 0))
        self.message = tb.Label(right, text="", bootstyle="info", wraplength=260, justify="left")
        self.message.pack(anchor="w", pady=8)

        tb.Label(self, text=_("Today's records at this location")).pack(anchor="w", pady=(6, 0))
        lower = tb.Frame(self)
        lower.pack(fill="both", expand=False)
        self.recent = PagedTable(lower, [("number", _("No."), 60), ("time", _("Time"), 130),
                                         ("kind", _("Kind"), 70), ("total", _("Total"), 100)],
                                 page_size=50, height=5)
        self.recent.pack(side="left", fill="both", expand=True)
        actions = tb.Frame(lower, padding=(12, 0))
        actions.pack(side="right", fill="y", before=self.recent)
        self.receipt_button = tb.Button(actions, text=_("Receipt 80 mm (F9)"),
                                        command=lambda: self.print_receipt("80mm"))
        self.receipt_button.pack(fill="x")
        tb.Button(actions, text=_("Receipt A4"), bootstyle="secondary",
                  command=lambda: self.print_receipt("A4")).pack(fill="x", pady=4)
        self.return_button = tb.Button(actions, text=_("Return..."), bootstyle="warning-outline",
                                       command=self.open_return)
        self.return_button.pack(fill="x")
        self.void_button = tb.Button(actions, text=_("Void..."), bootstyle="danger-outline",
                                     command=lambda: self.open_return(void=True))
        self.void_button.pack(fill="x", pady=4)
        self.recent.set_source(self.fetch_recent)

        self.scan.bind("<Return>", lambda e: self.add_scanned())
        self.scan.bind("<Up>", lambda e: self.move_selection(-1))
        self.scan.bind("<Down>", lambda e: self.move_selection(1))
        self.scan.bind("<plus>", lambda e: self._key_qty(1))
        self.scan.bind("<KP_Add>", lambda e: self._key_qty(1))
        self.scan.bind("<minus>", lambda e: self._key_qty(-1))
        self.scan.bind("<KP_Subtract>", lambda e: self._key_qty(-1))
        self.scan.bind("<Delete>", lambda e: self._key_remove())
        for widget in [self.scan, self.tree] + list(self.form.widgets.values()):
            widget.bind("<F12>", lambda e: self.complete())
            widget.bind("<Control-Return>", lambda e: self.complete())
            widget.bind("<F8>", lambda e: self.pay_exact())
            widget.bind("<F9>", lambda e: self.print_receipt("80mm"))
        for name in ("dollars", "riel", "euros"):
            self.form.widgets[name].bind("<KeyRelease>", lambda e: self.update_change(), add="+")
            self.form.widgets[name].bind("<Return>", lambda e: self.complete())
        self.form.widgets["change"].bind("<<ComboboxSelected>>", lambda e: self.update_change())
        if self.may_discount:
            self.form.widgets["discount"].bind("<Return>", lambda e: self.apply_discount())
        self.tree.bind("<Delete>", lambda e: self.remove_selected())

    # -- location and cart ------------------------------------------------
    def on_show(self) -> None:
        self.chooser.reload()
        current = self.chooser.current()
        if current is not None:
            self.set_location(current)  # the day may have been closed meanwhile
        self.scan.focus_set()

    def set_location(self, loc) -> None:
        if self.location is not None and loc.id != self.location.id:
            # Another till: its own cart and money; nothing typed for the last one stays.
            self.cart.clear()
            self._clear_payment()
            self.form.clear_errors()
        self.location = loc
        self.rates = sales.Rates.current()
        euro = loc.currency == "EUR"
        self.form.widgets["euros"].configure(state="normal" if euro else "disabled")
        self.form.widgets["riel"].configure(state="disabled" if euro else "normal")
        self.form.widgets["dollars"].configure(state="disabled" if euro else "normal")
        text = _("{day} - prices in {cur}").format(day=format_date(dt.date.today(), "full"),
                                                   cur=loc.currency)
        closed = shop_close.is_closed(loc.id, dt.date.today())
        if closed:
            text += " - " + _("this day is closed: no more sales")
        self.day_label.configure(text=text, bootstyle="danger" if closed else "secondary")
        self.refresh_cart()
        self.recent.refresh()

    def add_scanned(self) -> str:
        text = self.scan_var.get()
        self.scan_var.set("")
        if self.location is None:
            return "break"
        try:
            qty, code = split_quantity(text)
            line = self._find(code)
        except PseError as exc:
            self.scan_error.configure(text=getattr(exc, "message", str(exc)))
            self.bell()
            return "break"
        if line is None:
            return "break"
        index = self.cart.add(line, qty)
        self.scan_error.configure(text="")
        if self.cart.lines[index].quantity > line.in_stock:
            self.scan_error.configure(text=_("Only {n} of {code} in stock here.").format(
                n=line.in_stock, code=line.code))
        self.refresh_cart(select=index)
        return "break"

    def _find(self, code: str):
        """The cart line for a barcode or code; else search the names (one match is taken)."""
        try:
            return sales.scan(self.location.id, code, self.rates)
        except PseError:
            found, total = catalog.search_variants(code, limit=6)
            if total == 1:
                return sales.scan(self.location.id, found[0].code, self.rates)
            if not total:
                raise
        self.scan_error.configure(text=ngettext("{n} product matches: {list}",
                                                "{n} products match: {list}", total).format(
            n=total, list="; ".join(f"{v.code} {v.name}" for v in found)
            + ("..." if total > len(found) else "")))
        self.scan_var.set(code)
        return None

    def refresh_cart(self, select: int | None = None) -> None:
        self.tree.delete(*self.tree.get_children())
        cur = self.location.currency if self.location else "USD"
        for i, line in enumerate(self.cart.lines):
            self.tree.insert("", "end", iid=str(i), values=(
                line.code, line.name, line.quantity, format_money(line.unit_price, cur),
                line.discount_pct or "", format_money(line.amount, cur)))
        if select is not None and self.cart.lines:
            iid = str(min(select, len(self.cart.lines) - 1))
            self.tree.selection_set(iid)
            self.tree.see(iid)
        self.total_label.configure(text=ngettext("{n} item   Total {total}",
                                                 "{n} items   Total {total}", self.cart.items).format(
            n=self.cart.items, total=format_money(self.cart.total, cur)))
        self.update_change()

    def selected_index(self) -> int | None:
        sel = self.tree.selection()
        return int(sel[0]) if sel else None

    def move_selection(self, step: int) -> str:
        if self.cart.lines:
            index = self.selected_index()
            index = len(self.cart.lines) - 1 if index is None else index + step
            index = max(0, min(len(self.cart.lines) - 1, index))
            self.tree.selection_set(str(index))
            self.tree.see(str(index))
        return "break"

    def change_quantity(self, step: int) -> None:
        index = self.selected_index()
        if index is not None:
            self.cart.set_quantity(index, self.cart.lines[index].quantity + step)
            self.refresh_cart(select=index)

    def _key_qty(self, step: int) -> str | None:
        if self.scan_var.get():
            return None  # part of a code being typed
        self.change_quantity(step)
        return "break"

    def _key_remove(self) -> str | None:
        if self.scan_var.get():
            return None
        self.remove_selected()
        return "break"

    def remove_selected(self) -> None:
        index = self.selected_index()
        if index is not None:
            self.cart.remove(index)
            self.refresh_cart(select=index)

    def apply_discount(self) -> None:
        index = self.selected_index()
        if index is None:
            return
        try:
            pct = validate.integer("discount", self.form.vars["discount"].get().strip() or "0", 0, 100)
            self.cart.set_discount(index, pct)
        except PseError:
            self.form.show_error(PseError(_("Discount: a whole number from 0 to 100")))
            return
        self.refresh_cart(select=index)

    def _clear_payment(self) -> None:
        for name in ("dollars", "riel", "euros"):
            self.form.vars[name].set("")
        self.change_label.configure(text="")

    def clear(self) -> None:
        self.cart.clear()
        self._clear_payment()
        self.form.clear_errors()
        self.refresh_cart()
        self.scan.focus_set()

    # -- payment ----------------------------------------------------------
    def _change_mode(self) -> str:
        return {_("dollars"): "usd", _("riel"): "khr"}.get(self.form.vars["change"].get(), "mixed")

    def _paid(self):
        """The money typed in the fields of this location's currencies (the others are off)."""
        v = self.form.values()
        if self.location is not None and self.location.currency == "EUR":
            v = {**v, "dollars": "", "riel": ""}
        elif self.location is not None:
            v = {**v, "euros": ""}
        return {"paid_usd": v["dollars"].strip() or 0, "paid_khr": v["riel"].strip() or 0,
                "paid_eur": v["euros"].strip() or 0}

    def pay_exact(self) -> str:
        cur = self.location.currency if self.location else "USD"
        amount = plain_amount(self.cart.total, "EUR" if cur == "EUR" else "USD")  # as the user types it
        self.form.vars["euros" if cur == "EUR" else "dollars"].set(amount)
        self.update_change()
        return "break"

    def update_change(self) -> None:
        if self.location is None or not self.cart.lines:
            self.change_label.configure(text="")
            return
        try:
            p = self._paid()
            pay = sales.settle(self.cart.total, self.location.currency,
                               validate.money_cents("dollars", p["paid_usd"]),
                               validate.money_cents("riel", p["paid_khr"], currency="KHR"),
                               validate.money_cents("euros", p["paid_eur"], currency="EUR"), self.rates,
                               self._change_mode())
        except PseError:
            self.change_label.configure(text="")
            return
        if not (pay.paid_usd or pay.paid_khr or pay.paid_eur):
            khr = sales.round_riel(self.rates.to_minor(self.cart.total, "USD", "KHR"))
            self.change_label.configure(
                text=_("To pay: {total}").format(total=format_money(self.cart.total, pay.currency))
                + ("" if pay.currency == "EUR" else f"\n= {format_money(khr, 'KHR')}"),
                bootstyle="info")
        elif not pay.ok:
            self.change_label.configure(text=_("Still to pay: {amount}").format(
                amount=format_money(pay.short, pay.currency)), bootstyle="danger")
        else:
            self.change_label.configure(text=_("Change: {change}").format(
                change=change_text(pay.change_usd, pay.change_khr, pay.change_eur)),
                bootstyle="success")

    def complete(self) -> str:
        if self.location is None:
            return "break"
        result = call_service(self.form, sales.complete_sale, self.ctx.actor, self.location.id,
                              list(self.cart.lines), change_in=self._change_mode(),
                              rates=self.rates, **self._paid(),
                              field_map={"dollars paid": "dollars", "riel paid": "riel",
                                         "euros paid": "euros", "discount": "discount"})
        if result is FAILED:
            # The error stays on screen; the amounts go, so a failed sale's money is never
            # recorded as paid on the next one: the cashier types what is handed over now.
            self._clear_payment()
            self.update_change()
            self.bell()
            return "break"
        self.last_sale_id = result
        view = sales.get_sale(result)
        self.message.configure(text=_("Sale {n} recorded. Give back: {change}").format(
            n=view.number, change=change_text(view.change["USD"], view.change["KHR"],
                                              view.change["EUR"])))
        self.ctx.status(_("Sale {n} recorded.").format(n=f"{self.location.code}-{view.number:04d}"))
        self.cart.clear()
        self._clear_payment()
        self.refresh_cart()
        self.recent.refresh()
        self.scan.focus_set()
        return "break"

    # -- records of today ---------------------------------------------------
    def fetch_recent(self, page, size):
        if self.location is None:
            return [], 0
        rows, total = sales.list_sales(self.ctx.actor, self.location.id, dt.date.today(), size, page * size)
        return [(r[0], (r[1], r[2], _(r[3]), r[4])) for r in rows], total

    def _chosen_sale(self):
        return self.recent.selected_key() or self.last_sale_id

    def print_receipt_80(self) -> str:
        return self.print_receipt("80mm")

    def print_receipt(self, paper: str) -> str:
        sale_id = self._chosen_sale()
        if sale_id is None:
            self.message.configure(text=_("Choose a sale first."))
            return "break"
        view = sales.get_sale(sale_id)
        folder = shop_docs.documents_folder(self.ctx.target, "receipts")
        path = folder / f"receipt-{view.location_code}-{view.number}-{paper}.pdf"
        shop_docs.write_receipt(sale_id, path, paper)
        opener(self.ctx)(path)
        self.ctx.status(_("Receipt saved as {path}").format(path=path))
        return "break"

    def open_return(self, void: bool = False):
        sale_id = self.recent.selected_key()
        if sale_id is None:
            self.message.configure(text=_("Choose the sale in the list first."))
            return None
        from .returns import ReturnDialog

        return ReturnDialog(self, self.ctx, sale_id, void, on_done=self._corrected)

    def _corrected(self, new_id: int) -> None:
        self.last_sale_id = new_id
        view = sales.get_sale(new_id)
        self.message.configure(text=_("{kind} {n} recorded. Give back: {change}").format(
            kind=_(view.kind.title()), n=view.number,
            change=change_text(view.change["USD"], view.change["KHR"], view.change["EUR"])))
        self.recent.refresh()


def change_text(usd: int, khr: int, eur: int) -> str:
    parts = [format_money(a, c) for a, c in ((usd, "USD"), (khr, "KHR"), (eur, "EUR")) if a]
    return " + ".join(parts) or _("nothing")

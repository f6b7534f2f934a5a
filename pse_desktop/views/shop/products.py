"""Products: the shared catalogue of variants, with prices, barcodes and low-stock levels."""

from __future__ import annotations

import ttkbootstrap as tb

from ...i18n import N_, _
from ...services.shop import catalog
from ...services.core.permissions import can
from ...formats import format_money
from ...services.common.errors import PseError
from ...services.common.numbers import NeedsConfirmation, plain_amount
from ..common.amounts import watch_amount
from ..common.base import Form, PagedTable, Screen
from ..common.commands import Command


class ProductsScreen(Screen):
    title = N_("Products")
    commands = (Command("new", "new"), Command("save", "save"),)

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        top = tb.Frame(self)
        top.pack(fill="x")
        tb.Label(top, text=_("Find")).pack(side="left", padx=(0, 4))
        self.find_var = tb.StringVar()
        find = tb.Entry(top, textvariable=self.find_var, width=24)
        find.pack(side="left")
        find.bind("<Return>", lambda e: self.table.show_page(0))
        self.inactive_var = tb.BooleanVar(value=False)
        tb.Checkbutton(top, text=_("Show inactive"), variable=self.inactive_var,
                       command=lambda: self.table.show_page(0)).pack(side="left", padx=8)
        self.table = PagedTable(self, [("code", _("Code"), 100), ("name", _("Product"), 240),
                                       ("category", _("Category"), 100), ("barcode", _("Barcode"), 120),
                                       ("usd", _("Price"), 70), ("eur", _("Euro price"), 80)],
                                page_size=100, height=9)
        self.table.pack(fill="both", expand=True, pady=(10, 0))
        self.table.tree.bind("<<TreeviewSelect>>", lambda e: self.load_selected())
        self.may_edit = can(ctx.actor, "catalog.edit")
        strip = tb.Frame(self)
        strip.pack(fill="x", pady=(8, 0))
        product_box = tb.Labelframe(strip, text=_("Product"), padding=8)
        product_box.pack(side="left", fill="y")
        variant_box = tb.Labelframe(strip, text=_("Variant"), padding=8)
        variant_box.pack(side="left", fill="y", padx=8)
        self.pform = Form(product_box, wrap=240)
        self.pform.pack(fill="x")
        for name, label in (("product", _("Product code")), ("name", _("Name (English)")),
                            ("name_fr", _("Name (French)")), ("name_km", _("Name (Khmer)")),
                            ("category", _("Category"))):
            self.pform.add(name, label, width=18, khmer=name == "name_km")
        self.pform.add("kind", _("Kind"), tb.Combobox, values=list(catalog.KINDS), state="readonly")
        self.vform = Form(variant_box, wrap=240)
        self.vform.pack(fill="x")
        right = Form(variant_box, wrap=240)  # below, not beside: the strip fits 1024 pixels
        right.pack(fill="x")
        for name, label in (("code", _("Variant code")), ("size", _("Size")),
                            ("colour", _("Colour")), ("barcode", _("Barcode"))):
            self.vform.add(name, label, width=14)
        for name, label in (("price", _("Price $")), ("euro price", _("Euro price")),
                            ("cost", _("Cost $")), ("low stock", _("Low stock at"))):
            right.add(name, label, width=10)
            if name != "low stock":
                watch_amount(right, name, "EUR" if name == "euro price" else "USD")
        right.add("active", _("Active"), tb.Checkbutton, var=tb.BooleanVar(value=True))
        self.forms = [self.pform, self.vform, right]
        bar = self.actions  # stays in view below the scrolling forms
        self.save_button = tb.Button(bar, text=_("Save"), bootstyle="primary", command=self.save,
                                     state="normal" if self.may_edit else "disabled")
        self.save_button.pack(side="right")
        tb.Button(bar, text=_("New"), bootstyle="secondary", command=self.new).pack(
            side="right", padx=6)
        self.banner = tb.Label(bar, text="", bootstyle="danger", wraplength=400)
        self.banner.pack(side="left", fill="x")
        self.items = {}
        self.editing = None
        self.table.set_source(self.fetch)
        self.new()

    def values(self) -> dict:
        out = {}
        for form in self.forms:
            out.update(form.values())
        return out

    def set_values(self, values: dict) -> None:
        for form in self.forms:
            form.set_values(values)

    def clear_errors(self) -> None:
        for form in self.forms:
            form.clear_errors()
        self.banner.configure(text="")

    def error_text(self, name: str) -> str:
        return next(f.error_text(name) for f in self.forms if name in f.widgets)

    def fetch(self, page, size):
        rows, total = catalog.search_variants(self.find_var.get(),
                                              active_only=not self.inactive_var.get(),
                                              limit=size, offset=page * size)
        self.items.update({v.id: v for v in rows})
        return [(v.id, (v.code, v.name, v.category, v.barcode, format_money(v.price_usd_cents),
                        format_money(v.price_eur_cents, "EUR") if v.price_eur_cents is not None else ""))
                for v in rows], total

    def new(self) -> None:
        self.editing = None
        self.clear_errors()
        self.set_values({k: "" for k in self.values() if k not in ("kind", "active")})
        self.set_values({"kind": "handicraft", "active": True})

    def load_selected(self) -> None:
        v = self.items.get(self.table.selected_key())
        if v is None:
            return
        self.editing = v
        product = next(p for p in catalog.list_products() if p.id == v.product_id)
        self.clear_errors()
        self.set_values({
            "product": product.code, "name": product.name_en, "name_fr": product.name_fr,
            "name_km": product.name_km, "category": product.category, "kind": product.kind,
            "code": v.code, "size": v.size, "colour": v.colour, "barcode": v.barcode,
            "price": plain_amount(v.price_usd_cents),
            "euro price": "" if v.price_eur_cents is None else plain_amount(v.price_eur_cents, "EUR"),
            "cost": plain_amount(v.cost_cents), "low stock": v.low_stock, "active": v.active})

    def save(self) -> None:
        fields = {"French name": "name_fr", "Khmer name": "name_km"}
        self.clear_errors()
        try:
            args = (self.ctx.actor, self.editing.id if self.editing else None, self.values())
            try:
                result = catalog.save_item(*args)
            except NeedsConfirmation as exc:
                if not self.ctx.confirm(self, _("Please check"), exc.message):
                    raise
                result = catalog.save_item(*args, confirm=True)
        except PseError as exc:
            name = fields.get(getattr(exc, "field", ""), getattr(exc, "field", ""))
            form = next((f for f in self.forms if name in f.widgets), None)
            if form is None:
                self.banner.configure(text=str(exc))
            else:
                form.show_error(exc, fields)
            return
        self.ctx.status(_("Saved {code}.").format(code=result.code))
        self.table.refresh()

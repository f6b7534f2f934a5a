"""Products: the shared catalogue of variants, with prices, barcodes and low-stock levels."""

from __future__ import annotations

import ttkbootstrap as tb

from ..i18n import _
from ..services import catalog
from ..services.permissions import can
from ..services.shop import money
from .common import FAILED, Form, PagedTable, Screen, call_service


class ProductsScreen(Screen):
    title = "Products"

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
        body = tb.Frame(self)
        body.pack(fill="both", expand=True, pady=(10, 0))
        self.table = PagedTable(body, [("code", _("Code"), 100), ("name", _("Product"), 220),
                                       ("category", _("Category"), 100), ("barcode", _("Barcode"), 120),
                                       ("usd", _("Price"), 70), ("eur", _("Euro price"), 80)],
                                page_size=100)
        self.table.pack(side="left", fill="both", expand=True)
        self.table.tree.bind("<<TreeviewSelect>>", lambda e: self.load_selected())
        self.may_edit = can(ctx.actor, "catalog.edit")
        side = tb.Frame(body, padding=(12, 0))
        side.pack(side="left", fill="y")
        self.form = Form(side, wrap=300)
        self.form.pack(fill="x")
        for name, label in (("product", _("Product code")), ("name", _("Name (English)")),
                            ("name_fr", _("Name (French)")), ("name_km", _("Name (Khmer)")),
                            ("category", _("Category"))):
            self.form.add(name, label, width=26)
        self.form.add("kind", _("Kind"), tb.Combobox, values=list(catalog.KINDS), state="readonly")
        for name, label in (("code", _("Variant code")), ("size", _("Size")),
                            ("colour", _("Colour")), ("barcode", _("Barcode")),
                            ("price", _("Price $")), ("euro price", _("Euro price")),
                            ("cost", _("Cost $")), ("low stock", _("Low stock at"))):
            self.form.add(name, label, width=26)
        self.form.add("active", _("Active"), tb.Checkbutton, var=tb.BooleanVar(value=True))
        bar = tb.Frame(side)
        bar.pack(fill="x", pady=8)
        tb.Button(bar, text=_("New"), bootstyle="secondary", command=self.new).pack(side="left")
        self.save_button = tb.Button(bar, text=_("Save"), bootstyle="primary", command=self.save,
                                     state="normal" if self.may_edit else "disabled")
        self.save_button.pack(side="right")
        self.items = {}
        self.editing = None
        self.table.set_source(self.fetch)
        self.new()

    def fetch(self, page, size):
        rows, total = catalog.search_variants(self.find_var.get(),
                                              active_only=not self.inactive_var.get(),
                                              limit=size, offset=page * size)
        self.items.update({v.id: v for v in rows})
        return [(v.id, (v.code, v.name, v.category, v.barcode, money(v.price_usd_cents),
                        money(v.price_eur_cents, "EUR") if v.price_eur_cents is not None else ""))
                for v in rows], total

    def new(self) -> None:
        self.editing = None
        self.form.clear_errors()
        self.form.set_values({k: "" for k in self.form.vars if k not in ("kind", "active")})
        self.form.set_values({"kind": "handicraft", "active": True})

    def load_selected(self) -> None:
        v = self.items.get(self.table.selected_key())
        if v is None:
            return
        self.editing = v
        product = next(p for p in catalog.list_products() if p.id == v.product_id)
        self.form.clear_errors()
        self.form.set_values({
            "product": product.code, "name": product.name_en, "name_fr": product.name_fr,
            "name_km": product.name_km, "category": product.category, "kind": product.kind,
            "code": v.code, "size": v.size, "colour": v.colour, "barcode": v.barcode,
            "price": money(v.price_usd_cents).lstrip("$"),
            "euro price": "" if v.price_eur_cents is None else
            money(v.price_eur_cents, "EUR").replace("EUR ", ""),
            "cost": money(v.cost_cents).lstrip("$"), "low stock": v.low_stock, "active": v.active})

    def save(self) -> None:
        v = self.form.values()
        result = call_service(self.form, catalog.save_item, self.ctx.actor,
                              self.editing.id if self.editing else None, v,
                              field_map={"French name": "name_fr", "Khmer name": "name_km"})
        if result is FAILED:
            return
        self.ctx.status(_("Saved {code}.").format(code=result.code))
        self.table.refresh()

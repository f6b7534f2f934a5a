"""Materials: the list with stock, receiving and adjusting stock, each material's movements,
and the bill of materials (and piece rate) of a product variant."""

from __future__ import annotations

import ttkbootstrap as tb

from ...i18n import N_, _
from ...services.shop import catalog
from ...services.production import materials
from ...services.production.materials import MATERIAL_KINDS, format_qty
from ...services.core.permissions import can
from ...services.common.numbers import plain_amount
from ..common.amounts import watch_amount
from ..common.base import FAILED, Form, PagedTable, Screen, call_service
from ..common.dates import DateField


class MaterialsScreen(Screen):
    title = N_("Materials")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.material = None
        self.variant = None
        may = can(ctx.actor, "production.materials")
        bar = tb.Frame(self)
        bar.pack(fill="x")
        tb.Label(bar, text=_("Search")).pack(side="left")
        self.search = tb.Entry(bar, width=20)
        self.find_field = self.search
        self.search.pack(side="left", padx=4)
        self.search.bind("<Return>", lambda e: self.refresh())
        self.low_only = tb.BooleanVar(value=False)
        tb.Checkbutton(bar, text=_("Low stock only"), variable=self.low_only,
                       command=self.refresh).pack(side="left", padx=8)
        body = tb.Frame(self)  # the list takes the room left by the panel
        body.pack(fill="both", expand=True, pady=(6, 0))
        left = tb.Frame(body)
        self.table = PagedTable(left, [("code", _("Code"), 90), ("name", _("Material"), 180),
                                       ("kind", _("Kind"), 60), ("stock", _("In stock"), 90),
                                       ("min", _("Minimum"), 70), ("low", _("Low"), 40)], height=14)
        self.table.pack(fill="both", expand=True)
        self.table.tree.tag_configure("low", foreground="#c0392b")
        self.table.tree.bind("<<TreeviewSelect>>", lambda e: self.load_selected())
        self.moves = tb.Treeview(left, columns=("day", "kind", "qty", "note"), show="headings",
                                 height=7)
        for cid, text, w in (("day", _("Date"), 85), ("kind", _("Movement"), 70),
                             ("qty", _("Quantity"), 80), ("note", _("Note"), 260)):
            self.moves.heading(cid, text=text, anchor="w")
            self.moves.column(cid, width=w, anchor="w")
        self.moves.pack(fill="both", expand=True, pady=(6, 0))
        left.pack(side="left", fill="both", expand=True)

        right = tb.Notebook(body)
        right.pack(side="right", fill="both", padx=(8, 0), before=left)
        stock = tb.Frame(right, padding=8)
        right.add(stock, text=_("Stock"))
        self.selected = tb.Label(stock, text=_("Select a material."), font=("TkDefaultFont", 11, "bold"))
        self.selected.pack(anchor="w")
        form = self.move_form = Form(stock, wrap=260)
        form.pack(fill="x")
        form.add("quantity", _("Quantity"), help=_("In the material's unit, e.g. 12.5 (metres). "
                                                   "Adjustments may be negative."))
        form.add("day", _("Date"), DateField, help=_("Empty: today."))
        form.add("note", _("Note or reason"), help=_("An adjustment needs a reason."))
        form.add("negative_reason", _("Reason to go below zero"))
        moves = tb.Frame(stock)
        moves.pack(fill="x", pady=4)
        for text, style, cmd in ((_("Receive"), "success", self.receive),
                                 (_("Adjust"), "warning", self.adjust),
                                 (_("Return to stock"), "secondary", self.return_stock)):
            tb.Button(moves, text=text, bootstyle=style, command=cmd,
                      state="normal" if may else "disabled").pack(side="left", padx=(0, 4))

        edit = tb.Frame(right, padding=8)
        right.add(edit, text=_("Material"))
        mf = self.material_form = Form(edit, wrap=260)
        mf.pack(fill="x")
        mf.add("code", _("Code"))
        mf.add("name", _("Name"))
        mf.add("kind", _("Kind"), tb.Combobox, values=list(MATERIAL_KINDS), state="readonly")
        mf.add("colour", _("Colour"))
        mf.add("unit", _("Unit"), help=_("m, cone, piece, roll..."))
        mf.add("unit_cost", _("Unit cost (USD)"))
        watch_amount(mf, "unit_cost")
        mf.add("min_stock", _("Minimum stock"))
        ebar = tb.Frame(edit)
        ebar.pack(fill="x")
        tb.Button(ebar, text=_("New material"), bootstyle="secondary", command=self.new_material,
                  state="normal" if may else "disabled").pack(side="left")
        tb.Button(ebar, text=_("Save material"), bootstyle="primary", command=self.save_material,
                  state="normal" if may else "disabled").pack(side="right")

        bom = tb.Frame(right, padding=8)
        right.add(bom, text=_("Bill of materials"))
        vbar = tb.Frame(bom)
        vbar.pack(fill="x")
        tb.Label(vbar, text=_("Product code")).pack(side="left")
        self.variant_code = tb.Entry(vbar, width=16)
        self.variant_code.pack(side="left", padx=4)
        self.variant_code.bind("<Return>", lambda e: self.load_variant())
        tb.Button(vbar, text=_("Show"), bootstyle="secondary", command=self.load_variant).pack(side="left")
        self.variant_label = tb.Label(bom, text="", bootstyle="secondary")
        self.variant_label.pack(anchor="w")
        self.bom = tb.Treeview(bom, columns=("material", "qty", "waste"), show="headings", height=6)
        for cid, text, w in (("material", _("Material"), 200), ("qty", _("Per piece"), 80),
                             ("waste", _("Waste %"), 60)):
            self.bom.heading(cid, text=text, anchor="w")
            self.bom.column(cid, width=w, anchor="w")
        self.bom.pack(fill="x", pady=4)
        bf = self.bom_form = Form(bom, wrap=260)
        bf.pack(fill="x")
        bf.add("material", _("Material"), tb.Combobox, state="readonly")
        bf.add("quantity_per_piece", _("Quantity per piece"))
        bf.add("waste", _("Waste %"))
        bf.add("piece_rate", _("Pay per piece (USD)"),
               help=_("What a piece-rate worker earns for one piece of this variant."))
        watch_amount(bf, "piece_rate")
        bbar = tb.Frame(bom)
        bbar.pack(fill="x")
        for text, cmd in ((_("Set material"), self.set_bom), (_("Remove selected"), self.remove_bom),
                          (_("Save pay per piece"), self.save_rate)):
            tb.Button(bbar, text=text, bootstyle="secondary", command=cmd,
                      state="normal" if may else "disabled").pack(side="left", padx=(0, 4))

    # ------------------------------------------------------------------ list
    def _rows(self, page, size):
        rows = materials.list_materials(self.search.get(), low_only=self.low_only.get())
        self._low = {m.id for m in rows if m.low}
        return [(m.id, (m.code, m.label, _(m.kind), format_qty(m.stock_milli, m.unit),
                        format_qty(m.min_stock_milli, m.unit), _("low") if m.low else ""))
                for m in rows[page * size:(page + 1) * size]], len(rows)

    def refresh(self) -> None:
        self.table.set_source(self._rows)
        for iid, key in self.table.keys.items():
            self.table.tree.item(iid, tags=("low",) if key in self._low else ())
        self.bom_form.widgets["material"].configure(
            values=[f"{m.code} {m.label}" for m in materials.list_materials()])
        if self.material is not None:
            self.show_material(self.material.id)

    def on_show(self) -> None:
        self.refresh()

    def load_selected(self) -> None:
        key = self.table.selected_key()
        if key is not None:
            self.show_material(key)

    def show_material(self, material_id: int) -> None:
        m = self.material = materials.get_material(material_id)
        self.selected.configure(text=f"{m.code} {m.label}: {format_qty(m.stock_milli, m.unit)}")
        self.material_form.set_values({
            "code": m.code, "name": m.name, "kind": m.kind, "colour": m.colour, "unit": m.unit,
            "unit_cost": plain_amount(m.unit_cost_cents) if m.unit_cost_cents else "",
            "min_stock": format_qty(m.min_stock_milli).replace(",", "")})
        self.moves.delete(*self.moves.get_children())
        for mv in materials.moves(m.id):
            self.moves.insert("", "end", values=(mv.day.isoformat(), _(mv.kind),
                                                 format_qty(mv.qty_milli, mv.unit), mv.note))

    # ------------------------------------------------------------------ moves
    def _move(self, fn, extra):
        if self.material is None:
            self.move_form.show_error(ValueError(_("Select a material first.")))
            return FAILED
        v = self.move_form.values()
        result = call_service(self.move_form, fn, self.ctx.actor, self.material.id, v["quantity"],
                              day=v["day"] or None, field_map={"reason": "note",
                                                               "reason for going below zero":
                                                               "negative_reason"}, **extra(v))
        if result is not FAILED:
            self.move_form.set_values({"quantity": "", "note": "", "negative_reason": ""})
            self.refresh()
        return result

    def receive(self):
        return self._move(materials.receive, extra=lambda v: {"note": v["note"]})

    def adjust(self):
        return self._move(materials.adjust, extra=lambda v: {
            "reason": v["note"], "negative_reason": v["negative_reason"]})

    def return_stock(self):
        return self._move(materials.return_to_stock, extra=lambda v: {"note": v["note"]})

    # ------------------------------------------------------------------ material
    def new_material(self) -> None:
        self.material = None
        self.material_form.set_values({k: "" for k in self.material_form.vars})
        self.material_form.set_values({"kind": "fabric", "unit": "m"})
        self.selected.configure(text=_("New material"))

    def save_material(self):
        v = self.material_form.values()
        info = call_service(self.material_form, materials.save_material, self.ctx.actor,
                            self.material.id if self.material else None, v["code"], v["name"],
                            v["kind"], v["unit"], colour=v["colour"], unit_cost=v["unit_cost"],
                            min_stock=v["min_stock"],
                            field_map={"unit cost": "unit_cost", "minimum stock": "min_stock"})
        if info is not FAILED:
            self.material = info
            self.refresh()
        return info

    # ------------------------------------------------------------------ bill of materials
    def load_variant(self):
        v = catalog.find_variant(self.variant_code.get())
        self.bom.delete(*self.bom.get_children())
        if v is None:
            self.variant = None
            self.variant_label.configure(text=_("No product with this code."))
            return None
        self.variant = v
        rate = materials.sewing_rate(v.id)
        self.variant_label.configure(text=f"{v.code}  {v.name}")
        self.bom_form.set_values({"piece_rate": plain_amount(rate)})
        for r in materials.bom(v.id):
            self.bom.insert("", "end", iid=str(r.id), values=(
                f"{r.material_code} {r.material_label}", format_qty(r.qty_milli, r.unit), r.waste_pct))
        return v

    def set_bom(self):
        if self.variant is None:
            return FAILED
        v = self.bom_form.values()
        code = (v["material"] or "").split(" ")[0]
        mat = next((m for m in materials.list_materials() if m.code == code), None)
        if mat is None:
            self.bom_form.show_error(ValueError(_("Choose a material.")))
            return FAILED
        result = call_service(self.bom_form, materials.set_bom_line, self.ctx.actor, self.variant.id,
                              mat.id, v["quantity_per_piece"], v["waste"],
                              field_map={"waste %": "waste"})
        if result is not FAILED:
            self.load_variant()
        return result

    def remove_bom(self):
        for iid in self.bom.selection():
            call_service(self.bom_form, materials.remove_bom_line, self.ctx.actor, int(iid))
        self.load_variant()

    def save_rate(self):
        if self.variant is None:
            return FAILED
        return call_service(self.bom_form, materials.set_sewing_rate, self.ctx.actor,
                            self.variant.id, self.bom_form.values()["piece_rate"],
                            field_map={"piece rate": "piece_rate"})

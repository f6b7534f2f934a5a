"""Stock: what each location holds, and receiving, moving or writing off pieces.

One form does the three movements: type or scan a code, a quantity, press Enter; the list
below fills up, and the button records all lines at once.
"""

from __future__ import annotations

import ttkbootstrap as tb

from ...i18n import N_, _, ngettext
from ...services.shop import catalog, locations as shop, stock
from ...services.common import validate
from ...services.common.errors import ValidationError
from ...services.core.permissions import can
from ..common.base import FAILED, Form, PagedTable, Screen, call_service
from ..common.flow import Flow
from .common import LocationChooser

ACTIONS = {"receive": N_("Receive"), "transfer": N_("Transfer to"), "damage": N_("Write off (damaged)")}


class StockScreen(Screen):
    title = N_("Stock")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.location = None
        top = Flow(self, gap=6)
        top.pack(fill="x")
        self.chooser = LocationChooser(top, ctx, self.set_location)
        self.chooser.pack(side="left")
        self.filter_var = tb.StringVar()
        tb.Label(top, text=_("Find")).pack(side="left", padx=(16, 4))
        find = tb.Entry(top, textvariable=self.filter_var, width=12)
        find.pack(side="left")
        find.bind("<Return>", lambda e: self.table.show_page(0))
        self.low_var = tb.BooleanVar(value=False)
        tb.Checkbutton(top, text=_("Low stock only"), variable=self.low_var,
                       command=lambda: self.table.show_page(0)).pack(side="left", padx=8)
        top.adopt()  # the bar wraps in Khmer
        options = tb.Frame(self)  # a second row: the first fills a 1024-pixel screen
        options.pack(fill="x", pady=(4, 0))
        self.negative_var = tb.BooleanVar(value=False)
        self.negative_check = tb.Checkbutton(options, text=_("Allow negative stock here"),
                                             variable=self.negative_var, bootstyle="danger",
                                             command=self.toggle_negative)
        if can(ctx.actor, "shop.locations"):
            self.negative_check.pack(side="left")

        body = tb.Frame(self)
        body.pack(fill="both", expand=True, pady=(10, 0))
        self.table = PagedTable(body, [("code", _("Code"), 110), ("name", _("Product"), 240),
                                       ("category", _("Category"), 110), ("qty", _("In stock"), 70),
                                       ("low", _("Low at"), 60)], page_size=100)
        self.table.pack(side="left", fill="both", expand=True)

        side = tb.Labelframe(body, text=_("Move stock"), padding=10, width=340)
        side.pack(side="right", fill="y", padx=(12, 0), before=self.table)
        self.form = Form(side, stacked=True, wrap=300)
        self.form.pack(fill="x")
        self.form.add("action", _("Movement"), tb.Combobox, state="readonly",
                      values=[_(v) for v in ACTIONS.values()])
        self.form.vars["action"].set(_(ACTIONS["receive"]))
        self.form.add("to", _("To location (transfers)"), tb.Combobox, state="readonly")
        self.form.add("code", _("Code or barcode"))
        self.form.add("quantity", _("Quantity"), width=8)
        self.form.add("note", _("Note or reason"))
        self.lines_box = tb.Treeview(side, columns=("code", "qty"), show="headings", height=6)
        self.lines_box.heading("code", text=_("Code"), anchor="w")
        self.lines_box.heading("qty", text=_("Qty"), anchor="w")
        self.lines_box.column("qty", width=60)
        self.lines_box.pack(fill="x", pady=(6, 0))
        bar = tb.Frame(side)
        bar.pack(fill="x", pady=6)
        tb.Button(bar, text=_("Clear"), bootstyle="secondary",
                  command=self.clear_lines).pack(side="left")
        self.record_button = tb.Button(bar, text=_("Record"), bootstyle="primary",
                                       command=self.record)
        self.record_button.pack(side="right")
        self.pending: list[tuple[int, str, int]] = []
        self.form.widgets["code"].bind("<Return>", lambda e: self.form.widgets["quantity"].focus_set())
        self.form.widgets["quantity"].bind("<Return>", lambda e: self.add_line())
        self.table.set_source(self.fetch)

    def on_show(self) -> None:
        self.chooser.reload()
        others = shop.list_locations(None)
        self.to_locations = {f"{loc.code} - {loc.name}": loc.id for loc in others}
        self.form.widgets["to"].configure(values=list(self.to_locations))
        self.table.refresh()

    def set_location(self, loc) -> None:
        self.location = loc
        self.negative_var.set(loc.allow_negative)
        self.table.show_page(0)

    def toggle_negative(self) -> None:
        if self.location is None:
            return
        allow = self.negative_var.get()
        if allow and not self.ctx.confirm(
                self, _("Negative stock"),
                _("Let sales and transfers take {loc} below zero? Use it only while stock "
                  "that arrived is not recorded yet.").format(loc=self.location.code)):
            self.negative_var.set(False)
            return
        self.location = shop.set_allow_negative(self.ctx.actor, self.location.id, allow)
        self.chooser.reload()

    def fetch(self, page, size):
        if self.location is None:
            return [], 0
        rows = stock.stock_levels(self.ctx.actor, self.location.id, text=self.filter_var.get().strip(),
                                  low_only=self.low_var.get())
        chunk = rows[page * size:(page + 1) * size]
        return [(r.variant_id, (r.code, r.name, r.category, r.quantity, r.low_stock or ""))
                for r in chunk], len(rows)

    def add_line(self) -> str:
        v = self.form.values()
        found = catalog.find_variant(v["code"])
        if found is None:
            self.form.show_error(ValidationError("code", _("no product has this code")))
            return "break"
        qty = call_service(self.form, validate.integer, "quantity", v["quantity"], 1, 100000)
        if qty is FAILED:
            return "break"
        self.pending.append((found.id, found.code, qty))
        self.lines_box.insert("", "end", values=(found.code, qty))
        self.form.set_values({"code": "", "quantity": ""})
        self.form.widgets["code"].focus_set()
        return "break"

    def clear_lines(self) -> None:
        self.pending = []
        self.lines_box.delete(*self.lines_box.get_children())

    def record(self) -> None:
        if self.location is None:
            return
        v = self.form.values()
        if v["code"].strip():
            self.add_line()
        lines = [(vid, qty) for vid, _code, qty in self.pending]
        action = {_(label): key for key, label in ACTIONS.items()}.get(v["action"], "receive")
        if action == "receive":
            result = call_service(self.form, stock.receive, self.ctx.actor, self.location.id, lines,
                                  note=v["note"], source="manual")
        elif action == "transfer":
            to_id = self.to_locations.get(v["to"])
            if to_id is None:
                self.form.show_error(ValidationError("to", _("choose where the stock goes")))
                return
            result = call_service(self.form, stock.transfer, self.ctx.actor, self.location.id,
                                  to_id, lines, note=v["note"])
        else:
            result = call_service(self.form, stock.write_off, self.ctx.actor, self.location.id,
                                  lines, v["note"], field_map={"reason": "note"})
        if result is FAILED:
            return
        self.ctx.status(ngettext("Recorded {n} line in {loc}.",
                                 "Recorded {n} lines in {loc}.", len(lines)).format(n=len(lines),
                                                                 loc=self.location.code))
        self.clear_lines()
        self.form.set_values({"note": ""})
        self.table.refresh()

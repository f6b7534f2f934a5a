"""A new production order: customer, due date, priority, and lines typed by variant code."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...i18n import _
from ...services.shop import catalog, locations as shop
from ...services.core import places
from ...services.production import orders as production
from ...services.common import validate
from ...services.common.errors import ValidationError
from ..common.base import FAILED, Form, call_service
from ..common.dates import DateField


class NewOrderPanel(tb.Frame):
    def __init__(self, master, ctx, on_created=None):
        super().__init__(master, padding=8)
        self.ctx, self.on_created = ctx, on_created or (lambda info: None)
        self.centres = places.list_centres(active_only=True)
        self.locations = shop.list_locations()
        self.lines: dict[int, int] = {}
        self.labels: dict[int, str] = {}
        form = self.form = Form(self, wrap=300)
        form.pack(fill="x")
        form.add("kind", _("Kind"), tb.Combobox, values=list(production.ORDER_KINDS),
                 state="readonly")
        form.add("customer_kind", _("Customer is"), tb.Combobox,
                 values=list(production.CUSTOMER_KINDS), state="readonly",
                 help=_("A centre or the school programme for uniforms, a shop for handicrafts "
                        "(they go into its stock when delivered), or an outside customer."))
        form.add("centre", _("Centre"), tb.Combobox, state="readonly",
                 values=[f"{c.code} {c.name}" for c in self.centres])
        form.add("location", _("Shop stock location"), tb.Combobox, state="readonly",
                 values=[f"{loc.code} {loc.name}" for loc in self.locations])
        form.add("customer", _("Customer name"), help=_("Filled from the centre or shop if empty."))
        form.add("due", _("Due date"), DateField)
        form.add("priority", _("Priority"), tb.Combobox, state="readonly",
                 values={str(k): v for k, v in production.PRIORITIES.items()})
        form.add("notes", _("Notes"))
        add = tb.Frame(self)
        add.pack(fill="x", pady=(6, 0))
        tb.Label(add, text=_("Product code")).pack(side="left")
        self.code = tb.Entry(add, width=16)
        self.code.pack(side="left", padx=4)
        tb.Label(add, text=_("Quantity")).pack(side="left")
        self.qty = tb.Entry(add, width=6)
        self.qty.pack(side="left", padx=4)
        self.code.bind("<Return>", lambda e: self.qty.focus_set())
        self.qty.bind("<Return>", lambda e: self.add_line())
        tb.Button(add, text=_("Add line"), bootstyle="secondary", command=self.add_line).pack(side="left")
        self.line_error = tb.Label(self, text="", bootstyle="danger")
        self.line_error.pack(anchor="w")
        self.tree = tb.Treeview(self, columns=("code", "qty"), show="headings", height=6)
        self.tree.heading("code", text=_("Item"), anchor="w")
        self.tree.heading("qty", text=_("Quantity"), anchor="w")
        self.tree.column("code", width=220)
        self.tree.column("qty", width=80)
        self.tree.pack(fill="x")
        self.tree.bind("<Delete>", lambda e: self.remove_line())
        bar = tb.Frame(self)
        bar.pack(fill="x", pady=6)
        tb.Button(bar, text=_("Remove line"), bootstyle="secondary-outline",
                  command=self.remove_line).pack(side="left")
        tb.Button(bar, text=_("Create draft order"), bootstyle="primary",
                  command=self.create).pack(side="right")
        self.reset()

    def reset(self) -> None:
        self.lines, self.labels = {}, {}
        self.tree.delete(*self.tree.get_children())
        self.form.set_values({"kind": "handicraft", "customer_kind": "shop", "centre": "",
                              "location": "", "customer": "", "notes": "", "priority": "2",
                              "due": (dt.date.today() + dt.timedelta(days=30)).isoformat()})
        self.form.clear_errors()

    def add_line(self):
        self.line_error.configure(text="")
        variant = catalog.find_variant(self.code.get())
        if variant is None:
            self.line_error.configure(text=_("No product with the code {c}").format(c=self.code.get()))
            return None
        qty = self.qty.get().strip() or "1"
        try:  # read in the user's language, like every number typed ('1 200', '១២')
            pieces = validate.integer("quantity", qty, 1)
        except ValidationError:
            self.line_error.configure(text=_("The quantity must be a whole number of pieces"))
            return None
        self.lines[variant.id] = self.lines.get(variant.id, 0) + pieces
        self.labels[variant.id] = f"{variant.code}  {variant.name}"
        self._show_lines()
        self.code.delete(0, "end")
        self.qty.delete(0, "end")
        self.code.focus_set()
        return variant

    def remove_line(self) -> None:
        for iid in self.tree.selection():
            self.lines.pop(int(iid), None)
        self._show_lines()

    def _show_lines(self) -> None:
        self.tree.delete(*self.tree.get_children())
        for vid, qty in self.lines.items():
            self.tree.insert("", "end", iid=str(vid), values=(self.labels[vid], qty))

    def _pick(self, text, rows):
        code = (text or "").split(" ")[0]
        return next((r.id for r in rows if r.code == code), None)

    def create(self):
        v = self.form.values()
        if not self.lines:
            self.form.show_error(ValidationError("notes", _("add at least one line")))
            return FAILED
        info = call_service(
            self.form, production.create_order, self.ctx.actor, kind=v["kind"],
            customer_kind=v["customer_kind"], customer=v["customer"], due=v["due"],
            centre_id=self._pick(v["centre"], self.centres),
            location_id=self._pick(v["location"], self.locations),
            priority=(v["priority"] or "2")[:1], notes=v["notes"], lines=list(self.lines.items()),
            field_map={"customer kind": "customer_kind"})
        if info is not FAILED:
            self.ctx.status(_("{no} created as a draft").format(no=info.no))
            self.reset()
            self.on_created(info)
        return info

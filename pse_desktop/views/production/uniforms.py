"""Uniforms from sizes: choose a centre (or all) and the uniform items, see the size matrix of
the enrolled children, and make it a prefilled draft order."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...i18n import N_, _, ngettext
from ...services.core import places
from ...services.production import orders as production_orders, uniforms as production_uniforms
from ...services.production.uniforms import UniformItem
from ...services.common import validate
from ...services.common.errors import ValidationError
from ..common.base import FAILED, Form, Screen, call_service
from ..common.dates import DateField


def _pieces(text: str) -> int:
    """Pieces a child as typed ('2', '២'); 1 when the box is empty or not a whole number."""
    try:
        return validate.integer("pieces", text, 1, 99) if text else 1
    except ValidationError:
        return 1

ALL = "*"
SEX_CHOICES = {"": N_("everyone"), "F": N_("girls"), "M": N_("boys")}


class UniformsScreen(Screen):
    title = N_("Uniforms from sizes")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.matrix = None
        self.centres = places.list_centres(active_only=True)
        top = tb.Frame(self)
        top.pack(fill="x")
        tb.Label(top, text=_("Centre")).pack(side="left")
        self.centre_box = tb.Combobox(top, state="readonly", width=30, values=[_("All centres")] + [
            f"{c.code} {c.name}" for c in self.centres])
        self.centre_box.current(0 if not self.centres else 1)
        self.centre_box.pack(side="left", padx=4)
        self.centre_box.bind("<<ComboboxSelected>>", lambda e: self.show_matrix())

        items = tb.Labelframe(self, text=_("Uniform items"), padding=6)
        items.pack(fill="x", pady=6)
        self.item_vars = []
        products = production_uniforms.uniform_products()
        if not products:
            tb.Label(items, text=_("No uniform product in the catalogue yet."),
                     bootstyle="warning").pack(anchor="w")
        for pid, code, name in products:
            row = tb.Frame(items)
            row.pack(fill="x")
            on = tb.BooleanVar(value=False)
            sex = tb.StringVar(value=_(SEX_CHOICES[""]))
            per = tb.StringVar(value="1")
            tb.Checkbutton(row, text=f"{code}  {name}", variable=on, width=32,
                           command=self.show_matrix).pack(side="left")
            tb.Label(row, text=_("for")).pack(side="left")
            box = tb.Combobox(row, textvariable=sex, values=[_(v) for v in SEX_CHOICES.values()],
                              state="readonly", width=10)
            box.pack(side="left", padx=4)
            box.bind("<<ComboboxSelected>>", lambda e: self.show_matrix())
            tb.Label(row, text=_("pieces per child")).pack(side="left")
            tb.Spinbox(row, textvariable=per, from_=1, to=10, width=4,
                       command=self.show_matrix).pack(side="left", padx=4)
            self.item_vars.append((pid, on, sex, per))

        self.summary = tb.Label(self, text="", wraplength=900, justify="left")
        self.summary.pack(anchor="w")
        self.tree = tb.Treeview(self, show="headings", height=8)
        self.tree.pack(fill="x", pady=4)
        self.tree.tag_configure("missing", foreground="#c0392b")

        form = self.form = Form(self)
        form.pack(fill="x", pady=(6, 0))
        form.add("due", _("Due date"), DateField)
        form.add("priority", _("Priority"), tb.Combobox, state="readonly",
                 values={str(k): v for k, v in production_orders.PRIORITIES.items()})
        form.add("notes", _("Notes"))
        form.add("items", _("Items"), tb.Label)
        form.set_values({"due": (self.today + dt.timedelta(days=45)).isoformat(),
                         "priority": "2"})
        tb.Button(self, text=_("Create the uniform order"), bootstyle="primary",
                  command=self.create).pack(anchor="e")

    def _centre_id(self):
        index = self.centre_box.current()
        return None if index <= 0 else self.centres[index - 1].id

    def _items(self) -> list[UniformItem]:
        sexes = {_(v): k for k, v in SEX_CHOICES.items()}
        out = []
        for pid, on, sex, per in self.item_vars:
            if on.get():
                n = per.get().strip()
                out.append(UniformItem(pid, sexes.get(sex.get(), ""), _pieces(n)))
        return out

    def show_matrix(self):
        items = self._items()
        self.tree.delete(*self.tree.get_children())
        if not items:
            self.summary.configure(text=_("Tick the items the children get."))
            self.matrix = None
            return None
        m = call_service(self.form, production_uniforms.size_matrix, self.ctx.actor,
                         self._centre_id(), items, self.today)
        if m is FAILED:
            return FAILED
        self.matrix = m
        cols = ["item"] + list(m.sizes) + ["total"]
        self.tree.configure(columns=cols)
        self.tree.heading("item", text=_("Item"), anchor="w")
        self.tree.column("item", width=220, stretch=False)
        for s in m.sizes:
            self.tree.heading(s, text=s, anchor="center")
            self.tree.column(s, width=50, anchor="center", stretch=False)
        self.tree.heading("total", text=_("Total"), anchor="center")
        self.tree.column("total", width=60, anchor="center", stretch=True)
        for r in m.rows:
            who = "" if not r.sex else f" ({_(SEX_CHOICES[r.sex])})"
            cells = [(f"{n}" if r.variants.get(s) or not n else f"{n} ?") for s, n in r.counts.items()]
            missing = any(n and r.variants.get(s) is None for s, n in r.counts.items())
            self.tree.insert("", "end", values=[f"{r.product_code} {r.name}{who}"] + cells + [r.total],
                             tags=("missing",) if missing else ())
        text = ngettext("{n} child enrolled",
                        "{n} children enrolled", m.children).format(n=m.children)
        if m.without_size:
            text += " - " + ngettext("{n} without a clothing size: {codes}",
                                     "{n} without a clothing size: {codes}", len(m.without_size)).format(
                n=len(m.without_size), codes=", ".join(m.without_size[:10]))
        if m.missing_variants:
            text += " - " + _("no variant in the catalogue for: ") + ", ".join(
                f"{c} {s}" for c, s in m.missing_variants)
        self.summary.configure(text=text)
        return m

    def create(self):
        v = self.form.values()
        info = call_service(self.form, production_uniforms.create_uniform_order, self.ctx.actor,
                            self._centre_id(), self._items(), due=v["due"],
                            priority=(v["priority"] or "2")[:1], notes=v["notes"], on=self.today)
        if info is FAILED:
            return FAILED
        self.ctx.inform(self, _("Order created"),
                        ngettext("{no}: {n} piece for {who}, as a draft. Confirm it on the order board to "
                                 "see the materials needed.",
                                 "{no}: {n} pieces for {who}, as a draft. Confirm it on the order board to "
                                 "see the materials needed.", info.quantity).format(no=info.no, n=info.quantity,
                                                               who=info.customer))
        self.ctx.navigate("production_board")
        return info

"""The order board: open orders by state and due date, overdue first; one order's lines,
materials, deliveries and the buttons of its transitions; a form for a new order."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_date
from ...i18n import N_, _, ngettext
from ...services.production import (
    orders as production, docs as production_docs, output as production_output, states as
    production_states, uniforms as production_uniforms,
)
from ...services.core import settings as settings_service
from ...services.production.materials import format_qty
from ...services.core.permissions import can
from ..common.base import FAILED, Form, PagedTable, Screen, call_service
from ..common.commands import Command
from ..common.dates import DateField
from ..common.flow import Flow
from .common import save_document
from .order_form import NewOrderPanel

FILTERS = {"open": production.OPEN_STATES, "all": production.STATES}


class BoardScreen(Screen):
    title = N_("Production orders")
    commands = (Command("print", "print_work_order"), Command("new", "new_order"),)

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.order = None
        self.last_task = None
        bar = Flow(self, gap=6)
        bar.pack(fill="x", pady=(0, 6))
        tb.Label(bar, text=_("Search")).pack(side="left")
        self.search = tb.Entry(bar, width=20)
        self.find_field = self.search
        self.search.pack(side="left", padx=4)
        self.search.bind("<Return>", lambda e: self.refresh())
        self.show_all = tb.BooleanVar(value=False)
        tb.Checkbutton(bar, text=_("Also delivered and cancelled"), variable=self.show_all,
                       command=self.refresh).pack(side="left", padx=8)
        self.counts = tb.Label(bar, text="", bootstyle="secondary")
        self.counts.pack(side="left", padx=8)
        if can(ctx.actor, "production.orders"):
            tb.Button(bar, text=_("New order"), bootstyle="primary",
                      command=self.new_order).pack(side="right")
        bar.adopt()  # the bar wraps in Khmer

        body = tb.Frame(self)  # the list takes the room left by the panel
        body.pack(fill="both", expand=True)
        left = tb.Frame(body)
        self.table = PagedTable(left, [("no", _("Order"), 75), ("state", _("State"), 80),
                                       ("due", _("Due"), 90), ("prio", _("Priority"), 55),
                                       ("progress", _("Made"), 70), ("customer", _("Customer"), 160)],
                                height=20)
        self.table.pack(fill="both", expand=True)
        self.table.tree.tag_configure("overdue", foreground="#c0392b")
        self.table.tree.tag_configure("soon", foreground="#d35400")
        self.table.tree.bind("<<TreeviewSelect>>", lambda e: self.load_selected())
        left.pack(side="left", fill="both", expand=True)

        self.notebook = tb.Notebook(body)
        self.notebook.pack(side="right", fill="both", padx=(8, 0), before=left)
        self.detail = tb.Frame(self.notebook, padding=8)
        self.notebook.add(self.detail, text=_("Order"))
        self.new_panel = NewOrderPanel(self.notebook, ctx, on_created=self.created)
        self.notebook.add(self.new_panel, text=_("New order"))
        self._build_detail()

    # ------------------------------------------------------------------ board
    def _rows(self, page, size):
        states = FILTERS["all" if self.show_all.get() else "open"]
        orders = production.board(self.ctx.actor, states=states, text=self.search.get(),
                                  today=self.today)
        self.orders = orders
        soon = self.today + dt.timedelta(days=settings_service.get("production_due_soon_days"))
        overdue = sum(1 for o in orders if o.overdue(self.today))
        self.counts.configure(text=ngettext("{n} order, {o} overdue", "{n} orders, {o} overdue",
                                                     len(orders)).format(n=len(orders), o=overdue))
        rows = []
        for o in orders[page * size:(page + 1) * size]:
            late = o.overdue(self.today)
            rows.append((o.id, (o.no, _(o.state_label), o.due.isoformat() + (" !" if late else ""),
                                _(production.PRIORITIES[o.priority]), f"{o.made}/{o.quantity}",
                                o.customer)))
        self._tags = {o.id: ("overdue",) if o.overdue(self.today) else
                      ("soon",) if o.state in production.OPEN_STATES and o.due <= soon else ()
                      for o in orders}
        return rows, len(orders)

    def refresh(self) -> None:
        self.table.set_source(self._rows)
        for iid, key in self.table.keys.items():
            self.table.tree.item(iid, tags=self._tags.get(key, ()))
        if self.order is not None:
            self.show_order(self.order.id)

    def on_show(self) -> None:
        self.refresh()
        if self.order is None and self.table.keys:
            first = next(iter(self.table.keys))
            self.table.tree.selection_set(first)
            self.show_order(self.table.keys[first])

    def select_order(self, order_id: int) -> None:
        for iid, key in self.table.keys.items():
            if key == order_id:
                self.table.tree.selection_set(iid)
                self.table.tree.see(iid)
        self.show_order(order_id)

    def load_selected(self) -> None:
        key = self.table.selected_key()
        if key is not None:
            self.show_order(key)

    def new_order(self) -> None:
        self.new_panel.reset()
        self.notebook.select(self.new_panel)

    def created(self, info) -> None:
        self.refresh()
        self.select_order(info.id)
        self.notebook.select(self.detail)

    # ------------------------------------------------------------------ detail
    def _build_detail(self) -> None:
        d = self.detail
        self.heading = tb.Label(d, text=_("Select an order on the left."),
                                font=("TkDefaultFont", 12, "bold"))
        self.heading.pack(anchor="w")
        self.subline = tb.Label(d, text="", bootstyle="secondary", wraplength=560, justify="left")
        self.subline.pack(anchor="w", pady=(0, 4))
        actions = tb.Frame(d)
        actions.pack(fill="x", pady=(4, 0))
        closing = tb.Frame(d)
        closing.pack(fill="x", pady=(4, 0))
        self.buttons = {}
        for key, label, style, cmd, row in (
                ("confirm", _("Confirm"), "primary", self.confirm, actions),
                ("start", _("Start"), "secondary", self.start, actions),
                ("reopen", _("Back to draft"), "secondary-outline", self.reopen, actions),
                ("work_order", _("Work order PDF"), "info-outline", self.print_work_order, actions),
                ("close_short", _("Close short..."), "warning-outline", self.close_short, closing),
                ("cancel", _("Cancel order..."), "danger-outline", self.cancel, closing)):
            b = tb.Button(row, text=label, bootstyle=style, command=cmd)
            b.pack(side="left", padx=(0, 4))
            self.buttons[key] = b
        self.reason = Form(closing)
        self.reason.pack(side="left", fill="x", expand=True, padx=(4, 0))
        self.reason.add("reason", _("Reason"))

        self.lines = tb.Treeview(d, columns=("code", "item", "qty", "made", "delivered", "ready"),
                                 show="headings", height=5)
        for cid, text, w in (("code", _("Code"), 90), ("item", _("Item"), 190), ("qty", _("Ordered"), 60),
                             ("made", _("Made"), 50), ("delivered", _("Delivered"), 65),
                             ("ready", _("Ready"), 50)):
            self.lines.heading(cid, text=text, anchor="w")
            self.lines.column(cid, width=w, anchor="w", stretch=cid == "item")
        self.lines.pack(fill="x", pady=4)

        middle = tb.Frame(d)
        middle.pack(fill="x", pady=4)
        deliver = tb.Labelframe(middle, text=_("Deliver ready pieces"), padding=6)
        deliver.pack(side="left", fill="both", expand=True)
        self.deliver_rows = tb.Frame(deliver)
        self.deliver_rows.pack(fill="x")
        self.deliver_form = Form(deliver)
        self.deliver_form.pack(fill="x")
        self.deliver_form.add("day", _("Date"), DateField)
        self.deliver_form.add("note", _("Note"))
        self.deliver_button = tb.Button(deliver, text=_("Deliver and print the note"),
                                        bootstyle="success", command=self.deliver)
        self.deliver_button.pack(anchor="e")
        self.deliver_vars: dict[int, tb.StringVar] = {}
        dels = tb.Labelframe(middle, text=_("Deliveries"), padding=4)
        dels.pack(side="right", fill="both", padx=(8, 0), before=deliver)
        self.deliveries = tb.Treeview(dels, columns=("no", "day", "pieces"), show="headings", height=4)
        for cid, text, w in (("no", _("Note"), 80), ("day", _("Date"), 85), ("pieces", _("Pieces"), 50)):
            self.deliveries.heading(cid, text=text, anchor="w")
            self.deliveries.column(cid, width=w, anchor="w")
        self.deliveries.pack(fill="both", expand=True)
        self.note_button = tb.Button(dels, text=_("Print delivery note"), bootstyle="info-outline",
                                     command=self.print_delivery_note)
        self.note_button.pack(fill="x", pady=(4, 0))
        self.handout_button = tb.Button(dels, text=_("Hand-out list"), bootstyle="info-outline",
                                        command=self.print_handout)
        self.handout_button.pack(fill="x", pady=(4, 0))

        mats = self.materials_tab = tb.Frame(self.notebook, padding=8)
        self.notebook.insert(self.new_panel, mats, text=_("Materials needed"))
        tb.Label(mats, text=_("Materials for the pieces still to sew, against today's stock. "
                              "Shortages in red: receive them on the Materials screen."),
                 wraplength=520, justify="left").pack(anchor="w", pady=(0, 6))
        self.materials = tb.Treeview(mats, columns=("code", "need", "stock", "short"),
                                     show="headings", height=14)
        for cid, text, w in (("code", _("Material"), 230), ("need", _("Needed"), 90),
                             ("stock", _("In stock"), 90), ("short", _("Short"), 90)):
            self.materials.heading(cid, text=text, anchor="w")
            self.materials.column(cid, width=w, anchor="w")
        self.materials.tag_configure("short", foreground="#c0392b")
        self.materials.pack(fill="both", expand=True)
        self._enable()

    def _enable(self) -> None:
        o, actor = self.order, self.ctx.actor
        state = o.state if o else ""
        rules = {"confirm": state == "draft", "start": state == "confirmed",
                 "reopen": state == "confirmed" and o.made == 0,
                 "close_short": state in ("confirmed", "in_progress") and o.made > 0,
                 "cancel": state in ("draft", "confirmed") and o.made == 0,
                 "work_order": o is not None}
        for key, ok in rules.items():
            allowed = can(actor, "production.view" if key == "work_order" else "production.orders")
            self.buttons[key].configure(state="normal" if ok and allowed else "disabled")
        ready = o is not None and any(ln.ready for ln in o.lines) and can(actor, "production.deliver")
        self.deliver_button.configure(state="normal" if ready else "disabled")
        has_dels = bool(self.deliveries.get_children())
        self.note_button.configure(state="normal" if has_dels else "disabled")
        self.handout_button.configure(
            state="normal" if has_dels and o is not None and o.kind == "uniform" else "disabled")

    def show_order(self, order_id: int) -> None:
        o = self.order = production.get_order(self.ctx.actor, order_id)
        late = _(" - OVERDUE") if o.overdue(self.today) else ""
        self.heading.configure(text=f"{o.no}  {o.customer}  ({_(o.state_label)}{late})")
        extra = [_("due {d}").format(d=format_date(o.due)),
                 _("priority {p}").format(p=_(production.PRIORITIES[o.priority])), _(o.kind)]
        if o.location_code:
            extra.append(_("into stock at {loc}").format(loc=o.location_code))
        if o.short_reason:
            extra.append(_("closed short: {r}").format(r=o.short_reason))
        if o.cancel_reason:
            extra.append(_("cancelled: {r}").format(r=o.cancel_reason))
        if o.notes:
            extra.append(o.notes)
        self.subline.configure(text=" - ".join(extra))
        self.lines.delete(*self.lines.get_children())
        for ln in o.lines:
            self.lines.insert("", "end", iid=str(ln.id), values=(ln.code, ln.label, ln.quantity,
                                                                 ln.made, ln.delivered, ln.ready))
        for child in self.deliver_rows.winfo_children():
            child.destroy()
        self.deliver_vars = {}
        for ln in o.lines:
            if ln.ready:
                row = tb.Frame(self.deliver_rows)
                row.pack(fill="x")
                tb.Label(row, text=f"{ln.code}  ({_('ready')}: {ln.ready})", width=28).pack(side="left")
                var = tb.StringVar(value=str(ln.ready))
                tb.Entry(row, textvariable=var, width=6).pack(side="left")
                self.deliver_vars[ln.id] = var
        self.deliver_form.set_values({"day": self.today.isoformat(), "note": ""})
        self.materials.delete(*self.materials.get_children())
        short = False
        if o.state in production.OPEN_STATES:
            req = production_states.requirements(o.id)
            for n in req.needs:
                self.materials.insert("", "end", values=(
                    f"{n.code} {n.label}", format_qty(n.needed_milli, n.unit),
                    format_qty(n.stock_milli, n.unit),
                    format_qty(n.short_milli, n.unit) if n.short_milli else ""),
                    tags=("short",) if n.short_milli else ())
            short = bool(req.shortages or req.without_bom)
            for code in req.without_bom:
                self.materials.insert("", "end", values=(f"{code}: {_('no bill of materials')}",
                                                         "", "", ""), tags=("short",))
        self.notebook.tab(self.materials_tab, text=_("Materials needed") + (" (!)" if short else ""))
        self.deliveries.delete(*self.deliveries.get_children())
        for dl in production_output.list_deliveries(self.ctx.actor, o.id):
            self.deliveries.insert("", "end", iid=str(dl.id), values=(dl.no, dl.day.isoformat(),
                                                                      dl.pieces))
        kids = self.deliveries.get_children()
        if kids:
            self.deliveries.selection_set(kids[-1])
        self.reason.set_values({"reason": ""})
        self.reason.clear_errors()
        self._enable()

    # ------------------------------------------------------------------ transitions
    def confirm(self):
        req = call_service(self.reason, production_states.confirm, self.ctx.actor, self.order.id)
        if req is FAILED:
            return FAILED
        self.refresh()
        if req.shortages:
            text = "\n".join(f"{n.code} {n.label}: {_('short')} {format_qty(n.short_milli, n.unit)}"
                             f" ({_('needed')} {format_qty(n.needed_milli, n.unit)}, "
                             f"{_('in stock')} {format_qty(n.stock_milli, n.unit)})"
                             for n in req.shortages)
            self.notebook.select(self.materials_tab)
            self.ctx.inform(self, _("Materials short"),
                            _("The order is confirmed, but these materials are short:") + "\n" + text)
        elif req.without_bom:
            self.ctx.inform(self, _("No bill of materials"),
                            _("Confirmed. These items have no bill of materials: ") +
                            ", ".join(req.without_bom))
        return req

    def _simple(self, fn, *args):
        result = call_service(self.reason, fn, self.ctx.actor, self.order.id, *args)
        if result is not FAILED:
            self.refresh()
        return result

    def start(self):
        return self._simple(production_states.start)

    def reopen(self):
        return self._simple(production_states.reopen)

    def cancel(self):
        if not self.ctx.confirm(self, _("Cancel order"), _("Cancel {no}? It cannot be undone.")
                                .format(no=self.order.no)):
            return None
        return self._simple(production_states.cancel, self.reason.values()["reason"])

    def close_short(self):
        o = self.order
        if not self.ctx.confirm(self, _("Close short"), _(
                "Stop sewing {no}? {made} of {qty} pieces are made; the rest will not be sewn.")
                .format(no=o.no, made=o.made, qty=o.quantity)):
            return None
        return self._simple(production_states.close_short, self.reason.values()["reason"])

    def deliver(self):
        lines = {lid: var.get().strip() or 0 for lid, var in self.deliver_vars.items()}
        v = self.deliver_form.values()
        result = call_service(self.deliver_form, production_output.deliver, self.ctx.actor,
                              self.order.id, lines, day=v["day"], note=v["note"], today=self.today)
        if result is FAILED:
            return FAILED
        self.refresh()
        self.ctx.status(ngettext("{no}: {n} piece delivered",
                                 "{no}: {n} pieces delivered", result.pieces).format(no=result.no, n=result.pieces))
        self._print_delivery(result.id, result.no)
        return result

    # ------------------------------------------------------------------ documents
    def print_work_order(self):
        from ...reports.production import documents as reports

        o = self.order
        return save_document(self, f"{o.no}-work-order.pdf",
                             lambda: production_docs.work_order(self.ctx.actor, o.id, self.today),
                             reports.render_work_order)

    def _selected_delivery(self):
        sel = self.deliveries.selection()
        if not sel:
            return None, ""
        return int(sel[0]), self.deliveries.item(sel[0], "values")[0]

    def _print_delivery(self, delivery_id, no):
        from ...reports.production import documents as reports

        return save_document(self, f"{no}.pdf",
                             lambda: production_docs.delivery_note(self.ctx.actor, delivery_id),
                             reports.render_delivery_note)

    def print_delivery_note(self):
        delivery_id, no = self._selected_delivery()
        if delivery_id is not None:
            return self._print_delivery(delivery_id, no)
        return None

    def print_handout(self):
        from ...reports.production import documents as reports

        delivery_id, no = self._selected_delivery()
        if delivery_id is None:
            return None
        return save_document(self, f"{no}-hand-out.pdf",
                             lambda: production_uniforms.handout(self.ctx.actor, delivery_id),
                             reports.render_handout)

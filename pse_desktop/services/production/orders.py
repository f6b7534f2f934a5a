"""Workshop production orders: their lines, states and transitions, and the order board.

States: draft -> confirmed -> in progress -> done -> delivered, and cancelled. Every transition
is a function here that checks the state it starts from:

* draft: lines are edited freely; ``confirm`` needs at least one line and reports the
  materials needed against stock, with the shortages (confirming with a shortage is allowed:
  the fabric may come before the sewing starts).
* confirmed: ``reopen`` goes back to draft while nothing has been sewn; the first output
  (``production_output.record_output``) moves the order to in progress.
* in progress: done by itself when every line has its pieces, or by ``close_short`` with a reason.
* done: delivered when every piece made has been delivered (``production_output.deliver``).
* cancelled: only while nothing has been sewn; with a reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import fn

from ...db import counters, database
from ...db.catalog import Product, ProductVariant
from ...db.core import Centre
from ...db.production import OrderLine, ProductionOrder
from ...db.shop import StockLocation
from ..core import audit, settings
from ..common import validate
from ..shop.catalog import variant_label, variant_quantities
from ..common.errors import ConflictError, NotFound, ValidationError
from ..core.permissions import Actor, register_actions, require
from ..core.settings import SettingDef
from ...i18n import _, N_

AREA = "production"
STATES = ("draft", "confirmed", "in_progress", "done", "delivered", "cancelled")
STATE_LABELS = {"draft": N_("Draft"), "confirmed": N_("Confirmed"), "in_progress": N_("In progress"),
                "done": N_("Done"), "delivered": N_("Delivered"), "cancelled": N_("Cancelled")}
OPEN_STATES = ("draft", "confirmed", "in_progress", "done")
CUSTOMER_KINDS = (N_("centre"), N_("programme"), N_("shop"), N_("outside"))
ORDER_KINDS = (N_("uniform"), N_("handicraft"))
PRIORITIES = {1: N_("urgent"), 2: N_("normal"), 3: N_("low")}

register_actions(
    {
        "production.view": N_("See production orders, materials and output"),
        "production.orders": N_("Create, confirm, cancel and close production orders"),
        "production.materials": N_("Receive and adjust materials; edit bills of materials and piece rates"),
        "production.output": N_("Record pieces sewn by workers on an order"),
        "production.deliver": N_("Deliver finished pieces and print delivery notes"),
    },
    {"workshop_manager": ["production.view", "production.orders", "production.materials",
                          "production.output", "production.deliver"]},
)

settings.declare(
    SettingDef("production_due_soon_days", N_("Production: days before due to warn"), "int", 7,
               N_("Orders due within this many days show on the home page and in orange on the order board."), 0, 90),
)


def order_no(number: int) -> str:
    return f"PO-{number:05d}"


def delivery_no(number: int) -> str:
    return f"DN-{number:05d}"


# --------------------------------------------------------------------------- reading
@dataclass(frozen=True)
class LineInfo:
    id: int
    variant_id: int
    code: str
    label: str
    product_name: str
    size: str
    colour: str
    quantity: int
    made: int
    delivered: int

    @property
    def remaining(self) -> int:
        return max(0, self.quantity - self.made)

    @property
    def ready(self) -> int:
        """Made and not yet delivered."""
        return max(0, self.made - self.delivered)


@dataclass(frozen=True)
class OrderInfo:
    id: int
    number: int
    no: str
    kind: str
    customer_kind: str
    customer: str
    centre_id: int | None
    location_id: int | None
    location_code: str
    due: dt.date
    priority: int
    notes: str
    state: str
    short_reason: str
    cancel_reason: str
    created_at: dt.datetime
    lines: tuple[LineInfo, ...] = field(default=())

    @property
    def quantity(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def made(self) -> int:
        return sum(line.made for line in self.lines)

    @property
    def delivered(self) -> int:
        return sum(line.delivered for line in self.lines)

    def overdue(self, today: dt.date) -> bool:
        return self.state in OPEN_STATES and self.due < today

    @property
    def state_label(self) -> str:
        return _(STATE_LABELS[self.state])


def _line_infos(order_ids) -> dict[int, list[LineInfo]]:
    out: dict[int, list[LineInfo]] = {oid: [] for oid in order_ids}
    query = (OrderLine.select(OrderLine, ProductVariant, Product)
             .join(ProductVariant).join(Product)
             .where(OrderLine.order.in_(list(order_ids))).order_by(Product.code, OrderLine.id))
    for ln in query:
        v, p = ln.variant, ln.variant.product
        out[ln.order_id].append(LineInfo(ln.id, v.id, v.code, variant_label(p.name_en, v.size, v.colour),
                                         p.name_en, v.size, v.colour, ln.quantity, ln.made,
                                         ln.delivered))
    return out


def _info(o: ProductionOrder, lines=()) -> OrderInfo:
    loc = o.location.code if o.location_id else ""
    return OrderInfo(o.id, o.number, order_no(o.number), o.kind, o.customer_kind, o.customer,
                     o.centre_id, o.location_id, loc, o.due, o.priority, o.notes, o.state,
                     o.short_reason, o.cancel_reason, o.created_at, tuple(lines))


def order_row(order_id: int) -> ProductionOrder:
    o = ProductionOrder.get_or_none(ProductionOrder.id == order_id)
    if o is None:
        raise NotFound(_("production order {order_id}").format(order_id=order_id))
    return o


def get_order(actor: Actor, order_id: int) -> OrderInfo:
    require(actor, "production.view")
    o = order_row(order_id)
    return _info(o, _line_infos([o.id])[o.id])


def board(actor: Actor, *, states=OPEN_STATES, text: str = "", today: dt.date | None = None,
          limit: int = 500) -> list[OrderInfo]:
    """Orders in the given states: overdue first, then by due date and priority."""
    require(actor, "production.view")
    today = today or dt.date.today()
    query = ProductionOrder.select().where(ProductionOrder.state.in_(list(states)))
    text = (text or "").strip()
    if text:
        digits = text.upper().removeprefix("PO-").lstrip("0")
        cond = ProductionOrder.customer ** f"%{text}%"
        if digits.isdigit():
            cond = cond | (ProductionOrder.number == int(digits))
        query = query.where(cond)
    orders = list(query.order_by(ProductionOrder.due, ProductionOrder.priority).limit(limit))
    lines = _line_infos([o.id for o in orders])
    infos = [_info(o, lines[o.id]) for o in orders]
    return sorted(infos, key=lambda i: (not i.overdue(today), i.due, i.priority, i.number))


def board_columns(actor: Actor, today: dt.date | None = None) -> dict[str, list[OrderInfo]]:
    """Open orders grouped by state, each list overdue first."""
    out: dict[str, list[OrderInfo]] = {s: [] for s in OPEN_STATES}
    for info in board(actor, today=today):
        out[info.state].append(info)
    return out


# --------------------------------------------------------------------------- writing
def _clean_header(kind, customer_kind, customer, due, priority, notes, centre_id, location_id):
    kind = validate.choice("kind", kind, ORDER_KINDS)
    customer_kind = validate.choice("customer kind", customer_kind, CUSTOMER_KINDS)
    due = validate.date("due", due)
    priority = validate.integer("priority", priority if priority not in (None, "") else 2, 1, 3)
    notes = validate.text("notes", notes, 2000, required=False)
    customer = validate.text("customer", customer, 120, required=False)
    centre = location = None
    if centre_id not in (None, ""):
        centre = Centre.get_or_none(Centre.id == centre_id)
        if centre is None:
            raise ValidationError("customer", _("no centre {centre_id}").format(centre_id=centre_id))
        customer = customer or centre.name
    if location_id not in (None, ""):
        location = StockLocation.get_or_none(StockLocation.id == location_id)
        if location is None:
            raise ValidationError("location", _("no stock location {location_id}").format(location_id=location_id))
        customer = customer or location.name
    if customer_kind == "centre" and centre is None:
        raise ValidationError("customer", _("choose the centre the uniforms are for"))
    if customer_kind == "shop" and location is None:
        raise ValidationError("location", _("choose the shop's stock location"))
    if not customer:
        raise ValidationError("customer", _("is required"))
    return {"kind": kind, "customer_kind": customer_kind, "customer": customer,
            "centre": centre.id if centre else None, "location": location.id if location else None,
            "due": due, "priority": priority, "notes": notes}


def next_number(model) -> int:
    """The next order or delivery number, from its counter (inside the caller's transaction)."""
    return counters.next_value(model._meta.table_name,
                               lambda: model.select(fn.MAX(model.number)).scalar())


def create_order(actor: Actor, *, kind: str, customer_kind: str, due, customer: str = "",
                 centre_id: int | None = None, location_id: int | None = None, priority=2,
                 notes: str = "", lines=()) -> OrderInfo:
    """Create a draft order with its lines [(variant_id, quantity), ...]."""
    require(actor, "production.orders")
    header = _clean_header(kind, customer_kind, customer, due, priority, notes, centre_id,
                           location_id)
    wanted = variant_quantities(lines)
    with database.atomic():
        o = ProductionOrder.create(number=next_number(ProductionOrder), state="draft",
                                   created_by=actor.id, **header)
        for vid, qty in wanted.items():
            OrderLine.create(order=o, variant=vid, quantity=qty)
        audit.record(actor, AREA, "create", "order", o.id,
                     f"{order_no(o.number)} for {o.customer}, due {o.due}: "
                     f"{sum(wanted.values())} pieces in {len(wanted)} lines")
    return get_order(actor, o.id)


def update_order(actor: Actor, order_id: int, *, kind: str, customer_kind: str, due,
                 customer: str = "", centre_id=None, location_id=None, priority=2,
                 notes: str = "") -> OrderInfo:
    """Change an order's header; due date, priority and notes may change until it is closed."""
    require(actor, "production.orders")
    header = _clean_header(kind, customer_kind, customer, due, priority, notes, centre_id,
                           location_id)
    with database.atomic():
        o = order_row(order_id)
        if o.state not in OPEN_STATES:
            raise ConflictError(_("{order_no} is {lower}; it cannot change any more").format(order_no=order_no(o.number), lower=_(STATE_LABELS[o.state]).lower()))
        if o.state != "draft":
            for key in ("kind", "customer_kind", "centre", "location"):
                now = getattr(o, key + "_id") if key in ("centre", "location") else getattr(o, key)
                if now != header[key]:
                    raise ConflictError(_("{order_no} is confirmed: only the due date, priority, customer name and notes can change").format(order_no=order_no(o.number)))
        before = {k: getattr(o, k + "_id" if k in ("centre", "location") else k) for k in header}
        ProductionOrder.update(**header).where(ProductionOrder.id == o.id).execute()
        audit.record(actor, AREA, "update", "order", o.id,
                     f"{order_no(o.number)}: " + audit.describe_changes(before, header))
    return get_order(actor, order_id)


def set_lines(actor: Actor, order_id: int, lines) -> OrderInfo:
    """Replace a draft order's lines with [(variant_id, quantity), ...]."""
    require(actor, "production.orders")
    wanted = variant_quantities(lines)
    with database.atomic():
        o = order_row(order_id)
        if o.state != "draft":
            raise ConflictError(_("{order_no} is {lower}: lines change only in a draft (reopen it first)").format(order_no=order_no(o.number), lower=_(STATE_LABELS[o.state]).lower()))
        existing = {ln.variant_id: ln for ln in o.lines}
        for vid, ln in existing.items():
            if vid not in wanted:
                ln.delete_instance(recursive=True)
        for vid, qty in wanted.items():
            if vid in existing:
                OrderLine.update(quantity=qty).where(OrderLine.id == existing[vid].id).execute()
            else:
                OrderLine.create(order=o, variant=vid, quantity=qty)
        audit.record(actor, AREA, "lines", "order", o.id,
                     f"{order_no(o.number)}: {sum(wanted.values())} pieces in {len(wanted)} lines")
    return get_order(actor, order_id)

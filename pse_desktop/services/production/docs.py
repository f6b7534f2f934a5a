"""Plain data for the production documents (work order, delivery note, monthly output),
the CSV/XLSX export of output, and the home page cards."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...db.catalog import Product, ProductVariant
from ...db.payroll import Worker
from ...db.production import Delivery, DeliveryLine, OrderLine, Output, ProductionOrder
from ..core import settings
from ..common import validate
from ..common.tables import Money
from ..shop.catalog import variant_label
from ..common.errors import NotFound, ValidationError
from ..core.home import Card
from .materials import format_qty
from ..core.permissions import Actor, can, require
from .orders import OPEN_STATES, PRIORITIES, STATE_LABELS, board, delivery_no, get_order, order_no
from .states import requirements
from ...i18n import _
from ...formats import format_date


@dataclass(frozen=True)
class WorkOrderDoc:
    org: str
    no: str
    customer: str
    due: dt.date
    priority: str
    state: str
    notes: str
    lines: tuple[tuple[str, str, int, int, int], ...]  # code, item, quantity, made, remaining
    materials: tuple[tuple[str, str, str, str, str], ...]  # code, material, needed, stock, short
    without_bom: tuple[str, ...]
    printed: dt.date


def work_order(actor: Actor, order_id: int, today: dt.date | None = None) -> WorkOrderDoc:
    o = get_order(actor, order_id)
    req = requirements(order_id)
    return WorkOrderDoc(
        settings.get("org_name"), o.no, o.customer, o.due, PRIORITIES.get(o.priority, ""),
        o.state_label, o.notes,
        tuple((ln.code, ln.label, ln.quantity, ln.made, ln.remaining) for ln in o.lines),
        tuple((n.code, n.label, format_qty(n.needed_milli, n.unit), format_qty(n.stock_milli, n.unit),
               format_qty(n.short_milli, n.unit) if n.short_milli else "") for n in req.needs),
        req.without_bom, today or dt.date.today())


@dataclass(frozen=True)
class DeliveryNoteDoc:
    org: str
    no: str
    order_no: str
    day: dt.date
    customer: str
    destination: str
    note: str
    lines: tuple[tuple[str, str, int, int, int, int], ...]  # code, item, ordered, now, to date, left
    short_reason: str
    pieces: int


def delivery_note(actor: Actor, delivery_id: int) -> DeliveryNoteDoc:
    require(actor, "production.view")
    d = Delivery.get_or_none(Delivery.id == delivery_id)
    if d is None:
        raise NotFound(_("delivery {delivery_id}").format(delivery_id=delivery_id))
    o = ProductionOrder.get_by_id(d.order_id)
    now = {dl.line_id: dl.quantity for dl in d.lines}
    to_date: dict[int, int] = {}
    for dl in (DeliveryLine.select().join(Delivery)
               .where(Delivery.order == o.id, Delivery.number <= d.number)):
        to_date[dl.line_id] = to_date.get(dl.line_id, 0) + dl.quantity
    rows = []
    # Every line of the order, so the customer sees what is still to come.
    for ln in (OrderLine.select(OrderLine, ProductVariant, Product).join(ProductVariant)
               .join(Product).where(OrderLine.order == o.id).order_by(ProductVariant.code)):
        v = ln.variant
        done = to_date.get(ln.id, 0)
        left = 0 if o.short_reason else max(0, ln.quantity - done)
        rows.append((v.code, variant_label(v.product.name_en, v.size, v.colour), ln.quantity,
                     now.get(ln.id, 0), done, left))
    dest = o.location.name if o.location_id and o.kind == "handicraft" else o.customer
    return DeliveryNoteDoc(settings.get("org_name"), delivery_no(d.number), order_no(o.number),
                           d.day, o.customer, dest, d.note, tuple(rows), o.short_reason,
                           sum(r[3] for r in rows))


# --------------------------------------------------------------------------- monthly output
@dataclass(frozen=True)
class MonthlyOutput:
    org: str
    first: dt.date
    last: dt.date
    by_worker: tuple[tuple[str, str, int], ...]  # code, name, pieces
    by_product: tuple[tuple[str, str, int], ...]  # product code, name, pieces
    total: int


def month_bounds(month) -> tuple[dt.date, dt.date]:
    from ..payroll.months import month_end, parse_month

    first = parse_month(month)
    return first, month_end(first)


def monthly_output(actor: Actor, month) -> MonthlyOutput:
    """Pieces sewn in a month (net of corrections), per worker and per product."""
    require(actor, "production.view")
    first, last = month_bounds(month)
    from peewee import fn

    total = fn.SUM(Output.pieces)
    workers = (Output.select(Worker.code, Worker.name_latin, total.alias("n")).join(Worker)
               .where(Output.day.between(first, last)).group_by(Worker.id)
               .order_by(total.desc(), Worker.code).tuples())
    products = (Output.select(Product.code, Product.name_en, total.alias("n"))
                .join(ProductVariant).join(Product)
                .where(Output.day.between(first, last)).group_by(Product.id)
                .order_by(total.desc(), Product.code).tuples())
    by_worker = tuple((c, n, int(q)) for c, n, q in workers if q)
    by_product = tuple((c, n, int(q)) for c, n, q in products if q)
    return MonthlyOutput(settings.get("org_name"), first, last, by_worker, by_product,
                         sum(r[2] for r in by_worker))


# --------------------------------------------------------------------------- export
HEADER = ["day", "order", "customer", "worker code", "worker", "variant code", "item", "pieces",
          "piece rate USD", "note"]


def output_table(actor: Actor, date_from, date_to) -> tuple[list[str], list[list]]:
    require(actor, "production.view")
    first = validate.date("from", date_from)
    last = validate.date("to", date_to)
    if last < first:
        raise ValidationError("to", _("must not be before the start"))
    from ...db.production import SewingRate

    rates = dict(SewingRate.select(SewingRate.variant, SewingRate.piece_rate_cents).tuples())
    query = (Output.select(Output, Worker, ProductVariant, Product, ProductionOrder)
             .join(Worker).switch(Output).join(ProductVariant).join(Product)
             .switch(Output).join(ProductionOrder)
             .where(Output.day.between(first, last)).order_by(Output.day, Output.id))
    rows = []
    for r in query:
        v = r.variant
        day = r.day if isinstance(r.day, dt.date) else dt.date.fromisoformat(str(r.day))
        rows.append([day, order_no(r.order.number), r.order.customer, r.worker.code,
                     r.worker.name_latin, v.code, variant_label(v.product.name_en, v.size, v.colour),
                     r.pieces, Money(rates.get(v.id, 0)), r.over_reason])
    return HEADER, rows


def export_output(actor: Actor, date_from, date_to, out) -> int:
    """Write the output of a period to CSV or XLSX (by the file's extension); return rows."""
    from ..centres.export import write_table

    header, rows = output_table(actor, date_from, date_to)
    write_table(out, header, rows, sheet="Production output")
    return len(rows)


# --------------------------------------------------------------------------- home
def home_cards(actor: Actor, target) -> list[Card]:
    if not can(actor, "production.view"):
        return []
    from .materials import list_materials

    today = dt.date.today()
    soon = today + dt.timedelta(days=settings.get("production_due_soon_days"))
    orders = board(actor, today=today)
    overdue = [o for o in orders if o.overdue(today)]
    due_soon = [o for o in orders if not o.overdue(today) and o.due <= soon]
    cards = []
    lines = [_("{no} {customer}: due {due}, {made}/{quantity} made").format(
        no=o.no, customer=o.customer, due=format_date(o.due), made=o.made, quantity=o.quantity)
             for o in overdue[:5]]
    if len(overdue) > 5:
        lines.append(_("... and {value} more").format(value=len(overdue) - 5))
    if overdue:
        cards.append(Card(_("Overdue production orders"), tuple(lines), "production_board", "danger"))
    if due_soon:
        cards.append(Card(_("Production due soon"), tuple(
            _("{no} {customer}: due {due}, {state}").format(
                no=o.no, customer=o.customer, due=format_date(o.due), state=o.state_label.lower())
            for o in due_soon[:5]), "production_board", "warning"))
    low = list_materials(low_only=True)
    if low:
        cards.append(Card(_("Materials low"), tuple(
            f"{m.code} {m.label}: {format_qty(m.stock_milli, m.unit)}" for m in low[:5]),
            "production_materials", "warning"))
    return cards


__all__ = ["work_order", "delivery_note", "monthly_output", "export_output", "home_cards",
           "OPEN_STATES", "STATE_LABELS"]

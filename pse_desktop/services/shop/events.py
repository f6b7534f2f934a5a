"""Sales events in France: an event box is a stock location; stock goes in, sells in euros,
and at the end what comes back returns to stock and the rest is written off as lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import Case, fn

from ...db import database
from ...db.catalog import Product, ProductVariant
from ...db.core import Shop
from ...db.shop import Sale, SaleLine, ShopEvent, StockLocation, StockMove
from ..core import audit, settings
from ..common import validate
from .catalog import variant_label
from ..common.errors import ConflictError, NotFound, ValidationError
from ..core.permissions import Actor, require
from .locations import AREA, _create_location, location_ids_for, location_row
from .stock import balance, post_move, transfer
from ...i18n import _


@dataclass(frozen=True)
class EventInfo:
    id: int
    name: str
    place: str
    start: dt.date
    end: dt.date
    box_id: int
    box_code: str
    home_id: int
    home_code: str
    state: str


def _info(e: ShopEvent) -> EventInfo:
    return EventInfo(e.id, e.name, e.place, e.start, e.end, e.box_id, e.box.code, e.home_id,
                     e.home.code, e.state)


def create_event(actor: Actor, name: str, place: str, start, end, home_location_id: int,
                 shop_id: int | None = None) -> EventInfo:
    """Create an event and its stock box, run by a French shop's staff (the home's shop)."""
    home = location_row(home_location_id)
    shop_id = shop_id if shop_id is not None else home.shop_id
    require(actor, "shop.events", shop_id=shop_id)
    name = validate.name("name", name, 80)
    place = validate.text("place", place, 80, required=False)
    start, end = validate.date("start", start), validate.date("end", end)
    if end < start:
        raise ValidationError("end", _("the event ends before it starts"))
    if shop_id is None or Shop.get_or_none(Shop.id == shop_id) is None:
        raise ValidationError("shop", _("choose the shop whose volunteers run the event"))
    with database.atomic():
        n = ShopEvent.select().count() + 1
        code = f"EV{n:03d}"
        while StockLocation.select().where(StockLocation.code == code).exists():
            n += 1
            code = f"EV{n:03d}"
        box = _create_location(actor, code, f"{name} {start:%d/%m/%Y}"[:80], "event", shop_id, "EUR")
        event = ShopEvent.create(name=name, place=place, start=start, end=end, box=box.id,
                                 home=home.id)
        audit.record(actor, AREA, "create", "event", event.id,
                     f"event {name} ({place}) {start}..{end}, box {code}")
    return _info(event)


def list_events(actor: Actor | None = None) -> list[EventInfo]:
    rows = [_info(e) for e in ShopEvent.select().order_by(ShopEvent.start.desc())]
    limit = location_ids_for(actor) if actor is not None else None
    if limit is not None:
        rows = [e for e in rows if e.box_id in limit]
    return rows


def _event(event_id: int) -> ShopEvent:
    e = ShopEvent.get_or_none(ShopEvent.id == event_id)
    if e is None:
        raise NotFound(_("event {event_id}").format(event_id=event_id))
    return e


def send_stock(actor: Actor, event_id: int, lines, day: dt.date | None = None) -> str:
    """Move stock from the event's home location into its box."""
    e = _event(event_id)
    if e.state != "open":
        raise ConflictError(_("This event is reconciled: it takes no more stock."))
    return transfer(actor, e.home_id, e.box_id, lines, note=f"to event {e.name}", day=day)


@dataclass(frozen=True)
class EventLine:
    code: str
    name: str
    sent: int
    sold: int
    returned: int
    lost: int
    left: int  # still in the box (0 once reconciled)
    sales_eur: int


@dataclass(frozen=True)
class EventReport:
    org_name: str
    event: EventInfo
    lines: list
    sales_count: int
    total_eur: int
    cash: dict


def event_report(event_id: int) -> EventReport:
    """Sent, sold, returned to stock and lost per product, from the box's ledger."""
    e = _event(event_id)
    q = StockMove.quantity
    rows = (StockMove.select(
        ProductVariant.id, ProductVariant.code, Product.name_en, ProductVariant.size,
        ProductVariant.colour,
        fn.SUM(Case(None, [((StockMove.kind == "transfer") & (q > 0), q)], 0)),
        fn.SUM(Case(None, [(StockMove.kind.in_(["sale", "return", "void"]), q * -1)], 0)),
        fn.SUM(Case(None, [((StockMove.kind == "transfer") & (q < 0), q * -1)], 0)),
        fn.SUM(Case(None, [(StockMove.kind.in_(["lost", "damage", "count"]), q * -1)], 0)),
        fn.SUM(q))
        .join(ProductVariant).join(Product)
        .where(StockMove.location == e.box_id)
        .group_by(ProductVariant.id, Product.id).order_by(ProductVariant.code).tuples())
    amounts = dict(SaleLine.select(SaleLine.variant, fn.SUM(SaleLine.amount)).join(Sale)
                   .where(Sale.location == e.box_id).group_by(SaleLine.variant).tuples())
    lines = [EventLine(code, variant_label(name, size, colour), sent, sold, ret, lost, left,
                       amounts.get(vid, 0))
             for vid, code, name, size, colour, sent, sold, ret, lost, left in rows]
    sales = Sale.select().where(Sale.location == e.box_id)
    cash = {"EUR": sum(s.paid_eur - s.change_eur for s in sales),
            "USD": sum(s.paid_usd - s.change_usd for s in sales)}
    return EventReport(settings.get("org_name"), _info(e), lines,
                       sales.where(Sale.kind == "sale").count(), sum(amounts.values()), cash)


def reconcile(actor: Actor, event_id: int, returned: dict[int, object],
              day: dt.date | None = None) -> EventReport:
    """Close an event: ``returned`` pieces go back home, the rest of the box is written off lost."""
    e = _event(event_id)
    box = e.box
    require(actor, "shop.events", shop_id=box.shop_id)
    day = day or dt.date.today()
    clean = {vid: validate.integer("returned", q or 0, 0) for vid, q in returned.items()}
    with database.atomic():
        if e.state != "open":
            raise ConflictError(_("This event is already reconciled."))
        held = {vid: balance(vid, box.id) for vid in
                {m.variant_id for m in StockMove.select(StockMove.variant).where(
                    StockMove.location == box.id)}}
        for vid, qty in clean.items():
            if qty > max(held.get(vid, 0), 0):
                code = ProductVariant.get_by_id(vid).code
                raise ValidationError("returned", _("only {get} of {code} are left in the box").format(get=held.get(vid, 0), code=code))
        ref = f"event:{e.id}"
        lost_total = 0
        for vid, have in held.items():
            back = clean.get(vid, 0)
            if back:
                post_move(actor, vid, box.id, -back, "transfer", day, ref, "back from the event")
                post_move(actor, vid, e.home_id, back, "transfer", day, ref, "back from the event")
            lost = have - back
            if lost:
                post_move(actor, vid, box.id, -lost, "lost", day, ref, "not back from the event")
                lost_total += lost
        ShopEvent.update(state="reconciled", reconciled_at=dt.datetime.now()).where(
            ShopEvent.id == e.id).execute()
        audit.record(actor, AREA, "reconcile", "event", e.id,
                     f"event {e.name} reconciled: {sum(clean.values())} pieces back to "
                     f"{e.home.code}, {lost_total} lost")
    return event_report(e.id)


def write_event_report(event_id: int, out):
    from ...reports.shop.events import render_event_report

    render_event_report(event_report(event_id), out)
    return out

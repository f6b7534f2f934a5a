"""Pieces sewn on production orders, and deliveries of finished pieces.

Recording output (per day, worker and variant) in one transaction:
* checks the order asks for that many more pieces (more only with a reason);
* takes the materials of the bill of materials (with waste) out of stock, refusing to go below
  zero without a reason;
* writes the pieces into the payroll's ``PieceOutput`` (source 'production') so piece-rate pay
  counts them, through the payroll's own service;
* moves the order to in progress, or done when every line is complete.

A delivery takes ready pieces (made, not yet delivered), partly or all; handicrafts go into the
order's shop stock location as 'receive' movements of the shop's stock ledger.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...db import database
from ...db.catalog import Product, ProductVariant
from ...db.payroll import PieceOutput, Worker
from ...db.production import Delivery, DeliveryLine, Material, OrderLine, Output, ProductionOrder
from ..core import audit
from ..common import validate
from ..shop.catalog import variant_label
from ..common.errors import ConflictError, NotFound, ValidationError
from .materials import format_qty, needed_milli, post_move, sewing_rate
from ..core.permissions import Actor, require
from .states import advance_state
from .orders import AREA, STATE_LABELS, delivery_no, next_number, order_no, order_row
from ...i18n import _

OUTPUT_STATES = ("confirmed", "in_progress", "done")


@dataclass(frozen=True)
class OutputEntry:
    """One cell of output to record: a worker's pieces of a variant on a day."""

    day: dt.date
    worker_id: int
    variant_id: int
    pieces: int


def _clean_entries(entries) -> list[OutputEntry]:
    out = []
    for e in entries:
        if isinstance(e, dict):
            e = OutputEntry(e.get("day"), e.get("worker_id"), e.get("variant_id"), e.get("pieces"))
        day = validate.date("day", e.day)
        pieces = validate.integer("pieces", e.pieces, 1, 10_000)
        out.append(OutputEntry(day, e.worker_id, e.variant_id, pieces))
    if not out:
        raise ValidationError("pieces", _("enter the pieces sewn"))
    return out


def record_output(actor: Actor, order_id: int, entries, *, over_reason: str = "",
                  shortage_reason: str = "", today: dt.date | None = None) -> list[int]:
    """Record pieces sewn on an order; return the new output ids. All or nothing."""
    require(actor, "production.output")
    entries = _clean_entries(entries)
    over_reason = validate.text("reason for more pieces", over_reason, 200, required=False)
    shortage_reason = validate.text("reason for missing material", shortage_reason, 200,
                                    required=False)
    today = today or dt.date.today()
    for e in entries:
        if e.day > today:
            raise ValidationError("day", _("{day} is in the future").format(day=e.day))
    ids = []
    with database.atomic():
        o = order_row(order_id)
        if o.state not in OUTPUT_STATES:
            raise ConflictError(_("{order_no} is {lower}: output is recorded on confirmed orders and orders in progress").format(order_no=order_no(o.number), lower=_(STATE_LABELS[o.state]).lower()))
        lines = {ln.variant_id: ln for ln in OrderLine.select().where(OrderLine.order == o.id)}
        workers = {w.id: w for w in Worker.select().where(
            Worker.id.in_([e.worker_id for e in entries]))}
        added: dict[int, int] = {}
        for e in entries:
            if e.worker_id not in workers:
                raise ValidationError("worker", _("no worker {worker_id}").format(worker_id=e.worker_id))
            if e.variant_id not in lines:
                raise ValidationError("product", _("{order_no} has no line for this product").format(order_no=order_no(o.number)))
            added[e.variant_id] = added.get(e.variant_id, 0) + e.pieces
        codes = dict(ProductVariant.select(ProductVariant.id, ProductVariant.code)
                     .where(ProductVariant.id.in_(list(added))).tuples())
        for vid, n in added.items():
            ln = lines[vid]
            if ln.made + n > ln.quantity and not over_reason:
                left = max(0, ln.quantity - ln.made)
                raise ValidationError(
                    "pieces", _("{order_no} asks for {quantity} of {value}, {made} made: only {left} more. Give a reason to record {n}.").format(order_no=order_no(o.number), quantity=ln.quantity, value=codes[vid], made=ln.made, left=left, n=n))
        from ...db.production import BomLine

        boms: dict[int, list] = {}
        for b in BomLine.select(BomLine, Material).join(Material).where(
                BomLine.variant.in_(list(added))):
            boms.setdefault(b.variant_id, []).append(b)
        piece_rows = []
        for e in entries:
            ln = lines[e.variant_id]
            over = over_reason if ln.made + e.pieces > ln.quantity else ""
            out = Output.create(day=e.day, worker=e.worker_id, order=o.id, line=ln.id,
                                variant=e.variant_id, pieces=e.pieces, over_reason=over,
                                user=actor.id)
            ids.append(out.id)
            OrderLine.update(made=OrderLine.made + e.pieces).where(OrderLine.id == ln.id).execute()
            ln.made += e.pieces
            for b in boms.get(e.variant_id, []):
                used = needed_milli(b.qty_milli, b.waste_pct, e.pieces)
                post_move(actor, b.material, -used, "use", e.day, order_id=o.id, output_id=out.id,
                          note=f"{order_no(o.number)} {codes[e.variant_id]} x{e.pieces}",
                          negative_reason=shortage_reason)
            product = ln.variant.product
            piece_rows.append({
                "worker_id": e.worker_id, "day": e.day, "pieces": e.pieces,
                "item_label": variant_label(product.name_en, ln.variant.size, ln.variant.colour)[:80],
                "variant_code": codes[e.variant_id], "piece_rate": sewing_rate(e.variant_id),
                "ref": f"output:{out.id}"})
        _write_pieces(actor, piece_rows)
        advance_state(actor, o)
        audit.record(actor, AREA, "output", "order", o.id,
                     f"{order_no(o.number)}: {sum(e.pieces for e in entries)} pieces recorded in "
                     f"{len(entries)} rows" + (f"; more than asked: {over_reason}" if over_reason
                                               else "")
                     + (f"; material below zero: {shortage_reason}" if shortage_reason else ""))
    return ids


def _write_pieces(actor: Actor, rows: list[dict]) -> None:
    """Pieces sewn go to the payroll area through its service, one call per output row so each
    keeps its reference (a finalised payroll month refuses them, and so refuses the output)."""
    from ..payroll import timesheets

    for r in rows:
        ref = r.pop("ref")
        timesheets.record_pieces(actor, [r], source="production", source_ref=ref)


def correct_output(actor: Actor, output_id: int, reason: str) -> int:
    """Undo an output row mistaken: a negative row, materials back, pieces out of payroll."""
    require(actor, "production.output")
    reason = validate.text("reason", reason, 200)
    from ..payroll import timesheets

    with database.atomic():
        out = Output.get_or_none(Output.id == output_id)
        if out is None:
            raise NotFound(_("output {output_id}").format(output_id=output_id))
        if out.pieces < 0 or Output.select().where(Output.corrects == out.id).exists():
            raise ConflictError(_("this output is already corrected"))
        o = order_row(out.order_id)
        if o.state not in OUTPUT_STATES:
            raise ConflictError(_("{order_no} is {lower}").format(order_no=order_no(o.number), lower=_(STATE_LABELS[o.state]).lower()))
        ln = OrderLine.get_by_id(out.line_id)
        if ln.made - out.pieces < ln.delivered:
            raise ConflictError(_("these pieces are already delivered"))
        fix = Output.create(day=out.day, worker=out.worker_id, order=o.id, line=ln.id,
                            variant=out.variant_id, pieces=-out.pieces, corrects=out.id,
                            over_reason=reason, user=actor.id)
        OrderLine.update(made=OrderLine.made - out.pieces).where(OrderLine.id == ln.id).execute()
        for mv in out.material_moves:
            post_move(actor, mv.material, -mv.qty_milli, "return", out.day, order_id=o.id,
                      output_id=fix.id, note=f"output {out.id} corrected: {reason}")
        for p in PieceOutput.select().where(PieceOutput.source == "production",
                                            PieceOutput.source_ref == f"output:{out.id}"):
            timesheets.delete_pieces(actor, p.id)
        advance_state(actor, o)
        audit.record(actor, AREA, "correct", "output", out.id,
                     f"{order_no(o.number)}: {out.pieces} pieces of {out.day} taken back: {reason}")
    return fix.id


@dataclass(frozen=True)
class OutputRow:
    id: int
    day: dt.date
    worker_id: int
    worker_code: str
    worker_name: str
    variant_code: str
    label: str
    pieces: int
    note: str
    corrected: bool


def order_output(actor: Actor, order_id: int) -> list[OutputRow]:
    require(actor, "production.view")
    query = (Output.select(Output, Worker, ProductVariant, Product)
             .join(Worker).switch(Output).join(ProductVariant).join(Product)
             .where(Output.order == order_id).order_by(Output.day.desc(), Output.id.desc()))
    rows = list(query)
    corrected = {r.corrects_id for r in rows if r.corrects_id}
    return [OutputRow(r.id, r.day, r.worker_id, r.worker.code, r.worker.name_latin, r.variant.code,
                      variant_label(r.variant.product.name_en, r.variant.size, r.variant.colour),
                      r.pieces, r.over_reason, r.id in corrected) for r in rows]


# --------------------------------------------------------------------------- deliveries
@dataclass(frozen=True)
class DeliveryInfo:
    id: int
    number: int
    no: str
    order_id: int
    day: dt.date
    note: str
    pieces: int
    state_after: str


def deliver(actor: Actor, order_id: int, lines, *, day=None, note: str = "",
            today: dt.date | None = None) -> DeliveryInfo:
    """Deliver ready pieces {line_id: quantity}; the rest stays open. Return the delivery."""
    require(actor, "production.deliver")
    items = lines.items() if isinstance(lines, dict) else lines
    wanted = {}
    for line_id, qty in items:
        qty = validate.integer("quantity", qty if qty not in (None, "") else 0, 0, 100_000)
        if qty:
            wanted[line_id] = wanted.get(line_id, 0) + qty
    if not wanted:
        raise ValidationError("quantity", _("enter the pieces to deliver"))
    today = today or dt.date.today()
    day = validate.date("day", day, required=False) or today
    if day > today:
        raise ValidationError("day", _("{day} is in the future").format(day=day))
    note = validate.text("note", note, 200, required=False)
    with database.atomic():
        o = order_row(order_id)
        if o.state not in OUTPUT_STATES:
            raise ConflictError(_("{order_no} is {lower}: nothing to deliver").format(order_no=order_no(o.number), lower=_(STATE_LABELS[o.state]).lower()))
        lines_by_id = {ln.id: ln for ln in OrderLine.select().where(OrderLine.order == o.id)}
        for line_id, qty in wanted.items():
            ln = lines_by_id.get(line_id)
            if ln is None:
                raise ValidationError("quantity", _("line {line_id} is not on {order_no}").format(line_id=line_id, order_no=order_no(o.number)))
            ready = ln.made - ln.delivered
            if qty > ready:
                raise ValidationError("quantity", _("only {ready} of {code} are ready to deliver; {qty} asked").format(ready=ready, code=ln.variant.code, qty=qty))
        d = Delivery.create(number=next_number(Delivery), order=o.id, day=day, note=note,
                            user=actor.id)
        for line_id, qty in wanted.items():
            ln = lines_by_id[line_id]
            DeliveryLine.create(delivery=d, line=line_id, quantity=qty, delivered_before=ln.delivered)
            OrderLine.update(delivered=OrderLine.delivered + qty).where(
                OrderLine.id == line_id).execute()
        if o.kind == "handicraft" and o.location_id:
            from ..shop import stock

            stock.receive(actor, o.location_id,
                          [(lines_by_id[lid].variant_id, q) for lid, q in wanted.items()],
                          note=f"{order_no(o.number)} {delivery_no(d.number)}", source="production",
                          ref=f"production:{delivery_no(d.number)}", day=day)
        state = advance_state(actor, o)
        audit.record(actor, AREA, "deliver", "order", o.id,
                     f"{delivery_no(d.number)}: {sum(wanted.values())} pieces of "
                     f"{order_no(o.number)} delivered" + (f": {note}" if note else ""))
    return DeliveryInfo(d.id, d.number, delivery_no(d.number), o.id, day, note,
                        sum(wanted.values()), state)


def list_deliveries(actor: Actor, order_id: int) -> list[DeliveryInfo]:
    require(actor, "production.view")
    out = []
    for d in Delivery.select().where(Delivery.order == order_id).order_by(Delivery.number):
        pieces = sum(dl.quantity for dl in d.lines)
        out.append(DeliveryInfo(d.id, d.number, delivery_no(d.number), d.order_id, d.day, d.note,
                                pieces, ""))
    return out


def material_use(actor: Actor, order_id: int) -> list[tuple[str, str, str]]:
    """(material code, label, quantity used) by an order so far, net of returns."""
    require(actor, "production.view")
    from ...db.production import MaterialMove

    totals: dict[int, int] = {}
    for mv in MaterialMove.select().where(MaterialMove.order == order_id,
                                          MaterialMove.kind.in_(["use", "return"])):
        totals[mv.material_id] = totals.get(mv.material_id, 0) - mv.qty_milli
    mats = {m.id: m for m in Material.select().where(Material.id.in_(list(totals)))}
    return [(mats[k].code, mats[k].name, format_qty(v, mats[k].unit))
            for k, v in sorted(totals.items(), key=lambda kv: mats[kv[0]].code)]


def delivery_row(delivery_id: int) -> Delivery:
    d = Delivery.get_or_none(Delivery.id == delivery_id)
    if d is None:
        raise NotFound(_("delivery {delivery_id}").format(delivery_id=delivery_id))
    return d


__all__ = ["OutputEntry", "record_output", "correct_output", "order_output", "deliver",
           "list_deliveries", "material_use", "ProductionOrder"]

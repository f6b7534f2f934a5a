"""Production order states: materials needed against stock, and every transition with its rules.

See ``production.py`` for the states; each function here checks the state it starts from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...db import database
from ...db.catalog import ProductVariant
from ...db.production import BomLine, Material, OrderLine, ProductionOrder
from ..core import audit
from ..common import validate
from ..common.errors import ConflictError, ValidationError
from ..core.permissions import Actor, internal, require
from .orders import AREA, STATE_LABELS, order_no, order_row
from ...i18n import _

# --------------------------------------------------------------------------- materials needed
@dataclass(frozen=True)
class Need:
    material_id: int
    code: str
    label: str
    unit: str
    needed_milli: int
    stock_milli: int

    @property
    def short_milli(self) -> int:
        return max(0, self.needed_milli - self.stock_milli)


@dataclass(frozen=True)
class Requirements:
    needs: tuple[Need, ...]
    without_bom: tuple[str, ...]  # variant codes with no bill of materials

    @property
    def shortages(self) -> tuple[Need, ...]:
        return tuple(n for n in self.needs if n.short_milli > 0)


def requirements(order_id: int, remaining_only: bool = True) -> Requirements:
    """Materials the order's pieces still to sew need (with waste), against today's stock."""
    from .materials import needed_milli

    lines = list(OrderLine.select().where(OrderLine.order == order_id))
    pieces = {ln.variant_id: (max(0, ln.quantity - ln.made) if remaining_only else ln.quantity)
              for ln in lines}
    totals: dict[int, int] = {}
    has_bom = set()
    for b in BomLine.select().where(BomLine.variant.in_(list(pieces))):
        has_bom.add(b.variant_id)
        totals[b.material_id] = totals.get(b.material_id, 0) + needed_milli(
            b.qty_milli, b.waste_pct, pieces[b.variant_id])
    mats = {m.id: m for m in Material.select().where(Material.id.in_(list(totals)))}
    needs = tuple(sorted(
        (Need(mid, mats[mid].code, f"{mats[mid].name} ({mats[mid].colour})" if mats[mid].colour
              else mats[mid].name, mats[mid].unit, qty, mats[mid].stock_milli)
         for mid, qty in totals.items() if qty > 0), key=lambda n: n.code))
    codes = {v.id: v.code for v in ProductVariant.select().where(ProductVariant.id.in_(list(pieces)))}
    missing = tuple(sorted(codes[v] for v in pieces if v not in has_bom))
    return Requirements(needs, missing)


# --------------------------------------------------------------------------- transitions
def _set_state(actor: Actor, o: ProductionOrder, state: str, summary: str, **extra) -> None:
    ProductionOrder.update(state=state, **extra).where(ProductionOrder.id == o.id).execute()
    audit.record(actor, AREA, state, "order", o.id, f"{order_no(o.number)} {summary}")


def confirm(actor: Actor, order_id: int) -> Requirements:
    """Confirm a draft: the workshop will sew it. Return the materials needed and shortages."""
    require(actor, "production.orders")
    with database.atomic():
        o = order_row(order_id)
        if o.state != "draft":
            raise ConflictError(_("{order_no} is {lower}, not a draft").format(order_no=order_no(o.number), lower=_(STATE_LABELS[o.state]).lower()))
        if not o.lines.exists():
            raise ValidationError("lines", _("add at least one line before confirming"))
        req = requirements(o.id)
        short = ", ".join(f"{n.code} short {n.short_milli / 1000:g} {n.unit}" for n in req.shortages)
        _set_state(actor, o, "confirmed", "confirmed" + (f"; shortages: {short}" if short else ""),
                   confirmed_at=dt.datetime.now())
    return req


def reopen(actor: Actor, order_id: int) -> None:
    """Take a confirmed order back to draft to change its lines (nothing sewn yet)."""
    require(actor, "production.orders")
    with database.atomic():
        o = order_row(order_id)
        if o.state != "confirmed":
            raise ConflictError(_("only a confirmed order can go back to draft; {order_no} is {lower}").format(order_no=order_no(o.number), lower=_(STATE_LABELS[o.state]).lower()))
        if OrderLine.select().where(OrderLine.order == o.id, OrderLine.made != 0).exists():
            raise ConflictError(_("pieces of {order_no} are already sewn").format(order_no=order_no(o.number)))
        _set_state(actor, o, "draft", "back to draft", confirmed_at=None)


def start(actor: Actor, order_id: int) -> None:
    """Mark a confirmed order as in progress (the first output does it too)."""
    require(actor, "production.orders")
    with database.atomic():
        o = order_row(order_id)
        if o.state != "confirmed":
            raise ConflictError(_("{order_no} is {lower}, not confirmed").format(order_no=order_no(o.number), lower=_(STATE_LABELS[o.state]).lower()))
        _set_state(actor, o, "in_progress", "started")


def cancel(actor: Actor, order_id: int, reason: str) -> None:
    """Cancel an order nothing has been sewn for; with a reason."""
    require(actor, "production.orders")
    reason = validate.text("reason", reason, 200)
    with database.atomic():
        o = order_row(order_id)
        if o.state not in ("draft", "confirmed"):
            raise ConflictError(_("{order_no} is {lower}; an order with pieces sewn is closed short instead").format(order_no=order_no(o.number), lower=_(STATE_LABELS[o.state]).lower()))
        if OrderLine.select().where(OrderLine.order == o.id, OrderLine.made != 0).exists():
            raise ConflictError(_("pieces of {order_no} are already sewn; close it short").format(order_no=order_no(o.number)))
        _set_state(actor, o, "cancelled", f"cancelled: {reason}", cancel_reason=reason,
                   closed_at=dt.datetime.now())


def close_short(actor: Actor, order_id: int, reason: str) -> str:
    """Stop sewing an order before all its pieces are made; return the new state.

    What is made stays to be delivered (done), or the order is delivered if nothing is left.
    """
    require(actor, "production.orders")
    reason = validate.text("reason", reason, 200)
    with database.atomic():
        o = order_row(order_id)
        if o.state not in ("confirmed", "in_progress"):
            raise ConflictError(_("{order_no} is {lower}; only a confirmed order or one in progress can be closed short").format(order_no=order_no(o.number), lower=_(STATE_LABELS[o.state]).lower()))
        lines = list(o.lines)
        made = sum(ln.made for ln in lines)
        if made <= 0:
            raise ConflictError(_("nothing of {order_no} is sewn yet: cancel it instead").format(order_no=order_no(o.number)))
        ready = sum(ln.made - ln.delivered for ln in lines)
        state = "done" if ready > 0 else "delivered"
        short = sum(max(0, ln.quantity - ln.made) for ln in lines)
        _set_state(actor, o, state, f"closed short by {short} pieces: {reason}", short_reason=reason,
                   closed_at=dt.datetime.now() if state == "delivered" else None)
    return state


@internal
def advance_state(actor: Actor, o: ProductionOrder) -> str:
    """After output or a delivery: move the order to the state its figures call for."""
    lines = list(OrderLine.select().where(OrderLine.order == o.id))
    o = order_row(o.id)
    complete = all(ln.made >= ln.quantity for ln in lines) or bool(o.short_reason)
    all_delivered = all(ln.delivered >= ln.made for ln in lines)
    made = sum(ln.made for ln in lines)
    state = o.state
    if state in ("cancelled", "delivered"):
        return state
    if complete and all_delivered and made > 0:
        state = "delivered"
    elif complete and made > 0:
        state = "done"
    elif made > 0:
        state = "in_progress"
    if state != o.state:
        extra = {"closed_at": dt.datetime.now()} if state == "delivered" else {}
        _set_state(actor, o, state, f"now {_(STATE_LABELS[state]).lower()}", **extra)
    return state

"""Returns and voids: new sale records pointing to the original, with a reason; never an edit.

A return takes some pieces back into stock and refunds their amount (in dollars or riel, euros
at events). A void cancels a whole sale of today and gives back exactly what was paid.
"""

from __future__ import annotations

import datetime as dt

from ...db import database
from ...db.catalog import Product, ProductVariant
from ...db.shop import Sale, SaleLine, StockLocation
from ..core import audit
from ..common import validate
from ..common.errors import ConflictError, ValidationError
from ..core.permissions import Actor
from .sales import Rates, _refuse_closed, _next_number, _sale_row, round_riel
from ...formats import format_money
from .locations import AREA, require_at
from .stock import post_move
from ...i18n import _


def returnable(sale_id: int) -> dict[int, int]:
    """Return {variant id: pieces that may still be returned} for a sale."""
    sale = _sale_row(sale_id)
    left: dict[int, int] = {}
    for line in SaleLine.select().where(SaleLine.sale == sale.id):
        left[line.variant_id] = left.get(line.variant_id, 0) + line.quantity
    for corr in Sale.select().where(Sale.original == sale.id):
        for line in SaleLine.select().where(SaleLine.sale == corr.id):
            left[line.variant_id] = left.get(line.variant_id, 0) + line.quantity
    return {k: v for k, v in left.items() if v > 0}


def _refund(loc: StockLocation, amount: int, refund_in: str, rates: Rates) -> tuple[int, int, int]:
    """Return (usd, khr, eur) given back for ``amount`` minor units of the location's currency."""
    if loc.currency == "EUR":
        return 0, 0, amount
    if refund_in == "KHR":
        return 0, round_riel(rates.to_minor(amount, "USD", "KHR")), 0
    return amount, 0, 0


def return_items(actor: Actor, sale_id: int, lines, reason: str, *, refund_in: str = "USD",
                 day: dt.date | None = None, rates: Rates | None = None) -> int:
    """Take pieces of a sale back into stock and give the money back; return the new record's id."""
    original = _sale_row(sale_id)
    loc = original.location
    require_at(actor, "shop.sell", loc)
    reason = validate.text("reason", reason, 200)
    refund_in = validate.choice("refund in", refund_in, ("USD", "KHR"))
    if original.kind != "sale":
        raise ConflictError(_("Only a sale can be returned, not a return or a void."))
    items = lines.items() if isinstance(lines, dict) else lines
    wanted = {vid: validate.integer("quantity", q, 1) for vid, q in items}
    if not wanted:
        raise ValidationError("quantity", _("choose at least one piece to return"))
    rates = rates or Rates.current()
    day = day or dt.date.today()
    with database.atomic():
        _refuse_closed(loc, day)
        left = returnable(original.id)
        for vid, qty in wanted.items():
            if qty > left.get(vid, 0):
                code = ProductVariant.get_by_id(vid).code
                raise ValidationError("quantity", _(
                    "only {get} of {code} can still be returned from sale {number}").format(
                    get=left.get(vid, 0), code=code, number=original.number))
        sold = {}  # variant -> (first line, pieces, amount, discount) over the sale's lines
        for line in SaleLine.select().where(SaleLine.sale == original.id, SaleLine.quantity > 0):
            first, pieces, amount, disc = sold.get(line.variant_id, (line, 0, 0, 0))
            sold[line.variant_id] = (first, pieces + line.quantity, amount + line.amount,
                                     disc + line.discount)
        rows, total = [], 0
        for vid, qty in wanted.items():
            line, pieces, paid, given = sold[vid]
            # The share of pieces already returned plus these, minus the share already refunded:
            # returning every piece, in any steps, gives back exactly what was paid.
            before = pieces - left[vid]
            amount = paid * (before + qty) // pieces - paid * before // pieces
            disc = given * (before + qty) // pieces - given * before // pieces
            rows.append((vid, qty, line.unit_price, disc, amount, line.cost))
            total += amount
        refund = _refund(loc, total, refund_in, rates)
        sale_id_new = _record_correction(actor, original, "return", reason, rows, day, rates,
                                         paid=(0, 0, 0), change=refund)
        audit.record(actor, AREA, "return", "sale", sale_id_new,
                     f"return of {sum(wanted.values())} items from sale {loc.code}-"
                     f"{original.number}: {reason}; refunded "
                     + " + ".join(format_money(a, c) for a, c in zip(refund, ("USD", "KHR", "EUR")) if a))
    return sale_id_new


def void_sale(actor: Actor, sale_id: int, reason: str, *, day: dt.date | None = None) -> int:
    """Cancel a whole sale of today: stock back, money back exactly as paid; return the void's id."""
    original = _sale_row(sale_id)
    loc = original.location
    require_at(actor, "shop.sell", loc)
    reason = validate.text("reason", reason, 200)
    day = day or dt.date.today()
    if original.kind != "sale":
        raise ConflictError(_("Only a sale can be voided."))
    if original.day != day:
        raise ConflictError(_("Only a sale of today can be voided; use a return for older sales."))
    with database.atomic():
        _refuse_closed(loc, day)
        if Sale.select().where(Sale.original == original.id).exists():
            raise ConflictError(_("Sale {number} already has a void or a return.").format(number=original.number))
        rows = [(ln.variant_id, ln.quantity, ln.unit_price, ln.discount, ln.amount, ln.cost)
                for ln in SaleLine.select().where(SaleLine.sale == original.id)]
        rates = Rates(original.khr_per_usd, original.eur_per_usd_milli)
        new_id = _record_correction(
            actor, original, "void", reason, rows, day, rates,
            paid=(original.change_usd, original.change_khr, original.change_eur),
            change=(original.paid_usd, original.paid_khr, original.paid_eur))
        audit.record(actor, AREA, "void", "sale", new_id,
                     f"void of sale {loc.code}-{original.number} "
                     f"({format_money(original.total, original.currency)}): {reason}")
    return new_id


def _record_correction(actor, original, kind, reason, rows, day, rates, paid, change) -> int:
    loc = original.location
    subtotal = -sum(price * qty for _, qty, price, *_ in rows)
    discount = -sum(disc for _, _, _, disc, *_ in rows)
    number = _next_number(loc.id)
    sale = Sale.create(location=loc, number=number, kind=kind, original=original, reason=reason,
                       day=day, at=dt.datetime.now(), user=actor.id, currency=original.currency,
                       subtotal=subtotal, discount=discount, total=subtotal - discount,
                       khr_per_usd=rates.khr_per_usd, eur_per_usd_milli=rates.eur_per_usd_milli,
                       paid_usd=paid[0], paid_khr=paid[1], paid_eur=paid[2],
                       change_usd=change[0], change_khr=change[1], change_eur=change[2])
    SaleLine.insert_many([
        {"sale": sale.id, "variant": vid, "quantity": -qty, "unit_price": price,
         "discount": -disc, "amount": -amount, "cost": cost, "day": day}
        for vid, qty, price, disc, amount, cost in rows]).execute()
    for vid, qty, *_rest in rows:
        post_move(actor, vid, loc.id, qty, kind, day, f"{kind}:{sale.id}", reason)
    return sale.id


def returnable_lines(sale_id: int) -> list[tuple[int, str, str, int, int]]:
    """Return (variant id, code, name, pieces still returnable, unit price) of a sale."""
    from .catalog import variant_label

    left = returnable(sale_id)
    out = []
    for ln in (SaleLine.select(SaleLine, ProductVariant, Product).join(ProductVariant).join(Product)
               .where(SaleLine.sale == sale_id).order_by(SaleLine.id)):
        v = ln.variant
        if left.get(v.id):
            out.append((v.id, v.code, variant_label(v.product.name_en, v.size, v.colour),
                        left.pop(v.id), ln.unit_price))
    return out

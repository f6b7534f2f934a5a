"""The stock ledger: every movement is a row never edited; stock is its sum.

``StockBalance`` holds the running sum per variant and location and is updated by ``post_move``
in the same transaction as the ledger row, so reading stock is a lookup and the two always agree
(``ledger_mismatches`` checks it). Stock going below zero is refused unless the location allows it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from ...db import counters, database
from ...db.catalog import Product, ProductVariant
from ...db.shop import StockBalance, StockLocation, StockMove
from ..core import audit
from ..common import validate
from .catalog import variant_quantities
from ..common.errors import ConflictError, ValidationError
from ..core.permissions import Actor, internal
from .locations import AREA, location_row, require_at, require_view
from ...i18n import _

MOVE_KINDS = ("receive", "sale", "return", "void", "transfer", "count", "damage", "lost")


class StockShortage(ValidationError, ConflictError):
    """A move would take a location's stock below zero ("sold out" when another till won)."""

    def __init__(self, message: str):
        super().__init__("quantity", message)


def balance(variant_id: int, location_id: int, lock: bool = False) -> int:
    """Pieces held; ``lock``: keep the row locked until the transaction ends (PostgreSQL)."""
    query = (StockBalance.select(StockBalance.quantity)
             .where(StockBalance.variant == variant_id, StockBalance.location == location_id))
    if lock:
        query = counters.lock_for_update(query)
    row = query.tuples().first()
    return row[0] if row else 0


def check_available(loc: StockLocation, wanted: dict[int, int]) -> None:
    """Raise StockShortage naming the first variant of which ``loc`` holds less than wanted."""
    if loc.allow_negative:
        return
    for variant_id, qty in wanted.items():
        have = balance(variant_id, loc.id, lock=True)
        if qty > have:
            code = ProductVariant.get_by_id(variant_id).code
            if have <= 0:
                raise StockShortage(_("{code} is sold out in {place}. Nothing was recorded.")
                                    .format(code=code, place=loc.code))
            raise StockShortage(_("only {have} of {code} in {code2}; {qty} asked. Nothing was "
                                  "recorded.").format(have=have, code=code, code2=loc.code,
                                                      qty=qty))


@internal
def post_move(actor: Actor | None, variant_id: int, location_id: int, quantity: int, kind: str,
              day: dt.date, ref: str = "", note: str = "") -> None:
    """Append one ledger row and update the balance; call inside the caller's transaction."""
    StockMove.insert(at=dt.datetime.now(), day=day, variant=variant_id, location=location_id,
                     quantity=quantity, kind=kind, ref=ref, user=actor.id if actor else None,
                     note=note[:200]).execute()
    (StockBalance.insert(variant=variant_id, location=location_id, quantity=quantity)
     .on_conflict(conflict_target=[StockBalance.variant, StockBalance.location],
                  update={StockBalance.quantity: StockBalance.quantity + quantity})
     .execute())


def _clean_lines(lines) -> dict[int, int]:
    """Return {variant id: quantity > 0} from [(variant_id, qty), ...] or a dict; at least one."""
    out = variant_quantities(lines)
    if not out:
        raise ValidationError("product", _("add at least one product"))
    return out


def receive(actor: Actor, location_id: int, lines, *, note: str = "", source: str = "production",
            ref: str = "", day: dt.date | None = None) -> int:
    """Record stock coming in (from production, a supplier...); return the number of pieces.

    The workshop's production area calls this when handicrafts are finished.
    """
    loc = location_row(location_id)
    require_at(actor, "stock.receive", loc)
    wanted = _clean_lines(lines)
    note = validate.text("note", note, 200, required=False)
    day = day or dt.date.today()
    with database.atomic():
        for variant_id, qty in wanted.items():
            post_move(actor, variant_id, loc.id, qty, "receive", day, ref or source, note)
        audit.record(actor, AREA, "receive", "location", loc.id,
                     f"received {sum(wanted.values())} pieces ({len(wanted)} products) into "
                     f"{loc.code} from {source}" + (f": {note}" if note else ""))
    return sum(wanted.values())


def transfer(actor: Actor, from_id: int, to_id: int, lines, *, note: str = "",
             day: dt.date | None = None, kind: str = "transfer") -> str:
    """Move stock between two locations; refused if the source would go below zero."""
    src, dest = location_row(from_id), location_row(to_id)
    require_at(actor, "stock.move", src)
    if src.id == dest.id:
        raise ValidationError("to", _("choose another location than the source"))
    wanted = _clean_lines(lines)
    day = day or dt.date.today()
    ref = f"transfer:{uuid.uuid4().hex[:12]}"
    with database.atomic():
        check_available(src, wanted)
        for variant_id, qty in wanted.items():
            post_move(actor, variant_id, src.id, -qty, kind, day, ref, note)
            post_move(actor, variant_id, dest.id, qty, kind, day, ref, note)
        audit.record(actor, AREA, "transfer", "location", src.id,
                     f"moved {sum(wanted.values())} pieces from {src.code} to {dest.code}"
                     + (f": {note}" if note else ""))
    return ref


def write_off(actor: Actor, location_id: int, lines, reason: str, *, kind: str = "damage",
              day: dt.date | None = None) -> None:
    """Take damaged (or lost) stock out of a location, with a reason."""
    loc = location_row(location_id)
    require_at(actor, "stock.move", loc)
    wanted = _clean_lines(lines)
    reason = validate.text("reason", reason, 200)
    day = day or dt.date.today()
    with database.atomic():
        check_available(loc, wanted)
        for variant_id, qty in wanted.items():
            post_move(actor, variant_id, loc.id, -qty, kind, day, kind, reason)
        audit.record(actor, AREA, kind, "location", loc.id,
                     f"wrote off {sum(wanted.values())} pieces in {loc.code}: {reason}")


@dataclass(frozen=True)
class StockRow:
    variant_id: int
    code: str
    name: str
    category: str
    location_code: str
    quantity: int
    low_stock: int
    cost_cents: int


def stock_levels(actor: Actor, location_id: int | None = None, *, text: str = "",
                 low_only: bool = False, include_zero: bool = False) -> list[StockRow]:
    """Return stock per variant and location (one location, or all the actor may see)."""
    from .catalog import variant_label

    limit = require_view(actor, "shop.view", location_id)
    query = stock_query(location_id, text=text, low_only=low_only, include_zero=include_zero)
    if limit is not None:
        query = query.where(StockBalance.location.in_(limit or [-1]))
    return [StockRow(vid, code, variant_label(name, size, colour), cat, loc, qty, low, cost)
            for qty, vid, code, size, colour, low, cost, name, cat, loc in query]


def stock_query(location_id: int | None = None, *, text: str = "", low_only: bool = False,
                include_zero: bool = False):
    """The query behind ``stock_levels`` (the benchmark runs its SQL in plain sqlite3 too)."""
    query = (StockBalance.select(StockBalance.quantity, ProductVariant.id, ProductVariant.code,
                                 ProductVariant.size, ProductVariant.colour,
                                 ProductVariant.low_stock, ProductVariant.cost_cents,
                                 Product.name_en, Product.category, StockLocation.code)
             .join(ProductVariant).join(Product)
             .switch(StockBalance).join(StockLocation))
    if location_id is not None:
        query = query.where(StockBalance.location == location_id)
    if not include_zero:
        query = query.where(StockBalance.quantity != 0)
    if low_only:
        query = query.where(StockBalance.quantity <= ProductVariant.low_stock)
    if text:
        query = query.where(ProductVariant.code.contains(text) | Product.name_en.contains(text))
    return query.order_by(StockLocation.code, ProductVariant.code).tuples()


def ledger(variant_id: int | None = None, location_id: int | None = None, limit: int = 500):
    """Return the newest ledger rows as plain tuples (at, code, location, quantity, kind, ref)."""
    query = (StockMove.select(StockMove.at, ProductVariant.code, StockLocation.code,
                              StockMove.quantity, StockMove.kind, StockMove.ref, StockMove.note)
             .join(ProductVariant).switch(StockMove).join(StockLocation))
    if variant_id is not None:
        query = query.where(StockMove.variant == variant_id)
    if location_id is not None:
        query = query.where(StockMove.location == location_id)
    return list(query.order_by(StockMove.id.desc()).limit(limit).tuples())


def ledger_mismatches() -> list[tuple[int, int, int, int]]:
    """Return (variant, location, balance, ledger sum) wherever the two differ; empty when sound."""
    sums = {(v, loc): q for v, loc, q in database.execute_sql(
        "SELECT variant_id, location_id, SUM(quantity) FROM stock_move "
        "GROUP BY variant_id, location_id").fetchall()}
    bals = {(v, loc): q for v, loc, q in database.execute_sql(
        "SELECT variant_id, location_id, quantity FROM stock_balance").fetchall()}
    out = []
    for key in set(sums) | set(bals):
        if sums.get(key, 0) != bals.get(key, 0):
            out.append((key[0], key[1], bals.get(key, 0), sums.get(key, 0)))
    return out


def rebuild_balances() -> None:
    """Recompute every balance from the ledger (after bulk inserts of demo data)."""
    with database.atomic():
        database.execute_sql("DELETE FROM stock_balance")
        database.execute_sql(
            "INSERT INTO stock_balance (variant_id, location_id, quantity) "
            "SELECT variant_id, location_id, SUM(quantity) FROM stock_move "
            "GROUP BY variant_id, location_id")

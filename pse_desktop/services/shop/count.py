"""Stock counts: a sheet per location, counted quantities, a variance, posting in one step.

Entering a counted quantity also records the ledger at that moment: posting writes one
'count' movement per difference between the two, so sales, receipts and moves made between
counting and posting stay in the stock. The count is then closed and never changes again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...db import database
from ...db.catalog import Product, ProductVariant
from ...db.shop import StockBalance, StockCount, StockCountLine
from ..core import audit, settings
from ..common import validate
from .catalog import variant_label
from ..common.errors import ConflictError, NotFound, ValidationError
from ..core.permissions import Actor
from .locations import AREA, location_row, require_at
from .stock import balance, post_move
from ...i18n import _


@dataclass(frozen=True)
class CountLine:
    variant_id: int
    code: str
    name: str
    category: str
    expected: int
    counted: int | None
    cost_cents: int

    @property
    def variance(self) -> int | None:
        return None if self.counted is None else self.counted - self.expected


@dataclass(frozen=True)
class CountSheet:
    id: int
    org_name: str
    location_code: str
    location_name: str
    started_at: dt.datetime
    state: str
    lines: list


def start_count(actor: Actor, location_id: int) -> int:
    """Open a count of a location listing every active variant (and any held there)."""
    loc = location_row(location_id)
    require_at(actor, "stock.count", loc)
    with database.atomic():
        if StockCount.select().where(StockCount.location == loc.id,
                                     StockCount.state == "open").exists():
            raise ConflictError(_("{code} already has a count open: finish or cancel it first.").format(code=loc.code))
        count = StockCount.create(location=loc, user=actor.id, started_at=dt.datetime.now())
        held = dict(StockBalance.select(StockBalance.variant, StockBalance.quantity)
                    .where(StockBalance.location == loc.id).tuples())
        ids = {v.id for v in ProductVariant.select(ProductVariant.id)
               .where(ProductVariant.active == True)} | {k for k, q in held.items() if q}  # noqa: E712
        StockCountLine.insert_many([{"count": count.id, "variant": vid,
                                     "expected": held.get(vid, 0)} for vid in sorted(ids)]).execute()
        audit.record(actor, AREA, "start_count", "stock_count", count.id,
                     f"count of {loc.code} started ({len(ids)} products)")
    return count.id


def _count_row(count_id: int) -> StockCount:
    c = StockCount.get_or_none(StockCount.id == count_id)
    if c is None:
        raise NotFound(_("stock count {count_id}").format(count_id=count_id))
    return c


def open_count(location_id: int) -> int | None:
    row = StockCount.get_or_none(StockCount.location == location_id, StockCount.state == "open")
    return row.id if row else None


def enter_counts(actor: Actor, count_id: int, counted: dict[int, object]) -> int:
    """Save counted quantities {variant id: n or '' to clear}; return how many lines changed."""
    c = _count_row(count_id)
    require_at(actor, "stock.count", c.location)
    if c.state != "open":
        raise ConflictError(_("This count is closed."))
    clean = {}
    for vid, raw in counted.items():
        clean[vid] = None if raw in (None, "") else validate.integer("counted", raw, 0, 1000000)
    with database.atomic():
        changed = 0
        for vid, qty in clean.items():
            # What the books said when this shelf was counted: the difference is posted
            # against it, whatever is sold before the count is posted.
            changed += (StockCountLine.update(counted=qty, expected=balance(vid, c.location_id))
                        .where(StockCountLine.count == c.id, StockCountLine.variant == vid)
                        .execute())
        audit.record(actor, AREA, "enter_count", "stock_count", c.id,
                     f"{changed} counted quantities entered")
    return changed


def count_sheet(count_id: int, *, live: bool = True) -> CountSheet:
    """Return the sheet. A counted line compares with the ledger when it was counted (as
    posting will); with ``live``, a line not counted yet shows the ledger now."""
    c = _count_row(count_id)
    loc = c.location
    rows = (StockCountLine.select(StockCountLine, ProductVariant, Product)
            .join(ProductVariant).join(Product)
            .where(StockCountLine.count == c.id)
            .order_by(Product.category, ProductVariant.code))
    lines = []
    for ln in rows:
        v = ln.variant
        fresh = live and c.state == "open" and ln.counted is None
        expected = balance(v.id, loc.id) if fresh else ln.expected
        lines.append(CountLine(v.id, v.code, variant_label(v.product.name_en, v.size, v.colour),
                               v.product.category, expected, ln.counted, v.cost_cents))
    return CountSheet(c.id, settings.get("org_name"), loc.code, loc.name, c.started_at, c.state,
                      lines)


def post_count(actor: Actor, count_id: int, day: dt.date | None = None) -> int:
    """Write one adjustment per counted difference and close the count; return the adjustments."""
    c = _count_row(count_id)
    loc = c.location
    require_at(actor, "stock.count", loc)
    day = day or dt.date.today()
    with database.atomic():
        if c.state != "open":
            raise ConflictError(_("This count was already posted or cancelled."))
        sheet = count_sheet(c.id)
        counted = [ln for ln in sheet.lines if ln.counted is not None]
        if not counted:
            raise ValidationError("counted", _("enter at least one counted quantity"))
        made = 0
        for ln in counted:
            if ln.variance:
                post_move(actor, ln.variant_id, loc.id, ln.variance, "count", day,
                          f"count:{c.id}", "stock count")
                made += 1
        StockCount.update(state="posted", posted_at=dt.datetime.now()).where(
            StockCount.id == c.id).execute()
        value = sum(ln.variance * ln.cost_cents for ln in counted)
        audit.record(actor, AREA, "post_count", "stock_count", c.id,
                     f"count of {loc.code} posted: {made} adjustments, value at cost "
                     f"{validate.format_cents(value)}")
    return made


def cancel_count(actor: Actor, count_id: int) -> None:
    c = _count_row(count_id)
    require_at(actor, "stock.count", c.location)
    with database.atomic():
        if c.state != "open":
            raise ConflictError(_("Only an open count can be cancelled."))
        StockCount.update(state="cancelled").where(StockCount.id == c.id).execute()
        audit.record(actor, AREA, "cancel_count", "stock_count", c.id, "count cancelled")


def write_sheet(count_id: int, out, variance: bool = False):
    """Write the count sheet (blank counted column) or the variance report as a PDF."""
    from ...reports.shop.count import render_count_sheet

    render_count_sheet(count_sheet(count_id), out, variance)
    return out

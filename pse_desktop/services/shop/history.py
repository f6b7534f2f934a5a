"""The shop's history, read only: why a stock level changed (each movement with its reason and
the running balance), past stock counts, day closings, and voids and returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from ...db.core import User
from ...db.shop import DayClosing, Sale, StockCount, StockCountLine, StockMove
from ...formats import format_money
from ...i18n import N_, _
from .locations import location_row, require_at

KIND_LABELS = {
    "receive": N_("received"), "sale": N_("sale"), "return": N_("return"), "void": N_("void"),
    "transfer": N_("transfer"), "count": N_("stock count"), "damage": N_("damaged"), "lost": N_("lost"),
}


@dataclass(frozen=True)
class MoveRow:
    at: dt.datetime
    day: dt.date
    kind: str
    reason: str  # what the movement was, in words: "sale PP1-0042", "delivery from production"
    quantity: int
    balance: int  # the stock at this location after the movement
    user: str


def _users(ids) -> dict[int, str]:
    ids = {i for i in ids if i}
    if not ids:
        return {}
    return {u.id: u.username for u in User.select(User.id, User.username).where(User.id.in_(ids))}


def _reason(move: StockMove, location_code: str, sale_numbers: dict[int, int]) -> str:
    label = _(KIND_LABELS[move.kind]) if move.kind in KIND_LABELS else move.kind
    ref_kind, _sep, ref_id = (move.ref or "").partition(":")
    if ref_kind == "sale" and ref_id.isdigit() and int(ref_id) in sale_numbers:
        label = f"{label} {location_code}-{sale_numbers[int(ref_id)]:04d}"
    elif ref_kind == "count" and ref_id:
        label = f"{label} #{ref_id}"
    elif move.kind == "receive" and ref_kind in ("production", "delivery", "order"):
        label = _("delivery from production {ref}").format(ref=ref_id).strip()
    elif move.ref and ref_kind not in ("sale", "transfer"):
        label = f"{label} ({move.ref})"
    return f"{label}: {move.note}" if move.note else label


def movements(actor, variant_id: int, location_id: int, *, limit: int = 300) -> list[MoveRow]:
    """The last ``limit`` movements of a product at a location, oldest first, each with the
    balance after it (counted from the very first movement, not only those shown)."""
    loc = location_row(location_id)
    require_at(actor, "shop.view", loc)
    where = (StockMove.variant == variant_id) & (StockMove.location == location_id)
    recent = list(StockMove.select().where(where)
                  .order_by(StockMove.at.desc(), StockMove.id.desc()).limit(limit))
    recent.reverse()
    if not recent:
        return []
    first = recent[0]
    before = (StockMove.select(fn.COALESCE(fn.SUM(StockMove.quantity), 0))
              .where(where & ((StockMove.at < first.at)
                              | ((StockMove.at == first.at) & (StockMove.id < first.id))))
              .scalar()) or 0
    sale_ids = [int(m.ref.split(":")[1]) for m in recent
                if m.ref.startswith("sale:") and m.ref.split(":")[1].isdigit()]
    numbers = dict(Sale.select(Sale.id, Sale.number).where(Sale.id.in_(sale_ids)).tuples()) \
        if sale_ids else {}
    users = _users(m.user_id for m in recent)
    rows, balance = [], int(before)
    for m in recent:
        balance += m.quantity
        rows.append(MoveRow(m.at, m.day, m.kind, _reason(m, loc.code, numbers), m.quantity,
                            balance, users.get(m.user_id, "")))
    return rows


@dataclass(frozen=True)
class CountRow:
    id: int
    started_at: dt.datetime
    state: str
    posted_at: dt.datetime | None
    user: str
    lines: int
    counted: int
    difference: int  # counted minus expected, over the counted lines
    note: str


def past_counts(actor, location_id: int, *, limit: int = 200) -> list[CountRow]:
    """The stock counts of a location, newest first."""
    loc = location_row(location_id)
    require_at(actor, "shop.view", loc)
    counts = list(StockCount.select().where(StockCount.location == location_id)
                  .order_by(StockCount.started_at.desc(), StockCount.id.desc()).limit(limit))
    ids = [c.id for c in counts]
    stats = {}
    if ids:
        query = (StockCountLine.select(
            StockCountLine.count, fn.COUNT(StockCountLine.id), fn.COUNT(StockCountLine.counted),
            fn.COALESCE(fn.SUM(StockCountLine.counted - StockCountLine.expected), 0))
            .where(StockCountLine.count.in_(ids)).group_by(StockCountLine.count))
        stats = {row[0]: row[1:] for row in query.tuples()}
    users = _users(c.user_id for c in counts)
    return [CountRow(c.id, c.started_at, c.state, c.posted_at, users.get(c.user_id, ""),
                     *(int(v or 0) for v in stats.get(c.id, (0, 0, 0))), c.note) for c in counts]


@dataclass(frozen=True)
class ClosingRow:
    day: dt.date
    closed_at: dt.datetime
    user: str
    expected: str
    counted: str
    difference: str
    note: str


def past_closings(actor, location_id: int, *, limit: int = 200) -> list[ClosingRow]:
    """The day closings of a location, newest first, with cash expected, counted and over/short."""
    loc = location_row(location_id)
    require_at(actor, "shop.view", loc)
    rows = list(DayClosing.select().where(DayClosing.location == location_id)
                .order_by(DayClosing.day.desc()).limit(limit))
    users = _users(r.user_id for r in rows)

    def amounts(usd, khr, eur):
        parts = [format_money(usd, "USD")] if usd or not (khr or eur) else []
        parts += [format_money(khr, "KHR")] if khr else []
        parts += [format_money(eur, "EUR")] if eur else []
        return " + ".join(parts)

    return [ClosingRow(r.day, r.closed_at, users.get(r.user_id, ""),
                       amounts(r.expected_usd, r.expected_khr, r.expected_eur),
                       amounts(r.counted_usd, r.counted_khr, r.counted_eur),
                       amounts(r.counted_usd - r.expected_usd, r.counted_khr - r.expected_khr,
                               r.counted_eur - r.expected_eur), r.note) for r in rows]


@dataclass(frozen=True)
class CorrectionRow:
    number: str
    original: str
    kind: str  # void or return
    at: dt.datetime
    total: str
    reason: str
    user: str


def voids_and_returns(actor, location_id: int, *, limit: int = 300) -> list[CorrectionRow]:
    """The voids and returns made at a location, newest first, each with the sale it corrects."""
    loc = location_row(location_id)
    require_at(actor, "shop.view", loc)
    rows = list(Sale.select().where((Sale.location == location_id)
                                    & (Sale.kind.in_(("void", "return"))))
                .order_by(Sale.at.desc(), Sale.id.desc()).limit(limit))
    originals = dict(Sale.select(Sale.id, Sale.number)
                     .where(Sale.id.in_([r.original_id for r in rows if r.original_id])).tuples()) \
        if rows else {}
    users = _users(r.user_id for r in rows)
    return [CorrectionRow(f"{loc.code}-{r.number:04d}",
                          f"{loc.code}-{originals[r.original_id]:04d}"
                          if r.original_id in originals else "",
                          r.kind, r.at, format_money(r.total, r.currency), r.reason,
                          users.get(r.user_id, "")) for r in rows]

"""Shop reports: sales by day, month, product, category or location; stock and its value;
products that have not sold for N months; CSV and XLSX exports of sales and stock.

Amounts stay in each sale's own currency (dollars in Cambodia, euros at events): a row is
one group and one currency, never a sum of the two.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, fn

from ...db import dialect, reading
from ...db.catalog import Product, ProductVariant
from ...db.shop import Sale, SaleLine, StockBalance, StockLocation
from ..common import validate
from .catalog import variant_label
from ..common.tables import Money, write_table  # noqa: F401
from ..common.errors import ValidationError
from ..core.permissions import Actor
from ...formats import format_money
from .locations import require_view
from ...i18n import _

GROUPS = ("day", "month", "product", "category", "location")


@dataclass(frozen=True)
class ReportRow:
    key: str
    label: str
    currency: str
    pieces: int
    amount: int


def _dates(date_from, date_to) -> tuple[dt.date, dt.date]:
    start, end = validate.date("from", date_from), validate.date("to", date_to)
    if end < start:
        raise ValidationError("to", _("the end is before the start"))
    return start, end


def sales_by(actor: Actor, group: str, date_from, date_to,
             location_id: int | None = None) -> list[ReportRow]:
    """Return pieces and amounts (net of returns and voids) per group and currency."""
    limit = require_view(actor, "shop.reports", location_id)
    group = validate.choice("group", group, GROUPS)
    start, end = _dates(date_from, date_to)
    query = sales_query(group, start, end, location_id, limit)
    rows = []
    for r in query:
        k, cur, pieces, amount = str(r[0]), r[1], r[2] or 0, r[3] or 0
        label = variant_label(r[4], r[5], r[6]) if group == "product" else k
        rows.append(ReportRow(k, label, cur, pieces, amount))
    if group == "product":
        rows.sort(key=lambda row: -row.amount)
    return rows


def sales_query(group: str, start: dt.date, end: dt.date, location_id: int | None = None,
                limit: list[int] | None = None):
    """The query behind ``sales_by`` (the benchmark runs its SQL in plain sqlite3 too);
    ``limit``: only these locations."""
    L, S = SaleLine, Sale
    if group in ("day", "month", "location"):
        # one row per sale is enough: sales carry their totals and piece counts live in lines
        if group == "day":
            key = L.day
        elif group == "month":
            key = dialect.month_text(L.day)
        else:
            key = StockLocation.code
        query = (L.select(key, S.currency, fn.SUM(L.quantity), fn.SUM(L.amount))
                 .join(S).join(StockLocation))
    else:
        key = ProductVariant.code if group == "product" else Product.category
        query = (L.select(key, S.currency, fn.SUM(L.quantity), fn.SUM(L.amount),
                          fn.MAX(Product.name_en), fn.MAX(ProductVariant.size),
                          fn.MAX(ProductVariant.colour))
                 .join(S).switch(L).join(ProductVariant).join(Product))
    query = query.where(L.day >= start, L.day <= end)
    if location_id is not None:
        query = query.where(S.location == location_id)
    if limit is not None:
        query = query.where(S.location.in_(limit or [-1]))
    return query.group_by(key, S.currency).order_by(key, S.currency).tuples()


@dataclass(frozen=True)
class StockValueRow:
    location: str
    code: str
    name: str
    quantity: int
    cost_cents: int
    value_cents: int
    price_usd_cents: int


def stock_value(actor: Actor, location_id: int | None = None) -> list[StockValueRow]:
    """Stock on hand at cost and at price, per location and variant."""
    limit = require_view(actor, "shop.reports", location_id)
    query = (StockBalance.select(StockLocation.code, ProductVariant.code, Product.name_en,
                                 ProductVariant.size, ProductVariant.colour, StockBalance.quantity,
                                 ProductVariant.cost_cents, ProductVariant.price_usd_cents)
             .join(StockLocation).switch(StockBalance).join(ProductVariant).join(Product)
             .where(StockBalance.quantity != 0))
    if limit is not None:
        query = query.where(StockBalance.location.in_(limit or [-1]))
    return [StockValueRow(loc, code, variant_label(name, size, colour), qty, cost, qty * cost, price)
            for loc, code, name, size, colour, qty, cost, price in
            query.order_by(StockLocation.code, ProductVariant.code).tuples()]


def slow_movers(actor: Actor, months: int, today: dt.date | None = None) -> list[tuple]:
    """Variants in stock somewhere with no sale for ``months`` months:
    (code, name, pieces in stock, last sale day or None)."""
    limit = require_view(actor, "shop.reports", None)
    months = validate.integer("months", months, 1, 120)
    today = today or dt.date.today()
    y, m = divmod(today.year * 12 + today.month - 1 - months, 12)
    since = dt.date(y, m + 1, min(today.day, 28))
    sold = SaleLine.select(SaleLine.variant, fn.MAX(SaleLine.day)).where(SaleLine.quantity > 0)
    held = (StockBalance.select(ProductVariant.id, ProductVariant.code, Product.name_en,
                                ProductVariant.size, ProductVariant.colour,
                                fn.SUM(StockBalance.quantity))
            .join(ProductVariant).join(Product).where(StockBalance.quantity > 0))
    if limit is not None:
        sold = sold.join(Sale).where(Sale.location.in_(limit or [-1]))
        held = held.where(StockBalance.location.in_(limit or [-1]))
    last = dict(sold.group_by(SaleLine.variant).tuples())
    held = (held.group_by(ProductVariant.id, ProductVariant.code, Product.name_en,
                          ProductVariant.size, ProductVariant.colour)
            .order_by(ProductVariant.code).tuples())
    out = []
    for vid, code, name, size, colour, qty in held:
        seen = last.get(vid)
        if isinstance(seen, str):
            seen = dt.date.fromisoformat(seen)
        if seen is None or seen < since:
            out.append((code, variant_label(name, size, colour), qty, seen))
    return out


# -- exports ------------------------------------------------------------------

SALES_HEADERS = ["date", "time", "location", "number", "kind", "original", "code", "product",
                 "category", "quantity", "unit_price", "discount", "amount", "currency"]


def export_sales(actor: Actor, date_from, date_to, out, progress=None) -> int:
    """Write every sale line between two days (returns and voids as negative lines), any range
    (a whole year) in one file: dates as dates and amounts as numbers in their currency, so
    that SUM works. ``progress(lines written)`` every 1,000 lines."""
    limit = require_view(actor, "shop.reports", None)
    start, end = _dates(date_from, date_to)
    Orig = Sale.alias()
    query = (SaleLine.select(SaleLine.day, Sale.at, StockLocation.code, Sale.number, Sale.kind,
                             Orig.number, ProductVariant.code, Product.name_en, ProductVariant.size,
                             ProductVariant.colour, Product.category, SaleLine.quantity,
                             SaleLine.unit_price, SaleLine.discount, SaleLine.amount, Sale.currency)
             .join(Sale).join(StockLocation).switch(Sale)
             .join(Orig, join_type=JOIN.LEFT_OUTER, on=(Sale.original == Orig.id))
             .switch(SaleLine).join(ProductVariant).join(Product)
             .where(SaleLine.day >= start, SaleLine.day <= end))
    if limit is not None:
        query = query.where(Sale.location.in_(limit or [-1]))
    query = query.order_by(SaleLine.day, StockLocation.code, Sale.number, SaleLine.id).tuples()

    def rows():
        for (day, at, loc, number, kind, orig, code, name, size, colour, cat, qty, unit, disc,
             amount, cur) in query.iterator():
            at = at if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(str(at))
            day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
            yield [day, at.strftime("%H:%M"), loc, number, kind, orig or "", code,
                   variant_label(name, size, colour), cat, qty, Money(unit, cur), Money(disc, cur),
                   Money(amount, cur), cur]

    with reading():  # one consistent read that leaves the till free to record sales
        return write_table(out, SALES_HEADERS, rows(), "Sales", progress=progress)


def export_stock(actor: Actor, out) -> int:
    """Write product code, location and quantity (with name, cost and value) of all stock."""
    rows = stock_value(actor)
    return write_table(out, ["code", "location", "quantity", "product", "unit_cost", "value"],
                       ([r.code, r.location, r.quantity, r.name, Money(r.cost_cents),
                         Money(r.value_cents)] for r in rows), "Stock")


def report_text(rows: list[ReportRow]) -> list[tuple]:
    """Rows ready for a table: (label, currency, pieces, amount text)."""
    return [(r.label, r.currency, r.pieces, format_money(r.amount, r.currency)) for r in rows]

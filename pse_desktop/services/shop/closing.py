"""Day closing: count the cash per currency, compare with the sales, record the difference.

Once a day is closed at a location it takes no more sales, returns or voids. The Z report is
built from the closing and the day's sales records. Only today, or a past day with sales, can
be closed; an admin may reopen a closed day with a reason (the closing's figures go to the
audit log).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from ...db import database
from ...db.shop import DayClosing, Sale, SaleLine
from ..core import audit, settings
from ..common import validate
from ..common.errors import ConflictError, NotFound, ValidationError
from ..core.permissions import Actor, can, require
from ...formats import format_date, format_money
from .locations import AREA, location_row, require_at
from ...i18n import _

CURRENCIES = ("USD", "KHR", "EUR")


@dataclass(frozen=True)
class DayTotals:
    location_id: int
    location_code: str
    location_name: str
    day: dt.date
    currency: str
    sales_count: int
    returns_count: int
    voids_count: int
    items: int  # pieces sold, net of returns and voids
    gross: int  # total of sales in the location's currency
    refunds: int  # total of returns and voids (negative)
    net: int
    discount: int
    expected: dict  # currency -> cash expected in the drawer (minor units)
    first_number: int | None
    last_number: int | None


def day_totals(location_id: int, day: dt.date) -> DayTotals:
    """Return what the day's sales say should be in the drawer, per currency."""
    loc = location_row(location_id)
    rows = (Sale.select(Sale.kind, fn.COUNT(Sale.id), fn.SUM(Sale.total), fn.SUM(Sale.discount),
                        fn.SUM(Sale.paid_usd - Sale.change_usd),
                        fn.SUM(Sale.paid_khr - Sale.change_khr),
                        fn.SUM(Sale.paid_eur - Sale.change_eur), fn.MIN(Sale.number),
                        fn.MAX(Sale.number))
            .where(Sale.location == loc.id, Sale.day == day).group_by(Sale.kind).tuples())
    counts = {"sale": 0, "return": 0, "void": 0}
    gross = refunds = discount = 0
    expected = {c: 0 for c in CURRENCIES}
    first = last = None
    for kind, count, total, disc, usd, khr, eur, lo, hi in rows:
        counts[kind] = count
        if kind == "sale":
            gross += total or 0
        else:
            refunds += total or 0
        discount += disc or 0
        for cur, value in zip(CURRENCIES, (usd, khr, eur)):
            expected[cur] += value or 0
        first = lo if first is None else min(first, lo)
        last = hi if last is None else max(last, hi)
    items = (SaleLine.select(fn.SUM(SaleLine.quantity)).join(Sale)
             .where(Sale.location == loc.id, Sale.day == day).scalar()) or 0
    return DayTotals(loc.id, loc.code, loc.name, day, loc.currency, counts["sale"],
                     counts["return"], counts["void"], items, gross, refunds, gross + refunds,
                     discount, expected, first, last)


def is_closed(location_id: int, day: dt.date) -> bool:
    return DayClosing.select().where(DayClosing.location == location_id,
                                     DayClosing.day == day).exists()


def _has_sales(location_id: int, day: dt.date) -> bool:
    return Sale.select().where(Sale.location == location_id, Sale.day == day).exists()


def close_day(actor: Actor, location_id: int, day: dt.date, counted_usd=0, counted_khr=0,
              counted_eur=0, note: str = "", today: dt.date | None = None) -> int:
    """Record the counted cash and close the day; a difference needs a note. Return the id.

    Refused for a day in the future and for a past day without sales.
    """
    loc = location_row(location_id)
    require_at(actor, "shop.close_day", loc)
    day = validate.date("day", day)
    today = today or dt.date.today()
    if day > today:
        raise ValidationError("day", _("is in the future: a day is closed at its end"))
    counted = {"USD": validate.money_cents("dollars counted", counted_usd or 0),
               "KHR": validate.money_cents("riel counted", counted_khr or 0, currency="KHR"),
               "EUR": validate.money_cents("euros counted", counted_eur or 0, currency="EUR")}
    note = validate.text("note", note, 300, required=False)
    with database.atomic():
        if is_closed(loc.id, day):
            raise ConflictError(_("{day} is already closed at {code}.").format(
                day=format_date(day), code=loc.code))
        if day < today and not _has_sales(loc.id, day):
            raise ValidationError("day", _("{code} recorded no sales on {day}: there is "
                                           "nothing to close").format(code=loc.code,
                                                                       day=format_date(day)))
        totals = day_totals(loc.id, day)
        diff = {c: counted[c] - totals.expected[c] for c in CURRENCIES}
        if any(diff.values()) and not note:
            raise ValidationError("note", _("the cash differs from the sales: say why in a note"))
        closing = DayClosing.create(
            location=loc, day=day, closed_at=dt.datetime.now(), user=actor.id,
            expected_usd=totals.expected["USD"], expected_khr=totals.expected["KHR"],
            expected_eur=totals.expected["EUR"], counted_usd=counted["USD"],
            counted_khr=counted["KHR"], counted_eur=counted["EUR"], note=note)
        text = ", ".join(f"{format_money(diff[c], c)}" for c in CURRENCIES if diff[c]) or "none"
        audit.record(actor, AREA, "close_day", "day_closing", closing.id,
                     f"closed {loc.code} {day}: {totals.sales_count} sales, net "
                     f"{format_money(totals.net, totals.currency)}; difference {text}"
                     + (f" ({note})" if note else ""))
    return closing.id


def may_reopen(actor: Actor) -> bool:
    return can(actor, "shop.reopen_day")


def reopen_day(actor: Actor, location_id: int, day: dt.date, reason: str) -> None:
    """Reopen a closed day (admins, with a reason): it takes sales again and is closed again
    later with a new count. The old closing's figures are kept in the audit entry."""
    require(actor, "shop.reopen_day")
    loc = location_row(location_id)
    day = validate.date("day", day)
    reason = validate.text("reason", reason, 200)
    with database.atomic():
        c = DayClosing.get_or_none(DayClosing.location == loc.id, DayClosing.day == day)
        if c is None:
            raise ConflictError(_("{day} is not closed at {shop}.").format(day=format_date(day), shop=loc.code))
        counted = ", ".join(format_money(v, k) for k, v in (("USD", c.counted_usd), ("KHR", c.counted_khr),
                                                     ("EUR", c.counted_eur)) if v) or "nothing"
        expected = ", ".join(format_money(v, k) for k, v in (("USD", c.expected_usd),
                                                      ("KHR", c.expected_khr),
                                                      ("EUR", c.expected_eur)) if v) or "nothing"
        closed_by = (c.user.full_name or c.user.username) if c.user_id else "command line"
        c.delete_instance()
        audit.record(actor, AREA, "reopen_day", "day_closing", c.id,
                     f"reopened {loc.code} {day}, closed by {closed_by} at {c.closed_at} "
                     f"(expected {expected}; counted {counted}"
                     + (f"; note {c.note}" if c.note else "") + f"); reason: {reason}")


@dataclass(frozen=True)
class ZReport:
    org_name: str
    totals: DayTotals
    counted: dict
    difference: dict
    note: str
    closed_at: dt.datetime
    closed_by: str
    by_product: list  # (code, name, quantity, amount)


def z_report(closing_id: int) -> ZReport:
    """Return the plain data of a closed day's Z report."""
    from ...db.catalog import Product, ProductVariant
    from .catalog import variant_label

    c = DayClosing.get_or_none(DayClosing.id == closing_id)
    if c is None:
        raise NotFound(_("day closing {closing_id}").format(closing_id=closing_id))
    totals = day_totals(c.location_id, c.day)
    expected = {"USD": c.expected_usd, "KHR": c.expected_khr, "EUR": c.expected_eur}
    counted = {"USD": c.counted_usd, "KHR": c.counted_khr, "EUR": c.counted_eur}
    totals = DayTotals(**{**totals.__dict__, "expected": expected})
    rows = (SaleLine.select(ProductVariant.code, Product.name_en, ProductVariant.size,
                            ProductVariant.colour, fn.SUM(SaleLine.quantity), fn.SUM(SaleLine.amount))
            .join(Sale).switch(SaleLine).join(ProductVariant).join(Product)
            .where(Sale.location == c.location_id, Sale.day == c.day)
            .group_by(ProductVariant.id, Product.id).order_by(ProductVariant.code).tuples())
    by_product = [(code, variant_label(name, size, colour), qty, amount)
                  for code, name, size, colour, qty, amount in rows]
    who = (c.user.full_name or c.user.username) if c.user_id else "command line"
    return ZReport(settings.get("org_name"), totals, counted,
                   {k: counted[k] - expected[k] for k in CURRENCIES}, c.note, c.closed_at, who,
                   by_product)


def closing_for(location_id: int, day: dt.date) -> int | None:
    row = DayClosing.get_or_none(DayClosing.location == location_id, DayClosing.day == day)
    return row.id if row else None

"""Home page cards of the shop: today's takings, days left open, low stock."""

from __future__ import annotations

import datetime as dt

from peewee import fn

from ...db.shop import DayClosing, Sale, StockBalance
from ...db.catalog import ProductVariant
from ..core.home import Card
from ..core.permissions import Actor, can
from ...formats import format_money
from .locations import list_locations
from ...i18n import _, ngettext


def shop_cards(actor: Actor, target) -> list[Card]:
    if not can(actor, "shop.view"):
        return []
    locs = [loc for loc in list_locations(actor) if loc.kind in ("shop", "event")]
    if not locs:
        return []
    today = dt.date.today()
    ids = [loc.id for loc in locs]
    lines = []
    for loc in locs:
        row = (Sale.select(fn.COUNT(Sale.id), fn.SUM(Sale.total))
               .where(Sale.location == loc.id, Sale.day == today, Sale.kind == "sale")
               .tuples().first())
        if row and row[0]:
            lines.append(_("{code}: {value} sales today, {money}").format(code=loc.code, value=row[0], money=format_money(row[1] or 0, loc.currency)))
    cards = [Card(_("Shop today"), tuple(lines) or ("No sale yet today.",), "shop_pos", "info")]
    open_days = []
    for loc in locs:
        last = (Sale.select(fn.MAX(Sale.day)).where(Sale.location == loc.id,
                                                    Sale.day < today).scalar())
        if last and not DayClosing.select().where(DayClosing.location == loc.id,
                                                  DayClosing.day == last).exists():
            open_days.append(_("{code}: {day} is not closed yet").format(code=loc.code, day=last))
    if open_days:
        cards.append(Card(_("Days to close"), tuple(open_days), "shop_day", "warning"))
    low = (StockBalance.select(fn.COUNT(StockBalance.id)).join(ProductVariant)
           .where(StockBalance.location.in_(ids), StockBalance.quantity <= ProductVariant.low_stock,
                  ProductVariant.low_stock > 0).scalar()) or 0
    if low:
        cards.append(Card(_("Low stock"), (ngettext("{n} product at or below its low-stock level",
                                                   "{n} products at or below their low-stock level",
                                                   low).format(n=low),),
                          "shop_stock", "warning"))
    return cards

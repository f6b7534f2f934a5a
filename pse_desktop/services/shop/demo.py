"""Demo part of the shop: the catalogue, locations, stock, two years of sales, events in France.

Sales are generated in memory and written with bulk inserts (one audit entry per bulk step).
Each month's stock is received on the 1st before that month's sales, so no location ever goes
below zero; the balances are rebuilt from the ledger and checked against it at the end.
"""

from __future__ import annotations

import datetime as dt
import random

from ...db import database, dialect
from ...db.catalog import Product
from ...db.shop import DayClosing, Sale, SaleLine, StockMove
from ..core import audit
from . import (
    catalog, sales, locations as shop, closing as shop_close, events as shop_events, stock,
)
from ..common.demo import refuse_if_filled
from ..core.permissions import require

# (product code, English, French, category, kind, [(variant suffix, size, colour)], usd, cost)
PRODUCTS = [
    ("BAG", "Tote bag", "Sac cabas", "Bags", "handicraft",
     [("RED", "", "red"), ("BLU", "", "blue"), ("GRN", "", "green")], 1250, 400),
    ("PCH", "Zip pouch", "Trousse", "Bags", "handicraft",
     [("S", "S", "mixed"), ("L", "L", "mixed")], 450, 150),
    ("BPK", "Backpack", "Sac à dos", "Bags", "handicraft", [("STD", "", "navy")], 2400, 900),
    ("KRM", "Krama scarf", "Écharpe krama", "Scarves", "handicraft",
     [("RED", "", "red check"), ("BLU", "", "blue check"), ("BLK", "", "black check")], 725, 210),
    ("SLK", "Silk scarf", "Foulard en soie", "Scarves", "handicraft",
     [("GLD", "", "gold"), ("PRP", "", "purple")], 1800, 700),
    ("ELE", "Elephant toy", "Éléphant en tissu", "Toys", "handicraft",
     [("S", "S", "grey"), ("L", "L", "grey")], 850, 250),
    ("DOL", "Rag doll", "Poupée de chiffon", "Toys", "handicraft", [("STD", "", "mixed")], 1100, 350),
    ("BRC", "Bracelet", "Bracelet", "Jewellery", "handicraft",
     [("RCY", "", "recycled paper"), ("SEED", "", "seeds")], 300, 80),
    ("CUS", "Cushion cover", "Housse de coussin", "Home", "handicraft",
     [("IND", "40x40", "indigo"), ("ORG", "40x40", "orange")], 1400, 500),
    ("APR", "Apron", "Tablier", "Home", "handicraft", [("STD", "", "red")], 950, 320),
    ("TSH", "T-shirt PSE", "T-shirt PSE", "Clothing", "handicraft",
     [("S", "S", "white"), ("M", "M", "white"), ("L", "L", "white")], 800, 300),
    ("SHRT", "School shirt", "Chemise d'école", "Uniforms", "uniform",
     [(s, s, "white") for s in ("6", "8", "10", "12")], 500, 220),
    ("SKRT", "School skirt", "Jupe d'école", "Uniforms", "uniform",
     [(s, s, "navy") for s in ("6", "8", "10", "12")], 450, 200),
]

SHOP_TRAFFIC = {"PP1": 9, "PP2": 5}  # average sales a day


def add_demo(actor, progress, today) -> str:
    require(actor, "admin.demo")
    refuse_if_filled(Product, "products")
    rng = random.Random(7)
    shop.ensure_locations(actor)
    variants = _catalogue(actor)
    progress("Products", 0.1)
    locs = {loc.code: loc for loc in shop.list_locations()}
    start = dt.date(today.year - 2, today.month, 1)
    n_sales, n_lines = _sales(actor, rng, variants, [locs[c] for c in SHOP_TRAFFIC if c in locs],
                              start, today, progress)
    progress("Events in France", 0.9)
    if "FR1" in locs:
        _events(actor, rng, variants, locs["FR1"], today)
    mismatches = stock.ledger_mismatches()
    if mismatches:
        raise RuntimeError(f"demo stock ledger and balances differ: {mismatches[:3]}")
    progress("Shop", 1.0)
    return (f"{len(PRODUCTS)} products in {len(variants)} variants, {n_sales:,} sales "
            f"({n_lines:,} lines) in {', '.join(SHOP_TRAFFIC)} since {start:%b %Y}, 2 events")


def _catalogue(actor) -> list:
    out = []
    barcode = 2000000100000
    for code, en, fr, cat, kind, variants, usd, cost in PRODUCTS:
        p = catalog.save_product(actor, None, code, en, cat, kind, name_fr=fr)
        for suffix, size, colour in variants:
            barcode += 1
            eur = None if kind == "uniform" else (usd * 95 // 100) // 50 * 50 + 50
            out.append(catalog.save_variant(actor, None, p.id, f"{code}-{suffix}", usd, size=size,
                                            colour=colour, barcode=str(barcode), price_eur=eur,
                                            cost=cost, low_stock=3))
    return out


def _sales(actor, rng, variants, locations, start, today, progress):
    handicrafts = [v for v in variants if v.kind == "handicraft"]
    weights = [max(1, 3000 // v.price_usd_cents) for v in handicrafts]
    rates = sales.Rates.current()
    first_sale_id = (Sale.select(Sale.id).order_by(Sale.id.desc()).scalar() or 0) + 1
    sale_rows, line_rows, move_rows, closings = [], [], [], []
    monthly: dict[tuple, int] = {}
    sale_id = first_sale_id
    days = (today - start).days + 1
    for loc in locations:
        number = 0
        for offset in range(days):
            day = start + dt.timedelta(days=offset)
            expected = {"USD": 0, "KHR": 0}
            for _ in range(rng.randint(0, SHOP_TRAFFIC[loc.code] * 2)):
                picks = rng.choices(handicrafts, weights, k=rng.choice((1, 1, 1, 2, 2, 3)))
                lines: dict[int, list] = {}
                for v in picks:
                    lines.setdefault(v.id, [v, 0])[1] += 1
                total = sum(v.price_usd_cents * q for v, q in lines.values())
                paid_usd, paid_khr = _payment(rng, total, rates)
                pay = sales.settle(total, "USD", paid_usd, paid_khr, 0, rates)
                number += 1
                at = dt.datetime.combine(day, dt.time(9 + number % 9, number * 7 % 60))
                sale_rows.append({
                    "id": sale_id, "location": loc.id, "number": number, "kind": "sale",
                    "day": day, "at": at, "user": actor.id, "currency": "USD", "subtotal": total,
                    "discount": 0, "total": total, "khr_per_usd": rates.khr_per_usd,
                    "eur_per_usd_milli": rates.eur_per_usd_milli, "paid_usd": paid_usd,
                    "paid_khr": paid_khr, "paid_eur": 0, "change_usd": pay.change_usd,
                    "change_khr": pay.change_khr, "change_eur": 0})
                expected["USD"] += paid_usd - pay.change_usd
                expected["KHR"] += paid_khr - pay.change_khr
                for v, q in lines.values():
                    line_rows.append({"sale": sale_id, "variant": v.id, "quantity": q,
                                      "unit_price": v.price_usd_cents, "discount": 0,
                                      "amount": v.price_usd_cents * q, "cost": v.cost_cents,
                                      "day": day})
                    move_rows.append({"at": at, "day": day, "variant": v.id, "location": loc.id,
                                      "quantity": -q, "kind": "sale", "ref": f"sale:{sale_id}",
                                      "user": actor.id, "note": ""})
                    key = (loc.id, v.id, day.year, day.month)
                    monthly[key] = monthly.get(key, 0) + q
                sale_id += 1
            if day < today:
                closings.append({"location": loc.id, "day": day, "user": actor.id,
                                 "closed_at": dt.datetime.combine(day, dt.time(18, 30)),
                                 "expected_usd": expected["USD"], "expected_khr": expected["KHR"],
                                 "expected_eur": 0, "counted_usd": expected["USD"],
                                 "counted_khr": expected["KHR"], "counted_eur": 0, "note": ""})
    # each month's stock arrives on the 1st: what the month sells plus a few to spare
    for (loc_id, vid, year, month), qty in monthly.items():
        day = dt.date(year, month, 1)
        move_rows.append({"at": dt.datetime.combine(day, dt.time(8)), "day": day, "variant": vid,
                          "location": loc_id, "quantity": qty + 4, "kind": "receive",
                          "ref": "production", "user": actor.id, "note": "demo delivery"})
    progress("Writing sales", 0.5)
    with database.atomic():
        for model, rows in ((Sale, sale_rows), (SaleLine, line_rows), (StockMove, move_rows),
                            (DayClosing, closings)):
            for i in range(0, len(rows), 2000):
                model.insert_many(rows[i:i + 2000]).execute()
        dialect.set_sequences(database.obj, [Sale, SaleLine, StockMove, DayClosing])
        audit.record(actor, shop.AREA, "demo", "sale", "",
                     f"demo: {len(sale_rows)} sales, {len(line_rows)} lines, {len(move_rows)} stock "
                     f"movements, {len(closings)} closed days")
    stock.rebuild_balances()
    return len(sale_rows), len(line_rows)


def _payment(rng, total: int, rates) -> tuple[int, int]:
    """A plausible payment: exact dollars, a round note, all riel, or dollars and riel."""
    kind = rng.random()
    if kind < 0.35:
        return total, 0
    if kind < 0.65:
        for note in (500, 1000, 2000, 5000, 10000, 20000):
            if note >= total:
                return note, 0
        return (total // 10000 + 1) * 10000, 0
    riel_total = sales.round_riel(rates.to_minor(total, "USD", "KHR"))
    if kind < 0.85:
        return 0, ((riel_total + 9999) // 10000) * 10000
    dollars = total // 100 * 100
    rest = sales.round_riel(rates.to_minor(total - dollars, "USD", "KHR"))
    return dollars, ((rest + 999) // 1000) * 1000


def _events(actor, rng, variants, fr1, today) -> None:
    crafts = [v for v in variants if v.kind == "handicraft"]
    stock.receive(actor, fr1.id, {v.id: 20 for v in crafts}, note="shipment from Phnom Penh",
                  source="shipment", day=today - dt.timedelta(days=200))
    past_day = today - dt.timedelta(days=180)
    past = shop_events.create_event(actor, "Marché de Noël", "Lyon", past_day,
                                    past_day + dt.timedelta(days=1), fr1.id)
    sent = {v.id: 6 for v in crafts[:10]}
    shop_events.send_stock(actor, past.id, sent, day=past_day)
    for _ in range(14):
        v = rng.choice(crafts[:10])
        if stock.balance(v.id, past.box_id) > 0:
            price = sales.unit_price_of(v.id, "EUR")
            sales.complete_sale(actor, past.box_id, [(v.id, 1)],
                                paid_eur=((price + 499) // 500) * 500, day=past_day)
    back = {vid: max(stock.balance(vid, past.box_id) - (1 if vid == crafts[0].id else 0), 0)
            for vid in sent}
    shop_events.reconcile(actor, past.id, back, day=past_day + dt.timedelta(days=2))
    expected = shop_close.day_totals(past.box_id, past_day).expected
    shop_close.close_day(actor, past.box_id, past_day, expected["USD"], expected["KHR"],
                         expected["EUR"])
    soon = today + dt.timedelta(days=10)
    nxt = shop_events.create_event(actor, "Fête de l'Asie", "Paris 13e", soon,
                                   soon + dt.timedelta(days=2), fr1.id)
    shop_events.send_stock(actor, nxt.id, {v.id: 4 for v in crafts[:8]}, day=today)

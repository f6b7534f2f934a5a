"""Demo data of the workshop's production: materials, bills of materials, uniform and handicraft
orders for the last twelve months with their output, material receipts and deliveries.

Runs after the centres', payroll's and shop's parts. Orders are made through the services (their
rules: numbers, lines, the children of uniform orders); the volume (output, material movements,
payroll pieces, deliveries, shop stock receipts) is inserted in bulk in one transaction, with one
audit entry per bulk insert. Material is received whenever the simulation would otherwise take a
stock below zero, so stock never goes negative. Pieces of months whose payroll is already final
are kept out of the payroll (a finalised month never changes).
"""

from __future__ import annotations

import datetime as dt
import random

from ...db import database, dialect
from ...db.catalog import Product, ProductVariant
from ...db.payroll import PayRun, PieceOutput, Worker
from ...db.production import (
    BomLine, Delivery, DeliveryLine, Material, MaterialMove, OrderLine, Output,
    ProductionOrder, SewingRate,
)
from ...db.shop import StockLocation, StockMove
from ..core import audit
from ..shop import catalog
from . import materials, orders as production, uniforms as production_uniforms
from ..common.demo import refuse_if_filled
from ..core.permissions import require
from .orders import AREA

MATERIALS = [  # code, name, kind, colour, unit, cost cents, minimum
    ("FAB-WHITE", "Cotton poplin", "fabric", "white", "m", 180, 60),
    ("FAB-NAVY", "Cotton twill", "fabric", "navy", "m", 210, 60),
    ("FAB-KHAKI", "Cotton twill", "fabric", "khaki", "m", 200, 20),
    ("FAB-KRAMA", "Krama check", "fabric", "red", "m", 250, 20),
    ("FAB-SILK", "Silk", "fabric", "gold", "m", 900, 5),
    ("FAB-CANVAS", "Canvas", "fabric", "natural", "m", 300, 10),
    ("THR-WHITE", "Thread 5000 m", "thread", "white", "cone", 150, 5),
    ("THR-NAVY", "Thread 5000 m", "thread", "navy", "cone", 150, 5),
    ("BTN-12", "Button 12 mm", "button", "white", "piece", 2, 500),
    ("ZIP-15", "Zip 15 cm", "zip", "navy", "piece", 15, 50),
    ("ELA-25", "Elastic 25 mm", "elastic", "white", "m", 20, 30),
    ("LBL-PSE", "Woven label PSE", "label", "", "piece", 5, 200),
    ("STUFF", "Cotton stuffing", "other", "white", "kg", 300, 2),
]
UNIFORMS = [  # code, name, colour, fabric, metres at size 8, extras per piece, sex, rate cents
    ("SHIRT", "School shirt", "white", "FAB-WHITE", 1000, {"BTN-12": 6000}, "M", 45),
    ("BLOUSE", "School blouse", "white", "FAB-WHITE", 950, {"BTN-12": 5000}, "F", 45),
    ("SHORTS", "School shorts", "navy", "FAB-NAVY", 700, {"ZIP-15": 1000}, "M", 35),
    ("SKIRT", "School skirt", "navy", "FAB-NAVY", 750, {"ZIP-15": 1000}, "F", 35),
]
SIZES = ("2", "4", "6", "8", "10", "12", "14", "S", "M", "L", "XL")
SIZE_FACTOR = {"2": 55, "4": 65, "6": 80, "8": 100, "10": 112, "12": 125, "14": 140, "S": 150,
               "M": 160, "L": 175, "XL": 190}
HANDICRAFTS = [  # code, name, category, colour, price, material, metres, rate
    ("BAG", "Tote bag", "Bags", "red", 1250, "FAB-KRAMA", 500, 80),
    ("SCF", "Krama scarf", "Scarves", "red", 725, "FAB-KRAMA", 1700, 50),
    ("PCH", "Silk pouch", "Bags", "gold", 600, "FAB-SILK", 250, 60),
    ("ELE", "Elephant toy", "Toys", "natural", 900, "FAB-CANVAS", 350, 90),
]


def add_demo(actor, progress, today: dt.date) -> str:
    require(actor, "admin.demo")
    refuse_if_filled(ProductionOrder, "production orders")
    rng = random.Random(606)
    start = today - dt.timedelta(days=365)
    progress("Materials and bills of materials", 0.05)
    from ..shop import locations as shop

    shop.ensure_locations(actor)
    mats = _materials(actor)
    uniform_variants = _uniform_products(actor, mats)
    craft_variants = _handicrafts(actor, mats)
    seamstresses = _seamstresses(actor, start)
    progress("Production orders", 0.2)
    orders = _orders(actor, rng, start, today, uniform_variants, craft_variants)
    progress("Output, materials and deliveries", 0.5)
    counts = _simulate(actor, rng, orders, seamstresses, start, today)
    return (f"{len(mats)} materials, {len(orders)} production orders, {counts['output']:,} output "
            f"rows ({counts['pieces']:,} pieces), {counts['deliveries']} deliveries")


def _materials(actor) -> dict[str, int]:
    out = {}
    for code, name, kind, colour, unit, cost, minimum in MATERIALS:
        out[code] = materials.save_material(actor, None, code, name, kind, unit, colour=colour,
                                            unit_cost=cost, min_stock=minimum * 1000).id
    return out


def _bom_rows(variant_id, fabric, milli, extras, mats):
    rows = [{"variant": variant_id, "material": mats[fabric], "qty_milli": milli, "waste_pct": 10}]
    rows += [{"variant": variant_id, "material": mats[code], "qty_milli": q, "waste_pct": 0}
             for code, q in extras.items()]
    rows.append({"variant": variant_id, "material": mats["LBL-PSE"], "qty_milli": 1000, "waste_pct": 0})
    rows.append({"variant": variant_id, "material": mats["THR-WHITE" if "WHITE" in fabric else
                                                         "THR-NAVY"], "qty_milli": 20, "waste_pct": 0})
    return rows


def _recipe(name: str):
    """The UNIFORMS row whose item the product's name names (a blouse, shorts...), else a shirt's."""
    low = name.lower()
    for row in UNIFORMS:
        if row[1].split()[-1].lower() in low:
            return row
    if "trouser" in low or "pant" in low:
        return UNIFORMS[2]
    return UNIFORMS[0]


def _uniform_products(actor, mats) -> dict[int, str]:
    """Uniform items in every size with their BOMs; return {product id: sex it is for}.

    The shop's demo may have made uniform products already: they get the sizes they lack, since
    the children of the centres need them all."""
    if not Product.select().where(Product.kind == "uniform").exists():
        for code, name, colour, *_rest in UNIFORMS:
            p = catalog.save_product(actor, None, code, name, "Uniforms", "uniform")
            catalog.save_variant(actor, None, p.id, f"{code}-8", "0", size="8", colour=colour)
    products = list(Product.select().where(Product.kind == "uniform", Product.active == True))  # noqa: E712
    codes = {c for (c,) in ProductVariant.select(ProductVariant.code).tuples()}
    for p in products:
        have = list(ProductVariant.select().where(ProductVariant.product == p.id))
        sizes = {v.size for v in have}
        colour = have[0].colour if have else _recipe(p.name_en)[2]
        for size in SIZES:
            code = f"{p.code}-{size}"
            if size not in sizes and code not in codes:
                catalog.save_variant(actor, None, p.id, code, "0", size=size, colour=colour)
                codes.add(code)
    names = " ".join(p.name_en.lower() for p in products)
    out: dict[int, str] = {}
    bom, rates = [], []
    for p in products:
        code, name, colour, fabric, milli, extras, sex, rate = _recipe(p.name_en)
        if sex == "M" and code == "SHIRT" and "blouse" not in names:
            sex = ""  # no blouse in the catalogue: everyone gets a shirt
        out[p.id] = sex
        for v in ProductVariant.select().where(ProductVariant.product == p.id):
            f = SIZE_FACTOR.get(v.size, 100)
            bom += _bom_rows(v.id, fabric, milli * f // 100, extras, mats)
            rates.append({"variant": v.id, "piece_rate_cents": rate})
    _bulk_boms(actor, bom, rates)
    return out


def _handicrafts(actor, mats) -> list[int]:
    """The shop's handicraft variants (or a few made here when the catalogue has none)."""
    if not Product.select().where(Product.kind == "handicraft").exists():
        for code, name, cat, colour, price, *_rest in HANDICRAFTS:
            p = catalog.save_product(actor, None, code, name, cat, "handicraft")
            catalog.save_variant(actor, None, p.id, f"{code}-{colour[:3].upper()}", price,
                                 colour=colour, cost=price // 3)
    variants = list(ProductVariant.select(ProductVariant, Product).join(Product)
                    .where(Product.kind == "handicraft", ProductVariant.active == True)  # noqa: E712
                    .order_by(ProductVariant.id).limit(40))
    bom, rates = [], []
    for i, v in enumerate(variants):
        code, name, cat, colour, price, fabric, milli, rate = HANDICRAFTS[i % len(HANDICRAFTS)]
        bom += [{"variant": v.id, "material": mats[fabric], "qty_milli": milli, "waste_pct": 5},
                {"variant": v.id, "material": mats["LBL-PSE"], "qty_milli": 1000, "waste_pct": 0}]
        rates.append({"variant": v.id, "piece_rate_cents": rate})
    _bulk_boms(actor, bom, rates)
    return [v.id for v in variants]


def _bulk_boms(actor, bom, rates) -> None:
    with database.atomic():
        for i in range(0, len(bom), 500):
            BomLine.insert_many(bom[i:i + 500]).on_conflict_ignore().execute()
        for i in range(0, len(rates), 500):
            SewingRate.insert_many(rates[i:i + 500]).on_conflict_ignore().execute()
        audit.record(actor, AREA, "demo", "bom", "", f"demo: {len(bom)} bill of materials lines, "
                     f"{len(rates)} piece rates")


def _seamstresses(actor, start) -> list[int]:
    """Payroll's active seamstresses; a few are added only if the payroll demo made none."""
    query = Worker.select(Worker.id).where(Worker.active == True,  # noqa: E712
                                           Worker.job.in_(["seamstress", "finisher", "student"]))
    ids = [w.id for w in query.order_by(Worker.code)]
    if ids:
        return ids
    from ..payroll import workers

    names = [("Chea Sokha", "ជា សុខា"), ("Lim Bopha", "លឹម បុប្ផា"), ("Nget Channary", "ង៉ែត ច័ន្ទនារី"),
             ("Sam Kunthea", "សំ គន្ធា")]
    for latin, km in names:
        w = workers.save_worker(actor, None, {"kind": "employee", "job": "seamstress",
                                              "name_latin": latin, "name_khmer": km, "sex": "F",
                                              "hire_date": start - dt.timedelta(days=800)})
        workers.add_contract(actor, w.id, start - dt.timedelta(days=800), "monthly", 25000)
        ids.append(w.id)
    return ids


def _orders(actor, rng, start, today, uniform_variants, craft_variants) -> list[int]:
    """Orders made in date order (so their numbers follow the calendar)."""
    from ...db.core import Centre

    shops = [loc.id for loc in StockLocation.select().where(StockLocation.kind == "shop",
                                                          StockLocation.active == True)]  # noqa: E712
    items = [production_uniforms.UniformItem(pid, sex) for pid, sex in uniform_variants.items()]
    specs = []
    # Uniforms for each centre, spread over the year; the newest are still open today.
    centres = list(Centre.select().where(Centre.active == True).order_by(Centre.code))  # noqa: E712
    for i, c in enumerate(centres):
        created = start + dt.timedelta(days=20 + i * 48)
        specs.append((created, "uniform", c.id))
    # Handicrafts for the shops (or an outside customer), about two a month.
    day = start + dt.timedelta(days=5)
    while day < today - dt.timedelta(days=3) and craft_variants:
        specs.append((day, "handicraft", None))
        day += dt.timedelta(days=rng.randint(10, 20))
    specs.sort(key=lambda s: s[0])
    # The newest uniform order is the third newest order: in progress, its fabric short.
    last_uniform = max((i for i, sp in enumerate(specs) if sp[1] == "uniform"), default=None)
    if last_uniform is not None and len(specs) > 3:
        sp = specs.pop(last_uniform)
        before = specs[len(specs) - 3][0]
        specs.insert(len(specs) - 1, (before + dt.timedelta(days=1), sp[1], sp[2]))
        specs.sort(key=lambda s: s[0])
    ids = []
    for created, kind, centre_id in specs:
        if kind == "uniform":
            if not items:
                continue
            try:
                info = production_uniforms.create_uniform_order(
                    actor, centre_id, items, due=created + dt.timedelta(days=60),
                    on=min(today, created))
            except Exception:  # a centre without children or sizes gets no order
                continue
        else:
            lines = [(v, rng.choice([20, 30, 40, 50, 60])) for v in rng.sample(
                craft_variants, min(len(craft_variants), rng.randint(2, 4)))]
            loc = rng.choice(shops) if shops else None
            info = production.create_order(
                actor, kind="handicraft", customer_kind="shop" if loc else "outside",
                customer="" if loc else "Friends of PSE, Lyon", location_id=loc,
                due=created + dt.timedelta(days=rng.randint(21, 40)),
                priority=rng.choice([1, 2, 2, 3]), lines=lines)
        ProductionOrder.update(created_at=dt.datetime.combine(created, dt.time(9))).where(
            ProductionOrder.id == info.id).execute()
        ids.append(info.id)
    return ids


def _simulate(actor, rng, order_ids, worker_ids, start, today) -> dict:
    """Sew every order from its creation: each workday a few workers sew pieces, materials
    are used (received first when short), ready pieces are delivered; bulk inserts."""
    final = {r.month for r in PayRun.select(PayRun.month).where(PayRun.status == "final")}
    mats = {m.id: m for m in Material.select()}
    stock = {m.id: m.stock_milli for m in mats.values()}
    boms: dict[int, list] = {}
    for b in BomLine.select():
        boms.setdefault(b.variant_id, []).append((b.material_id, b.qty_milli, b.waste_pct))
    rates = dict(SewingRate.select(SewingRate.variant, SewingRate.piece_rate_cents).tuples())
    labels = {v.id: catalog.variant_label(v.product.name_en, v.size, v.colour)[:80]
              for v in ProductVariant.select(ProductVariant, Product).join(Product)}
    codes = dict(ProductVariant.select(ProductVariant.id, ProductVariant.code).tuples())
    out_rows, moves, pieces_rows, stock_moves = [], [], [], []
    for mid, m in mats.items():  # opening stock, except khaki twill (on the low-stock card)
        if m.code != "FAB-KHAKI" and m.min_stock_milli:
            moves.append({"day": start, "material": mid, "qty_milli": 2 * m.min_stock_milli,
                          "kind": "receive", "note": "opening stock", "user": actor.id,
                          "at": dt.datetime.combine(start, dt.time(8))})
            stock[mid] += 2 * m.min_stock_milli
    deliveries = []
    counts = {"output": 0, "pieces": 0, "deliveries": 0}
    next_output = (Output.select(Output.id).order_by(Output.id.desc()).scalar() or 0) + 1
    orders = list(ProductionOrder.select().where(ProductionOrder.id.in_(order_ids))
                  .order_by(ProductionOrder.created_at))
    # The newest orders stay open: in progress (one overdue), confirmed, and a draft.
    share = {len(orders) - 4: 0.6, len(orders) - 3: 0.35, len(orders) - 2: 0.0,
             len(orders) - 1: 0.0}
    n_open = 4
    for index, o in enumerate(orders):
        lines = list(OrderLine.select().where(OrderLine.order == o.id))
        created = o.created_at.date()
        stop = min(today, o.due + dt.timedelta(days=rng.randint(-10, 5)))
        remaining = [[ln, ln.quantity] for ln in lines]
        if index in share:
            stop = today
            remaining = [[ln, int(ln.quantity * share[index])] for ln in lines]
            if index == len(orders) - 4 and o.kind == "handicraft":
                o.due = today - dt.timedelta(days=3)
                ProductionOrder.update(due=o.due).where(ProductionOrder.id == o.id).execute()
        day = created + dt.timedelta(days=2)
        if index in share:  # still being sewn these last two weeks
            day = max(day, today - dt.timedelta(days=14))
        made_any = False
        while day <= stop and any(t[1] for t in remaining):
            if day.weekday() < 6:
                for w in rng.sample(worker_ids, min(len(worker_ids), rng.randint(2, 4))):
                    open_lines = [t for t in remaining if t[1]]
                    if not open_lines:
                        break
                    t = rng.choice(open_lines)
                    n = min(t[1], rng.randint(3, 8) if index in share else rng.randint(6, 18))
                    t[1] -= n
                    ln = t[0]
                    out_id = next_output
                    next_output += 1
                    out_rows.append({"id": out_id, "day": day, "worker": w, "order": o.id,
                                     "line": ln.id, "variant": ln.variant_id, "pieces": n,
                                     "user": actor.id, "at": dt.datetime.combine(day, dt.time(17))})
                    for mid, q, waste in boms.get(ln.variant_id, []):
                        used = materials.needed_milli(q, waste, n)
                        if stock[mid] - used < mats[mid].min_stock_milli:
                            # the manager buys before the shelf runs low
                            buy = used + 2 * mats[mid].min_stock_milli - stock[mid]
                            buy = -(-max(buy, 1000) // 1000) * 1000
                            moves.append({"day": day, "material": mid, "qty_milli": buy,
                                          "kind": "receive", "note": "demo purchase",
                                          "user": actor.id, "at": dt.datetime.combine(day, dt.time(8))})
                            stock[mid] += buy
                        stock[mid] -= used
                        moves.append({"day": day, "material": mid, "qty_milli": -used, "kind": "use",
                                      "order": o.id, "output": out_id, "user": actor.id,
                                      "note": f"{production.order_no(o.number)} {codes[ln.variant_id]} x{n}",
                                      "at": dt.datetime.combine(day, dt.time(17))})
                    if day.replace(day=1) not in final:
                        pieces_rows.append({"worker": w, "day": day, "item_label": labels[ln.variant_id],
                                            "variant_code": codes[ln.variant_id], "pieces": n,
                                            "piece_rate_cents": rates.get(ln.variant_id, 0),
                                            "source": "production", "source_ref": f"output:{out_id}"})
                    counts["output"] += 1
                    counts["pieces"] += n
                    made_any = True
            day += dt.timedelta(days=1)
        if index in share:
            made = {t[0].id: int(t[0].quantity * share[index]) - t[1] for t in remaining}
            complete = False
        else:
            made = {t[0].id: t[0].quantity - t[1] for t in remaining}
            complete = not any(t[1] for t in remaining)
        delivered = {}
        if complete and index < len(orders) - n_open and day <= today:
            deliveries.append((o, day, made))
            delivered = made
        state = ("delivered" if delivered else "done" if complete else
                 "in_progress" if made_any else "confirmed")
        if index == len(orders) - 1 and not made_any:
            state = "draft"
        for ln in lines:
            OrderLine.update(made=made[ln.id], delivered=delivered.get(ln.id, 0)).where(
                OrderLine.id == ln.id).execute()
        ProductionOrder.update(state=state, confirmed_at=None if state == "draft" else
                               dt.datetime.combine(o.created_at.date(), dt.time(10)),
                               closed_at=dt.datetime.combine(day, dt.time(16)) if delivered else None
                               ).where(ProductionOrder.id == o.id).execute()
    with database.atomic():
        for i in range(0, len(out_rows), 500):
            Output.insert_many(out_rows[i:i + 500]).execute()
        dialect.set_sequences(database.obj, [Output])
        for i in range(0, len(moves), 500):
            MaterialMove.insert_many(moves[i:i + 500]).execute()
        for mid, qty in stock.items():
            Material.update(stock_milli=qty).where(Material.id == mid).execute()
        for i in range(0, len(pieces_rows), 500):
            PieceOutput.insert_many(pieces_rows[i:i + 500]).execute()
        number = 0
        for o, day, made in deliveries:
            number += 1
            d = Delivery.create(number=number, order=o.id, day=day, note="", user=actor.id)
            for line_id, qty in made.items():
                if qty:
                    DeliveryLine.create(delivery=d, line=line_id, quantity=qty, delivered_before=0)
            if o.kind == "handicraft" and o.location_id:
                for ln in OrderLine.select().where(OrderLine.order == o.id, OrderLine.made > 0):
                    stock_moves.append({"day": day, "variant": ln.variant_id, "location": o.location_id,
                                        "quantity": ln.made, "kind": "receive",
                                        "ref": f"production:{production.delivery_no(number)}",
                                        "user": actor.id, "note": production.order_no(o.number),
                                        "at": dt.datetime.combine(day, dt.time(16))})
        for i in range(0, len(stock_moves), 500):
            StockMove.insert_many(stock_moves[i:i + 500]).execute()
        counts["deliveries"] = number
        audit.record(actor, AREA, "demo", "output", "",
                     f"demo: {counts['output']} output rows, {len(moves)} material movements, "
                     f"{len(pieces_rows)} payroll piece rows, {number} deliveries, "
                     f"{len(stock_moves)} shop stock receipts")
    if stock_moves:
        from ..shop import stock as shop_stock

        shop_stock.rebuild_balances()
    return counts

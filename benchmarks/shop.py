"""Shop speed with five years of sales (about 250,000 sale lines), each figure beside the same
work done in plain sqlite3 on the same file.

    python benchmarks/shop.py [--lines 250000] [--runs 50] [--keep FILE]

Measured (median of --runs): scanning a product into the cart; completing a sale (stock check,
number, sale and lines, ledger rows, balance, audit entry, committed with synchronous=FULL);
a year's sales report by product; stock of every product in every location.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIMITS = {"scan": 20, "sale": 50, "report": 300, "stock": 100}


def build(path: Path, n_lines: int) -> None:
    from pse_desktop import areas
    from pse_desktop.db import close_database, init_database, resolve_target
    from pse_desktop.services.core import auth, demo as demo_core, users
    from pse_desktop.services.shop import locations as shop, demo as shop_demo

    init_database(resolve_target(str(path)))
    areas.load_services()
    users.create_first_admin("admin", "Admin", "admin-pass")
    actor = auth.authenticate("admin", "admin-pass")
    demo_core.add_demo(actor, lambda m, f: None, dt.date.today())
    shop.ensure_locations(actor)
    shop_demo._catalogue(actor)
    close_database()

    conn = sqlite3.connect(path)
    rng = random.Random(5)
    # 270 more variants, so the stock list is the size of a real catalogue
    pid = conn.execute("SELECT MIN(id) FROM product").fetchone()[0]
    conn.executemany(
        "INSERT INTO product_variant (product_id, code, size, colour, barcode, price_usd_cents, "
        "price_eur_cents, cost_cents, low_stock, active) VALUES (?, ?, '', ?, ?, ?, NULL, ?, 3, 1)",
        [(pid, f"BENCH-{i:04d}", f"c{i}", f"29{i:011d}", 300 + i * 7 % 2000, 100 + i % 500)
         for i in range(270)])
    variants = conn.execute("SELECT id, price_usd_cents, cost_cents FROM product_variant").fetchall()
    locs = [r[0] for r in conn.execute(
        "SELECT id FROM stock_location WHERE code IN ('PP1', 'PP2') ORDER BY code")]
    today = dt.date.today()
    start = today - dt.timedelta(days=5 * 365)
    days = (today - start).days
    per_day = n_lines / days / 1.8 / len(locs)  # 1.8 lines a sale on average
    sale_rows, line_rows, move_rows = [], [], []
    monthly: dict[tuple, int] = {}
    sale_id = 1
    for loc in locs:
        number = 0
        for offset in range(days):
            day = start + dt.timedelta(days=offset)
            for _ in range(int(per_day * 2 * rng.random() + 0.5)):
                number += 1
                picks = rng.sample(variants, rng.choice((1, 1, 2, 2, 3)))
                total = sum(p for _, p, _ in picks)
                at = f"{day} 1{number % 8}:{number % 60:02d}:00"
                sale_rows.append((sale_id, loc, number, "sale", at, str(day), total, total, total))
                for vid, price, cost in picks:
                    line_rows.append((sale_id, vid, 1, price, price, cost, str(day)))
                    move_rows.append((at, str(day), vid, loc, -1, "sale", f"sale:{sale_id}"))
                    key = (loc, vid, day.year, day.month)
                    monthly[key] = monthly.get(key, 0) + 1
                sale_id += 1
    for (loc, vid, year, month), qty in monthly.items():
        d = dt.date(year, month, 1)
        move_rows.append((f"{d} 08:00:00", str(d), vid, loc, qty + 50, "receive", "bench"))
    conn.executemany(
        "INSERT INTO sale (id, location_id, number, kind, at, day, currency, subtotal, discount, "
        "total, khr_per_usd, eur_per_usd_milli, paid_usd, paid_khr, paid_eur, change_usd, "
        "change_khr, change_eur, reason) VALUES (?, ?, ?, ?, ?, ?, 'USD', ?, 0, ?, 4100, 920, ?, "
        "0, 0, 0, 0, 0, '')", sale_rows)
    conn.executemany(
        "INSERT INTO sale_line (sale_id, variant_id, quantity, unit_price, discount, amount, cost,"
        " day) VALUES (?, ?, ?, ?, 0, ?, ?, ?)", line_rows)
    conn.executemany(
        "INSERT INTO stock_move (at, day, variant_id, location_id, quantity, kind, ref, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, '')", move_rows)
    conn.execute("INSERT INTO stock_balance (variant_id, location_id, quantity) "
                 "SELECT variant_id, location_id, SUM(quantity) FROM stock_move GROUP BY 1, 2")
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()
    print(f"built {len(sale_rows):,} sales, {len(line_rows):,} sale lines, "
          f"{len(move_rows):,} ledger rows, {len(variants)} variants over 5 years", flush=True)


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=250_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--keep", help="keep the database in this file")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="pse-shop-bench-"))
    path = Path(args.keep) if args.keep else folder / "bench.sqlite3"
    if path.exists():
        path.unlink()
    t0 = time.perf_counter()
    build(path, args.lines)
    print(f"(built in {time.perf_counter() - t0:.1f} s)")

    from pse_desktop import areas
    from pse_desktop.db import database, init_database, resolve_target
    from pse_desktop.services.core import auth
    from pse_desktop.services.shop import sales, locations as shop, reports as shop_reports, stock

    init_database(resolve_target(str(path)))
    areas.load_services()
    actor = auth.authenticate("admin", "admin-pass")
    pp1 = next(loc for loc in shop.list_locations() if loc.code == "PP1")
    rates = sales.Rates.current()
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA synchronous=2")
    raw.execute("PRAGMA foreign_keys=1")
    raw.execute("PRAGMA cache_size=-16000")  # as the app sets it
    barcode = "2900000000042"
    vid = raw.execute("SELECT id FROM product_variant WHERE barcode = ?", (barcode,)).fetchone()[0]
    stock.receive(actor, pp1.id, {vid: 10_000})
    today = dt.date.today()
    year_ago = today - dt.timedelta(days=365)
    results = []

    # 1. scan into the cart
    app = median_ms(lambda: sales.scan(pp1.id, barcode, rates), args.runs)

    def raw_scan():
        v = raw.execute("SELECT v.id, v.code, p.name_en, v.price_usd_cents FROM product_variant v "
                        "JOIN product p ON p.id = v.product_id WHERE v.barcode = ? AND v.active",
                        (barcode,)).fetchone()
        raw.execute("SELECT quantity FROM stock_balance WHERE variant_id = ? AND location_id = ?",
                    (v[0], pp1.id)).fetchone()
    results.append(("scan a product into the cart", app, median_ms(raw_scan, args.runs), "scan"))

    # 2. complete a sale, committed
    line = sales.scan(pp1.id, barcode, rates)
    app = median_ms(lambda: sales.complete_sale(actor, pp1.id, [line], paid_usd="100",
                                                rates=rates), args.runs)

    def raw_sale():
        raw.execute("BEGIN IMMEDIATE")
        have = raw.execute("SELECT quantity FROM stock_balance WHERE variant_id = ? AND "
                           "location_id = ?", (vid, pp1.id)).fetchone()[0]
        assert have > 0
        closed = raw.execute("SELECT 1 FROM day_closing WHERE location_id = ? AND day = ?",
                             (pp1.id, str(today))).fetchone()
        assert not closed
        number = raw.execute("SELECT MAX(number) FROM sale WHERE location_id = ?",
                             (pp1.id,)).fetchone()[0] + 1
        cur = raw.execute(
            "INSERT INTO sale (location_id, number, kind, at, day, currency, subtotal, discount, "
            "total, khr_per_usd, eur_per_usd_milli, paid_usd, paid_khr, paid_eur, change_usd, "
            "change_khr, change_eur, reason) VALUES (?, ?, 'sale', ?, ?, 'USD', 100, 0, 100, "
            "4100, 920, 100, 0, 0, 0, 0, 0, '')",
            (pp1.id, number, dt.datetime.now().isoformat(" "), str(today)))
        sid = cur.lastrowid
        raw.execute("INSERT INTO sale_line (sale_id, variant_id, quantity, unit_price, discount, "
                    "amount, cost, day) VALUES (?, ?, 1, 100, 0, 100, 0, ?)", (sid, vid, str(today)))
        raw.execute("INSERT INTO stock_move (at, day, variant_id, location_id, quantity, kind, "
                    "ref, note) VALUES (?, ?, ?, ?, -1, 'sale', ?, '')",
                    (dt.datetime.now().isoformat(" "), str(today), vid, pp1.id, f"sale:{sid}"))
        raw.execute("INSERT INTO stock_balance (variant_id, location_id, quantity) VALUES (?, ?, -1)"
                    " ON CONFLICT (variant_id, location_id) DO UPDATE SET quantity = quantity - 1",
                    (vid, pp1.id))
        raw.execute("INSERT INTO audit_entry (at, username, area, action, entity, entity_id, "
                    "summary) VALUES (?, 'bench', 'shop', 'sell', 'sale', ?, 'bench')",
                    (dt.datetime.now().isoformat(" "), str(sid)))
        raw.execute("COMMIT")
    results.append(("complete a sale (committed)", app, median_ms(raw_sale, args.runs), "sale"))

    # 3. a year's sales by product
    runs = max(5, args.runs // 5)
    app = median_ms(lambda: shop_reports.sales_by(actor, "product", year_ago, today), runs)
    sql, params = shop_reports.sales_query("product", year_ago, today).sql()
    plain = median_ms(lambda: raw.execute(sql, params).fetchall(), runs)
    results.append(("a year's sales by product", app, plain, "report"))

    # 4. stock of every product in every location
    app = median_ms(lambda: stock.stock_levels(actor, None), runs)
    sql, params = stock.stock_query(None).sql()
    plain = median_ms(lambda: raw.execute(sql, params).fetchall(), runs)
    n_rows = len(stock.stock_levels(actor, None))
    results.append((f"stock of all ({n_rows} rows)", app, plain, "stock"))
    raw.close()
    database.close()

    print(f"\n{'measure':<34} {'app ms':>9} {'limit':>7} {'sqlite3 ms':>11}  ok")
    ok_all = True
    for label, app_ms, raw_ms, key in results:
        ok = app_ms <= LIMITS[key]
        ok_all &= ok
        print(f"{label:<34} {app_ms:>9.2f} {LIMITS[key]:>7} {raw_ms:>11.2f}  {'yes' if ok else 'NO'}")
    if not args.keep:
        path.unlink()
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())

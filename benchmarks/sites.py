"""A working day of every PSE site against one PostgreSQL server, then the same day on SQLite.

    python benchmarks/sites.py [--postgres URL] [--sqlite-only] [--seed-today YYYY-MM-DD]

Concurrent clients, one process each (as the PCs of the sites are): 7 centres take the morning
and the afternoon registers of their groups (about 80), 2 shops make 200 sales, the workshop
records output and computes a payroll draft, head office runs the follow-up lists and exports.
Prints count, p50, p95, max and errors of each operation for each engine. Targets: no errors,
p95 of a register save and of a sale under 100 ms. Exit 1 when a target is missed.

Anchors, measured by the same clients in the same run: "register save, plain SQL" is one
transaction upserting the same number of marks into a scratch table with bare SQL; "sale, plain
SQL" one transaction writing a sale, its lines and the stock of its products into scratch tables.
What the program adds over them (checks, permissions, audit, counters, stock ledger) is the gap.

The data is the demo (a year of a whole office), made once into a SQLite file cached in /tmp;
the PostgreSQL database is filled from it with ``migrate-to`` the first time, then restored from
a pg_dump cached beside it. ``--postgres`` names a database the benchmark may use to create and
drop ``pse_sites_bench`` (default: $PSE_TEST_POSTGRES_URL).
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CACHE = Path(tempfile.gettempdir()) / "pse-sites-bench"
PASSWORD = "admin-pass"
TARGETS_MS = {"register save": 100, "sale": 100}
REGISTERS_PER_CENTRE = 12  # 6 morning + 6 afternoon: 84 registers in 7 centres
SALES_PER_SHOP = 100


def seed_sqlite(today: dt.date) -> Path:
    """The demo office (a year up to ``today``) in a SQLite file, made once."""
    path = CACHE / f"seed-{today}.sqlite3"
    if path.exists():
        return path
    from pse_desktop import areas
    from pse_desktop.db import close_database, init_database
    from pse_desktop.services.common import demo
    from pse_desktop.services.core import auth, users

    CACHE.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.stem + "-making.sqlite3")  # not sqlite_copy's own ".part"
    part.unlink(missing_ok=True)
    print(f"Making the demo office into {path} (once; a few minutes)...", flush=True)
    init_database(str(part))
    areas.load_services()
    users.create_first_admin("admin", "Office Admin", PASSWORD)
    demo.run(auth.authenticate("admin", PASSWORD), today=today)
    close_database()
    from pse_desktop.db import sqlite_copy

    sqlite_copy(part, path)
    for extra in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
        extra.unlink(missing_ok=True)
    return path


def _with_db(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


def seed_postgres(base_url: str, seed: Path) -> str:
    """A fresh ``pse_sites_bench`` database holding the seed; return its URL."""
    import psycopg2

    from pse_desktop import areas
    from pse_desktop.db import close_database, resolve_target
    from pse_desktop.services.core import migrate_to, permissions, pgdump

    url = _with_db(base_url, "pse_sites_bench")
    admin = psycopg2.connect(base_url)
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("DROP DATABASE IF EXISTS pse_sites_bench WITH (FORCE)")
        cur.execute("CREATE DATABASE pse_sites_bench")
    admin.close()
    dump = seed.with_suffix(".pgdump")
    if dump.exists():
        pgdump.load(url, dump)
    else:
        print("Moving the demo office to PostgreSQL with migrate-to (once)...", flush=True)
        areas.load_services()
        migrate_to.migrate_to(permissions.cli_actor(), resolve_target(str(seed)),
                              resolve_target(url))
        close_database()
        pgdump.dump(url, dump)
    return url


def plan(url: str, day: dt.date) -> list[tuple[str, dict]]:
    """The clients of the day: (role, arguments) each."""
    from pse_desktop.db import close_database, init_database
    from pse_desktop.db.centres import Group
    from pse_desktop.db.core import Centre
    from pse_desktop.db.production import ProductionOrder
    from pse_desktop.db.shop import StockBalance, StockLocation

    init_database(url)
    clients = []
    for centre in Centre.select().order_by(Centre.code):
        groups = list(Group.select().where(Group.centre == centre.id, Group.active == True)  # noqa
                      .order_by(Group.session.desc(), Group.name))[:REGISTERS_PER_CENTRE]
        clients.append(("centre", {"groups": [g.id for g in groups]}))
    shops = (StockLocation.select().where(StockLocation.currency == "USD",
                                          StockLocation.kind == "shop")
             .order_by(StockLocation.code).limit(2))
    for loc in shops:
        stocked = [b.variant_id for b in StockBalance.select().where(
            StockBalance.location == loc.id, StockBalance.quantity >= 10)]
        clients.append(("shop", {"location": loc.id, "variants": stocked}))
    orders = [o.id for o in ProductionOrder.select().where(
        ProductionOrder.state.in_(["confirmed", "in_progress"]))]
    clients.append(("workshop", {"orders": orders}))
    clients.append(("head office", {}))
    make_scratch()
    close_database()
    return clients


SCRATCH = {
    "bench_marks": "group_id INTEGER, child_id INTEGER, day VARCHAR(10), mark VARCHAR(1), "
                   "PRIMARY KEY (group_id, child_id, day)",
    "bench_sales": "location INTEGER, number INTEGER, total INTEGER, PRIMARY KEY (location, number)",
    "bench_sale_lines": "location INTEGER, number INTEGER, variant INTEGER, quantity INTEGER",
    "bench_stock": "location INTEGER, variant INTEGER, quantity INTEGER, PRIMARY KEY (location, variant)",
}


def make_scratch() -> None:
    """The anchors' tables, empty (SQL both engines read)."""
    from pse_desktop.db import database

    drop_scratch()
    for name, columns in SCRATCH.items():
        database.execute_sql(f"CREATE TABLE {name} ({columns})")


def drop_scratch() -> None:
    from pse_desktop.db import database

    for name in SCRATCH:
        database.execute_sql(f"DROP TABLE IF EXISTS {name}")


def plain_register_save(group_id: int, day: dt.date, marks: dict) -> None:
    """The anchor of a register save: the marks upserted in one transaction, bare SQL."""
    from pse_desktop.db import database

    p = database.param
    sql = (f"INSERT INTO bench_marks (group_id, child_id, day, mark) VALUES ({p}, {p}, {p}, {p}) "
           "ON CONFLICT (group_id, child_id, day) DO UPDATE SET mark = excluded.mark")
    with database.atomic():
        for child_id, mark in marks.items():
            database.execute_sql(sql, (group_id, child_id, day.isoformat(), mark))


def plain_sale(location: int, number: int, lines: list) -> None:
    """The anchor of a sale: its row, its lines and its products' stock, one transaction."""
    from pse_desktop.db import database

    p = database.param
    with database.atomic():
        database.execute_sql(f"INSERT INTO bench_sales VALUES ({p}, {p}, {p})", (location, number, 100))
        for variant, quantity in lines:
            database.execute_sql(f"INSERT INTO bench_sale_lines VALUES ({p}, {p}, {p}, {p})",
                                 (location, number, variant, quantity))
            database.execute_sql(
                f"INSERT INTO bench_stock VALUES ({p}, {p}, {p}) ON CONFLICT (location, variant) "
                "DO UPDATE SET quantity = bench_stock.quantity - excluded.quantity",
                (location, variant, quantity))


def client(url: str, day: dt.date, role: str, args: dict, seed: int, out) -> None:
    """One site's PC: open the database, log in, play its part; put [(op, ms, error)]."""
    from pse_desktop import areas
    from pse_desktop.db import init_database
    from pse_desktop.services.core import auth

    rng = random.Random(seed)
    init_database(url)
    areas.load_services()
    actor = auth.authenticate("admin", PASSWORD)
    timings: list[tuple[str, float, str]] = []

    def timed(op, fn, *a, **kw):
        start = time.perf_counter()
        error = ""
        try:
            result = fn(*a, **kw)
        except Exception as exc:  # counted and printed: the benchmark must show 0
            result, error = None, f"{type(exc).__name__}: {exc}"
        timings.append((op, (time.perf_counter() - start) * 1000, error))
        return result

    ROLES[role](actor, day, args, rng, timed)
    out.put(timings)


def centre_day(actor, day, args, rng, timed):
    from pse_desktop.services.centres import attendance

    for group_id in args["groups"]:
        time.sleep(rng.uniform(0.05, 0.3))
        reg = timed("register load", attendance.load_register, actor, group_id, day)
        if reg is None:
            continue
        marks = {r.child_id: rng.choices("PALS", (90, 4, 4, 2))[0] for r in reg.rows}
        if marks:
            timed("register save", attendance.record_day, actor, group_id, day, marks, today=day)
            timed("register save, plain SQL", plain_register_save, group_id, day, marks)


def shop_day(actor, day, args, rng, timed):
    from pse_desktop.services.shop import sales

    for n in range(SALES_PER_SHOP):
        time.sleep(rng.uniform(0.01, 0.08))
        lines = [(v, 1) for v in rng.sample(args["variants"], rng.randint(1, 3))]
        timed("sale", sales.complete_sale, actor, args["location"], lines, paid_usd=100_000,
              day=day)
        timed("sale, plain SQL", plain_sale, args["location"], n + 1, lines)


def workshop_day(actor, day, args, rng, timed):
    from pse_desktop.db.payroll import Worker
    from pse_desktop.db.production import OrderLine
    from pse_desktop.services.payroll import run
    from pse_desktop.services.production import output

    workers = [w.id for w in Worker.select().where(Worker.active == True)]  # noqa: E712
    for order_id in args["orders"][:8]:
        variants = [ln.variant_id for ln in OrderLine.select().where(OrderLine.order == order_id)]
        for _ in range(5):
            time.sleep(rng.uniform(0.05, 0.2))
            entries = [output.OutputEntry(day, rng.choice(workers), rng.choice(variants), 3)]
            timed("output", output.record_output, actor, order_id, entries,
                  over_reason="benchmark", shortage_reason="benchmark", today=day)
    timed("payroll draft", run.compute_draft, actor, day.replace(day=1))


def head_office_day(actor, day, args, rng, timed):
    from pse_desktop.services.centres import export, followup, summary
    from pse_desktop.services.shop import reports

    month = f"{day:%Y-%m}"
    folder = Path(tempfile.mkdtemp(prefix="pse-sites-"))
    for _ in range(3):
        time.sleep(rng.uniform(0.5, 1.5))
        timed("absence streaks", followup.absence_streaks, actor, 3, today=day)
        timed("open registers", followup.unregistered_groups, actor, day)
        timed("rates by centre", summary.monthly_rates, actor, month, by="centre")
        timed("slow movers", reports.slow_movers, actor, 6, today=day)
        timed("export attendance", export.export_month, actor, month, folder / "att.csv")
        timed("export sales", reports.export_sales, actor, day.replace(day=1), day,
              folder / "sales.csv")
    shutil.rmtree(folder, ignore_errors=True)


ROLES = {"centre": centre_day, "shop": shop_day, "workshop": workshop_day,
         "head office": head_office_day}


def open_day(url: str, after: dt.date) -> dt.date:
    """The first weekday after the seed on which every centre is open."""
    from pse_desktop.db import close_database, init_database
    from pse_desktop.db.core import Centre
    from pse_desktop.services.centres.groups import why_closed

    init_database(url)
    day = after + dt.timedelta(days=1)
    centres = [c.id for c in Centre.select()]
    while day.weekday() >= 5 or any(why_closed(c, day) for c in centres):
        day += dt.timedelta(days=1)
    close_database()
    return day


def play(label: str, url: str, seed_today: dt.date) -> dict:
    day = open_day(url, seed_today)
    clients = plan(url, day)
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=client, args=(url, day, role, args, i, out))
             for i, (role, args) in enumerate(clients)]
    start = time.perf_counter()
    for p in procs:
        p.start()
    results = [out.get(timeout=1800) for _ in procs]
    for p in procs:
        p.join()
    wall = time.perf_counter() - start
    from pse_desktop.db import close_database, init_database

    init_database(url)
    drop_scratch()
    close_database()
    by_op: dict[str, list] = {}
    for timings in results:
        for op, ms, error in timings:
            by_op.setdefault(op, []).append((ms, error))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n{label}: {len(clients)} clients at once, {wall:.1f} s, day {day}, "
          f"{os.cpu_count()} CPUs, load average {load:.1f} at the end")
    print(f"{'operation':<26}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'errors':>8}")
    summary = {}
    for op, rows in by_op.items():
        ms = sorted(r[0] for r in rows)
        errors = [r[1] for r in rows if r[1]]
        p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
        summary[op] = (len(ms), statistics.median(ms), p95, len(errors))
        print(f"{op:<26}{len(ms):>7}{statistics.median(ms):>9.1f}{p95:>9.1f}{ms[-1]:>9.1f}"
              f"{len(errors):>8}")
        for e in sorted(set(errors))[:3]:
            print(f"    error: {e}")
    return summary


def missed(label: str, summary: dict) -> list[str]:
    out = [f"{label} {op}: {n} errors" for op, (_c, _p50, _p95, n) in summary.items() if n]
    out += [f"{label} {op}: p95 {summary[op][2]:.0f} ms > {limit} ms"
            for op, limit in TARGETS_MS.items() if op in summary and summary[op][2] > limit]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", default=os.environ.get("PSE_TEST_POSTGRES_URL", ""))
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--seed-today", default=dt.date.today().isoformat())
    args = parser.parse_args()
    seed_today = dt.date.fromisoformat(args.seed_today)
    seed = seed_sqlite(seed_today)
    problems = []
    if not args.sqlite_only:
        if not args.postgres:
            print("error: give --postgres URL (or set PSE_TEST_POSTGRES_URL)", file=sys.stderr)
            return 2
        url = seed_postgres(args.postgres, seed)
        problems += missed("PostgreSQL", play("PostgreSQL, one shared server", url, seed_today))
    work = Path(tempfile.mkdtemp(prefix="pse-sites-")) / "office.sqlite3"
    shutil.copyfile(seed, work)
    problems += missed("SQLite", play("SQLite, one PC", str(work), seed_today))
    shutil.rmtree(work.parent, ignore_errors=True)
    print("\n" + ("\n".join(problems) if problems else "All targets met: no errors, p95 of a "
                  "register save and of a sale under 100 ms."))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""Payroll speed on the demo's 70 workers: a draft from a month of time sheets, and 70
payslips as one PDF with shaped Khmer names. Median of several runs.

    python benchmarks/payroll.py [--runs 5]

Targets (issue 5): draft <= 0.5 s; 70 payslips PDF <= 1 s. The plain-sqlite3 line is the bare
cost of reading the month's time sheets, for comparison with the whole draft.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(fn, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from pse_desktop import areas
    from pse_desktop.db import init_database, resolve_target
    from pse_desktop.services.core import auth, users
    from pse_desktop.services.common import demo
    from pse_desktop.services.payroll import (
        months as payroll, docs as payroll_docs, run as payroll_run,
    )

    work = Path(tempfile.mkdtemp(prefix="pse-bench-"))
    path = work / "bench.sqlite3"
    init_database(resolve_target(str(path)))
    areas.load_services()
    users.create_first_admin("admin", "Admin", "admin-pass")
    actor = auth.authenticate("admin", "admin-pass")
    today = dt.date.today()
    t = time.perf_counter()
    demo.run(actor, today=today)
    demo_s = time.perf_counter() - t
    month = today.replace(day=1)
    workers = len(payroll_docs.register(actor, month).rows)

    compute = timed(lambda: payroll_run.compute_month(month, 4100), args.runs)
    draft = timed(lambda: payroll_run.compute_draft(actor, month, 4100), args.runs)
    out = work / "payslips.pdf"
    pdf = timed(lambda: payroll_docs.write_pdf(actor, "payslips", month, out), args.runs)

    conn = sqlite3.connect(str(path))
    last = payroll.month_end(month)

    def raw():
        conn.execute("SELECT worker_id, day, status, minutes, ot_normal_minutes, ot_premium_minutes "
                     "FROM time_entry WHERE day BETWEEN ? AND ?", (month.isoformat(), last.isoformat())).fetchall()

    raw_s = timed(raw, args.runs)
    rows = [("demo data (whole demo, once)", demo_s, "< 60 s"),
            (f"time sheets of {month:%Y-%m}, plain sqlite3 SELECT", raw_s, ""),
            (f"compute {workers} payslips in memory", compute, ""),
            (f"draft payroll, {workers} workers (compute + store)", draft, "<= 0.5 s"),
            (f"{workers} payslips as one PDF, Khmer names shaped", pdf, "<= 1 s")]
    print(f"{'measure':<55} {'median s':>9}  target")
    for name, seconds, target in rows:
        print(f"{name:<55} {seconds:9.3f}  {target}")
    print(f"PDF size {out.stat().st_size // 1024} KB, {args.runs} runs each")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Attendance speed on ten school years: 8,000 children, about 8.7 million marks.

    python benchmarks/attendance.py [--small] [--runs 9] [--fresh]

Generates the database once with raw sqlite3 inserts (a few minutes; ``--small``: one year,
1,000 children, seconds) and caches it in /tmp; ``--fresh`` makes it again. Each operation is
timed through the program's services (median of ``--runs``) and beside it the same query in
plain sqlite3. The register window needs a display (an Xvfb is started if there is none).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {"load": 5, "save": 10, "window": 150, "summary": 30, "streaks": 20, "yearly": 50,
           "trend": 500, "pdf": 1000, "pdf_all": 6000}
SIZES = {"full": dict(years=10, children=8000, groups_per_centre=12),
         "small": dict(years=1, children=1000, groups_per_centre=4)}
KM_FAMILY = ["សុខ", "ចាន់", "គឹម", "ហេង", "លី", "កែវ", "ជា", "ទេព", "ម៉ៅ", "ព្រំ", "ស៊ុន", "ឈឹម"]
LATIN_FAMILY = ["Sok", "Chan", "Kim", "Heng", "Ly", "Keo", "Chea", "Tep", "Mao", "Prum", "Sun", "Chhim"]
KM_GIVEN = ["សុភា", "ស្រីពៅ", "សុខា", "ចន្ធូ", "បុប្ផា", "ដារ៉ា", "វណ្ណា", "សុផល", "រតនា", "វិចិត្រ"]
LATIN_GIVEN = ["Sophea", "Sreypov", "Sokha", "Chanthou", "Bopha", "Dara", "Vanna", "Sophal",
               "Rathana", "Vichet"]


def school_days(first: dt.date, last: dt.date) -> list[dt.date]:
    out, day = [], first
    while day <= last:
        if day.weekday() < 5 and not (day.month == 4 and 14 <= day.day <= 16):
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def generate(path: Path, size: dict, today: dt.date) -> None:
    """Make the schema through the program's migrations, then fill it with raw inserts."""
    from pse_desktop.db import close_database, init_database, resolve_target

    tmp = path.with_name(path.name + ".part")
    for p in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        if p.exists():
            p.unlink()
    init_database(resolve_target(str(tmp)))
    close_database()
    rng = random.Random(7)
    con = sqlite3.connect(str(tmp))
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    indexes = [r for r in con.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND "
                                      "tbl_name='attendance_mark' AND sql IS NOT NULL")]
    for name, _sql in indexes:
        con.execute(f'DROP INDEX "{name}"')
    con.execute("INSERT INTO user (username, full_name, role, password_hash, active, failed_logins, "
                "created_at) VALUES ('bench', 'Bench', 'admin', 'x', 1, 0, ?)", (str(today),))
    centres = 7
    for c in range(1, centres + 1):
        con.execute("INSERT INTO centre (code, name, area, active) VALUES (?, ?, 'Phnom Penh', 1)",
                    (f"C{c}", f"Centre {c}"))
    groups = []
    for c in range(1, centres + 1):
        for g in range(size["groups_per_centre"]):
            prog = "daycare" if g < size["groups_per_centre"] // 4 else "after_school"
            session = "" if prog == "daycare" else ("morning" if g % 2 else "afternoon")
            cur = con.execute("INSERT INTO attendance_group (centre_id, name, programme, session, "
                              "active) VALUES (?, ?, ?, ?, 1)", (c, f"G{g + 1}", prog, session))
            groups.append((cur.lastrowid, c))
    first = today.replace(year=today.year - size["years"]) + dt.timedelta(days=1)
    days = school_days(first, today)
    span = (today - first).days
    children = []
    for n in range(size["children"]):
        fam = n // 2 + 1
        if n % 2 == 0:
            con.execute("INSERT INTO family (code, village, address, phone, notes, created_at) "
                        "VALUES (?, '', '', ?, '', ?)", (f"F{fam:05d}", f"012{fam:06d}", str(today)))
        gid, cid = groups[n % len(groups)]
        stay = rng.randrange(730, 365 * min(9, size["years"] + 1) + 1) if size["years"] > 1 else 400
        start = first + dt.timedelta(days=rng.randrange(-365 * 2, max(1, span - 200)))
        end = start + dt.timedelta(days=stay)
        start, exit_on = max(start, first), (end if end < today else None)
        k = n % len(KM_FAMILY)
        g = (n // 7) % len(KM_GIVEN)
        cur = con.execute(
            "INSERT INTO child (code, name_km, name_latin, sex, birth_date, family_id, centre_id, "
            "programme, session, school, grade, clothing_size, enrolled_on, exit_on, exit_reason, "
            "age_reason, notes) VALUES (?, ?, ?, 'F', ?, ?, ?, 'after_school', 'morning', '', '', "
            "'8', ?, ?, '', '', '')",
            (f"K{n:05d}", f"{KM_FAMILY[k]} {KM_GIVEN[g]}", f"{LATIN_FAMILY[k]} {LATIN_GIVEN[g]}",
             str(start - dt.timedelta(days=7 * 365)), fam, cid, str(start),
             str(exit_on) if exit_on else None))
        con.execute("INSERT INTO group_membership (child_id, group_id, start_on, end_on) "
                    "VALUES (?, ?, ?, NULL)", (cur.lastrowid, gid, str(start)))
        children.append((cur.lastrowid, gid, start, exit_on or today))
    con.commit()
    statuses = ["P"] * 88 + ["L"] * 3 + ["A"] * 5 + ["E"] * 2 + ["S"] * 2
    sql = "INSERT INTO attendance_mark (child_id, day, group_id, status, reason, recorded_by_id, " \
          "recorded_at) VALUES (?, ?, ?, ?, '', 1, ?)"
    total = 0
    for i, day in enumerate(days):
        ds, at = str(day), f"{day} 08:05:00"
        active = [(c, g) for c, g, s, e in children if s <= day <= e]
        marks = rng.choices(statuses, k=len(active))
        con.executemany(sql, [(c, ds, g, m, at) for (c, g), m in zip(active, marks)])
        total += len(active)
        if i % 250 == 0:
            print(f"\r  generating: {day} {total:,} marks", end="", file=sys.stderr, flush=True)
    print(f"\r  generated {total:,} marks; indexing...", file=sys.stderr, flush=True)
    for _name, index_sql in indexes:
        con.execute(index_sql)
    # A few children absent on the last school days, as the follow-up list expects.
    recent = days[-6:]
    for c, g, s, e in rng.sample([k for k in children if k[3] >= today], 40):
        for d in recent[rng.randrange(0, 4):]:
            con.execute("UPDATE attendance_mark SET status = 'A' WHERE child_id = ? AND day = ?",
                        (c, str(d)))
    con.execute("INSERT INTO attendance_month_total (group_id, centre_id, month, present, absent, late, "
                "excused, sick) SELECT m.group_id, g.centre_id, CAST(strftime('%Y%m', m.day) AS INTEGER), "
                "SUM(m.status='P'), SUM(m.status='A'), SUM(m.status='L'), SUM(m.status='E'), "
                "SUM(m.status='S') FROM attendance_mark m JOIN attendance_group g ON g.id = m.group_id "
                "GROUP BY 1, 3")
    con.commit()
    con.execute("ANALYZE")
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    tmp.replace(path)


def median_ms(fn, runs: int) -> float:
    fn()  # warm the caches once
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    size = SIZES["small" if args.small else "full"]
    today = dt.date(2026, 11, 20)  # a Friday: fixed, so the cached file stays valid
    path = Path(tempfile.gettempdir()) / f"pse-attendance-bench-{'small' if args.small else 'full'}.sqlite3"
    if args.fresh or not path.exists():
        print(f"Generating {path} ...", file=sys.stderr)
        t = time.time()
        generate(path, size, today)
        print(f"  done in {time.time() - t:.0f} s", file=sys.stderr)

    from pse_desktop import areas
    from pse_desktop.db import init_database, resolve_target
    from pse_desktop.services.centres import (
        attendance, followup as attendance_followup, summary as attendance_summary,
    )
    from pse_desktop.services.core.permissions import Actor

    init_database(resolve_target(str(path)))
    areas.load_services()
    actor = Actor(id=1, username="bench", role="admin")
    raw = sqlite3.connect(str(path), isolation_level=None)
    raw.execute("PRAGMA synchronous=FULL")
    marks = raw.execute("SELECT count(*) FROM attendance_mark").fetchone()[0]
    kids = raw.execute("SELECT count(*) FROM child").fetchone()[0]
    day = today - dt.timedelta(days=7)  # a Friday, in the past
    gid = raw.execute("SELECT group_id FROM attendance_mark WHERE day = ? GROUP BY group_id "
                      "ORDER BY abs(count(*) - 40) LIMIT 1", (str(day),)).fetchone()[0]
    centre_id = raw.execute("SELECT centre_id FROM attendance_group WHERE id = ?", (gid,)).fetchone()[0]
    month = f"{day:%Y-%m}"
    first = day.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    rows = []

    def row(name, key, service_ms, sql_ms):
        rows.append((name, TARGETS[key], service_ms, sql_ms))
        print(f"  {name}: {service_ms:.2f} ms", file=sys.stderr, flush=True)

    member_sql = ("SELECT c.id, c.code, c.name_km, c.name_latin, c.sex FROM child c JOIN group_membership m "
                  "ON m.child_id = c.id WHERE m.group_id = ? AND m.start_on <= ? AND (m.end_on IS NULL "
                  "OR m.end_on >= ?) AND c.enrolled_on <= ? AND (c.exit_on IS NULL OR c.exit_on >= ?)")

    def sql_load():
        d = str(day)
        raw.execute(member_sql, (gid, d, d, d, d)).fetchall()
        raw.execute("SELECT child_id, status, reason, recorded_by_id, recorded_at FROM attendance_mark "
                    "WHERE group_id = ? AND day = ?", (gid, d)).fetchall()

    reg = attendance.load_register(actor, gid, day)
    n_children = len(reg.rows)
    row(f"load a group's register for a day ({n_children} children)", "load",
        median_ms(lambda: attendance.load_register(actor, gid, day), args.runs),
        median_ms(sql_load, args.runs))

    flip = {"i": 0}

    def save():
        flip["i"] += 1
        s = "PA"[flip["i"] % 2]
        attendance.record_day(actor, gid, day, {r.child_id: (s if i % 5 == 0 else "P")
                                                for i, r in enumerate(reg.rows)}, "benchmark", today=today)

    def sql_save():
        flip["i"] += 1
        s = "PA"[flip["i"] % 2]
        now = str(dt.datetime.now())
        raw.execute("BEGIN IMMEDIATE")
        raw.executemany("INSERT INTO attendance_mark (child_id, day, group_id, status, reason, "
                        "recorded_by_id, recorded_at) VALUES (?, ?, ?, ?, '', 1, ?) ON CONFLICT "
                        "(child_id, day) DO UPDATE SET status = excluded.status, "
                        "recorded_at = excluded.recorded_at",
                        [(r.child_id, str(day), gid, s if i % 5 == 0 else "P", now)
                         for i, r in enumerate(reg.rows)])
        raw.execute("COMMIT")

    row(f"save a whole {n_children}-child day (audit, totals, commit)", "save",
        median_ms(save, args.runs), median_ms(sql_save, args.runs))

    window_ms = register_window_ms(actor, gid, day, args.runs)
    row("show the register window, Khmer names (first time / again)", "window", window_ms[0],
        window_ms[1])

    def sql_summary():
        raw.execute("SELECT child_id, status, count(*) FROM attendance_mark WHERE group_id IN "
                    "(SELECT id FROM attendance_group WHERE centre_id = ?) AND day BETWEEN ? AND ? "
                    "GROUP BY child_id, status", (centre_id, str(first), str(last))).fetchall()

    centre_kids = len(attendance_summary.centre_month_summary(actor, centre_id, month))
    row(f"monthly summary of one centre ({centre_kids} children)", "summary",
        median_ms(lambda: attendance_summary.centre_month_summary(actor, centre_id, month), args.runs),
        median_ms(sql_summary, args.runs))

    def sql_streaks():
        recent = [r[0] for r in raw.execute(
            "SELECT DISTINCT day FROM attendance_mark WHERE day <= ? AND day >= ? ORDER BY day DESC "
            "LIMIT 3", (str(today), str(today - dt.timedelta(days=60))))]
        raw.execute("SELECT child_id FROM attendance_mark WHERE day IN (?, ?, ?) AND status = 'A' "
                    "GROUP BY child_id HAVING count(*) = 3", recent).fetchall()

    found = len(attendance_followup.absence_streaks(actor, 3, today=today))
    row(f"children with 3+ absences in a row, all centres ({found})", "streaks",
        median_ms(lambda: attendance_followup.absence_streaks(actor, 3, today=today), args.runs),
        median_ms(sql_streaks, args.runs))

    year = today.year

    def sql_yearly(y0):
        raw.execute("SELECT centre_id, month / 100, sum(present), sum(late), sum(absent), "
                    "sum(excused), sum(sick) FROM attendance_month_total WHERE month BETWEEN ? AND ? "
                    "GROUP BY centre_id, month / 100", (y0 * 100 + 1, year * 100 + 12)).fetchall()

    row("yearly attendance rate per centre", "yearly",
        median_ms(lambda: attendance_summary.yearly_rates(actor, year, year), args.runs),
        median_ms(lambda: sql_yearly(year), args.runs))
    row(f"{size['years']}-year trend per centre", "trend",
        median_ms(lambda: attendance_summary.yearly_rates(actor, year - size["years"] + 1, year),
                  args.runs),
        median_ms(lambda: sql_yearly(year - size["years"] + 1), args.runs))
    scan = median_ms(lambda: raw.execute(
        "SELECT g.centre_id, sum(m.status IN ('P','L')) * 1.0 / count(*) FROM attendance_mark m "
        "JOIN attendance_group g ON g.id = m.group_id WHERE m.day BETWEEN ? AND ? "
        "GROUP BY g.centre_id", (f"{year}-01-01", f"{year}-12-31")).fetchall(), 3)

    from pse_desktop.reports.centres.register import render_registers

    out = Path(tempfile.gettempdir()) / "pse-bench-register.pdf"

    def sql_register():
        raw.execute(member_sql.replace("<= ? AND (m.end_on IS NULL OR m.end_on >= ?) AND c.enrolled_on "
                                       "<= ? AND (c.exit_on IS NULL OR c.exit_on >= ?)",
                                       "<= ? AND (m.end_on IS NULL OR m.end_on >= ?) AND c.enrolled_on "
                                       "<= ? AND (c.exit_on IS NULL OR c.exit_on >= ?)"),
                    (gid, str(last), str(first), str(last), str(first))).fetchall()
        raw.execute("SELECT child_id, day, status FROM attendance_mark WHERE group_id = ? AND day "
                    "BETWEEN ? AND ?", (gid, str(first), str(last))).fetchall()

    row(f"monthly register PDF of one group ({n_children} children)", "pdf",
        median_ms(lambda: render_registers([attendance_summary.month_register(actor, gid, month)], out),
                  max(3, args.runs // 3)),
        median_ms(sql_register, args.runs))
    all_runs = 1 if not args.small else 3
    n_groups = len(attendance_summary.month_registers(actor, month))
    row(f"monthly registers of all {n_groups} groups of all centres", "pdf_all",
        median_ms(lambda: render_registers(attendance_summary.month_registers(actor, month), out),
                  all_runs),
        median_ms(lambda: raw.execute("SELECT child_id, day, status FROM attendance_mark WHERE day "
                                      "BETWEEN ? AND ?", (str(first), str(last))).fetchall(), 3))

    print(f"\nAttendance benchmark: {kids:,} children, {marks:,} marks, {size['years']} years "
          f"({path}); median of {args.runs} runs\n")
    print(f"| operation | target | PSE Desktop | plain sqlite3 | |")
    print("|---|---:|---:|---:|---|")
    for name, target, ms, sql in rows:
        ok = "ok" if ms <= target else "SLOW"
        print(f"| {name} | ≤ {target} ms | {ms:.2f} ms | {sql:.2f} ms | {ok} |")
    print(f"\nFor comparison: a yearly rate per centre scanning the marks instead of the monthly "
          f"totals takes {scan:.0f} ms in plain sqlite3.")
    print("The window row's sqlite3 column is the same window shown again (names already drawn).")
    return 0


def register_window_ms(actor, gid, day, runs) -> tuple[float, float]:
    """Build the register screen for a group and day until drawn: first time (Khmer names
    rendered), and again with the names cached."""
    xvfb = None
    if not os.environ.get("DISPLAY"):
        os.environ["DISPLAY"] = ":78"
        xvfb = subprocess.Popen(["Xvfb", ":78", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)
    try:
        import ttkbootstrap as tb

        from pse_desktop.views.common import khmer
        from pse_desktop.views.centres.register import RegisterScreen
        from pse_desktop.views.common.base import ScreenContext

        root = tb.Window(themename="bootstrap-light")
        root.geometry("1200x760")
        root.update()
        centre_id = __import__("pse_desktop.services.centres.groups", fromlist=["x"]).get_group(gid).centre_id

        def show(clear: bool):
            if clear:
                khmer.clear_photo_cache()
            screen = RegisterScreen(root, ScreenContext(actor=actor, target=None,
                                                        extra={"today": day}))
            screen.pack(fill="both", expand=True)
            screen.select(centre_id, gid, day)
            root.update()
            screen.destroy()

        first = median_ms(lambda: show(True), runs)
        again = median_ms(lambda: show(False), runs)
        root.destroy()
        return first, again
    finally:
        if xvfb is not None:
            xvfb.terminate()


if __name__ == "__main__":
    sys.exit(main())

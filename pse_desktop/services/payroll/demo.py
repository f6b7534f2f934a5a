"""Demo part of the payroll: 30 employees, 40 student weekend workers, twelve months of time
sheets, finalised runs for each completed month and the current month as a draft.

Workers, contracts, time and pieces go in with bulk inserts (one audit entry per bulk
operation); the runs go through the ordinary services, so the demo obeys the same rules.
"""

from __future__ import annotations

import csv
import datetime as dt
import random

from ...db import database
from ...db.centres import Child
from ...db.payroll import Contract, PieceOutput, PublicHoliday, TimeEntry, Worker
from ...resources import resource_path
from ..core import audit
from . import extras as payroll_extras, run as payroll_run
from ..common.demo import refuse_if_filled
from .months import AREA, add_months, month_days
from ..core.permissions import require

# Demo public holidays (fixed-date ones; the lunar ones are approximate: enter the real dates
# of each year's decree in Payroll rates).
HOLIDAYS = [
    ("01-01", "International New Year"), ("01-07", "Victory over Genocide Day"), ("03-08", "Women's Day"),
    ("04-14", "Khmer New Year"), ("04-15", "Khmer New Year"), ("04-16", "Khmer New Year"),
    ("05-01", "Labour Day"), ("05-14", "King's Birthday"), ("06-18", "Queen Mother's Birthday"),
    ("09-24", "Constitution Day"), ("10-15", "Commemoration of the King Father"),
    ("10-29", "Coronation Day"), ("11-09", "Independence Day"),
]
LUNAR = {2025: [("05-11", "Visak Bochea"), ("09-22", "Pchum Ben"), ("09-23", "Pchum Ben"),
                ("11-05", "Water Festival"), ("11-06", "Water Festival")],
         2026: [("05-01", "Visak Bochea"), ("10-10", "Pchum Ben"), ("10-12", "Pchum Ben"),
                ("11-23", "Water Festival"), ("11-24", "Water Festival")]}

FALLBACK_NAMES = ([("សុខ", "Sok"), ("ចាន់", "Chan"), ("គឹម", "Kim"), ("ហេង", "Heng")],
                  [("សុភា", "Sophea", "F"), ("ស្រីមុំ", "Sreymom", "F"), ("ដារ៉ា", "Dara", "M")])


def _names():
    """(family names, given names) from the sample names file shipped for demos and tests."""
    path = resource_path("data", "khmer_names.csv")
    if not path.exists():
        return FALLBACK_NAMES
    family, given = [], []
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["part"] == "family":
                family.append((row["khmer"], row["latin"]))
            else:
                given.append((row["khmer"], row["latin"], row.get("sex") or ""))
    return family or FALLBACK_NAMES[0], given or FALLBACK_NAMES[1]


def add_demo(actor, progress, today) -> str:
    require(actor, "admin.demo")
    refuse_if_filled(Worker, "workshop workers")
    rng = random.Random(5)
    current = today.replace(day=1)
    first_month = add_months(current, -11)
    family, given = _names()
    workers, contracts = [], []
    jobs = ["supervisor", "supervisor"] + ["cutter"] * 3 + ["finisher"] * 4 + ["ironer"] * 2 + ["seamstress"] * 19
    with database.atomic():
        holidays = []
        for year in sorted({first_month.year, today.year}):
            for md, name in HOLIDAYS + LUNAR.get(year, []):
                day = dt.date(year, int(md[:2]), int(md[3:]))
                if day not in {h["day"] for h in holidays}:
                    holidays.append({"day": day, "name": name})
        PublicHoliday.insert_many(holidays).on_conflict_ignore().execute()
        holiday_days = {h["day"] for h in holidays}
        # Students with weekend jobs are PSE children: link them to the oldest enrolled ones.
        older = iter(c.code for c in Child.select(Child.code).where(Child.exit_on.is_null())
                     .order_by(Child.birth_date).limit(40))
        for i in range(70):
            employee = i < 30
            fam, giv = family[i % len(family)], given[(i * 7) % len(given)]
            if employee:
                hired = dt.date(rng.randint(2012, 2024), rng.randint(1, 12), rng.randint(1, 28))
                if i == 29:  # one newcomer, hired mid-month four months ago
                    hired = add_months(current, -4).replace(day=12)
            else:
                hired = dt.date(rng.randint(2023, 2025), rng.randint(1, 12), 1)
            workers.append({
                "code": f"E{i + 1:03d}" if employee else f"S{i - 29:03d}", "kind": "employee" if employee else "student",
                "job": jobs[i] if employee else "student", "name_latin": f"{fam[1]} {giv[1]}",
                "name_khmer": f"{fam[0]} {giv[0]}", "sex": "F" if employee else (giv[2] or "F"),
                "hire_date": hired, "dependants": rng.choice([0, 1, 1, 2, 3]) if employee else 0,
                "nssf_member": employee, "nssf_number": f"NSSF-{100200 + i}" if employee else "",
                "pay_method": "bank" if employee and i % 5 == 0 else "cash",
                "bank_account": f"ABA 000 {123450 + i}" if employee and i % 5 == 0 else "",
                "child_code": next(older, "") if not employee else "", "active": True})
        Worker.insert_many(workers).execute()
        ids = {w.code: w.id for w in Worker.select(Worker.id, Worker.code)}
        plan = {}
        for i, w in enumerate(workers):
            wid = ids[w["code"]]
            if w["kind"] == "student":
                basis, rate = "hourly", rng.choice([150, 175, 200])
            elif w["job"] == "supervisor":
                basis, rate = "monthly", rng.choice([45000, 70000])
            elif i in (7, 8):
                basis, rate = "piece", 0
            elif i == 11:
                basis, rate = "daily", 950
            else:
                basis, rate = "monthly", rng.choice([23000, 24000, 25000, 26000])
            employee = w["kind"] == "employee"
            flags = dict(attendance_bonus=employee and w["job"] != "supervisor",
                         transport_allowance=employee and w["job"] != "supervisor",
                         seniority_bonus=employee and w["job"] != "supervisor", seniority_pay=employee)
            contracts.append(dict(worker=wid, effective_from=w["hire_date"], basis=basis, rate_cents=rate, **flags))
            raise_day = dt.date(today.year, 1, 1)
            if basis == "monthly" and i % 2 == 0 and w["hire_date"] < raise_day:
                contracts.append(dict(worker=wid, effective_from=raise_day, basis=basis, rate_cents=rate + 1000,
                                      note="Yearly raise", **flags))
            plan[wid] = (w, basis)
        Contract.insert_many(contracts).execute()
        audit.record(actor, AREA, "demo", "worker", "", f"demo: {len(workers)} workers, {len(contracts)} contracts")
    progress("Workers", 0.15)

    rows, pieces = [], []
    for m in range(12):
        month = add_months(first_month, m)
        for wid, (w, basis) in plan.items():
            for day in month_days(month):
                if day < w["hire_date"]:
                    continue
                if w["kind"] == "student":
                    if day.weekday() >= 5 and day not in holiday_days and rng.random() < 0.85:
                        rows.append({"worker": wid, "day": day, "status": "W",
                                     "minutes": rng.choice([180, 240, 240, 240, 270, 300])})
                    continue
                if day.weekday() == 6:
                    continue
                status, ot, ot2 = "W", 0, 0
                if day in holiday_days:
                    status = "H"
                    ot2 = 480 if rng.random() < 0.05 else 0
                else:
                    r = rng.random()
                    status = "A" if r < 0.008 else "PL" if r < 0.02 else "S" if r < 0.028 else "W"
                    if status == "W" and rng.random() < 0.08:
                        ot = rng.choice([60, 120, 120, 180])
                rows.append({"worker": wid, "day": day, "status": status, "ot_normal_minutes": ot,
                             "ot_premium_minutes": ot2})
                if basis == "piece" and status == "W":
                    pieces.append({"worker": wid, "day": day, "item_label": rng.choice(["School shirt", "Tote bag"]),
                                   "variant_code": rng.choice(["S", "M", "L"]), "pieces": rng.randint(70, 95),
                                   "piece_rate_cents": 12, "source": "manual"})
    with database.atomic():
        for start in range(0, len(rows), 1000):
            TimeEntry.insert_many(rows[start:start + 1000]).execute()
        for start in range(0, len(pieces), 1000):
            PieceOutput.insert_many(pieces[start:start + 1000]).execute()
        audit.record(actor, AREA, "demo", "timesheet", "",
                     f"demo: {len(rows)} time sheet days and {len(pieces)} piece rows over 12 months")
    progress("Time sheets", 0.4)

    # a few advances (one repaid over two months) and a correction
    codes = {w["code"]: ids[w["code"]] for w in workers}
    payroll_extras.give_advance(actor, codes["E004"], add_months(current, -3).replace(day=8), "60.00", 2,
                             "Family emergency")
    payroll_extras.give_advance(actor, codes["E010"], current.replace(day=5), "30.00", 1)
    runs = 0
    for m in range(11):
        month = add_months(first_month, m)
        payroll_run.compute_draft(actor, month, 4100 if m % 3 else 4050)
        payroll_run.finalise(actor, month)
        runs += 1
        progress(f"Payroll {month:%Y-%m}", 0.4 + 0.55 * (m + 1) / 12)
    payroll_extras.add_adjustment(actor, codes["E002"], current, "addition", "Overtime not entered", "8.65",
                               corrects_month=add_months(current, -1))
    payroll_run.compute_draft(actor, current, 4100)
    progress("Payroll", 1.0)
    return (f"Workshop: 30 employees, 40 students, {len(rows)} time sheet days, {runs} finalised payroll runs, "
            f"{current:%B %Y} as a draft")

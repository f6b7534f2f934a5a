"""Demo part of the centres: families with siblings, about 3,000 children, groups, holidays and
twelve months of attendance up to today, with absences in a row and a sick rainy season.

Bulk inserts in one transaction, one audit entry per bulk operation."""

from __future__ import annotations

import csv
import datetime as dt
import random

from ...db import database, dialect
from ...db.centres import Child, DayOff, Family, Group, GroupMembership, Guardian
from ...db.core import Centre, User, UserCentre
from ..core import audit
from .attendance import rebuild_month_totals
from .rules import AREA, EXCUSE_REASONS, age_on
from .groups import school_days
from ..common.demo import refuse_if_filled
from ..core.permissions import require

FALLBACK_NAMES = {
    "family": [("សុខ", "Sok"), ("ចាន់", "Chan"), ("គឹម", "Kim"), ("ហេង", "Heng"), ("លី", "Ly"),
               ("កែវ", "Keo"), ("ជា", "Chea"), ("ទេព", "Tep"), ("ម៉ៅ", "Mao"), ("ព្រំ", "Prum")],
    "F": [("សុភា", "Sophea"), ("ស្រីពៅ", "Sreypov"), ("សុខា", "Sokha"), ("បុប្ផា", "Bopha"),
          ("ពិសី", "Pisey"), ("រស្មី", "Raksmey"), ("ធីតា", "Thida"), ("ស្រីមុំ", "Sreymom")],
    "M": [("ដារ៉ា", "Dara"), ("វណ្ណា", "Vanna"), ("សុផល", "Sophal"), ("រតនា", "Rathana"),
          ("វិចិត្រ", "Vichet"), ("សំណាង", "Samnang"), ("វាសនា", "Veasna"), ("បញ្ញា", "Panha")],
}
#: fixed-date public holidays (month, day, name); lunar ones are entered per year below
FIXED_HOLIDAYS = [(1, 1, "International New Year"), (1, 7, "Victory over Genocide Day"),
                  (3, 8, "International Women's Day"), (4, 14, "Khmer New Year"),
                  (4, 15, "Khmer New Year"), (4, 16, "Khmer New Year"), (5, 1, "Labour Day"),
                  (5, 14, "King's Birthday"), (6, 18, "Queen Mother's Birthday"),
                  (9, 24, "Constitution Day"), (10, 15, "King Father Commemoration Day"),
                  (10, 29, "King's Coronation Day"), (11, 9, "Independence Day")]
#: lunar holidays move every year: demo dates, approximately right
LUNAR_HOLIDAYS = {
    2025: [((5, 11), "Visak Bochea"), ((5, 15), "Royal Ploughing Ceremony"),
           ((9, 22), "Pchum Ben"), ((9, 23), "Pchum Ben"), ((9, 24), "Pchum Ben"),
           ((11, 4), "Water Festival"), ((11, 5), "Water Festival"), ((11, 6), "Water Festival")],
    2026: [((5, 1), "Visak Bochea"), ((5, 5), "Royal Ploughing Ceremony"),
           ((10, 10), "Pchum Ben"), ((10, 11), "Pchum Ben"), ((10, 12), "Pchum Ben"),
           ((11, 23), "Water Festival"), ((11, 24), "Water Festival"), ((11, 25), "Water Festival")],
}
GROUPS = [("Daycare A", "daycare", ""), ("Daycare B", "daycare", ""), ("Daycare C", "daycare", ""),
          ("Morning 1", "after_school", "morning"), ("Morning 2", "after_school", "morning"),
          ("Morning 3", "after_school", "morning"), ("Morning 4", "after_school", "morning"),
          ("Afternoon 1", "after_school", "afternoon"), ("Afternoon 2", "after_school", "afternoon"),
          ("Afternoon 3", "after_school", "afternoon"), ("Afternoon 4", "after_school", "afternoon")]
SIZES_BY_AGE = [(4, "2"), (5, "4"), (7, "6"), (9, "8"), (11, "10"), (13, "12"), (15, "14"), (99, "M")]
CHILDREN_PER_CENTRE = 430


def load_names() -> dict[str, list[tuple[str, str]]]:
    from ...resources import resource_path

    path = resource_path("data", "khmer_names.csv")
    if path is None or not path.exists():
        return FALLBACK_NAMES
    out: dict[str, list] = {"family": [], "F": [], "M": []}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = "family" if row["part"] == "family" else row["sex"]
            out[key].append((row["khmer"], row["latin"]))
    return out


def holidays_for(year: int) -> list[tuple[dt.date, str]]:
    days = [(dt.date(year, m, d), name) for m, d, name in FIXED_HOLIDAYS]
    days += [(dt.date(year, m, d), name) for (m, d), name in LUNAR_HOLIDAYS.get(year, ())]
    return sorted(set(days))


def add_demo(actor, progress, today: dt.date) -> str:
    require(actor, "admin.demo")
    refuse_if_filled(Child, "children")
    rng = random.Random(2026)
    names = load_names()
    centres = list(Centre.select().where(Centre.active == True).order_by(Centre.code))  # noqa: E712
    start = today - dt.timedelta(days=365)
    with database.atomic():
        rows = []
        for year in range(start.year, today.year + 1):
            # today is never a day off in the demo, so the register has something to show
            rows += [{"day": d, "centre": None, "name": n} for d, n in holidays_for(year)
                     if d != today]
        for c in centres:
            d = start + dt.timedelta(days=rng.randrange(30, 330))  # never today
            rows.append({"day": d, "centre": c.id, "name": "Staff training"})
        DayOff.insert_many(rows).execute()
        audit.record(actor, AREA, "demo", "day_off", "", f"demo: {len(rows)} holidays and closing days")
        groups = _add_groups(actor, centres)
        progress("Families and children", 0.1)
        kids = _add_families_and_children(actor, rng, names, centres, groups, today, start)
    progress("Attendance", 0.3)
    count = _add_marks(actor, rng, centres, groups, kids, start, today, progress)
    progress("Monthly totals", 0.95)
    rebuild_month_totals()
    return (f"{len(kids)} children in {Family.select().count()} families, "
            f"{Group.select().count()} groups, {count:,} attendance marks")


def _add_groups(actor, centres) -> dict[int, list]:
    staff = {}
    for link in UserCentre.select().join(User).where(User.role == "centre_staff"):
        staff.setdefault(link.centre_id, link.user_id)
    rows = [{"centre": c.id, "name": n, "programme": p, "session": s, "staff": staff.get(c.id),
             "active": True} for c in centres for n, p, s in GROUPS]
    Group.insert_many(rows).execute()
    audit.record(actor, AREA, "demo", "group", "", f"demo: {len(rows)} groups")
    out: dict[int, list] = {}
    for g in Group.select().order_by(Group.id):
        out.setdefault(g.centre_id, []).append(g)
    return out


def _add_families_and_children(actor, rng, names, centres, groups, today, start) -> list[dict]:
    families, guardians, kids = [], [], []
    fam_no = 0
    for c in centres:
        made = 0
        while made < CHILDREN_PER_CENTRE:
            fam_no += 1
            fam_km, fam_latin = rng.choice(names["family"])
            code = f"F{fam_no:05d}"
            families.append({"code": code, "village": f"{c.name} {rng.choice('ABCDEFG')}",
                             "address": f"Street {rng.randrange(1, 600)}, house {rng.randrange(1, 90)}",
                             "phone": f"0{rng.choice('16789')}{rng.randrange(1000000, 9999999)}",
                             "notes": ""})
            mother = rng.choice(names["F"])
            guardians.append((fam_no, mother, fam_km, fam_latin))
            for _i in range(rng.choice((1, 1, 2, 2, 2, 3, 3, 4))):
                sex = rng.choice("FM")
                given_km, given_latin = rng.choice(names[sex])
                age_days = rng.randrange(3 * 365 + 30, 16 * 365)
                birth = today - dt.timedelta(days=age_days)
                enrolled = max(birth + dt.timedelta(days=3 * 365 + 10),
                               today - dt.timedelta(days=rng.randrange(20, 3000)))
                exit_on = None
                if rng.random() < 0.05:
                    exit_on = start + dt.timedelta(days=rng.randrange(30, 340))
                    if exit_on <= enrolled:
                        exit_on = None
                age = age_on(birth, today)
                programme = "daycare" if age <= 6 else "after_school"
                session = "" if programme == "daycare" else rng.choice(("morning", "afternoon"))
                fitting = [g for g in groups[c.id] if g.programme == programme and g.session == session]
                made += 1
                kids.append({
                    "code": f"{c.code}-{made:04d}", "name_km": f"{fam_km} {given_km}",
                    "name_latin": f"{fam_latin} {given_latin}", "sex": sex, "birth_date": birth,
                    "family": fam_no, "centre": c.id, "programme": programme, "session": session,
                    "school": "" if programme == "daycare" else f"{c.name} Primary School",
                    "grade": "" if programme == "daycare" else str(min(12, max(1, age - 5))),
                    "clothing_size": next(s for a, s in SIZES_BY_AGE if age <= a),
                    "enrolled_on": enrolled, "exit_on": exit_on,
                    "exit_reason": "Family moved to the province" if exit_on else "",
                    "age_reason": "", "notes": "", "_group": rng.choice(fitting).id})
    for i in range(0, len(families), 500):
        Family.insert_many(families[i:i + 500]).execute()
    ids = {f.code: f.id for f in Family.select(Family.id, Family.code)}
    Guardian.insert_many([{"family": ids[f"F{n:05d}"], "name_km": f"{fk} {m[0]}",
                           "name_latin": f"{fl} {m[1]}", "relation": "mother",
                           "phone": ""} for n, m, fk, fl in guardians]).execute()
    for k in kids:
        k["family"] = ids[f"F{k['family']:05d}"]
    for i in range(0, len(kids), 500):
        Child.insert_many([{k: v for k, v in row.items() if not k.startswith("_")}
                           for row in kids[i:i + 500]]).execute()
    child_ids = {c.code: c.id for c in Child.select(Child.id, Child.code)}
    members = []
    for k in kids:
        k["id"] = child_ids[k["code"]]
        members.append({"child": k["id"], "group": k["_group"], "start_on": k["enrolled_on"]})
    for i in range(0, len(members), 500):
        GroupMembership.insert_many(members[i:i + 500]).execute()
    audit.record(actor, AREA, "demo", "child", "",
                 f"demo: {len(kids)} children in {len(families)} families")
    return kids


def _add_marks(actor, rng, centres, groups, kids, start, today, progress) -> int:
    days_by_centre = {c.id: school_days(c.id, start, today) for c in centres}
    unregistered = {g.id for gs in groups.values() for g in gs if rng.random() < 0.4}
    chronic = {k["id"] for k in kids if rng.random() < 0.06}
    followed = {k["id"] for k in rng.sample(kids, 14) if not k["exit_on"]}
    now = dt.datetime.combine(today, dt.time(8, 5))
    columns = ["child_id", "day", "group_id", "status", "reason", "recorded_by_id", "recorded_at"]
    rows, total = [], 0
    staff = {g.id: g.staff_id for gs in groups.values() for g in gs}
    with database.atomic():
        for n, k in enumerate(kids):
            days = [d for d in days_by_centre[k["centre"]]
                    if d >= k["enrolled_on"] and (k["exit_on"] is None or d <= k["exit_on"])]
            if days and days[-1] == today and k["_group"] in unregistered:
                days.pop()
            base = 0.8 if k["id"] in chronic else 0.95
            streak = 0
            for i, d in enumerate(days):
                if k["id"] in followed and i >= len(days) - 4:
                    status = "A"
                elif streak:
                    streak -= 1
                    status = "A"
                elif rng.random() < 0.004:
                    streak = rng.randrange(2, 7)
                    status = "A"
                else:
                    sick = 0.05 if d.month in (7, 8, 9, 10) else 0.012
                    r = rng.random()
                    status = ("P" if r < base - sick else "S" if r < base else
                              "L" if r < base + (1 - base) * 0.35 else
                              "E" if r < base + (1 - base) * 0.55 else "A")
                reason = rng.choice(EXCUSE_REASONS[:-1]) if status == "E" else ""
                rows.append((k["id"], d.isoformat(), k["_group"], status, reason,
                             staff.get(k["_group"]), (now if d == today else
                                                      dt.datetime.combine(d, dt.time(8, 5))).isoformat(" ")))
            if len(rows) > 50000:
                dialect.insert_rows("attendance_mark", columns, rows)
                total += len(rows)
                rows = []
                progress("Attendance", 0.3 + 0.6 * n / len(kids))
        dialect.insert_rows("attendance_mark", columns, rows)
        total += len(rows)
        audit.record(actor, AREA, "demo", "register", "",
                     f"demo: {total} attendance marks from {start} to {today}")
    return total

"""Demo part of the social team: every family with a child in a centre followed by one of the
social workers, a survey for each (household, income, debts, housing, IDPoor, a few urgent
cases), its priority, two assessments a year for the last two years, budgets per kind and a
year of emergency support within them. Bulk inserts, one audit entry per bulk operation."""

from __future__ import annotations

import datetime as dt
import random

from ...db import database
from ...db.centres import Child, Guardian
from ...db.core import User
from ...db.social import (Assessment, CaseAssignment, Counter, HouseholdMember, Debt, IncomeSource,
                          Priority, Survey, SupportBudget, SupportPayment, SupportRequest)
from ..common.demo import refuse_if_filled
from ..core import audit, settings
from ..core.permissions import require
from .priority import Facts, compute_priority, reasons_json, rule_in_force
from .rules import AREA, DOMAINS, ROOFS, SUPPORT_KINDS, TENURES
from ...i18n import _
from .support import usd_cents

OCCUPATIONS = ("sewing", "street vendor", "garbage collector", "construction", "moto driver",
               "cleaner", "factory worker", "no work")
BUDGETS = {"flood": 3000, "fire": 2000, "illness": 4000, "violence": 2500, "house": 5000,
           "school": 3000, "other": 1000}
WHY = {"flood": "The house was flooded; food and a water filter.",
       "fire": "A fire destroyed the kitchen; pots, rice and a mat.",
       "illness": "The mother needs an operation at the hospital.",
       "violence": "The mother left a violent husband with her children; rent for three months.",
       "house": "The roof is about to collapse; sheets of metal and a carpenter.",
       "school": "The eldest would leave school to work while the father is ill.",
       "other": "Funeral of the grandmother."}


def _chunks(rows, size=500):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def add_demo(actor, progress, today: dt.date) -> str:
    require(actor, "admin.demo")
    refuse_if_filled(Survey, _("social surveys"))
    rng = random.Random(16)
    workers = [u.id for u in User.select().where(User.role.in_(("social_team", "social_lead")),
                                                 User.active == True)  # noqa: E712
               .order_by(User.id)]
    lead = next((u.id for u in User.select().where(User.role == "social_lead")), None)
    if not workers:
        return "no social team work (no social worker)"
    kids: dict[int, list[Child]] = {}
    for child in Child.select().where(Child.exit_on.is_null()).order_by(Child.id):
        kids.setdefault(child.family_id, []).append(child)
    mothers = {fid: name for fid, name in Guardian.select(Guardian.family, Guardian.name_latin)
               .order_by(Guardian.id.desc()).tuples()}
    families = sorted(kids)
    rule = rule_in_force(today)
    start = today - dt.timedelta(days=730)
    with database.atomic():
        cases, surveys = [], []
        for n, fid in enumerate(families):
            cases.append({"family": fid, "worker": workers[n % len(workers)],
                          "start_on": start - dt.timedelta(days=rng.randrange(0, 400)),
                          "assigned_by": lead or actor.id})
            urgent = rng.random()
            surveys.append({
                "family": fid, "status": "complete",
                "visited_on": start - dt.timedelta(days=rng.randrange(0, 30)),
                "tenure": rng.choices(TENURES, (3, 5, 2, 2))[0],
                "rent_khr": rng.choice((0, 80_000, 120_000, 200_000)),
                "roof": rng.choices(ROOFS, (2, 6, 2, 1))[0], "walls": rng.choice(("wood", "brick",
                                                                                "metal")),
                "flood_risk": rng.random() < 0.3, "fire_risk": rng.random() < 0.1,
                "water": rng.random() < 0.8, "toilet": rng.random() < 0.6,
                "electricity": rng.random() < 0.9,
                "idpoor_number": "", "idpoor_level": 0, "idpoor_valid_until": None,
                "no_parent_at_home": urgent < 0.02, "violence": 0.02 <= urgent < 0.04,
                "out_of_school": 0.04 <= urgent < 0.06, "updated_by": actor.id})
            level = rng.random()
            if level < 0.4:
                surveys[-1].update(idpoor_number=f"EC-{100000 + n}", idpoor_level=1 + (level > 0.15),
                                   idpoor_valid_until=today.replace(year=today.year + 1))
        for chunk in _chunks(cases):
            CaseAssignment.insert_many(chunk).execute()
        for chunk in _chunks(surveys):
            Survey.insert_many(chunk).execute()
        progress("Surveys", 0.3)
        survey_ids = dict(Survey.select(Survey.family, Survey.id).tuples())
        members, incomes, debts, priorities = [], [], [], []
        for values in surveys:
            fid = values["family"]
            sid = survey_ids[fid]
            household = [(mothers.get(fid, "Mother"), "mother", rng.randrange(25, 45),
                          rng.choice(OCCUPATIONS), rng.choice((0, 300_000, 500_000, 800_000)))]
            if rng.random() < 0.6:
                household.append(("Father", "father", rng.randrange(28, 50), rng.choice(OCCUPATIONS),
                                  rng.choice((0, 400_000, 700_000, 1_000_000))))
            for child in kids[fid]:
                age = max(3, (today - child.birth_date).days // 365)
                household.append((child.name_latin, "child", age, "school", 0))
            for pos, (name, relation, age, job, income) in enumerate(household, start=1):
                members.append({"survey": sid, "position": pos, "name": name[:80],
                                "relation": relation, "age": age, "occupation": job,
                                "income_khr": income, "in_school": relation == "child",
                                "chronic_illness": rng.random() < 0.08,
                                "disability": rng.random() < 0.04})
            other = rng.choice((0, 0, 50_000, 100_000))
            if other:
                incomes.append({"survey": sid, "kind": "help from family", "monthly_khr": other})
            repay = 0
            if rng.random() < 0.45:
                owed = rng.choice((1_000_000, 2_000_000, 4_000_000, 8_000_000))
                repay = owed // rng.choice((10, 15, 20))
                debts.append({"survey": sid, "lender": rng.choice(("microfinance", "private",
                                                                   "family", "bank")),
                              "owed_khr": owed, "monthly_repayment_khr": repay})
            mine = [m for m in members[-len(household):]]
            facts = Facts(len(household), sum(m["income_khr"] for m in mine) + other, repay,
                          values["tenure"], values["roof"], values["flood_risk"],
                          values["fire_risk"], values["water"], values["toilet"],
                          values["electricity"], sum(m["chronic_illness"] for m in mine),
                          sum(m["disability"] for m in mine), values["idpoor_level"],
                          values["no_parent_at_home"], values["violence"],
                          values["out_of_school"])
            result = compute_priority(facts, rule)
            priorities.append({"family": fid, "computed_level": result.level,
                               "score": result.score,
                               "reasons": reasons_json(result.reasons)})
        for rows, model in ((members, HouseholdMember), (incomes, IncomeSource), (debts, Debt),
                            (priorities, Priority)):
            for chunk in _chunks(rows):
                model.insert_many(chunk).execute()
        progress("Priority", 0.55)
        visits = []
        for case in cases:
            scores = {d: rng.randrange(1, 4) for d in DOMAINS}
            for k in range(4):  # two a year for the last two years
                day = start + dt.timedelta(days=180 * k + rng.randrange(0, 60))
                if day >= today:
                    continue
                scores = {d: max(1, min(4, s + rng.choice((-1, 0, 0, 1, 1))))
                          for d, s in scores.items()}
                visits.append({"family": case["family"], "visited_on": day,
                               "visitor": case["worker"], **scores,
                               "changes": rng.choice(("", "Mother found work at the market.",
                                                      "Father sick again.", "Debt repaid.")),
                               "decisions": rng.choice(("", "Keep visiting monthly.",
                                                        "Propose for rice.", "Training course."))})
        for chunk in _chunks(visits):
            Assessment.insert_many(chunk).execute()
        progress("Assessments", 0.8)
        year = today.year
        for kind, dollars in BUDGETS.items():
            for y in (year - 1, year):
                SupportBudget.insert(year=y, kind=kind, amount_usd_cents=dollars * 100).execute()
        rate = settings.get("khr_per_usd")
        requests = payments = 0
        spent = {k: 0 for k in SUPPORT_KINDS}
        receipt = {}
        for week in range(52):
            day = today - dt.timedelta(days=365 - 7 * week)
            for _request in range(rng.randrange(0, 3)):
                kind = rng.choice(SUPPORT_KINDS)
                fid = rng.choice(families)
                currency = rng.choice(("USD", "USD", "KHR"))
                amount = rng.choice((2000, 3000, 5000)) if currency == "USD" else rng.choice(
                    (80_000, 120_000, 200_000))
                instalments = 3 if kind in ("school", "violence") else 1
                total = usd_cents(amount * instalments, currency, rate)
                approve = spent[kind] + total <= BUDGETS[kind] * 100 and rng.random() < 0.85
                if approve:
                    spent[kind] += total
                req = SupportRequest.create(
                    family=fid, kind=kind, currency=currency, amount=amount, payments=instalments,
                    usd_cents_total=total, why=WHY[kind], requested_on=day,
                    requested_by=workers[fid % len(workers)],
                    status="approved" if approve else "refused", decided_on=day,
                    decided_by=lead or actor.id,
                    decision_note="" if approve else "Budget: the family's relatives can help.",
                    follow_up_on=day + dt.timedelta(days=60))
                requests += 1
                if not approve:
                    continue
                for k in range(instalments):
                    paid_on = day + dt.timedelta(days=1 + 30 * k)
                    if paid_on > today:
                        break
                    receipt[paid_on.year] = receipt.get(paid_on.year, 0) + 1
                    SupportPayment.create(
                        request=req.id, number=k + 1, paid_on=paid_on, amount=amount,
                        receipt_no=f"RC-{paid_on.year}-{receipt[paid_on.year]:04d}",
                        received_by=mothers.get(fid, "Mother"), paid_by=req.requested_by_id)
                    payments += 1
        for y, last in receipt.items():
            Counter.create(series=f"RC{y}", last=last)
        audit.record(actor, AREA, "demo", "social", "",
                     f"{len(surveys)} surveys, {len(visits)} assessments, {requests} support "
                     f"requests, {payments} payments")
    progress("Emergency support", 1.0)
    return (f"{len(surveys)} families followed and surveyed, {len(visits)} assessments, "
            f"{requests} emergency support requests ({payments} payments)")

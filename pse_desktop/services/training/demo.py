"""Demo part of vocational training: two years of courses (two intakes a year, one course per
trade, eight places each), trainees from the priority list with a few on the waiting list,
attendance and skills, drop-outs, completions with certificates, placements and businesses, and
the follow-ups at 3, 6 and 12 months that are due, except those due lately: still to make, as on a
real office's list. Bulk inserts, one audit entry."""

from __future__ import annotations

import datetime as dt
import random

from ...db import database
from ...db.centres import Guardian
from ...db.core import User
from ...db.social import HouseholdMember, Priority, Survey
from ...db.training import (Acquired, Counter, Course, FollowUpVisit, Outcome, Presence, Session,
                            Skill, Trade, Trainee)
from ..common.demo import refuse_if_filled
from ..core import audit, settings
from ..core.permissions import require
from ..social.caseload import add_months
from ..social.rules import LEVEL_RANK
from .courses import session_days
from .rules import AREA
from ...i18n import _

PLACES = 8
EMPLOYERS = {"cooking": ("Friends restaurant", "Romdeng", "Hotel kitchen"),
             "cleaning": ("A family in BKK1", "Guesthouse", "Office cleaning company"),
             "baking": ("Bakery on street 63", "Café bakery"),
             "barista": ("Brown Coffee", "Café on the riverside"),
             "beauty": ("Salon in Toul Kork", "Beauty shop")}
BUSINESSES = {"cooking": "Noodle stall", "cleaning": "Laundry at home",
              "baking": "Cakes to order", "barista": "Coffee cart", "beauty": "Home salon"}


def _chunks(rows, size=500):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def add_demo(actor, progress, today: dt.date) -> str:
    require(actor, "admin.demo")
    refuse_if_filled(Course, _("training courses"))
    rng = random.Random(18)
    staff = [u.id for u in User.select().where(
        User.role.in_(("social_team", "workshop_manager")), User.active == True)  # noqa: E712
        .order_by(User.id)]
    if not staff:
        return "no vocational training (no trainer)"
    rate = settings.get("khr_per_usd")
    levels = {p.family_id: p.override_level or p.computed_level for p in Priority.select()}
    incomes = {fid: inc for fid, inc in HouseholdMember.select(Survey.family, HouseholdMember.income_khr)
               .join(Survey).where(HouseholdMember.position == 1).tuples()}
    guardians = {}
    for g in Guardian.select().order_by(Guardian.id.desc()):
        guardians[g.family_id] = g
    pool = sorted((fid for fid in guardians if fid in levels),
                  key=lambda f: (LEVEL_RANK.get(levels[f], 9), f))
    if not pool:
        pool = sorted(guardians)
    trades = list(Trade.select().order_by(Trade.id))
    skills = {t.id: [s.id for s in Skill.select().where(Skill.trade == t.id)] for t in trades}
    counts = {"courses": 0, "trainees": 0, "dropped": 0, "completed": 0, "placements": 0,
              "businesses": 0, "follow": 0}
    numbers: dict[str, int] = {}
    next_family = 0
    with database.atomic():
        starts = []
        for year in (today.year - 2, today.year - 1, today.year):
            for month in (1, 7):
                start = dt.date(year, month, 6)
                if today - dt.timedelta(days=730) <= start <= today:
                    starts.append(start)
        for n_start, start in enumerate(starts):
            end = add_months(start, 4) - dt.timedelta(days=1)
            for k, trade in enumerate(trades):
                course = Course.create(
                    trade=trade.id, cohort=f"{start.year}-{'A' if start.month == 1 else 'B'}",
                    start_on=start, end_on=end, trainer=staff[(n_start + k) % len(staff)],
                    place="PSE training kitchen" if trade.code in ("cooking", "baking")
                    else "PSE training room", capacity=PLACES, weekdays="01234",
                    attendance_pct=80, skills_pct=75, created_by=actor.id,
                    status="closed" if end < today - dt.timedelta(days=30) else "open")
                counts["courses"] += 1
                days = session_days(start, end, "01234")
                Session.insert_many([{"course": course.id, "day": d} for d in days]).execute()
                session_ids = [s for (s,) in Session.select(Session.id).where(
                    Session.course == course.id).order_by(Session.day).tuples()]
                held = [sid for sid, d in zip(session_ids, days) if d <= today]
                finished = end < today
                presence, acquired = [], []
                for place in range(PLACES + 2):
                    fid = pool[next_family % len(pool)]
                    next_family += 1
                    g = guardians[fid]
                    waiting = place >= PLACES
                    income = incomes.get(fid)
                    t = Trainee.create(
                        course=course.id, kind="guardian", family=fid, guardian=g.id,
                        name=g.name_latin, name_km=g.name_km,
                        income_before_usd_cents=(income * 100 + rate // 2) // rate
                        if income is not None else None,
                        status="waiting", priority=levels.get(fid, ""),
                        proposed_on=start - dt.timedelta(days=20), proposed_by=actor.id)
                    counts["trainees"] += 1
                    if waiting:
                        continue
                    rate_p = rng.uniform(0.7, 1.0)
                    drop_at = len(held) if rng.random() > 0.12 else rng.randrange(1, max(2, len(held)))
                    for sid in held[:drop_at]:
                        presence.append({"session": sid, "trainee": t.id, "recorded_by":
                                         course.trainer_id,
                                         "status": "P" if rng.random() < rate_p else "A"})
                    got = [s for s in skills[trade.id] if rng.random() < (0.95 if rate_p > 0.8
                                                                          else 0.6)]
                    share_done = min(1.0, drop_at / max(1, len(days)))
                    got = got[:int(len(got) * share_done + 0.5)] if not finished else got
                    for s in got:
                        acquired.append({"trainee": t.id, "skill": s, "marked_by":
                                         course.trainer_id,
                                         "acquired_on": min(today, end)})
                    values = {"status": "selected"}
                    if drop_at < len(held):
                        drop_day = days[drop_at]
                        values = {"status": "dropped", "dropped_on": drop_day,
                                  "drop_reason": rng.choice(("Found work", "Child ill",
                                                             "Moved to the province",
                                                             "Husband refused"))}
                        counts["dropped"] += 1
                    elif finished:
                        present = sum(p["status"] == "P" for p in presence if p["trainee"] == t.id)
                        if (present * 100 // max(1, len(held)) >= 80
                                and len(got) * 100 // len(skills[trade.id]) >= 75):
                            series = f"CT{end.year}"
                            numbers[series] = numbers.get(series, 0) + 1
                            values = {"status": "completed", "completed_on": end,
                                      "certificate_no": f"CT-{end.year}-{numbers[series]:04d}"}
                            counts["completed"] += 1
                            _after(rng, t.id, trade.code, end, today, t.income_before_usd_cents,
                                   actor.id, numbers, counts)
                    Trainee.update(**values).where(Trainee.id == t.id).execute()
                for chunk in _chunks(presence):
                    Presence.insert_many(chunk).execute()
                for chunk in _chunks(acquired):
                    Acquired.insert_many(chunk).execute()
            progress("Training courses", (n_start + 1) / max(1, len(starts)))
        for series, last in numbers.items():
            Counter.create(series=series, last=last)
        audit.record(actor, AREA, "demo", "training", "",
                     ", ".join(f"{v} {k}" for k, v in counts.items()))
    return (f"{counts['courses']} training courses, {counts['trainees']} trainees "
            f"({counts['completed']} completed, {counts['dropped']} dropped out), "
            f"{counts['placements']} placements, {counts['businesses']} businesses")


RECENT_DAYS = 45  # follow-ups due within this many days are left to do


def _after(rng, trainee_id, trade, end, today, before, user_id, numbers, counts) -> None:
    """What a completed course led to, and the follow-ups due by today."""
    roll = rng.random()
    if roll < 0.55:
        wage = rng.choice((12000, 15000, 18000, 22000))
        Outcome.create(trainee=trainee_id, kind="placement", start_on=end + dt.timedelta(
            days=rng.randrange(7, 45)), employer=rng.choice(EMPLOYERS[trade]),
            job=trade.title() + " assistant", wage_usd_cents=wage, created_by=user_id)
        counts["placements"] += 1
    elif roll < 0.8:
        start = end + dt.timedelta(days=rng.randrange(7, 60))
        support = rng.choice(("kind", "cash", ""))
        receipt = None
        if support and start <= today:
            series = f"TS{start.year}"
            numbers[series] = numbers.get(series, 0) + 1
            receipt = f"TS-{start.year}-{numbers[series]:04d}"
        else:
            support = ""
        Outcome.create(trainee=trainee_id, kind="business", start_on=start,
                       job=BUSINESSES[trade], support=support,
                       support_usd_cents=rng.choice((5000, 10000, 15000)) if support else 0,
                       support_what="Equipment and a first stock" if support == "kind" else "",
                       receipt_no=receipt, created_by=user_id)
        counts["businesses"] += 1
        wage = rng.choice((8000, 12000, 20000))
    else:
        wage = 0
    working = wage > 0
    for months in (3, 6, 12):
        day = add_months(end, months)
        if day > today - dt.timedelta(days=RECENT_DAYS):
            break  # due lately: the visit is still to make (the home page lists it)
        if working and rng.random() < 0.1:
            working = False
        FollowUpVisit.create(trainee=trainee_id, months=months, visited_on=day, working=working,
                             income_usd_cents=(wage + rng.choice((0, 1000, 2000))) if working
                             else (before or 0) // 2, recorded_by=user_id)
        counts["follow"] += 1

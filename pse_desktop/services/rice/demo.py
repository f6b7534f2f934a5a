"""Demo part of the rice: about a fifth of the families designated (the most urgent first), rice
received every month and sent to the centres, and a year of monthly lists, made final, with the
flagged families decided and the distribution recorded (a few no-shows)."""

from __future__ import annotations

import datetime as dt
import random

from ...db import database
from ...db.core import Centre, User
from ...db.rice import Collection, Designation, Line, Move
from ...db.social import Priority
from ..common.demo import refuse_if_filled
from ..core import audit
from ..core.permissions import require
from . import lists
from .rules import AREA
from ...i18n import _

SUPPLIERS = ("Battambang Rice Mill", "Golden Rice Co.", "Kampong Thom Farmers' Cooperative")


def _month_back(month: dt.date, n: int) -> dt.date:
    for _step in range(n):
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return month


def add_demo(actor, progress, today: dt.date) -> str:
    require(actor, "admin.demo")
    refuse_if_filled(Designation, _("rice designations"))
    rng = random.Random(17)
    lead = next((u.id for u in User.select().where(User.role.in_(("social_lead", "social_team")))
                 .order_by(User.role.desc())), actor.id)
    ranked = [p.family_id for p in Priority.select().order_by(Priority.score.desc())]
    if not ranked:
        return "no rice (no surveyed family)"
    chosen = ranked[: max(1, len(ranked) // 5)]
    start = _month_back(today.replace(day=1), 12)
    centres = [c.id for c in Centre.select().where(Centre.active == True)]  # noqa: E712
    with database.atomic():
        Designation.insert_many([{"family": fid, "from_month": start, "reason": rng.choice((
            "Children would work instead of going to school", "Mother alone with four children",
            "Debts: the family eats once a day")), "decided_by": lead} for fid in chosen]
        ).execute()
    months = lines_total = no_show = 0
    for k in range(12):
        month = _month_back(today.replace(day=1), 12 - k)
        day = month + dt.timedelta(days=2)
        info = lists.build(actor, month)
        need: dict[int, int] = {}
        with database.atomic():
            for line in info.lines:
                if line.to_decide:
                    decision = rng.choice(("give", "give", "reduce", "hold"))
                    grams = {"give": line.due_g, "hold": 0,
                             "reduce": max(1000, line.due_g // 2)}[decision]
                    Line.update(decision=decision, kg_g=grams, decided_by=lead,
                                reason="Demo: talked with the mother about school").where(
                        Line.id == line.id).execute()
        info = lists.finalise(actor, month)
        for line in info.lines:
            if line.centre_id is not None:
                need[line.centre_id] = need.get(line.centre_id, 0) + line.kg_g
        collections, moves = [], []
        with database.atomic():
            moves.append({"centre": None, "day": month, "kind": "received",
                          "kg_g": sum(need.values()) + 20_000 * len(centres) + 100_000,
                          "supplier": rng.choice(SUPPLIERS),
                          "price_riel_per_kg": rng.choice((2600, 2700, 2800, 2900)), "by": lead})
            for cid in centres:
                grams = need.get(cid, 0) + 20_000
                moves += [{"centre": None, "day": month, "kind": "transfer", "kg_g": -grams,
                           "ref": f"to:{cid}", "by": lead},
                          {"centre": cid, "day": month, "kind": "transfer", "kg_g": grams,
                           "ref": "from:store", "by": lead}]
            for line in info.lines:
                if line.kg_g == 0 or line.centre_id is None:
                    continue
                roll = rng.random()
                status = "no_show" if roll < 0.05 else "proxy" if roll < 0.12 else "collected"
                grams = 0 if status == "no_show" else line.kg_g
                no_show += status == "no_show"
                collections.append({"line": line.id, "status": status, "kg_g": grams,
                                    "proxy_name": "Grandmother" if status == "proxy" else "",
                                    "recorded_by": lead})
                if grams:
                    moves.append({"centre": line.centre_id, "day": day, "kind": "distribution",
                                  "kg_g": -grams, "ref": f"line:{line.id}", "by": lead})
            for i in range(0, len(collections), 500):
                Collection.insert_many(collections[i:i + 500]).execute()
            for i in range(0, len(moves), 500):
                Move.insert_many(moves[i:i + 500]).execute()
        months += 1
        lines_total += len(info.lines)
        progress(f"Rice {month:%Y-%m}", (k + 1) / 12)
    with database.atomic():
        audit.record(actor, AREA, "demo", "rice", "",
                     f"{len(chosen)} families, {months} monthly lists, {no_show} no-shows")
    return (f"{len(chosen)} families receive rice; {months} monthly lists ({lines_total} lines, "
            f"{no_show} no-shows)")

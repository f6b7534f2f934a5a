"""Demo part of the parent meetings: two meetings a month per centre for the last twelve months
(a group's families, or a whole programme's), realistic attendance (some families come almost
always, some never), guests, follow-ups for families that never come (a few overdue), and one
meeting planned today per centre. Bulk inserts, one audit entry per bulk operation."""

from __future__ import annotations

import datetime as dt
import random

from ...db import database
from ...i18n import gettext_in
from ...db.centres import Child, Group, GroupMembership, Guardian
from ...db.core import Centre, User, UserCentre
from ...db.meetings import FollowUp, Meeting, MeetingFamily, MeetingGuest, Theme
from ..core import audit
from ..common.demo import refuse_if_filled
from .planning import AREA
from ..core.permissions import require

NOTES = {
    "Role of parents": "Talked about checking homework every evening and coming to see the teacher.",
    "Hygiene": "Showed hand washing with soap; mothers asked where to buy water filters.",
    "Children's rights": "The right to school and to play; what to do when a child is hit at work.",
    "Women's rights": "Rights at home and at work; the phone numbers of the help services.",
}
RELATIVES = ("grandmother", "aunt", "older sister", "father", "neighbour")
GUESTS = ("Dr. Chea, health centre", "Ms. Lina, women's association", "Mr. Sovann, school director")


def add_demo(actor, progress, today: dt.date) -> str:
    require(actor, "admin.demo")
    refuse_if_filled(Meeting, "meetings")
    rng = random.Random(44)
    themes = [(t.id, t.name) for t in Theme.select().where(Theme.active == True).order_by(Theme.id)]  # noqa: E712
    centres = list(Centre.select().where(Centre.active == True).order_by(Centre.code))  # noqa: E712
    if not themes or not centres:
        return "no meetings (no centre or theme)"
    staff = {}
    for link in UserCentre.select(UserCentre, User).join(User).where(User.role == "centre_staff"):
        staff.setdefault(link.centre_id, (link.user_id, link.user.full_name or link.user.username))
    groups: dict[int, dict[int, set]] = {}
    for gid, cid, fid in (GroupMembership.select(Group.id, Group.centre, Child.family)
                          .join(Group).join_from(GroupMembership, Child)
                          .where(GroupMembership.end_on.is_null(), Child.exit_on.is_null()).tuples()):
        groups.setdefault(cid, {}).setdefault(gid, set()).add(fid)
    guardians: dict[int, int] = {}
    for gid, fid in Guardian.select(Guardian.id, Guardian.family).order_by(Guardian.id).tuples():
        guardians.setdefault(fid, gid)
    # how likely each family is to come: a few never do, most often do
    keen = {fid: (0.0 if r < 0.12 else 0.35 if r < 0.35 else 0.8)
            for fid, r in ((f, rng.random()) for fid_sets in groups.values()
                           for fams in fid_sets.values() for f in fams)}
    start = today - dt.timedelta(days=365)
    plans = []
    for c in centres:
        day = start + dt.timedelta(days=rng.randrange(3, 12))
        n = 0
        while day < today:
            if day.weekday() >= 5:
                day += dt.timedelta(days=7 - day.weekday())
                continue
            plans.append((c, day, themes[n % len(themes)], "held"))
            n += 1
            day += dt.timedelta(days=rng.randrange(12, 19))
        plans.append((c, today, themes[n % len(themes)], "planned"))
    progress("Meetings", 0.1)
    now = dt.datetime.combine(today, dt.time(8))
    with database.atomic():
        rows = []
        for c, day, (theme_id, theme), status in plans:
            who = staff.get(c.id, (None, "Centre team"))
            facilitators = who[1] + (f"; {rng.choice(GUESTS)}" if rng.random() < 0.25 else "")
            rows.append({"centre": c.id, "held_on": day, "start_time": rng.choice(("10:30", "14:00", "15:30")),
                         "duration_min": rng.choice((60, 90)), "theme": theme_id,
                         # Half without a title (the list shows the theme in the reader's language);
                         # the others titled as a centre's staff would, in Khmer.
                         "title": "" if rng.random() < 0.5 else f"{gettext_in('km', theme)} {day:%d/%m}",
                         "facilitators": facilitators,
                         "notes": NOTES.get(theme, "") if status == "held" else "",
                         "status": status, "created_by": who[0], "created_at": now, "updated_at": now})
        for i in range(0, len(rows), 200):
            Meeting.insert_many(rows[i:i + 200]).execute()
        ids = [m.id for m in Meeting.select(Meeting.id).order_by(Meeting.id)]
        audit.record(actor, AREA, "demo", "meeting", "", f"demo: {len(ids)} parent meetings")
        links, guests, absent_count = [], [], {}
        for mid, (c, day, _theme, status) in zip(ids, plans):
            by_group = groups.get(c.id, {})
            if not by_group:
                continue
            if rng.random() < 0.3:
                invited = set().union(*by_group.values())  # the whole centre
            else:
                invited = set().union(*rng.sample(list(by_group.values()), k=min(2, len(by_group))))
            for fid in sorted(invited):
                came = status == "held" and rng.random() < keen.get(fid, 0.5)
                other = came and rng.random() < 0.12
                links.append({"meeting": mid, "family": fid, "invited": True, "came": came,
                              "guardian": guardians.get(fid) if came and not other else None,
                              "attendee": rng.choice(RELATIVES).capitalize() if other else ""})
                if status == "held" and not came:
                    absent_count[fid] = absent_count.get(fid, 0) + 1
            if status == "held" and rng.random() < 0.3:
                guests.append({"meeting": mid, "name": rng.choice(("Srey Neang", "Chan Sokha", "Mao Lina")),
                               "note": "neighbour, no child at PSE yet"})
        for i in range(0, len(links), 2000):
            MeetingFamily.insert_many(links[i:i + 2000]).execute()
        if guests:
            MeetingGuest.insert_many(guests).execute()
        audit.record(actor, AREA, "demo", "meeting_family", "",
                     f"demo: {len(links)} invitations ({sum(1 for x in links if x['came'])} came), "
                     f"{len(guests)} guests")
        progress("Follow-ups", 0.7)
        centre_of = {fid: cid for cid, by_group in groups.items() for fams in by_group.values() for fid in fams}
        never = sorted((fid for fid, n in absent_count.items() if keen.get(fid) == 0.0 and n >= 3))
        follow = []
        for n, fid in enumerate(never[:120]):
            cid = centre_of[fid]
            due = today - dt.timedelta(days=rng.randrange(-20, 60))
            done = due < today - dt.timedelta(days=10) and n % 4 != 0
            follow.append({"family": fid, "centre": cid, "meeting": None,
                           "action": "Visit the family: nobody came to the last meetings",
                           "assigned_to": staff.get(cid, (None,))[0], "due_on": due,
                           "done_on": due if done else None,
                           "outcome": "Mother works at the market in the afternoon; will send the "
                                      "grandmother" if done else "",
                           "created_by": staff.get(cid, (None,))[0], "created_at": now})
        if follow:
            FollowUp.insert_many(follow).execute()
        audit.record(actor, AREA, "demo", "followup", "", f"demo: {len(follow)} follow-ups")
    progress("Meetings done", 1.0)
    late = sum(1 for f in follow if f["done_on"] is None and f["due_on"] < today)
    return (f"{len(ids)} parent meetings, {len(links)} invitations, "
            f"{len(follow)} follow-ups ({late} overdue)")

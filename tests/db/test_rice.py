"""Rice tables: an older database's overlapping designations are merged by the upgrade, then
the database itself refuses a second designation of a family for a month, or a second open one;
one stock row per place."""

import datetime as dt

import peewee
import pytest

from pse_desktop.db import close_database, database, init_database
from pse_desktop.db.centres import Family
from pse_desktop.db.core import AuditEntry, User
from pse_desktop.db.rice import Designation, StockPlace

SEP, OCT, NOV, DEC = (dt.date(2026, m, 1) for m in (9, 10, 11, 12))
JAN = dt.date(2027, 1, 1)


def designations() -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    for d in (Designation.select(Designation, Family).join(Family)
              .order_by(Family.code, Designation.from_month)):
        out.setdefault(d.family.code, []).append(
            (d.from_month, d.until_month, d.reason, d.end_reason))
    return out


def test_an_upgrade_merges_overlapping_designations_then_the_database_refuses_them(empty_db):
    init_database(empty_db, upto={"rice": 1})
    user = User.create(username="dara", role="social_team", password_hash="x")
    f1, f2, f3, f4 = (Family.create(code=f"F0000{n}") for n in range(1, 5))

    def add(family, month, reason, until=None, end_reason=""):
        Designation.create(family=family, from_month=month, until_month=until, reason=reason,
                           end_reason=end_reason, decided_by=user)

    add(f1, NOV, "school")  # two people at once, the same month
    add(f1, NOV, "debts")
    add(f2, NOV, "school")  # two people at once, two months
    add(f2, DEC, "school")
    add(f3, NOV, "a", until=DEC, end_reason="work")  # one of the two was ended later
    add(f3, NOV, "b")
    add(f4, SEP, "a", until=OCT, end_reason="work")  # a clean history: ended, designated again
    add(f4, DEC, "b")
    close_database()

    result = init_database(empty_db)
    assert any(step.startswith("rice 2:") for step in result.upgraded)
    assert designations() == {
        "F00001": [(NOV, None, "school; debts", "")],
        "F00002": [(NOV, None, "school", "")],
        "F00003": [(NOV, None, "a; b", "")],
        "F00004": [(SEP, OCT, "a", "work"), (DEC, None, "b", "")],
    }
    merges = [a.summary for a in AuditEntry.select().where(AuditEntry.area == "rice",
                                                           AuditEntry.action == "merge")
              .order_by(AuditEntry.id)]
    assert len(merges) == 3 and merges[0].startswith("F00001: the designation from 2026-11 "
                                                     "(by dara: debts) overlapped")
    assert "rice from 2026-11 on" in merges[2]

    for make in (lambda: add(f4, DEC, "again", until=DEC),  # the same family and month
                 lambda: add(f1, JAN, "again")):  # a second open designation
        with pytest.raises(peewee.IntegrityError):
            with database.atomic():
                make()
    add(f1, OCT, "ended before", until=OCT)  # an ended one of another month is history
    StockPlace.create(place=0)
    with pytest.raises(peewee.IntegrityError):
        with database.atomic():
            StockPlace.create(place=0)

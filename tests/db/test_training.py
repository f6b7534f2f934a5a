"""Vocational training tables: trades and checklists seeded with the tables, one mark per
trainee and session, one skill once, one follow-up per trainee and month, unique numbers."""

import datetime as dt

import peewee
import pytest

from pse_desktop.db import database
from pse_desktop.db.core import User
from pse_desktop.db.training import (Acquired, Course, FollowUpVisit, Presence, Session, Skill,
                                     Trade, Trainee)


@pytest.fixture
def trainee(target):
    user = User.create(username="chef", full_name="Chef", role="workshop_manager",
                       password_hash="x")
    trade = Trade.get(Trade.code == "baking")
    course = Course.create(trade=trade, cohort="A", start_on=dt.date(2026, 1, 5),
                           end_on=dt.date(2026, 4, 30), trainer=user, capacity=10)
    return Trainee.create(course=course, kind="outside", name="Keo Srey",
                          proposed_on=dt.date(2026, 1, 1))


def test_trades_are_seeded_with_their_checklists(target):
    assert {t.code for t in Trade.select()} == {"cooking", "cleaning", "baking", "barista",
                                                "beauty"}
    assert all(s.name_km for s in Skill.select())
    assert Skill.select().where(Skill.trade == Trade.get(Trade.code == "barista")).count() == 5


def test_one_row_each(trainee):
    session = Session.create(course=trainee.course, day=dt.date(2026, 1, 5))
    skill = Skill.select().where(Skill.trade == trainee.course.trade).first()
    for model, values in ((Presence, {"session": session, "trainee": trainee, "status": "P"}),
                          (Acquired, {"trainee": trainee, "skill": skill,
                                      "acquired_on": dt.date(2026, 2, 1)}),
                          (FollowUpVisit, {"trainee": trainee, "months": 3, "working": True,
                                           "visited_on": dt.date(2026, 8, 1)}),
                          (Session, {"course": trainee.course, "day": dt.date(2026, 1, 5)})):
        if model is not Session:
            model.create(**values)
        with pytest.raises(peewee.IntegrityError), database.atomic():
            model.create(**values)

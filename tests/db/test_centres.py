"""Centres' tables: one mark per child and day (the register's upsert relies on it), one group
name per centre, one group start per child and day; a child's marks go with the child."""

import datetime as dt

import peewee
import pytest

from pse_desktop.db import database
from pse_desktop.db.centres import Child, Family, Group, GroupMembership, Guardian, Mark
from pse_desktop.db.core import Centre

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def child(target):
    stm = Centre.create(code="STM", name="Stung Meanchey", area="Phnom Penh")
    fam = Family.create(code="F00001")
    Guardian.create(family=fam, name_latin="Sok Sophea", relation="mother")
    group = Group.create(centre=stm, name="Sun", programme="daycare")
    kid = Child.create(code="STM-0001", name_latin="Sok Dara", sex="M", birth_date=dt.date(2022, 1, 1),
                       family=fam, centre=stm, programme="daycare", enrolled_on=dt.date(2025, 9, 1))
    GroupMembership.create(child=kid, group=group, start_on=dt.date(2025, 9, 1))
    return kid, group


def test_one_mark_per_child_and_day_and_the_upsert_replaces_it(child):
    kid, group = child
    Mark.create(child=kid, day=DAY, group=group, status="P")
    with pytest.raises(peewee.IntegrityError):
        with database.atomic():
            Mark.create(child=kid, day=DAY, group=group, status="A")
    (Mark.insert(child=kid, day=DAY, group=group, status="A")
     .on_conflict(conflict_target=[Mark.child, Mark.day], update={Mark.status: "A"}).execute())
    assert [m.status for m in Mark.select()] == ["A"]


def test_unique_group_names_per_centre_and_one_start_per_child_and_day(child):
    kid, group = child
    for make in (lambda: Group.create(centre=group.centre, name="Sun", programme="daycare"),
                 lambda: GroupMembership.create(child=kid, group=group, start_on=dt.date(2025, 9, 1)),
                 lambda: Family.create(code="F00001")):
        with pytest.raises(peewee.IntegrityError):
            with database.atomic():
                make()


def test_foreign_keys_are_enforced_and_a_family_takes_its_guardians_along(child):
    kid, group = child
    Mark.create(child=kid, day=DAY, group=group, status="P")
    with pytest.raises(peewee.IntegrityError):
        with database.atomic():
            Mark.create(child=9999, day=DAY, group=group, status="P")
    kid.delete_instance()
    assert Mark.select().count() == 0 and GroupMembership.select().count() == 0
    Family.get().delete_instance()
    assert Guardian.select().count() == 0

"""Centres' children: families and guardians, children, groups with history, days off, marks.

Marks are the big table (about 8.7 million rows after ten years): one row per child and school
day, a unique (child, day) index for the upsert, and (group, day) and (day) indexes for the
register and the follow-up lists. ``MonthTotal`` keeps per group and month the count of each
mark, updated on every save, so rates over years never scan the marks.
"""

import datetime as dt

import peewee as pw

from .base import BaseModel
from .core import Centre, User
from .migrations import migration

AREA = "attendance"


class Family(BaseModel):
    code = pw.CharField(max_length=20, unique=True)
    village = pw.CharField(max_length=80, default="")
    address = pw.CharField(max_length=200, default="")
    phone = pw.CharField(max_length=40, default="")
    notes = pw.TextField(default="")
    created_at = pw.DateTimeField(default=dt.datetime.now)


class Guardian(BaseModel):
    family = pw.ForeignKeyField(Family, backref="guardians", on_delete="CASCADE")
    name_km = pw.CharField(max_length=80, default="")
    name_latin = pw.CharField(max_length=80)
    relation = pw.CharField(max_length=20)  # mother, father, grandmother...
    phone = pw.CharField(max_length=40, default="")


class Group(BaseModel):
    centre = pw.ForeignKeyField(Centre, backref="groups")
    name = pw.CharField(max_length=40)
    programme = pw.CharField(max_length=12)  # daycare, after_school
    session = pw.CharField(max_length=10, default="")  # "", morning, afternoon
    staff = pw.ForeignKeyField(User, null=True, backref="attendance_groups")
    active = pw.BooleanField(default=True)

    class Meta:
        table_name = "attendance_group"
        indexes = ((("centre", "name"), True),)


class Child(BaseModel):
    code = pw.CharField(max_length=20, unique=True)
    name_km = pw.CharField(max_length=80, default="")
    name_latin = pw.CharField(max_length=80, index=True)
    sex = pw.CharField(max_length=1)  # F, M
    birth_date = pw.DateField()
    family = pw.ForeignKeyField(Family, backref="children")
    centre = pw.ForeignKeyField(Centre, backref="children")
    programme = pw.CharField(max_length=12)
    session = pw.CharField(max_length=10, default="")
    school = pw.CharField(max_length=80, default="")
    grade = pw.CharField(max_length=10, default="")
    clothing_size = pw.CharField(max_length=10, default="")
    enrolled_on = pw.DateField()
    exit_on = pw.DateField(null=True)
    exit_reason = pw.CharField(max_length=200, default="")
    age_reason = pw.CharField(max_length=200, default="")  # why a daycare child is outside 3-6
    notes = pw.TextField(default="")

    class Meta:
        indexes = ((("centre", "exit_on"), False),)


class GroupMembership(BaseModel):
    """A child in a group from ``start_on`` to ``end_on`` (None: still there)."""

    child = pw.ForeignKeyField(Child, backref="memberships", on_delete="CASCADE")
    group = pw.ForeignKeyField(Group, backref="memberships")
    start_on = pw.DateField()
    end_on = pw.DateField(null=True)

    class Meta:
        indexes = ((("group", "start_on"), False), (("child", "start_on"), True))


class DayOff(BaseModel):
    """A public holiday (``centre`` None: every centre) or a centre's closing day."""

    day = pw.DateField(index=True)
    centre = pw.ForeignKeyField(Centre, null=True, backref="days_off")
    name = pw.CharField(max_length=80)

    class Meta:
        table_name = "attendance_day_off"


class Mark(BaseModel):
    """One child's attendance on one day, kept with the group of that day."""

    child = pw.ForeignKeyField(Child, backref="marks", on_delete="CASCADE")
    day = pw.DateField()
    group = pw.ForeignKeyField(Group, backref="marks")
    status = pw.CharField(max_length=1)  # P present, A absent, L late, E excused, S sick
    reason = pw.CharField(max_length=60, default="")
    recorded_by = pw.ForeignKeyField(User, null=True, backref="+")
    recorded_at = pw.DateTimeField(default=dt.datetime.now)

    class Meta:
        table_name = "attendance_mark"
        indexes = ((("child", "day"), True), (("group", "day"), False), (("day", "status"), False))


class MonthTotal(BaseModel):
    """Count of each mark per group and month (``month`` = year * 100 + month)."""

    group = pw.ForeignKeyField(Group, backref="+")
    centre = pw.ForeignKeyField(Centre, backref="+")
    month = pw.IntegerField()
    present = pw.IntegerField(default=0)
    absent = pw.IntegerField(default=0)
    late = pw.IntegerField(default=0)
    excused = pw.IntegerField(default=0)
    sick = pw.IntegerField(default=0)

    class Meta:
        table_name = "attendance_month_total"
        indexes = ((("group", "month"), True), (("centre", "month"), False))


MODELS_V1 = [Family, Guardian, Group, Child, GroupMembership, DayOff, Mark, MonthTotal]


@migration(AREA, 1, "families, guardians, children, groups, days off, attendance marks")
def _v1(db):
    db.create_tables(MODELS_V1)

"""The social team's work with families: caseloads, the social survey, priority, assessments,
emergency support, and the record of who opened a family's file.

Money is whole riel (household income, debts) or minor units of the request's currency
(emergency support: cents of USD, or whole riel). Survey answers about violence and abuse and
the case notes are in their own columns so that services can leave them out for roles that may
not read them.
"""

import datetime as dt

import peewee as pw

from . import guards
from .base import BaseModel
from .centres import Family
from .core import User
from .migrations import migration

AREA = "social"


class CaseAssignment(BaseModel):
    """A family followed by a social worker from ``start_on`` to ``end_on`` (None: still)."""

    family = pw.ForeignKeyField(Family, backref="+", on_delete="CASCADE")
    worker = pw.ForeignKeyField(User, backref="+")
    start_on = pw.DateField()
    end_on = pw.DateField(null=True)
    reason = pw.CharField(max_length=200, default="")
    assigned_by = pw.ForeignKeyField(User, null=True, backref="+")

    class Meta:
        table_name = "social_case"
        indexes = ((("family", "start_on"), False), (("worker", "end_on"), False))


class Survey(BaseModel):
    """A family's social survey (one per family, updated over the years)."""

    family = pw.ForeignKeyField(Family, backref="+", unique=True, on_delete="CASCADE")
    status = pw.CharField(max_length=10, default="draft")  # draft, complete
    visited_on = pw.DateField(null=True)
    # housing
    tenure = pw.CharField(max_length=12, default="")  # owned, rented, squatting, family
    rent_khr = pw.BigIntegerField(default=0)
    roof = pw.CharField(max_length=20, default="")  # tiles, metal, thatch, plastic
    walls = pw.CharField(max_length=20, default="")  # brick, wood, metal, thatch, plastic
    flood_risk = pw.BooleanField(default=False)
    fire_risk = pw.BooleanField(default=False)
    water = pw.BooleanField(default=False)
    toilet = pw.BooleanField(default=False)
    electricity = pw.BooleanField(default=False)
    # IDPoor (the government's Equity Card)
    idpoor_number = pw.CharField(max_length=30, default="")
    idpoor_level = pw.IntegerField(default=0)  # 0 none, 1 very poor, 2 poor
    idpoor_valid_until = pw.DateField(null=True)
    # urgent situations
    no_parent_at_home = pw.BooleanField(default=False)
    violence = pw.BooleanField(default=False)  # sensitive
    out_of_school = pw.BooleanField(default=False)
    # sensitive notes (violence, abuse, the case)
    protection_notes = pw.TextField(default="")
    case_notes = pw.TextField(default="")
    updated_at = pw.DateTimeField(default=dt.datetime.now)
    updated_by = pw.ForeignKeyField(User, null=True, backref="+")

    class Meta:
        table_name = "social_survey"


class HouseholdMember(BaseModel):
    """Everyone living in the household, not only the children in PSE's programmes."""

    survey = pw.ForeignKeyField(Survey, backref="members", on_delete="CASCADE")
    position = pw.IntegerField(default=0)
    name = pw.CharField(max_length=80)
    relation = pw.CharField(max_length=20)
    age = pw.IntegerField()
    occupation = pw.CharField(max_length=80, default="")
    income_khr = pw.BigIntegerField(default=0)  # a month
    chronic_illness = pw.BooleanField(default=False)
    disability = pw.BooleanField(default=False)
    in_school = pw.BooleanField(default=False)

    class Meta:
        table_name = "social_member"


class IncomeSource(BaseModel):
    """Income of the household besides the members' work: rent, help from family, a pension..."""

    survey = pw.ForeignKeyField(Survey, backref="incomes", on_delete="CASCADE")
    kind = pw.CharField(max_length=40)
    monthly_khr = pw.BigIntegerField()

    class Meta:
        table_name = "social_income"


class Debt(BaseModel):
    survey = pw.ForeignKeyField(Survey, backref="debts", on_delete="CASCADE")
    lender = pw.CharField(max_length=20)  # bank, microfinance, private, family
    owed_khr = pw.BigIntegerField()
    monthly_repayment_khr = pw.BigIntegerField()

    class Meta:
        table_name = "social_debt"


class PriorityRule(BaseModel):
    """The priority rule as data, in force from ``effective_from`` (JSON payload)."""

    effective_from = pw.DateField(unique=True)
    payload = pw.TextField()
    note = pw.CharField(max_length=200, default="")
    created_by = pw.ForeignKeyField(User, null=True, backref="+")

    class Meta:
        table_name = "social_priority_rule"


class Priority(BaseModel):
    """A family's priority as last computed from its survey, and the team's override."""

    family = pw.ForeignKeyField(Family, backref="+", unique=True, on_delete="CASCADE")
    computed_level = pw.CharField(max_length=8)  # urgent, high, medium, low
    score = pw.IntegerField(default=0)
    reasons = pw.TextField(default="[]")  # JSON list of [code, values]
    computed_at = pw.DateTimeField(default=dt.datetime.now)
    override_level = pw.CharField(max_length=8, default="")
    override_reason = pw.CharField(max_length=300, default="")
    override_by = pw.ForeignKeyField(User, null=True, backref="+")

    class Meta:
        table_name = "social_priority"
        indexes = ((("computed_level",), False),)


class Assessment(BaseModel):
    """A visit assessing the family's situation per domain (1 critical .. 4 good)."""

    family = pw.ForeignKeyField(Family, backref="+", on_delete="CASCADE")
    visited_on = pw.DateField()
    visitor = pw.ForeignKeyField(User, backref="+")
    income = pw.IntegerField()
    housing = pw.IntegerField()
    health = pw.IntegerField()
    education = pw.IntegerField()
    protection = pw.IntegerField()
    changes = pw.TextField(default="")
    decisions = pw.TextField(default="")
    case_notes = pw.TextField(default="")  # sensitive
    created_at = pw.DateTimeField(default=dt.datetime.now)

    class Meta:
        table_name = "social_assessment"
        indexes = ((("family", "visited_on"), False), (("visited_on",), False))


class SupportBudget(BaseModel):
    year = pw.IntegerField()
    kind = pw.CharField(max_length=20)
    amount_usd_cents = pw.BigIntegerField()

    class Meta:
        table_name = "social_budget"
        indexes = ((("year", "kind"), True),)


class SupportRequest(BaseModel):
    """Emergency support asked for a family, decided by a team leader or an admin."""

    family = pw.ForeignKeyField(Family, backref="+", on_delete="CASCADE")
    kind = pw.CharField(max_length=20)
    currency = pw.CharField(max_length=3)  # USD, KHR
    amount = pw.BigIntegerField()  # per payment, minor units of the currency
    payments = pw.IntegerField(default=1)  # 1: once; n: monthly for n months
    usd_cents_total = pw.BigIntegerField()  # the total in US cents at the request's rate
    why = pw.TextField()
    status = pw.CharField(max_length=10, default="requested")  # requested approved refused cancelled
    requested_on = pw.DateField()
    requested_by = pw.ForeignKeyField(User, backref="+")
    decided_on = pw.DateField(null=True)
    decided_by = pw.ForeignKeyField(User, null=True, backref="+")
    decision_note = pw.CharField(max_length=300, default="")
    follow_up_on = pw.DateField(null=True)

    class Meta:
        table_name = "social_support"
        indexes = ((("status", "requested_on"), False), (("family",), False))


class SupportPayment(BaseModel):
    """One instalment handed over, with its receipt number; never edited."""

    request = pw.ForeignKeyField(SupportRequest, backref="paid", on_delete="CASCADE")
    number = pw.IntegerField()  # 1..payments
    paid_on = pw.DateField()
    amount = pw.BigIntegerField()
    receipt_no = pw.CharField(max_length=20, unique=True)
    received_by = pw.CharField(max_length=80)
    paid_by = pw.ForeignKeyField(User, backref="+")

    class Meta:
        table_name = "social_payment"
        indexes = ((("request", "number"), True),)


class FileAccess(BaseModel):
    """Who opened which family's file, or exported the social data, and when."""

    at = pw.DateTimeField(default=dt.datetime.now)
    user = pw.ForeignKeyField(User, null=True, backref="+")
    username = pw.CharField(max_length=60)
    family = pw.ForeignKeyField(Family, null=True, backref="+", on_delete="CASCADE")
    what = pw.CharField(max_length=60)

    class Meta:
        table_name = "social_file_access"
        indexes = ((("family", "at"), False),)


class Counter(BaseModel):
    """The last number given per series (receipts per year), taken inside the write."""

    series = pw.CharField(max_length=20, unique=True)
    last = pw.IntegerField(default=0)

    class Meta:
        table_name = "social_counter"


MODELS_V1 = [CaseAssignment, Survey, HouseholdMember, IncomeSource, Debt, PriorityRule, Priority,
             Assessment, SupportBudget, SupportRequest, SupportPayment, FileAccess, Counter]

DEFAULT_RULE = {
    "poverty_line_khr_per_person_day": 10951,
    "days_per_month": 30,
    # income per person per day against the poverty line: below ratio -> points
    "income_points": [[50, 40], [100, 25], [150, 10]],
    # debt repayments per month against income: at least percent -> points
    "debt_points": [[50, 20], [30, 10]],
    "housing_points": {"squatting": 15, "rented": 5, "flood_risk": 5, "fire_risk": 5,
                       "no_water": 5, "no_toilet": 5, "no_electricity": 3, "poor_roof": 5},
    "poor_roofs": ["thatch", "plastic"],
    "health_points": {"chronic_illness": 10, "disability": 10},
    "idpoor_points": {"1": 20, "2": 10},
    "levels": [["high", 60], ["medium", 35]],
}


# a payment handed over and the record of who opened a file are never changed
guards.declare(AREA, guards.append_only(["social_payment", "social_file_access"]))


@migration(AREA, 1, "caseloads, social surveys, priority, assessments, emergency support")
def _v1(db):
    import json

    db.create_tables(MODELS_V1)
    guards.install(db, AREA)
    PriorityRule.create(effective_from=dt.date(2020, 1, 1), payload=json.dumps(DEFAULT_RULE),
                        note="National poverty line KHR 10,951 per person per day (2019/20)")

"""Sewing workshop payroll: workers, contracts, time, pieces, rates, advances, runs, payslips.

Money in integer minor units (USD cents, whole riel), quantities of time in minutes.
A finalised run and its payslips are locked by triggers, not only by the services.
"""

import datetime as dt
import json

import peewee as pw

from ..resources import resource_path
from .base import BaseModel
from . import guards
from .migrations import migration

AREA = "payroll"


class PayRates(BaseModel):
    """Every payroll rate in force from ``effective_from`` (JSON of ``payroll_rates.Rates``)."""

    effective_from = pw.DateField(unique=True)
    payload = pw.TextField()
    note = pw.CharField(max_length=200, default="")
    updated_at = pw.DateTimeField(default=dt.datetime.now)


class PublicHoliday(BaseModel):
    day = pw.DateField(unique=True)
    name = pw.CharField(max_length=80)


class Worker(BaseModel):
    code = pw.CharField(max_length=10, unique=True)
    kind = pw.CharField(max_length=10)  # employee | student
    job = pw.CharField(max_length=30)
    name_latin = pw.CharField(max_length=80, index=True)
    name_khmer = pw.CharField(max_length=80, default="")
    sex = pw.CharField(max_length=1, default="")
    hire_date = pw.DateField()
    leave_date = pw.DateField(null=True)
    dependants = pw.IntegerField(default=0)
    nssf_member = pw.BooleanField(default=True)
    nssf_number = pw.CharField(max_length=30, default="")
    pay_method = pw.CharField(max_length=10, default="cash")  # cash | bank
    bank_account = pw.CharField(max_length=40, default="")
    # The child's record in the attendance area; kept as text until both areas are merged.
    child_code = pw.CharField(max_length=20, default="")
    active = pw.BooleanField(default=True)
    created_at = pw.DateTimeField(default=dt.datetime.now)


class Contract(BaseModel):
    """Pay basis and rate from a date; a raise is a new contract, history stays."""

    worker = pw.ForeignKeyField(Worker, backref="contracts", on_delete="CASCADE")
    effective_from = pw.DateField()
    basis = pw.CharField(max_length=10)  # monthly | daily | hourly | piece
    rate_cents = pw.IntegerField(default=0)
    attendance_bonus = pw.BooleanField(default=True)
    transport_allowance = pw.BooleanField(default=True)
    seniority_bonus = pw.BooleanField(default=True)
    seniority_pay = pw.BooleanField(default=True)
    note = pw.CharField(max_length=200, default="")
    created_at = pw.DateTimeField(default=dt.datetime.now)

    class Meta:
        indexes = ((("worker", "effective_from"), True),)


class TimeEntry(BaseModel):
    """One worker's day: a status and hours in minutes."""

    worker = pw.ForeignKeyField(Worker, backref="time_entries", on_delete="CASCADE")
    day = pw.DateField()
    status = pw.CharField(max_length=2)  # W A PL UL S H
    minutes = pw.IntegerField(default=0)  # hours worked, for hourly pay
    ot_normal_minutes = pw.IntegerField(default=0)
    ot_premium_minutes = pw.IntegerField(default=0)  # night, Sunday, public holiday

    class Meta:
        indexes = ((("worker", "day"), True), (("day",), False))


class PieceOutput(BaseModel):
    """Pieces sewn by a worker on a day; written here or by production orders (``source``)."""

    worker = pw.ForeignKeyField(Worker, backref="pieces", on_delete="CASCADE")
    day = pw.DateField()
    item_label = pw.CharField(max_length=80)
    variant_code = pw.CharField(max_length=30, default="")
    pieces = pw.IntegerField()
    piece_rate_cents = pw.IntegerField()
    source = pw.CharField(max_length=20, default="manual")  # manual | production
    source_ref = pw.CharField(max_length=40, default="")
    created_at = pw.DateTimeField(default=dt.datetime.now)

    class Meta:
        indexes = ((("worker", "day"), False), (("day",), False), (("source", "source_ref"), False))


class PayRun(BaseModel):
    month = pw.DateField(unique=True)  # first day of the month
    status = pw.CharField(max_length=10, default="draft")  # draft | final
    khr_per_usd = pw.IntegerField()
    rates_from = pw.DateField()
    warnings = pw.TextField(default="[]")  # JSON list of [worker code or "", message]
    computed_at = pw.DateTimeField(default=dt.datetime.now)
    computed_by = pw.CharField(max_length=60, default="")
    finalised_at = pw.DateTimeField(null=True)
    finalised_by = pw.CharField(max_length=60, default="")

    def warning_list(self):
        return [tuple(w) for w in json.loads(self.warnings or "[]")]


class Advance(BaseModel):
    """Money given during a month, repaid in ``months`` instalments from ``first_month``."""

    worker = pw.ForeignKeyField(Worker, backref="advances", on_delete="CASCADE")
    given_on = pw.DateField()
    amount_cents = pw.IntegerField()
    months = pw.IntegerField(default=1)
    first_month = pw.DateField(index=True)
    reason = pw.CharField(max_length=120, default="")
    mid_month = pw.BooleanField(default=False)  # the mid-month wage payment
    created_by = pw.CharField(max_length=60, default="")
    created_at = pw.DateTimeField(default=dt.datetime.now)


class Adjustment(BaseModel):
    """An addition or deduction with a reason in a month; corrections of a finalised month."""

    worker = pw.ForeignKeyField(Worker, backref="adjustments", on_delete="CASCADE")
    month = pw.DateField(index=True)
    kind = pw.CharField(max_length=10)  # addition | deduction
    reason = pw.CharField(max_length=120)
    amount_cents = pw.IntegerField()
    corrects_month = pw.DateField(null=True)
    created_by = pw.CharField(max_length=60, default="")
    created_at = pw.DateTimeField(default=dt.datetime.now)


class Payslip(BaseModel):
    """One worker's computed pay in a run, with the worker's details as they were."""

    run = pw.ForeignKeyField(PayRun, backref="payslips", on_delete="CASCADE")
    worker = pw.ForeignKeyField(Worker, backref="payslips")
    code = pw.CharField(max_length=10)
    name_latin = pw.CharField(max_length=80)
    name_khmer = pw.CharField(max_length=80, default="")
    kind = pw.CharField(max_length=10)
    job = pw.CharField(max_length=30)
    basis = pw.CharField(max_length=10)
    pay_method = pw.CharField(max_length=10)
    nssf_number = pw.CharField(max_length=30, default="")
    days_worked = pw.CharField(max_length=10, default="0")  # exact decimal text
    hours_worked = pw.CharField(max_length=10, default="0")
    gross_cents = pw.IntegerField()
    gross_khr = pw.IntegerField()
    nssf_base_khr = pw.IntegerField()
    nssf_employee_khr = pw.IntegerField()
    nssf_employee_cents = pw.IntegerField()
    er_pension_khr = pw.IntegerField()
    er_health_khr = pw.IntegerField()
    er_risk_khr = pw.IntegerField()
    er_pension_cents = pw.IntegerField()
    er_health_cents = pw.IntegerField()
    er_risk_cents = pw.IntegerField()
    taxable_khr = pw.IntegerField()
    tax_khr = pw.IntegerField()
    tax_cents = pw.IntegerField()
    advance_cents = pw.IntegerField()
    other_deductions_cents = pw.IntegerField()
    total_deductions_cents = pw.IntegerField()
    net_cents = pw.IntegerField()
    employer_cost_cents = pw.IntegerField()
    regular_pay_cents = pw.IntegerField(default=0)  # compared with the sector minimum
    reference_cents = pw.IntegerField(default=0)  # 0: not compared (student, partial month)

    class Meta:
        indexes = ((("run", "worker"), True),)


class PayslipLine(BaseModel):
    payslip = pw.ForeignKeyField(Payslip, backref="lines", on_delete="CASCADE")
    seq = pw.IntegerField()
    code = pw.CharField(max_length=20)
    label = pw.CharField(max_length=120)
    kind = pw.CharField(max_length=10)
    amount_cents = pw.IntegerField()
    amount_khr = pw.IntegerField(null=True)
    explanation = pw.TextField()


PAYROLL_V1 = [PayRates, PublicHoliday, Worker, Contract, TimeEntry, PieceOutput, PayRun, Advance,
              Adjustment, Payslip, PayslipLine]

_LOCKS = {
    # A finalised run is locked for good, even for someone with a SQLite shell.
    "pay_run_final_no_update": "BEFORE UPDATE ON pay_run WHEN OLD.status = 'final'",
    "pay_run_final_no_delete": "BEFORE DELETE ON pay_run WHEN OLD.status = 'final'",
    "payslip_final_no_update": "BEFORE UPDATE ON payslip WHEN (SELECT status FROM pay_run "
                               "WHERE id = OLD.run_id) = 'final'",
    "payslip_final_no_delete": "BEFORE DELETE ON payslip WHEN (SELECT status FROM pay_run "
                               "WHERE id = OLD.run_id) = 'final'",
    "payslip_final_no_insert": "BEFORE INSERT ON payslip WHEN (SELECT status FROM pay_run "
                               "WHERE id = NEW.run_id) = 'final'",
    "payslip_line_final_no_update": "BEFORE UPDATE ON payslip_line WHEN (SELECT r.status FROM "
                                    "pay_run r JOIN payslip p ON p.run_id = r.id WHERE p.id = "
                                    "OLD.payslip_id) = 'final'",
    "payslip_line_final_no_delete": "BEFORE DELETE ON payslip_line WHEN (SELECT r.status FROM "
                                    "pay_run r JOIN payslip p ON p.run_id = r.id WHERE p.id = "
                                    "OLD.payslip_id) = 'final'",
    "payslip_line_final_no_insert": "BEFORE INSERT ON payslip_line WHEN (SELECT r.status FROM "
                                    "pay_run r JOIN payslip p ON p.run_id = r.id WHERE p.id = "
                                    "NEW.payslip_id) = 'final'",
}

#: The locks version 1 made on SQLite (migrations never change); later ones come from guards.
_V1_LOCKS = ("pay_run_final_no_update", "pay_run_final_no_delete", "payslip_final_no_update",
             "payslip_final_no_delete", "payslip_final_no_insert", "payslip_line_final_no_update",
             "payslip_line_final_no_delete")


@migration(AREA, 1, "workshop workers, contracts, time, pieces, rates, advances, payroll runs")
def _v1(db):
    db.create_tables(PAYROLL_V1)
    if isinstance(db, pw.SqliteDatabase):
        for name in _V1_LOCKS:
            db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS {name} {_LOCKS[name]} "
                           "BEGIN SELECT RAISE(ABORT, 'a finalised payroll run is locked'); END")
    for row in default_rates():
        PayRates.create(effective_from=dt.date.fromisoformat(row["effective_from"]),
                        payload=json.dumps(row["rates"], sort_keys=True), note=row["note"])


# Read when installed and when checked, so that locks added to _LOCKS later are included.
guards.declare(AREA, guards.from_clauses(_LOCKS, "a finalised payroll run is locked"))


@migration(AREA, 2, "finalised payroll runs locked on PostgreSQL too")
def _v2(db):
    guards.install(db, AREA)


@migration(AREA, 3, "no line can be added to a finalised payslip")
def _v3(db):
    guards.install(db, AREA)


def default_rates() -> list[dict]:
    """The rates a new database starts with: ``resources/data/payroll_rates.json``."""
    path = resource_path("data", "payroll_rates.json")
    return json.loads(path.read_text(encoding="utf-8"))

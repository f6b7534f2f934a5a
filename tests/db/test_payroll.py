"""Payroll tables: a new database starts with the default rates, and a finalised run is locked
by the database itself (its payslips and their lines too)."""

import datetime as dt
import json

import peewee
import pytest

from pse_desktop.db.payroll import PayRates, Payslip, PayRun, Worker, default_rates


def test_new_database_holds_the_default_rates_as_data(target):
    seeded = default_rates()
    assert [r.effective_from.isoformat() for r in PayRates.select().order_by(PayRates.effective_from)] == [
        row["effective_from"] for row in seeded]
    first = PayRates.select().order_by(PayRates.effective_from).first()
    assert json.loads(first.payload)["minimum_wage_cents"] == seeded[0]["rates"]["minimum_wage_cents"]


def test_a_final_run_and_its_payslips_are_locked(target):
    worker = Worker.create(code="E001", kind="employee", job="seamstress", name_latin="Chea Sokha",
                           hire_date=dt.date(2020, 1, 6))
    run = PayRun.create(month=dt.date(2026, 1, 1), khr_per_usd=4100, rates_from=dt.date(2026, 1, 1),
                        warnings=json.dumps([["E001", "below the minimum"]]))
    assert run.warning_list() == [("E001", "below the minimum")]
    slip = dict(worker=worker, code="E001", name_latin="Chea Sokha", kind="employee", job="seamstress",
                basis="monthly", pay_method="cash")
    figures = {f.name: 0 for f in Payslip._meta.sorted_fields
               if isinstance(f, peewee.IntegerField) and not f.null and f.default is None
               and f.name not in ("id",)}
    Payslip.create(run=run, **slip, **figures)
    PayRun.update(status="final").where(PayRun.id == run.id).execute()  # a draft may change
    for statement in (PayRun.update(status="draft"), PayRun.delete(), Payslip.update(net_cents=1),
                      Payslip.delete()):
        with pytest.raises(peewee.IntegrityError, match="locked"):
            statement.execute()
    with pytest.raises(peewee.IntegrityError, match="locked"):
        Payslip.create(run=run, **{**slip, "code": "E002"}, **figures)
    assert PayRun.get().status == "final" and Payslip.select().count() == 1

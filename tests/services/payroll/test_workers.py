"""Workers, contracts and advances: any value typed is saved clean or refused naming the field,
and a refused save leaves the database exactly as it was (property tests)."""

import datetime as dt
import itertools

import pytest
from hypothesis import given, strategies as st

from pse_desktop.services.payroll import extras, workers
from tests.fixtures.inputs import HOSTILE, refused_cleanly

FIELDS = ["code", "kind", "job", "name_latin", "name_khmer", "sex", "hire_date", "leave_date",
          "dependants", "nssf_number", "pay_method", "bank_account", "child_code"]
NUMBERS = itertools.count(1)


@pytest.fixture
def manager(make_user):
    return make_user("srey", "workshop_manager")


@pytest.fixture
def worker(manager):
    return workers.save_worker(manager, None, dict(code="E900", kind="employee", job="seamstress",
                                                   name_latin="Sok Sophea", hire_date=dt.date(2020, 1, 1)))


@given(field=st.sampled_from(FIELDS), value=HOSTILE)
def test_any_value_in_a_worker(manager, field, value):
    values = dict(code=f"E{next(NUMBERS)}", kind="employee", job="seamstress", name_latin="Sok Mey",
                  hire_date=dt.date(2021, 3, 1))
    values[field] = value
    refused_cleanly(lambda: workers.save_worker(manager, None, values), *FIELDS)


@given(rate=HOSTILE, basis=st.sampled_from(["monthly", "daily", "hourly", "piece", "weekly"]),
       start=HOSTILE, confirm=st.booleans())
def test_any_contract(manager, worker, rate, basis, start, confirm):
    refused_cleanly(lambda: workers.add_contract(manager, worker.id, start, basis, rate, confirm=confirm),
                    "rate", "basis", "effective_from", "note")


@given(amount=HOSTILE, months=HOSTILE, given_on=HOSTILE, reason=HOSTILE, confirm=st.booleans())
def test_any_advance(manager, worker, amount, months, given_on, reason, confirm):
    refused_cleanly(lambda: extras.give_advance(manager, worker.id, given_on, amount, months, reason,
                                                confirm=confirm),
                    "amount", "months", "given_on", "reason", "first_month")


def test_an_unusual_addition_is_asked_about(manager, worker):
    from pse_desktop.services.common.numbers import NeedsConfirmation
    from pse_desktop.services.common.errors import ValidationError

    with pytest.raises(NeedsConfirmation, match=r"\$2,000.00 — is that right"):
        extras.add_adjustment(manager, worker.id, "2026-01", "addition", "Bonus", "2,000")
    with pytest.raises(ValidationError, match="more than the limit"):
        extras.add_adjustment(manager, worker.id, "2026-01", "addition", "Bonus", "100000", confirm=True)
    assert extras.add_adjustment(manager, worker.id, "2026-01", "addition", "Bonus", "2,000", confirm=True)


@given(amount=HOSTILE, reason=HOSTILE, kind=st.sampled_from(["addition", "deduction", "gift"]),
       confirm=st.booleans())
def test_any_adjustment(manager, worker, amount, reason, kind, confirm):
    refused_cleanly(lambda: extras.add_adjustment(manager, worker.id, "2026-02", kind, reason, amount,
                                                  confirm=confirm),
                    "amount", "reason", "kind", "month", "corrects_month")

"""Advances (repaid in instalments), the mid-month payment, additions and deductions."""

import datetime as dt

import pytest

from pse_desktop.db.core import AuditEntry
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError
from pse_desktop.services.payroll import extras as payroll_extras, run as payroll_run, timesheets
from tests.fixtures.payroll import hire, manager, slip  # noqa: F401

D = dt.date


def test_mid_month_payment_is_deducted(manager):
    hire(manager, "E001", D(2025, 1, 1), "monthly", "210")
    assert payroll_extras.pay_mid_month(manager, "2026-01", 50) == (1, 10500)
    with pytest.raises(ConflictError):
        payroll_extras.pay_mid_month(manager, "2026-01", 50)
    timesheets.quick_fill(manager, "2026-01")
    payroll_run.compute_draft(manager, "2026-01", 4100)
    p = slip(D(2026, 1, 1), "E001")
    assert p.advance_cents == 10500 and p.net_cents == 22442 - 10500


def test_an_advance_is_listed_instalment_by_instalment(manager):
    wid = hire(manager, "E001", D(2025, 1, 1), "monthly", "210")
    payroll_extras.give_advance(manager, wid, D(2026, 1, 10), "50", months=2, reason="School fees",
                                first_month="2026-02")
    assert payroll_extras.list_extras(manager, "2026-01") == []
    feb, = payroll_extras.list_extras(manager, "2026-02")
    assert (feb.kind, feb.worker_code, feb.amount_cents) == ("advance", "E001", 2500)
    assert feb.detail == "School fees: $50.00 given Jan 10, 2026, instalment 1 of 2"
    from pse_desktop import i18n
    i18n.set_language("fr")
    try:
        feb_fr, = payroll_extras.list_extras(manager, "2026-02")
    finally:
        i18n.set_language("en")
    assert feb_fr.detail.startswith("School fees : 50,00") and "10 janv. 2026" in feb_fr.detail
    assert payroll_extras.list_extras(manager, "2026-03")[0].detail.endswith("instalment 2 of 2")
    assert payroll_extras.list_extras(manager, "2026-04") == []
    for kwargs, field in ((dict(amount="0"), "amount"), (dict(months=25), "months"),
                          (dict(first_month="2025-12"), "first_month")):
        with pytest.raises(ValidationError) as err:
            payroll_extras.give_advance(manager, wid, D(2026, 1, 10), **{"amount": "10", **kwargs})
        assert err.value.field == field


def test_adjustments_are_listed_audited_and_removable_until_final(manager, make_user):
    wid = hire(manager, "E001", D(2025, 1, 1), "monthly", "210")
    add = payroll_extras.add_adjustment(manager, wid, "2026-01", "addition", "Best team", "5")
    payroll_extras.add_adjustment(manager, wid, "2026-01", "deduction", "Broken scissors", "2.50")
    assert [(e.kind, e.amount_cents, e.detail) for e in payroll_extras.list_extras(manager, "2026-01")] == [
        ("addition", 500, "Best team"), ("deduction", 250, "Broken scissors")]
    entry = AuditEntry.select().where(AuditEntry.entity == "adjustment").order_by(AuditEntry.id).first()
    assert entry.summary == "addition $5.00 for E001 in January 2026: Best team"
    for args, field in ((("2026-01", "bonus", "x", "1"), "kind"), (("2026-01", "addition", "", "1"), "reason"),
                        (("2026-01", "addition", "x", "1", "2026-01"), "corrects_month")):
        with pytest.raises(ValidationError) as err:
            payroll_extras.add_adjustment(manager, wid, *args)
        assert err.value.field == field
    with pytest.raises(PermissionDenied):
        payroll_extras.add_adjustment(make_user("dara", "social_team"), wid, "2026-01", "addition", "x", "1")
    payroll_extras.delete_adjustment(manager, add)
    timesheets.quick_fill(manager, "2026-01")
    payroll_run.compute_draft(manager, "2026-01", 4100)
    payroll_run.finalise(manager, "2026-01")
    remaining = payroll_extras.list_extras(manager, "2026-01")
    assert [e.kind for e in remaining] == ["deduction"]
    with pytest.raises(ConflictError):
        payroll_extras.delete_adjustment(manager, remaining[0].id)


# ------------------------------------------------------------------ any input (properties)
from hypothesis import given, strategies as st  # noqa: E402

from pse_desktop.services.payroll import workers  # noqa: E402
from pse_desktop.services.payroll import extras  # noqa: E402
from tests.fixtures.inputs import HOSTILE, refused_cleanly  # noqa: E402


@pytest.fixture
def worker(manager):
    return workers.save_worker(manager, None, dict(code="E900", kind="employee", job="seamstress",
                                                   name_latin="Sok Sophea", hire_date=dt.date(2020, 1, 1)))


@given(amount=HOSTILE, months=HOSTILE, given_on=HOSTILE, reason=HOSTILE, confirm=st.booleans())
def test_any_advance(manager, worker, amount, months, given_on, reason, confirm):
    refused_cleanly(lambda: extras.give_advance(manager, worker.id, given_on, amount, months, reason,
                                                confirm=confirm),
                    "amount", "months", "given_on", "reason", "first_month")


def test_an_unusual_addition_is_asked_about(manager, worker):
    from pse_desktop.services.common.numbers import NeedsConfirmation

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


@pytest.fixture
def hired(manager, worker):
    workers.add_contract(manager, worker.id, D(2020, 1, 1), "monthly", "210")
    return worker


@given(month=HOSTILE, percent=HOSTILE, given_on=HOSTILE)
def test_any_mid_month_payment(manager, hired, month, percent, given_on):
    refused_cleanly(lambda: extras.pay_mid_month(manager, month, percent, given_on),
                    "month", "percent", "given_on")


def test_amounts_are_read_in_the_users_language(manager, worker):
    from pse_desktop import i18n

    i18n.set_language("fr")
    try:
        with pytest.raises(ValidationError) as err:
            extras.give_advance(manager, worker.id, D(2026, 1, 10), "1,500")  # 1,50 or 1 500,00?
        assert err.value.field == "amount" and "1 500,00" in err.value.message
        extras.give_advance(manager, worker.id, D(2026, 1, 10), "12,50", reason="Riz")
        jan, = extras.list_extras(manager, "2026-01")
        assert jan.amount_cents == 1250
    finally:
        i18n.set_language("en")

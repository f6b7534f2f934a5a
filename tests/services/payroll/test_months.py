"""Months (parsing, working days, finalised months), rates as dated data, public holidays."""

import datetime as dt

import pytest

from pse_desktop.db.core import AuditEntry
from pse_desktop.services.common.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from pse_desktop.services.payroll import months as payroll, run as payroll_run, timesheets
from tests.fixtures.payroll import hire, manager  # noqa: F401

D = dt.date


def test_rates_are_dated_data_in_the_database(manager):
    assert payroll.rates_in_force(D(2025, 12, 1)).minimum_wage_cents == 20800
    assert payroll.rates_in_force(D(2026, 1, 1)).minimum_wage_cents == 21000
    payroll.save_rates(manager, D(2027, 1, 1), {"minimum_wage_cents": "215"}, "2027 wage")
    r2027 = payroll.rates_in_force(D(2027, 3, 1))
    assert r2027.minimum_wage_cents == 21500 and r2027.attendance_bonus_cents == 1000
    with pytest.raises(ValidationError) as err:
        payroll.save_rates(manager, D(2027, 1, 1), {"tax_brackets": "2,000,000: 0; 1,500,000: 5; *: 10"})
    assert err.value.field == "tax_brackets"
    hire(manager, "E001", D(2025, 1, 1), "monthly", "210")
    timesheets.quick_fill(manager, "2026-01")
    payroll_run.compute_draft(manager, "2026-01", 4100)
    payroll_run.finalise(manager, "2026-01")
    with pytest.raises(ConflictError):
        payroll.save_rates(manager, D(2026, 1, 1), {"transport_cents": 800})


def test_month_arithmetic():
    assert payroll.parse_month(" 2026-3 ") == D(2026, 3, 1)
    assert payroll.parse_month(D(2026, 3, 17)) == D(2026, 3, 1)
    for bad in ("", "2026-13", "March"):
        with pytest.raises(ValidationError) as err:
            payroll.parse_month(bad, "period")
        assert err.value.field == "period"
    assert payroll.month_end(D(2028, 2, 1)) == D(2028, 2, 29)
    assert payroll.add_months(D(2026, 11, 1), 3) == D(2027, 2, 1)
    assert payroll.add_months(D(2026, 1, 1), -1) == D(2025, 12, 1)
    assert len(payroll.working_days(D(2026, 3, 1))) == 26  # Monday to Saturday
    assert payroll.month_label(D(2026, 3, 1)) == "March 2026"


def test_brackets_round_trip_and_bad_rates_are_named(manager):
    brackets = payroll.parse_brackets("1 500 000:0; 2000000: 5 %\n*:20")
    assert brackets == ((1500000, 0), (2000000, 500), (None, 2000))
    assert payroll.brackets_text(brackets) == "1,500,000: 0; 2,000,000: 5; *: 20"
    with pytest.raises(ValidationError) as err:
        payroll.save_rates(manager, D(2027, 1, 1), {"minimum_wage": 1})
    assert err.value.field == "minimum_wage"
    with pytest.raises(ValidationError) as err:
        payroll.save_rates(manager, D(2027, 1, 1), {"transport_cents": "-1"})
    assert err.value.field == "transport_cents"


def test_editing_rates_is_audited_and_listed(manager, make_user):
    payroll.save_rates(manager, D(2027, 1, 1), {"minimum_wage_cents": 21500}, "2027 wage")
    payroll.save_rates(manager, D(2027, 1, 1), {"transport_cents": 800}, "2027 wage")
    entry = AuditEntry.select().where(AuditEntry.entity == "rates").order_by(AuditEntry.id.desc()).get()
    assert entry.summary == "rates from 2027-01-01: transport_cents: 700 -> 800"
    rows = payroll.list_rates(manager)
    assert rows[0].effective_from == D(2027, 1, 1) and rows[0].rates.transport_cents == 800
    assert not any(r.used_by_final_run for r in rows)
    assert [r.effective_from for r in payroll.all_rates()] == sorted(r.effective_from for r in rows)
    with pytest.raises(PermissionDenied):
        payroll.save_rates(make_user("dara", "social_team"), D(2027, 6, 1), {"transport_cents": 900})


def test_public_holidays_are_data_locked_by_a_final_month(manager):
    payroll.save_holiday(manager, "2026-01-07", "Victory Day")
    payroll.save_holiday(manager, "2026-01-07", "Victory over Genocide Day")
    payroll.save_holiday(manager, "2026-02-13", "Meak Bochea")
    assert payroll.list_holidays(manager, 2026) == [(D(2026, 1, 7), "Victory over Genocide Day"),
                                                    (D(2026, 2, 13), "Meak Bochea")]
    assert payroll.holidays_between(D(2026, 2, 1), D(2026, 2, 28)) == {D(2026, 2, 13): "Meak Bochea"}
    with pytest.raises(ValidationError) as err:
        payroll.save_holiday(manager, "2026-03-01", "")
    assert err.value.field == "name"
    hire(manager, "E001", D(2025, 1, 1), "monthly", "210")
    timesheets.quick_fill(manager, "2026-01")
    payroll_run.compute_draft(manager, "2026-01", 4100)
    payroll_run.finalise(manager, "2026-01")
    assert payroll.is_final(D(2026, 1, 1)) and not payroll.is_final(D(2026, 2, 1))
    with pytest.raises(ConflictError):
        payroll.delete_holiday(manager, "2026-01-07")
    payroll.delete_holiday(manager, "2026-02-13")
    with pytest.raises(NotFound):
        payroll.delete_holiday(manager, "2026-02-13")
    assert payroll.list_rates(manager)[0].used_by_final_run

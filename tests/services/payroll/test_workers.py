"""Workers and their dated contracts: codes, checks by field, raises that keep the history."""

import datetime as dt

import pytest

from pse_desktop.db import database
from pse_desktop.db.core import AuditEntry
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError
from pse_desktop.services.core import places
from pse_desktop.services.payroll import docs as payroll_docs, run as payroll_run, timesheets, workers
from tests.fixtures.payroll import hire, manager  # noqa: F401
import itertools
from hypothesis import given, strategies as st
from tests.fixtures.inputs import HOSTILE, refused_cleanly

D = dt.date


def test_only_the_workshop_manager_and_admins_see_pay(manager, make_user, admin):
    staff = make_user("dara", "social_team")
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    shop = make_user("sophea", "centre_staff", centres=["STM"])
    for who in (staff, shop):
        with pytest.raises(PermissionDenied):
            workers.list_workers(who)
        with pytest.raises(PermissionDenied):
            payroll_docs.register(who, "2026-01")
    assert workers.list_workers(admin) == []


def test_codes_are_given_per_kind_and_search_finds_latin_or_khmer(manager):
    a = workers.save_worker(manager, None, dict(job="seamstress", name_latin="Chea Sokha",
                                                name_khmer="ជា សុខា", hire_date="2024-03-01"))
    b = workers.save_worker(manager, None, dict(kind="student", name_latin="Ly Dara",
                                                hire_date=D(2025, 1, 1), pay_method="bank",
                                                bank_account="ABA 1"))
    assert (a.code, b.code, b.job, a.nssf_member, b.nssf_member) == ("E001", "S001", "student", True, False)
    with database.atomic():  # a counter's number is taken inside the transaction that uses it
        assert workers.next_code("employee") == "E002"
    assert [w.code for w in workers.list_workers(manager, search="សុខា")] == ["E001"]
    assert [w.code for w in workers.list_workers(manager, kind="student")] == ["S001"]
    assert workers.find_by_code(manager, " e001 ").id == a.id
    with pytest.raises(ValidationError) as err:
        workers.find_by_code(manager, "E999", field="worker code")
    assert err.value.field == "worker code"


@pytest.mark.parametrize("values, field", [
    (dict(name_latin=""), "name_latin"),
    (dict(kind="volunteer"), "kind"),
    (dict(leave_date="2020-01-01"), "leave_date"),
    (dict(pay_method="bank"), "bank_account"),
    (dict(child_code="STM-0001"), "child_code"),
    (dict(dependants="21"), "dependants"),
    (dict(code="E 1"), "code"),
])
def test_bad_worker_fields_are_named(manager, values, field):
    base = dict(job="cutter", name_latin="Chea Sokha", hire_date="2024-03-01")
    with pytest.raises(ValidationError) as err:
        workers.save_worker(manager, None, {**base, **values})
    assert err.value.field == field
    assert workers.list_workers(manager) == []


def test_contracts_raises_and_removal(manager):
    wid = hire(manager, "E001", D(2025, 1, 1), "monthly", "210")
    raise_ = workers.add_contract(manager, wid, D(2026, 2, 1), "monthly", "230", note="raise")
    assert workers.get_worker(manager, wid).contract.rate_cents == 23000
    listed = workers.list_workers(manager, on=D(2026, 1, 15))
    assert listed[0].contract.rate_cents == 21000
    for args, field in (((D(2026, 2, 1), "monthly", "240"), "effective_from"),
                        ((D(2026, 3, 1), "weekly", "50"), "basis"),
                        ((D(2026, 3, 1), "daily", ""), "rate")):
        with pytest.raises(ValidationError) as err:
            workers.add_contract(manager, wid, *args)
        assert err.value.field == field
    workers.delete_contract(manager, raise_.id)
    assert [c.rate_cents for c in workers.list_contracts(manager, wid)] == [21000]
    assert "contract removed" in AuditEntry.select().order_by(AuditEntry.id.desc()).get().summary


def test_a_contract_used_by_a_final_payroll_stays(manager):
    wid = hire(manager, "E001", D(2025, 1, 1), "monthly", "210")
    timesheets.quick_fill(manager, "2026-01")
    payroll_run.compute_draft(manager, "2026-01", 4100)
    payroll_run.finalise(manager, "2026-01")
    first = workers.list_contracts(manager, wid)[0]
    with pytest.raises(ConflictError):
        workers.delete_contract(manager, first.id)
    with pytest.raises(ConflictError):
        workers.add_contract(manager, wid, D(2026, 1, 20), "monthly", "230")
    assert len(workers.list_contracts(manager, wid)) == 1


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


@pytest.mark.parametrize("code, text", [("en", "$180.00/month from Jan 1, 2026"),
                                        ("fr", "180,00\xa0$US/mois depuis le 1 janv. 2026"),
                                        ("km", "180.00$/ខែ ចាប់ពី 1 មករា 2026")])
def test_a_contract_reads_in_the_users_language(lang, code, text):
    lang(code)
    info = workers.ContractInfo(1, 1, dt.date(2026, 1, 1), "monthly", 18000, True, True, True, True,
                                "")
    assert info.describe() == text

"""Tests for pse_desktop.services.social.support: request, approval within limit and budget,
instalments with gap-free receipt numbers, refusals, cancellation, roles."""

import datetime as dt
import threading

import pytest

from pse_desktop.db.social import SupportPayment, SupportRequest
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError
from pse_desktop.services.core import settings
from pse_desktop.services.social import support
from tests.fixtures.social import TODAY, social  # noqa: F401


def test_the_issue_path_request_approve_pay_two_instalments(social, admin):
    fam, worker, lead = social["families"][0], social["worker"], social["lead"]
    support.set_budget(lead, TODAY.year, "school", "600")
    req = support.request_support(
        worker, fam.id, "school", "USD", "40.00", payments=2,
        why="Dara would leave school to work while his mother is ill",
        follow_up_on=TODAY + dt.timedelta(days=60), today=TODAY)
    assert (req.status, req.usd_cents_total, req.total_text) == ("requested", 8000, "2 x $40.00")
    status = support.budget_status(lead, TODAY.year, "school")
    assert (status.budget_usd_cents, status.spent_usd_cents, status.left_usd_cents) == (
        60000, 0, 60000)
    req = support.decide(lead, req.id, True, today=TODAY)
    assert (req.status, req.decided_by) == ("approved", "Chenda")
    assert support.budget_status(lead, TODAY.year, "school").left_usd_cents == 52000
    p1 = support.pay(worker, req.id, "Sok Sophea", today=TODAY)
    p2 = support.pay(worker, req.id, "Sok Sophea", today=TODAY)
    assert (p1.number, p1.receipt_no, p2.number, p2.receipt_no) == (
        1, f"RC-{TODAY.year}-0001", 2, f"RC-{TODAY.year}-0002")
    assert support.get_request(worker, req.id).state == "paid"
    with pytest.raises(ConflictError, match="Every instalment"):
        support.pay(worker, req.id, "Sok Sophea", today=TODAY)


def test_riel_amounts_and_bad_input(social):
    fam, worker = social["families"][0], social["worker"]
    req = support.request_support(worker, fam.id, "flood", "KHR", "410,000", why="house flooded",
                                  today=TODAY)
    rate = settings.get("khr_per_usd")
    assert req.amount == 410_000 and req.usd_cents_total == (410_000 * 100 + rate // 2) // rate
    before = SupportRequest.select().count()
    for kwargs, field in (({"amount": "12.5", "currency": "KHR"}, "amount"),
                          ({"amount": "0"}, "amount"), ({"amount": "-5"}, "amount"),
                          ({"amount": "9" * 20}, "amount"), ({"kind": "party"}, "kind"),
                          ({"payments": 0}, "payments"), ({"payments": 99}, "payments"),
                          ({"why": " "}, "why"), ({"currency": "EUR"}, "currency")):
        args = {"kind": "flood", "currency": "USD", "amount": "10", "why": "x", **kwargs}
        with pytest.raises(ValidationError) as exc:
            support.request_support(worker, fam.id, args.pop("kind"), args.pop("currency"),
                                    args.pop("amount"), today=TODAY, **args)
        assert exc.value.field == field, kwargs
    assert SupportRequest.select().count() == before


def test_limits_budget_and_refusal(social, admin):
    fam, worker, lead = social["families"][0], social["worker"], social["lead"]
    support.set_budget(lead, TODAY.year, "house", "1000")
    big = support.request_support(worker, fam.id, "house", "USD", "800", why="roof collapsing",
                                  today=TODAY)
    with pytest.raises(ConflictError, match="an admin must approve"):
        support.decide(lead, big.id, True, today=TODAY)
    assert support.get_request(lead, big.id).status == "requested"
    assert support.decide(admin, big.id, True, today=TODAY).status == "approved"
    other = support.request_support(worker, fam.id, "house", "USD", "300", why="walls",
                                    today=TODAY)
    with pytest.raises(ConflictError, match=r"has \$200.00 left"):
        support.decide(lead, other.id, True, today=TODAY)
    with pytest.raises(ValidationError, match="note"):
        support.decide(lead, other.id, False, today=TODAY)
    refused = support.decide(lead, other.id, False, "ask the landlord first", today=TODAY)
    assert refused.status == "refused"
    with pytest.raises(ConflictError, match="already refused"):
        support.decide(lead, other.id, True, today=TODAY)
    with pytest.raises(ConflictError, match="Only approved"):
        support.pay(worker, other.id, "Sok Sophea", today=TODAY)


def test_roles(social):
    fam = social["families"][0]
    req = support.request_support(social["worker"], fam.id, "illness", "USD", "20", why="x",
                                  today=TODAY)
    with pytest.raises(PermissionDenied):
        support.decide(social["worker"], req.id, True, today=TODAY)
    for who in ("stm_staff", "workshop", "shop"):
        with pytest.raises(PermissionDenied):
            support.request_support(social[who], fam.id, "illness", "USD", "20", why="x")
        with pytest.raises(PermissionDenied):
            support.list_requests(social[who])
        with pytest.raises(PermissionDenied):
            support.set_budget(social[who], TODAY.year, "illness", "100")


def test_a_cancelled_request_keeps_its_payments(social):
    fam, worker, lead = social["families"][0], social["worker"], social["lead"]
    support.set_budget(lead, TODAY.year, "violence", "500")
    req = support.request_support(worker, fam.id, "violence", "USD", "50", payments=3,
                                  why="mother and children left a violent husband", today=TODAY)
    support.decide(lead, req.id, True, today=TODAY)
    support.pay(worker, req.id, "Sok Sophea", today=TODAY)
    with pytest.raises(ValidationError, match="reason"):
        support.cancel(lead, req.id, "")
    assert support.cancel(lead, req.id, "family moved to the province").status == "cancelled"
    assert SupportPayment.select().count() == 1
    with pytest.raises(ConflictError):
        support.pay(worker, req.id, "Sok Sophea", today=TODAY)


def test_two_payments_at_once_never_share_a_receipt_number(social, target):
    fam, worker, lead = social["families"][0], social["worker"], social["lead"]
    support.set_budget(lead, TODAY.year, "fire", "5000")
    ids = []
    for _ in range(4):
        req = support.request_support(worker, fam.id, "fire", "USD", "10", payments=3, why="x",
                                      today=TODAY)
        support.decide(lead, req.id, True, today=TODAY)
        ids.append(req.id)
    errors = []

    def run(request_id):
        try:
            for _ in range(3):
                support.pay(worker, request_id, "Sok Sophea", today=TODAY)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    numbers = sorted(p.receipt_no for p in SupportPayment.select())
    assert numbers == [f"RC-{TODAY.year}-{n:04d}" for n in range(1, 13)]


def test_two_approvals_at_once_never_overspend_the_budget(social, target):
    """Two leaders approve two requests of one kind while the budget holds only one: the second
    waits for the first and is refused, on both engines."""
    from tests.services.rice.test_distribution import _while_open

    fam, worker, lead = social["families"][0], social["worker"], social["lead"]
    support.set_budget(lead, TODAY.year, "fire", "100")
    one, two = (support.request_support(worker, fam.id, "fire", "USD", "60", why="house burnt",
                                        today=TODAY) for _ in range(2))
    got = _while_open(lambda: support.decide(lead, one.id, True, today=TODAY),
                      lambda: support.decide(lead, two.id, True, today=TODAY))
    assert isinstance(got, ConflictError), got
    assert support.budget_status(lead, TODAY.year, "fire").spent_usd_cents == 6000


def test_the_last_instalment_paid_twice_at_once_across_new_year(social, target):
    """Two people hand over the last instalment at once, one dated 31 December and one in January
    (two receipt series): the second waits and is told it is paid, no database error."""
    from tests.services.rice.test_distribution import _while_open

    fam, worker, lead = social["families"][0], social["worker"], social["lead"]
    december = dt.date(TODAY.year - 1, 12, 20)
    support.set_budget(lead, december.year, "fire", "500")
    req = support.request_support(worker, fam.id, "fire", "USD", "50", why="x", today=december)
    support.decide(lead, req.id, True, today=december)
    got = _while_open(
        lambda: support.pay(worker, req.id, "Sok Sophea", paid_on=dt.date(december.year, 12, 31),
                            today=TODAY),
        lambda: support.pay(lead, req.id, "Sok Sophea", paid_on=dt.date(TODAY.year, 1, 2),
                            today=TODAY))
    assert isinstance(got, ConflictError), got
    assert SupportPayment.select().count() == 1


@pytest.fixture
def french():
    """The messages in French for one test; English again afterwards."""
    from pse_desktop import i18n

    i18n.set_language("fr")
    yield
    i18n.set_language("en")


def test_the_services_messages_follow_the_language(social, french):
    fam, worker, lead = social["families"][0], social["worker"], social["lead"]
    req = support.request_support(worker, fam.id, "flood", "USD", "10", why="x", today=TODAY)
    support.decide(lead, req.id, False, "non", today=TODAY)
    with pytest.raises(ConflictError) as refused:
        support.decide(lead, req.id, True, today=TODAY)
    assert str(refused.value) == "Cette demande est déjà refusée."
    with pytest.raises(ConflictError) as unpaid:
        support.pay(worker, req.id, "Sok Sophea", today=TODAY)
    assert str(unpaid.value) == "Seule une aide approuvée est payée ; cette demande est refusée."
    support.set_budget(lead, TODAY.year, "fire", "100")
    big = support.request_support(worker, fam.id, "fire", "USD", "150", why="x", today=TODAY)
    with pytest.raises(ConflictError) as budget:
        support.decide(lead, big.id, True, today=TODAY)
    assert "Le budget" in str(budget.value) and "« Incendie »" in str(budget.value)


# ------------------------------------------------------------------ any input (properties)
from hypothesis import given, strategies as st  # noqa: E402

from tests.fixtures.inputs import HOSTILE, refused_cleanly  # noqa: E402


@given(kind=st.one_of(st.sampled_from(["school", "medical"]), HOSTILE),
       currency=st.one_of(st.sampled_from(["USD", "KHR"]), HOSTILE), amount=HOSTILE,
       payments=st.one_of(st.just(1), HOSTILE), why=HOSTILE, follow_up_on=st.one_of(st.none(), HOSTILE))
def test_any_support_request(social, kind, currency, amount, payments, why, follow_up_on):
    refused_cleanly(lambda: support.request_support(social["worker"], social["families"][0].id, kind, currency,
                                                    amount, why=why, payments=payments,
                                                    follow_up_on=follow_up_on, today=TODAY),
                    "kind", "currency", "amount", "payments", "why", "follow-up date")


@given(year=HOSTILE, kind=st.one_of(st.just("school"), HOSTILE), amount=HOSTILE)
def test_any_budget(social, year, kind, amount):
    refused_cleanly(lambda: support.set_budget(social["lead"], year, kind, amount), "year", "kind", "budget")


@given(note=HOSTILE, approve=st.booleans(), received_by=HOSTILE, paid_on=st.one_of(st.none(), HOSTILE))
def test_any_decision_or_payment(social, note, approve, received_by, paid_on):
    fam, worker, lead = social["families"][0], social["worker"], social["lead"]
    if not support.list_requests(lead, status="requested"):
        support.set_budget(lead, TODAY.year, "school", "10,000")
        support.request_support(worker, fam.id, "school", "USD", "40", why="school fees", today=TODAY)
    req = support.list_requests(lead, status="requested")[0]
    refused_cleanly(lambda: support.decide(lead, req.id, approve, note, today=TODAY), "note")
    for done in support.list_requests(lead, status="approved"):
        refused_cleanly(lambda: support.pay(worker, done.id, received_by, paid_on=paid_on, today=TODAY),
                        "received by", "date paid")


@pytest.mark.parametrize("code, text", [("en", "KHR\xa0410,000"), ("fr", "410\xa0000\xa0KHR"),
                                        ("km", "410,000៛")])
def test_amounts_read_in_the_users_language(social, lang, code, text):
    fam, worker = social["families"][0], social["worker"]
    req = support.request_support(worker, fam.id, "flood", "KHR", "410000", why="house flooded",
                                  today=TODAY)
    lang(code)
    assert support.list_requests(worker)[0].total_text == text
    assert req.amount == 410_000

"""Tests for pse_desktop.services.rice.stock: the ledger is append-only, transfers and counts."""

import pytest
from peewee import IntegrityError

from pse_desktop.db.rice import Move
from pse_desktop.services.rice import stock
from tests.fixtures.rice import TODAY
from tests.fixtures.social import social  # noqa: F401


def test_the_ledger_is_never_edited_and_stock_is_its_sum(social):
    worker = social["worker"]
    stock.receive(worker, "40", "Golden Rice", 2600, today=TODAY)
    stock.receive(worker, "60", "Golden Rice", 2900, today=TODAY)
    stock.transfer(worker, social["centres"]["CBA"].id, "30", today=TODAY)
    assert stock.balance(None) == 70_000 and stock.balance(social["centres"]["CBA"].id) == 30_000
    assert stock.average_price(TODAY) == (40 * 2600 + 60 * 2900) // 100
    with pytest.raises(IntegrityError):
        Move.update(kg_g=1).execute()
    with pytest.raises(IntegrityError):
        Move.delete().execute()
    rows = stock.moves(worker)
    assert [r.kind for r in rows][:2] == ["transfer", "transfer"]


def test_a_delivery_of_tonnes_is_received_moved_and_counted(social):
    """A month's rice for thousands of families is tonnes: the store takes it in one receipt."""
    worker, cba = social["worker"], social["centres"]["CBA"].id
    assert stock.receive(worker, "60 000", "Golden Rice", 2700, today=TODAY) == 60_000_000
    stock.transfer(worker, cba, "2500", today=TODAY)
    assert stock.count(worker, cba, "2 499.5", today=TODAY).counted_g == 2_499_500
    assert stock.balance(cba) == 2_499_500


def test_centre_staff_see_only_their_own_centres_stock(social):
    from pse_desktop.services.common.errors import PermissionDenied

    worker, staff = social["worker"], social["stm_staff"]
    stm, cba = social["centres"]["STM"].id, social["centres"]["CBA"].id
    stock.receive(worker, "100", "Golden Rice", 2700, today=TODAY)
    stock.transfer(worker, stm, "30", today=TODAY)
    stock.transfer(worker, cba, "40", today=TODAY)
    assert [p.code for p in stock.balances(staff)] == ["STM"]
    assert {m.place for m in stock.moves(staff)} == {"STM"}
    with pytest.raises(PermissionDenied):
        stock.moves(staff, cba)
    assert [p.code for p in stock.balances(worker)] == ["store", "CBA", "STM"]
    assert len(stock.moves(worker)) == 5
def test_post_is_an_internal_writer_refused_outside_a_service_transaction(social):
    from pse_desktop.db import database
    from pse_desktop.services.common.errors import PermissionDenied

    worker = social["worker"]
    with pytest.raises(PermissionDenied, match="internal"):
        stock.post(worker, None, TODAY, "received", 5_000)
    assert stock.balance(None) == 0
    with database.atomic():  # the service's own transaction, after its own check
        stock.post(worker, None, TODAY, "received", 5_000)
    assert stock.balance(None) == 5_000


def test_two_transfers_from_the_store_at_once_never_take_it_below_zero(social, monkeypatch):
    """50 kg in the store, two people move 30 kg each to a centre at the same moment: both
    check the store's stock before either moves anything (they meet at ``balance``). One
    transfer goes through; the other is refused with a clear message, nothing moved."""
    from pse_desktop.services.common.errors import ConflictError
    from tests.fixtures.rice import race

    worker = social["worker"]
    stm, cba = social["centres"]["STM"].id, social["centres"]["CBA"].id
    stock.receive(worker, "50", "Golden Rice", 2700, today=TODAY)
    got = race(monkeypatch, stock, "balance",
               lambda: stock.transfer(worker, stm, "30", today=TODAY),
               lambda: stock.transfer(worker, cba, "30", today=TODAY))
    refused = [r for r in got if isinstance(r, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ConflictError), got
    assert "only 20 kg at the store; 30 kg asked" in str(refused[0])
    assert stock.balance(None) == 20_000
    assert stock.balance(stm) + stock.balance(cba) == 30_000
    assert Move.select().count() == 3  # the receipt and one transfer's two moves


# ------------------------------------------------------------------ any input (properties)
from hypothesis import given, strategies as st  # noqa: E402

from tests.fixtures.inputs import HOSTILE, refused_cleanly  # noqa: E402


@given(kilograms=HOSTILE, supplier=HOSTILE, price=HOSTILE, day=st.one_of(st.none(), HOSTILE))
def test_any_delivery(social, kilograms, supplier, price, day):
    refused_cleanly(lambda: stock.receive(social["worker"], kilograms, supplier, price, day, today=TODAY),
                    "kilograms", "supplier", "price per kilogram", "date")


@given(kilograms=HOSTILE, counted=HOSTILE, day=st.one_of(st.none(), HOSTILE))
def test_any_transfer_or_count(social, kilograms, counted, day):
    worker, cba = social["worker"], social["centres"]["CBA"].id
    if not stock.balance(None):
        stock.receive(worker, "500", "Golden Rice", 2700, today=TODAY)
    refused_cleanly(lambda: stock.transfer(worker, cba, kilograms, day, today=TODAY), "kilograms", "date")
    refused_cleanly(lambda: stock.count(worker, cba, counted, day, today=TODAY), "counted", "kilograms", "date")

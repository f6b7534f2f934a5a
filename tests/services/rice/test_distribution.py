"""Tests for pse_desktop.services.rice.distribution and stock: the issue's path — two
collections and a no-show, the no-show on the follow-up list, the centre's stock down by exactly
what was handed out."""

import pytest

from pse_desktop.db.rice import Move
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError
from pse_desktop.services.rice import designation, distribution, lists, stock
from tests.fixtures.rice import MONTH, TODAY, rice  # noqa: F401
from tests.fixtures.social import social  # noqa: F401


def test_the_issue_path(rice):
    worker, staff = rice["worker"], rice["stm_staff"]
    stm = rice["centres"]["STM"].id
    stock.receive(worker, "500", "Battambang Rice Mill", 2800, today=TODAY)
    stock.transfer(worker, stm, "100", today=TODAY)
    info = lists.build(worker, MONTH)
    flagged = next(ln for ln in info.lines if ln.flagged)
    lists.decide(worker, flagged.id, "reduce", "low attendance", "7.5")
    lists.finalise(worker, MONTH)
    sheet = distribution.sheet(staff, MONTH, stm)
    assert [ln.family_code for ln in sheet.lines] == ["F00001", "F00002"]
    assert sheet.total_g == 22_500
    before = stock.balance(stm)
    lines = {ln.family_code: ln for ln in lists.get_month(staff, MONTH).lines}
    distribution.record(staff, lines["F00001"].id, "collected")
    distribution.record(staff, lines["F00002"].id, "proxy", "grandmother Chan Sok")
    assert stock.balance(stm) == before - 22_500
    cba_line = next(ln for ln in lists.get_month(worker, MONTH).lines if ln.family_code == "F00003")
    with pytest.raises(PermissionDenied):
        distribution.record(staff, cba_line.id, "collected")
    distribution.record(rice["cba_staff"], cba_line.id, "no_show")
    assert [ln.family_code for ln in distribution.no_shows(worker, MONTH)] == ["F00003"]
    # changing a record gives the rice back first: the stock equals what was handed out
    distribution.record(staff, lines["F00001"].id, "no_show")
    assert stock.balance(stm) == before - 7_500
    assert sorted(ln.family_code for ln in distribution.no_shows(worker, MONTH)) == [
        "F00001", "F00003"]


def test_a_draft_list_is_not_handed_out_and_a_proxy_needs_a_name(rice):
    worker = rice["worker"]
    info = lists.build(worker, MONTH)
    stm_line = next(ln for ln in info.lines if ln.centre_code == "STM")
    with pytest.raises(ConflictError, match="not final"):
        distribution.record(rice["stm_staff"], stm_line.id, "collected")
    with pytest.raises(ConflictError):
        distribution.sheet(rice["stm_staff"], MONTH, rice["centres"]["STM"].id)
    lists.decide(worker, next(ln.id for ln in info.lines if ln.flagged), "give", "ok")
    lists.finalise(worker, MONTH)
    with pytest.raises(ValidationError, match="proxy"):
        distribution.record(rice["stm_staff"], stm_line.id, "proxy")


def test_stock_never_goes_below_zero_and_a_count_posts_the_difference(rice):
    worker = rice["worker"]
    stm = rice["centres"]["STM"].id
    with pytest.raises(ValidationError, match="only 0"):
        stock.transfer(worker, stm, "10", today=TODAY)
    stock.receive(worker, "50", "Golden Rice", "2700", today=TODAY)
    stock.transfer(worker, stm, "20", today=TODAY)
    result = stock.count(worker, stm, "18.5", today=TODAY)
    assert (result.expected_g, result.variance_g) == (20_000, -1_500)
    assert stock.balance(stm) == 18_500
    assert stock.balances(worker)[0].grams == 30_000
    assert stock.average_price(TODAY) == 2700
    for bad, field in ((("-5", "x", 2700), "kilograms"), (("5", "", 2700), "supplier"),
                       (("5", "x", "lots"), "price per kilogram"), (("1" * 20, "x", 2700),
                                                                     "kilograms")):
        with pytest.raises(ValidationError) as exc:
            stock.receive(worker, *bad, today=TODAY)
        assert exc.value.field == field
    with pytest.raises(PermissionDenied):
        stock.receive(rice["stm_staff"], "5", "x", 2700, today=TODAY)
    assert Move.select().count() == 4


def test_designation_history_and_ending(rice):
    worker, fam = rice["worker"], rice["families"][0]
    with pytest.raises(ValidationError, match="already receives"):
        designation.designate(worker, fam.id, "2026-11", "again", today=TODAY)
    designation.end(worker, fam.id, "2026-11", "the mother found work")
    designation.designate(worker, fam.id, "2027-02", "work lost again", today=TODAY)
    rows = designation.history(worker, fam.id)
    assert [(r.from_month.isoformat(), r.until_month) for r in rows][0] == ("2027-02-01", None)
    assert rows[1].end_reason == "the mother found work"
    assert {d.family_code for d in designation.designated(worker, "2026-12")} == {
        "F00002", "F00003"}
    with pytest.raises(ValidationError, match="at the earliest"):
        designation.designate(worker, rice["families"][1].id, "2025-01", "x", today=TODAY)
    with pytest.raises(PermissionDenied):
        designation.designate(rice["stm_staff"], fam.id, "2027-05", "x", today=TODAY)


def _while_open(first, second):
    """Run ``first`` in a transaction kept open a moment after it is done, and ``second`` in
    another thread meanwhile; return what ``second`` returned or raised."""
    import threading
    import time

    from pse_desktop.db import database

    done, out = threading.Event(), {}

    def one():
        try:
            with database.atomic():
                first()
                done.set()
                time.sleep(0.5)
        finally:
            done.set()
            database.close()

    def two():
        done.wait(30)
        try:
            out["value"] = second()
        except Exception as exc:  # noqa: BLE001 - returned to the test
            out["value"] = exc
        finally:
            database.close()

    threads = [threading.Thread(target=one), threading.Thread(target=two)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return out["value"]


def test_two_recorders_of_the_same_line_at_once(rice, target):
    """The second waits for the first and changes its record: no database error, and the stock
    is down by what was handed out once."""
    worker, staff = rice["worker"], rice["stm_staff"]
    stm = rice["centres"]["STM"].id
    stock.receive(worker, "500", "Battambang Rice Mill", 2800, today=TODAY)
    stock.transfer(worker, stm, "100", today=TODAY)
    info = lists.build(worker, MONTH)
    lists.decide(worker, next(ln.id for ln in info.lines if ln.flagged), "give", "ok")
    lists.finalise(worker, MONTH)
    line = next(ln for ln in info.lines if ln.family_code == "F00001")
    got = _while_open(lambda: distribution.record(staff, line.id, "collected"),
                      lambda: distribution.record(worker, line.id, "proxy", "aunt Chan Sok"))
    assert not isinstance(got, Exception), got
    assert (got.collection, got.proxy_name) == ("proxy", "aunt Chan Sok")
    assert stock.balance(stm) == 100_000 - line.kg_g


def test_two_hand_outs_at_once_never_take_a_centre_below_zero(rice, monkeypatch):
    """STM's stock covers one of its two families: two recorders hand out both at the same
    moment, each checking the stock before either writes (they meet at ``balance``). One is
    recorded; the other hears that the books do not have the rice, and nothing of it stays."""
    from tests.fixtures.rice import race

    worker, staff = rice["worker"], rice["stm_staff"]
    stm = rice["centres"]["STM"].id
    info = lists.build(worker, MONTH)
    lists.decide(worker, next(ln.id for ln in info.lines if ln.flagged), "give", "ok")
    lists.finalise(worker, MONTH)
    mine = [ln for ln in lists.get_month(staff, MONTH).lines if ln.kg_g]
    assert len(mine) == 2
    most = max(ln.kg_g for ln in mine)
    stock.receive(worker, "100", "Battambang Rice Mill", 2800, today=TODAY)
    stock.transfer(worker, stm, f"{most // 1000}.{most % 1000:03d}", today=TODAY)
    got = race(monkeypatch, stock, "balance",
               lambda: distribution.record(staff, mine[0].id, "collected"),
               lambda: distribution.record(worker, mine[1].id, "proxy", "aunt Chan Sok"))
    refused = [r for r in got if isinstance(r, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ConflictError), got
    assert "of rice at STM by the books" in str(refused[0])
    done = next(r for r in got if not isinstance(r, Exception))
    assert stock.balance(stm) == most - done.kg_g >= 0
    recorded = [ln.collection for ln in lists.get_month(staff, MONTH).lines if ln.kg_g]
    assert sorted(recorded) == sorted(["", done.collection])

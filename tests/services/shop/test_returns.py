"""Returns and voids: new records pointing at the sale, with a reason; never an edit."""

import datetime as dt

import pytest

from tests.fixtures.shop import RATES, shop_setup  # noqa: F401
from pse_desktop.db.core import AuditEntry
from pse_desktop.services.shop import closing as shop_close, returns as sales_returns, sales, stock
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError

DAY = dt.date(2026, 3, 14)


def test_void_gives_back_exactly_what_was_paid_and_only_once(shop_setup, admin):
    pp1, bag = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"]
    stock.receive(admin, pp1.id, {bag.id: 2}, day=DAY)
    sid = sales.complete_sale(admin, pp1.id, [(bag.id, 1)], paid_khr=60000, change_in="khr",
                              day=DAY, rates=RATES)
    assert sales.get_sale(sid).change["KHR"] == 10000
    with pytest.raises(ValidationError, match="reason"):
        sales_returns.void_sale(admin, sid, "  ", day=DAY)
    vid = sales_returns.void_sale(admin, sid, "customer changed her mind", day=DAY)
    void = sales.get_sale(vid)
    assert (void.kind, void.total, void.paid["KHR"], void.change["KHR"]) == ("void", -1250, 10000,
                                                                             60000)
    assert shop_close.day_totals(pp1.id, DAY).expected["KHR"] == 0
    assert stock.balance(bag.id, pp1.id) == 2
    with pytest.raises(ConflictError):
        sales_returns.void_sale(admin, sid, "again", day=DAY)
    with pytest.raises(ValidationError, match="only 0"):
        sales_returns.return_items(admin, sid, {bag.id: 1}, "after void", day=DAY)


def test_old_sales_are_returned_not_voided(shop_setup, admin):
    pp1, bag = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"]
    stock.receive(admin, pp1.id, {bag.id: 2}, day=DAY)
    sid = sales.complete_sale(admin, pp1.id, [(bag.id, 2)], paid_usd="25", day=DAY)
    with pytest.raises(ConflictError, match="today"):
        sales_returns.void_sale(admin, sid, "late", day=DAY + dt.timedelta(days=1))
    rid = sales_returns.return_items(admin, sid, {bag.id: 1}, "torn", refund_in="KHR",
                             day=DAY + dt.timedelta(days=1), rates=RATES)
    assert sales.get_sale(rid).change["KHR"] == 50000
    with pytest.raises(ValidationError, match="only 1"):
        sales_returns.return_items(admin, sid, {bag.id: 2}, "torn", day=DAY + dt.timedelta(days=1))


def test_returnable_lines_shrink_with_each_return_and_are_audited(shop_setup, admin):
    pp1, bag, scarf = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"], shop_setup["v"]["scarf"]
    stock.receive(admin, pp1.id, {bag.id: 3, scarf.id: 3}, day=DAY)
    sid = sales.complete_sale(admin, pp1.id, [(bag.id, 2), (scarf.id, 1)], paid_usd="40", day=DAY)
    assert sales_returns.returnable_lines(sid) == [
        (bag.id, "BAG-RED", "Tote bag (red)", 2, 1250), (scarf.id, "SCF-M", "Krama scarf (M)", 1, 725)]
    rid = sales_returns.return_items(admin, sid, [(scarf.id, 1)], "too short", day=DAY)
    assert sales_returns.returnable(sid) == {bag.id: 2}
    assert [line[0] for line in sales_returns.returnable_lines(sid)] == [bag.id]
    entry = AuditEntry.select().where(AuditEntry.action == "return").get()
    assert entry.entity_id == str(rid)
    assert "1 items from sale PP1-1: too short; refunded $7.25" in entry.summary
    with pytest.raises(ConflictError, match="Only a sale"):
        sales_returns.return_items(admin, rid, [(scarf.id, 1)], "again", day=DAY)


def test_bad_returns_name_the_field_and_closed_days_refuse_them(shop_setup, admin, make_user):
    pp1, bag = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"]
    stock.receive(admin, pp1.id, {bag.id: 3}, day=DAY)
    sid = sales.complete_sale(admin, pp1.id, [(bag.id, 2)], paid_usd="25", day=DAY)
    for lines, reason, kwargs, field in (({}, "torn", {}, "quantity"),
                                         ({bag.id: 0}, "torn", {}, "quantity"),
                                         ({bag.id: 1}, "", {}, "reason"),
                                         ({bag.id: 1}, "torn", {"refund_in": "EUR"}, "refund in")):
        with pytest.raises(ValidationError) as info:
            sales_returns.return_items(admin, sid, lines, reason, day=DAY, **kwargs)
        assert info.value.field == field
    with pytest.raises(PermissionDenied):
        sales_returns.return_items(make_user("claire", "shop_staff", shops=["FR1"]), sid,
                                   {bag.id: 1}, "torn", day=DAY)
    shop_close.close_day(admin, pp1.id, DAY, counted_usd="25")
    with pytest.raises(ConflictError, match="closed"):
        sales_returns.return_items(admin, sid, {bag.id: 1}, "torn", day=DAY)
    assert sales_returns.returnable(sid) == {bag.id: 2}


def test_returning_every_piece_one_by_one_refunds_exactly_what_was_paid(shop_setup, admin):
    pp1, scarf = shop_setup["locs"]["PP1"], shop_setup["v"]["scarf"]
    stock.receive(admin, pp1.id, {scarf.id: 3}, day=DAY)
    # 3 x $7.25 = $21.75, 15% off = $3.26 (rounded down): $18.49 paid, not a multiple of 3
    sid = sales.complete_sale(admin, pp1.id, [(scarf.id, 3, 15)], paid_usd="18.49", day=DAY)
    assert sales.get_sale(sid).total == 1849
    refunds = [sales.get_sale(sales_returns.return_items(admin, sid, {scarf.id: 1}, "too thin",
                                                         day=DAY)).change["USD"] for _ in range(3)]
    assert sum(refunds) == 1849 and max(refunds) - min(refunds) <= 1
    assert shop_close.day_totals(pp1.id, DAY).expected["USD"] == 0
    assert shop_close.day_totals(pp1.id, DAY).net == 0


# ------------------------------------------------------------------ any input (properties)
import unicodedata  # noqa: E402

from hypothesis import given  # noqa: E402

from pse_desktop.db.shop import Sale, SaleLine  # noqa: E402
from tests.fixtures.inputs import (  # noqa: E402
    GOOD_TEXT, LANGUAGES, TYPED, in_language, refused_cleanly, typed_whole,
)


@pytest.fixture
def big_sale(shop_setup, admin):
    pp1, bag = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"]
    stock.receive(admin, pp1.id, {bag.id: 5000}, day=DAY)
    return sales.complete_sale(admin, pp1.id, [(bag.id, 5000)], paid_usd="62500", day=DAY), bag.id


@given(qty=TYPED, reason=TYPED, refund=TYPED, lang=LANGUAGES)
def test_any_return_or_void(big_sale, admin, qty, reason, refund, lang):
    with in_language(lang):
        sid, bag = big_sale
        left = sales_returns.returnable(sid)
        done = refused_cleanly(lambda: sales_returns.return_items(admin, sid, {bag: qty}, reason, refund_in=refund,
                                                                  day=DAY, rates=RATES),
                               "quantity", "reason", "refund in")
        if done is None:
            assert sales_returns.returnable(sid) == left
        refused_cleanly(lambda: sales_returns.void_sale(admin, sid, reason, day=DAY + dt.timedelta(days=1)), "reason")


@given(typed=typed_whole(1, 3), reason=GOOD_TEXT, lang=LANGUAGES)
def test_a_typed_return_reads_back_as_meant(big_sale, admin, typed, reason, lang):
    with in_language(lang):
        sid, bag = big_sale
        n, text = typed
        left = sales_returns.returnable(sid)[bag]
        rid = sales_returns.return_items(admin, sid, {bag: text}, reason, day=DAY, rates=RATES)
        assert Sale.get_by_id(rid).reason == unicodedata.normalize("NFC", reason).strip()
        assert [ln.quantity for ln in SaleLine.select().where(SaleLine.sale == rid)] == [-n]
        assert sales_returns.returnable(sid)[bag] == left - n

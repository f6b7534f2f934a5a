"""Day closing: what the drawer should hold per currency, the counted cash, a note for
differences; which days may be closed, and reopening a closed day."""

import datetime as dt

import pytest

from tests.fixtures.shop import RATES, shop_setup  # noqa: F401
from pse_desktop.db.core import AuditEntry
from pse_desktop.services.shop import closing as shop_close, sales, stock
from pse_desktop.services.common.errors import ConflictError, NotFound, PermissionDenied, ValidationError

DAY = dt.date(2026, 3, 14)
TODAY = dt.date(2026, 5, 20)


def test_day_totals_count_sales_and_cash_per_currency(shop_setup, admin):
    pp1, bag, scarf = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"], shop_setup["v"]["scarf"]
    stock.receive(admin, pp1.id, {bag.id: 5, scarf.id: 5}, day=DAY)
    sales.complete_sale(admin, pp1.id, [(bag.id, 1)], paid_usd="20", change_in="usd", day=DAY,
                        rates=RATES)
    sales.complete_sale(admin, pp1.id, [(scarf.id, 2)], paid_khr=58000, day=DAY, rates=RATES)
    totals = shop_close.day_totals(pp1.id, DAY)
    assert (totals.sales_count, totals.items, totals.gross, totals.net) == (2, 3, 2700, 2700)
    assert totals.expected == {"USD": 1250, "KHR": 58000, "EUR": 0}
    assert (totals.first_number, totals.last_number) == (1, 2)
    empty = shop_close.day_totals(pp1.id, DAY + dt.timedelta(days=1))
    assert (empty.sales_count, empty.expected, empty.first_number) == (0, {"USD": 0, "KHR": 0, "EUR": 0}, None)


def test_close_once_with_the_right_cash_and_audit(shop_setup, admin):
    pp1, bag = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"]
    stock.receive(admin, pp1.id, {bag.id: 2}, day=DAY)
    sales.complete_sale(admin, pp1.id, [(bag.id, 1)], paid_usd="12.50", day=DAY)
    assert not shop_close.is_closed(pp1.id, DAY)
    closing = shop_close.close_day(admin, pp1.id, DAY, counted_usd="12.50")
    assert shop_close.is_closed(pp1.id, DAY) and shop_close.closing_for(pp1.id, DAY) == closing
    z = shop_close.z_report(closing)
    assert z.difference == {"USD": 0, "KHR": 0, "EUR": 0} and z.closed_by == "Office Admin"
    entry = AuditEntry.select().where(AuditEntry.action == "close_day").get()
    assert entry.summary == f"closed PP1 {DAY}: 1 sales, net $12.50; difference none"
    with pytest.raises(ConflictError, match="already closed"):
        shop_close.close_day(admin, pp1.id, DAY, counted_usd="12.50")
    with pytest.raises(NotFound):
        shop_close.z_report(9999)


def test_bad_counts_and_other_shops_are_refused(shop_setup, admin, make_user):
    pp1, pp2 = shop_setup["locs"]["PP1"], shop_setup["locs"]["PP2"]
    for kwargs, field in ((dict(counted_usd="abc"), "dollars counted"),
                          (dict(counted_khr="-100"), "riel counted"),
                          (dict(counted_usd="1"), "note")):
        with pytest.raises(ValidationError) as info:  # DAY is today: closed even without sales
            shop_close.close_day(admin, pp1.id, DAY, today=DAY, **kwargs)
        assert info.value.field == field
    vanna = make_user("vanna", "shop_staff", shops=["PP1"])
    with pytest.raises(PermissionDenied):
        shop_close.close_day(vanna, pp2.id, DAY, today=DAY)
    assert shop_close.closing_for(pp1.id, DAY) is None and shop_close.closing_for(pp2.id, DAY) is None


def test_only_today_or_a_past_day_with_sales_can_be_closed(shop_setup, admin):
    pp1, bag = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"]
    with pytest.raises(ValidationError, match="future") as err:
        shop_close.close_day(admin, pp1.id, TODAY + dt.timedelta(days=1), today=TODAY)
    assert err.value.field == "day"
    with pytest.raises(ValidationError, match="no sales"):
        shop_close.close_day(admin, pp1.id, TODAY - dt.timedelta(days=3), today=TODAY)
    stock.receive(admin, pp1.id, {bag.id: 5})
    past = TODAY - dt.timedelta(days=3)
    sales.complete_sale(admin, pp1.id, [(bag.id, 1)], paid_usd="12.50", day=past)
    assert shop_close.close_day(admin, pp1.id, past, counted_usd="12.50", today=TODAY)
    assert shop_close.close_day(admin, pp1.id, TODAY, today=TODAY)  # today, even with no sale
    assert shop_close.is_closed(pp1.id, TODAY)


def test_an_admin_reopens_a_closed_day_with_a_reason(shop_setup, admin, make_user):
    pp1, bag = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"]
    vanna = make_user("vanna", "shop_staff", shops=["PP1"])
    stock.receive(admin, pp1.id, {bag.id: 5})
    sales.complete_sale(vanna, pp1.id, [(bag.id, 1)], paid_usd="12.50", day=TODAY)
    shop_close.close_day(vanna, pp1.id, TODAY, counted_usd="12.00", note="50 cents short",
                         today=TODAY)
    with pytest.raises(ConflictError, match="closed"):
        sales.complete_sale(vanna, pp1.id, [(bag.id, 1)], paid_usd="12.50", day=TODAY)
    assert not shop_close.may_reopen(vanna)
    with pytest.raises(PermissionDenied):
        shop_close.reopen_day(vanna, pp1.id, TODAY, "forgot a sale")
    with pytest.raises(ValidationError) as err:
        shop_close.reopen_day(admin, pp1.id, TODAY, "  ")
    assert err.value.field == "reason"
    shop_close.reopen_day(admin, pp1.id, TODAY, "a sale was left on paper")
    assert not shop_close.is_closed(pp1.id, TODAY)
    entry = AuditEntry.select().where(AuditEntry.action == "reopen_day").get()
    assert "a sale was left on paper" in entry.summary and "Vanna" in entry.summary
    assert "$12.00" in entry.summary and "50 cents short" in entry.summary
    sales.complete_sale(vanna, pp1.id, [(bag.id, 1)], paid_usd="12.50", day=TODAY)
    shop_close.close_day(vanna, pp1.id, TODAY, counted_usd="24.50", note="recounted",
                         today=TODAY)
    with pytest.raises(ConflictError, match="not closed"):
        shop_close.reopen_day(admin, pp1.id, TODAY + dt.timedelta(days=1), "x")


# ------------------------------------------------------------------ properties
from hypothesis import given  # noqa: E402

from tests.fixtures.inputs import HOSTILE, refused_cleanly  # noqa: E402


@given(usd=HOSTILE, khr=HOSTILE, eur=HOSTILE, note=HOSTILE)
def test_any_day_closing(shop_setup, admin, usd, khr, eur, note):
    pp1 = shop_setup["locs"]["PP1"]
    refused_cleanly(lambda: shop_close.close_day(admin, pp1.id, DAY, usd, khr, eur, note),
                    "dollars counted", "riel counted", "euros counted", "note", "day")

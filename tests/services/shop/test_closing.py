"""Day closing: which days may be closed, and reopening a closed day."""

import datetime as dt

import pytest

from tests.fixtures.shop import shop_setup  # noqa: F401
from pse_desktop.db.core import AuditEntry
from pse_desktop.services.shop import closing as shop_close, sales, stock
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError

TODAY = dt.date(2026, 5, 20)


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

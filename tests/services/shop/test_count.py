"""Stock counts: a snapshot, counted quantities, variances against the ledger
as it was when the shelf was counted, one posting."""

import datetime as dt

import pytest

from tests.fixtures.pdf import pdf_text
from tests.fixtures.shop import shop_setup  # noqa: F401
from pse_desktop.db.core import AuditEntry
from pse_desktop.services.shop import count as shop_count, sales, stock
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError

DAY = dt.date(2026, 5, 2)


def test_count_posts_adjustments_in_one_step_against_the_ledger(shop_setup, admin, tmp_path):
    pp1 = shop_setup["locs"]["PP1"]
    bag, scarf, blue = (shop_setup["v"][k] for k in ("bag", "scarf", "bag_blue"))
    stock.receive(admin, pp1.id, {bag.id: 5, scarf.id: 4}, day=DAY)
    count_id = shop_count.start_count(admin, pp1.id)
    with pytest.raises(ConflictError):
        shop_count.start_count(admin, pp1.id)
    shop_count.write_sheet(count_id, tmp_path / "sheet.pdf")
    assert "BAG-RED" in pdf_text(tmp_path / "sheet.pdf")
    shop_count.enter_counts(admin, count_id, {bag.id: 4, scarf.id: "4", blue.id: 1})
    # a sale between the count and the posting: the count still compares with the 5 bags
    # the books held when the shelf was counted
    sales.complete_sale(admin, pp1.id, [(bag.id, 1)], paid_usd="12.50", day=DAY)
    sheet = shop_count.count_sheet(count_id)
    assert {ln.code: ln.variance for ln in sheet.lines if ln.counted is not None} == {
        "BAG-RED": -1, "SCF-M": 0, "BAG-BLU": 1}
    shop_count.write_sheet(count_id, tmp_path / "variance.pdf", variance=True)
    text = pdf_text(tmp_path / "variance.pdf")
    assert "BAG-BLU" in text and "$4.00" in text  # one blue bag found, at cost
    assert shop_count.post_count(admin, count_id, day=DAY) == 2
    assert stock.balance(blue.id, pp1.id) == 1
    assert stock.balance(bag.id, pp1.id) == 3  # 4 counted, then 1 sold
    with pytest.raises(ConflictError):
        shop_count.post_count(admin, count_id, day=DAY)
    with pytest.raises(ConflictError):
        shop_count.enter_counts(admin, count_id, {bag.id: 1})
    assert stock.ledger_mismatches() == []


def test_sales_between_counting_and_posting_stay_sold(shop_setup, admin):
    pp1, bag = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"]
    stock.receive(admin, pp1.id, {bag.id: 10}, day=DAY)
    count_id = shop_count.start_count(admin, pp1.id)
    stock.receive(admin, pp1.id, {bag.id: 2}, day=DAY)  # arrives before the shelf is counted
    shop_count.enter_counts(admin, count_id, {bag.id: 11})  # 12 on the books: one missing
    for _ in range(3):
        sales.complete_sale(admin, pp1.id, [(bag.id, 1)], paid_usd="12.50", day=DAY)
    [line] = [ln for ln in shop_count.count_sheet(count_id).lines if ln.counted is not None]
    assert (line.expected, line.counted, line.variance) == (12, 11, -1)
    assert shop_count.post_count(admin, count_id, day=DAY) == 1
    assert stock.balance(bag.id, pp1.id) == 8  # 11 counted, 3 sold since
    posted = shop_count.count_sheet(count_id)
    assert [(ln.expected, ln.counted) for ln in posted.lines if ln.counted is not None] == [(12, 11)]
    assert stock.ledger_mismatches() == []


def test_bad_counts_name_the_field_and_a_cancelled_count_frees_the_location(shop_setup, admin,
                                                                           make_user):
    pp1, pp2, bag = shop_setup["locs"]["PP1"], shop_setup["locs"]["PP2"], shop_setup["v"]["bag"]
    count_id = shop_count.start_count(admin, pp1.id)
    assert shop_count.open_count(pp1.id) == count_id and shop_count.open_count(pp2.id) is None
    with pytest.raises(ValidationError) as info:
        shop_count.enter_counts(admin, count_id, {bag.id: "-1"})
    assert info.value.field == "counted"
    with pytest.raises(PermissionDenied):
        shop_count.start_count(make_user("vanna", "shop_staff", shops=["PP1"]), pp2.id)
    shop_count.cancel_count(admin, count_id)
    assert shop_count.open_count(pp1.id) is None
    assert shop_count.start_count(admin, pp1.id) != count_id
    actions = [e.action for e in AuditEntry.select().where(AuditEntry.entity == "stock_count")
               .order_by(AuditEntry.id)]
    assert actions == ["start_count", "cancel_count", "start_count"]
    with pytest.raises(ConflictError):
        shop_count.cancel_count(admin, count_id)


# ------------------------------------------------------------------ any input (properties)
from hypothesis import given  # noqa: E402

from tests.fixtures.inputs import LANGUAGES, TYPED, in_language, refused_cleanly, typed_whole  # noqa: E402


@pytest.fixture
def open_count(shop_setup, admin):
    return shop_count.start_count(admin, shop_setup["locs"]["PP1"].id), shop_setup["v"]["bag"].id


@given(value=TYPED, lang=LANGUAGES)
def test_any_counted_quantity(open_count, admin, value, lang):
    with in_language(lang):
        count_id, bag = open_count
        before = {ln.variant_id: ln.counted for ln in shop_count.count_sheet(count_id).lines}
        if refused_cleanly(lambda: shop_count.enter_counts(admin, count_id, {bag: value}), "counted") is None:
            assert {ln.variant_id: ln.counted for ln in shop_count.count_sheet(count_id).lines} == before


@given(typed=typed_whole(0, 1_000_000), lang=LANGUAGES)
def test_a_typed_count_reads_back_as_meant(open_count, admin, typed, lang):
    with in_language(lang):
        count_id, bag = open_count
        n, text = typed
        assert shop_count.enter_counts(admin, count_id, {bag: text}) == 1
        assert {ln.variant_id: ln.counted for ln in shop_count.count_sheet(count_id).lines}[bag] == n

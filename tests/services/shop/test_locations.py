"""Stock locations: one per shop and a workshop store, negative stock by choice; shop staff see
and act on their own shops only; the workshop store is the workshop manager's."""

import datetime as dt

import pytest

from tests.fixtures.shop import shop_setup  # noqa: F401
from pse_desktop.db.core import AuditEntry
from pse_desktop.services.core import places, users
from pse_desktop.services.shop import count as shop_count, locations, reports, sales, stock
from pse_desktop.services.shop import locations as shop
from pse_desktop.services.common.errors import NotFound, PermissionDenied, ValidationError

DAY = dt.date(2026, 3, 14)


def test_ensure_locations_gives_each_shop_one_and_the_store_once(admin):
    places.save_shop(admin, None, "PP1", "PSE Shop", "Phnom Penh")
    places.save_shop(admin, None, "FR1", "Events in France", "Paris", "FR")
    assert shop.ensure_locations(admin) == 3
    assert shop.ensure_locations(admin) == 0
    locs = shop.list_locations()
    assert [(loc.code, loc.kind, loc.currency) for loc in locs] == [
        ("PP1", "shop", "USD"), ("FR1", "shop", "EUR"), ("WORKSHOP", "store", "USD")]
    assert AuditEntry.select().where(AuditEntry.entity == "location").count() == 3


def test_create_location_checks_its_fields(shop_setup, admin, make_user):
    pp1_shop = shop_setup["shops"]["PP1"]
    made = shop.create_location(admin, "pp1-back", "Back room", "store", pp1_shop.id)
    assert (made.code, made.shop_id, shop.get_location(made.id).name) == ("PP1-BACK", pp1_shop.id,
                                                                        "Back room")
    for args, field in ((("PP1-BACK", "Again", "store", None), "code"),
                        (("X1", "X", "warehouse", None), "kind"),
                        (("X1", "X", "store", None, "KHR"), "currency"),
                        (("X1", "X", "store", 999), "shop")):
        with pytest.raises(ValidationError) as info:
            shop.create_location(admin, *args)
        assert info.value.field == field
    with pytest.raises(PermissionDenied):
        shop.create_location(make_user("vanna", "shop_staff", shops=["PP1"]), "X2", "X", "store", None)
    with pytest.raises(NotFound):
        shop.get_location(9999)


def test_roles_workshop_receives_into_its_store_shop_staff_only_their_shops(shop_setup, admin,
                                                                           make_user):
    store = next(loc for loc in shop.list_locations() if loc.kind == "store")
    pp1, pp2, bag = shop_setup["locs"]["PP1"], shop_setup["locs"]["PP2"], shop_setup["v"]["bag"]
    srey = make_user("srey", "workshop_manager")
    stock.receive(srey, store.id, {bag.id: 10}, source="production", ref="order:1", day=DAY)
    stock.transfer(srey, store.id, pp1.id, {bag.id: 4}, day=DAY)
    with pytest.raises(PermissionDenied):
        sales.complete_sale(srey, pp1.id, [(bag.id, 1)], paid_usd="20", day=DAY)
    vanna = make_user("vanna", "shop_staff", shops=["PP1"])
    with pytest.raises(PermissionDenied):
        stock.receive(vanna, pp2.id, {bag.id: 1}, day=DAY)
    with pytest.raises(PermissionDenied):
        stock.transfer(vanna, pp2.id, pp1.id, {bag.id: 1}, day=DAY)
    assert [loc.code for loc in shop.list_locations(vanna)] == ["PP1"]
    with pytest.raises(PermissionDenied):
        shop.set_allow_negative(vanna, pp1.id, True)


@pytest.fixture
def stocked(shop_setup, admin):
    locs, v = shop_setup["locs"], shop_setup["v"]
    for code in ("PP1", "PP2", "WORKSHOP"):
        stock.receive(admin, locs[code].id, {v["bag"].id: 10, v["scarf"].id: 5}, day=DAY)
    for code in ("PP1", "PP2"):
        sales.complete_sale(admin, locs[code].id, [(v["bag"].id, 1)], paid_usd="100", day=DAY)
    return shop_setup


def test_shop_staff_see_only_their_shops(stocked, make_user, tmp_path):
    locs = stocked["locs"]
    staff = make_user("vanna", "shop_staff", shops=["PP1"])
    assert {r.location_code for r in stock.stock_levels(staff)} == {"PP1"}
    assert [loc.code for loc in locations.list_locations(staff)] == ["PP1"]
    assert {r.location for r in reports.stock_value(staff)} == {"PP1"}
    assert [r.key for r in reports.sales_by(staff, "location", DAY, DAY)] == ["PP1"]
    out = tmp_path / "sales.csv"
    reports.export_sales(staff, DAY, DAY, out)
    assert "PP2" not in out.read_text() and "PP1" in out.read_text()
    out = tmp_path / "stock.csv"
    reports.export_stock(staff, out)
    assert "PP2" not in out.read_text() and "WORKSHOP" not in out.read_text()
    for call in (lambda: stock.stock_levels(staff, locs["PP2"].id),
                 lambda: sales.list_sales(staff, locs["PP2"].id),
                 lambda: reports.sales_by(staff, "day", DAY, DAY, locs["PP2"].id),
                 lambda: reports.stock_value(staff, locs["WORKSHOP"].id)):
        with pytest.raises(PermissionDenied):
            call()
    # the admin still sees every place
    assert {r.location_code for r in stock.stock_levels(make_user("boss", "admin"))} \
        == {"PP1", "PP2", "WORKSHOP"}


def test_the_workshop_store_is_not_a_shop(stocked, make_user):
    store, v = stocked["locs"]["WORKSHOP"], stocked["v"]
    staff = make_user("vanna", "shop_staff", shops=["PP1"])
    for call in (lambda: sales.complete_sale(staff, store.id, [(v["bag"].id, 1)], paid_usd="100"),
                 lambda: shop_count.start_count(staff, store.id),
                 lambda: stock.write_off(staff, store.id, {v["bag"].id: 1}, "torn"),
                 lambda: stock.receive(staff, store.id, {v["bag"].id: 1})):
        with pytest.raises(PermissionDenied, match="workshop"):
            call()
    manager = make_user("srey", "workshop_manager")
    cid = shop_count.start_count(manager, store.id)
    shop_count.cancel_count(manager, cid)
    with pytest.raises(PermissionDenied):
        shop_count.start_count(manager, stocked["locs"]["PP1"].id)
    stock.transfer(manager, store.id, stocked["locs"]["PP1"].id, {v["bag"].id: 2})


def test_a_shop_taken_away_stops_the_sales_at_once(stocked, admin, make_user):
    loc, v = stocked["locs"]["PP1"], stocked["v"]
    staff = make_user("vanna", "shop_staff", shops=["PP1"])
    sales.complete_sale(staff, loc.id, [(v["bag"].id, 1)], paid_usd="100")
    users.update_user(admin, staff.id, "Vanna", "shop_staff", shop_codes=["PP2"])
    with pytest.raises(PermissionDenied, match="not for this shop"):
        sales.complete_sale(staff, loc.id, [(v["bag"].id, 1)], paid_usd="100")
    users.set_active(admin, staff.id, False)
    with pytest.raises(PermissionDenied, match="deactivated"):
        sales.complete_sale(staff, stocked["locs"]["PP2"].id, [(v["bag"].id, 1)], paid_usd="100")

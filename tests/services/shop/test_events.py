"""Events in France: a stock box in euros, stock sent and reconciled, the event report read back."""

import datetime as dt

import pytest

from tests.fixtures.pdf import pdf_text
from tests.fixtures.shop import RATES, shop_setup  # noqa: F401
from pse_desktop.db.core import AuditEntry
from pse_desktop.services.shop import events as shop_events, sales, stock
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError

DAY = dt.date(2026, 5, 2)


def test_event_in_france_sells_in_euros_and_reconciles(shop_setup, admin, make_user, tmp_path):
    fr1 = shop_setup["locs"]["FR1"]
    bag, scarf = shop_setup["v"]["bag"], shop_setup["v"]["scarf"]
    stock.receive(admin, fr1.id, {bag.id: 10, scarf.id: 10}, day=DAY)
    volunteer = make_user("claire", "shop_staff", shops=["FR1"])
    event = shop_events.create_event(volunteer, "Marché de Noël", "Lyon", DAY, DAY, fr1.id)
    assert event.box_code == "EV001"
    shop_events.send_stock(volunteer, event.id, {bag.id: 6, scarf.id: 5}, day=DAY)
    # 3 bags at EUR 12.00 + 2 scarves at EUR 6.53 = EUR 49.06; EUR 50 paid, 0.94 back
    sid = sales.complete_sale(volunteer, event.box_id, [(bag.id, 3), (scarf.id, 2)],
                              paid_eur="50", day=DAY, rates=RATES)
    view = sales.get_sale(sid)
    assert (view.currency, view.total, view.change["EUR"], view.change["USD"]) == ("EUR", 4906, 94, 0)
    with pytest.raises(ValidationError, match="only 3 of BAG-RED"):
        shop_events.reconcile(volunteer, event.id, {bag.id: 4}, day=DAY)
    report = shop_events.reconcile(volunteer, event.id, {bag.id: 3, scarf.id: 2}, day=DAY)
    lines = {ln.code: (ln.sent, ln.sold, ln.returned, ln.lost, ln.left) for ln in report.lines}
    assert lines == {"BAG-RED": (6, 3, 3, 0, 0), "SCF-M": (5, 2, 2, 1, 0)}
    assert report.cash["EUR"] == 4906 and report.total_eur == 4906
    assert stock.balance(bag.id, fr1.id) == 7 and stock.balance(scarf.id, fr1.id) == 7
    with pytest.raises(ConflictError):
        shop_events.send_stock(volunteer, event.id, {bag.id: 1}, day=DAY)
    shop_events.write_event_report(event.id, tmp_path / "event.pdf")
    text = pdf_text(tmp_path / "event.pdf")
    assert "Marché de Noël" in text and "49,06 €" in text
    assert stock.ledger_mismatches() == []


def test_an_event_needs_a_name_dates_in_order_and_its_shops_staff(shop_setup, admin, make_user):
    fr1, pp1 = shop_setup["locs"]["FR1"], shop_setup["locs"]["PP1"]
    volunteer = make_user("claire", "shop_staff", shops=["FR1"])
    for args, field in ((("", "Lyon", DAY, DAY), "name"),
                        (("Fête", "Lyon", DAY, DAY - dt.timedelta(days=1)), "end"),
                        (("Fête", "Lyon", "2026-13-01", DAY), "start")):
        with pytest.raises(ValidationError) as info:
            shop_events.create_event(volunteer, *args, fr1.id)
        assert info.value.field == field
    with pytest.raises(PermissionDenied):
        shop_events.create_event(volunteer, "Fête", "Lyon", DAY, DAY, pp1.id)
    assert shop_events.list_events() == []


def test_list_events_shows_shop_staff_only_their_shops_events(shop_setup, admin, make_user):
    fr1 = shop_setup["locs"]["FR1"]
    first = shop_events.create_event(admin, "Marché de Noël", "Lyon", DAY, DAY, fr1.id)
    second = shop_events.create_event(admin, "Salon", "Paris", DAY + dt.timedelta(days=7),
                                      DAY + dt.timedelta(days=8), fr1.id)
    assert (first.box_code, second.box_code) == ("EV001", "EV002")
    assert [e.name for e in shop_events.list_events()] == ["Salon", "Marché de Noël"]
    assert len(shop_events.list_events(make_user("claire", "shop_staff", shops=["FR1"]))) == 2
    assert shop_events.list_events(make_user("vanna", "shop_staff", shops=["PP1"])) == []
    entry = AuditEntry.select().where(AuditEntry.entity == "event").order_by(AuditEntry.id).first()
    assert "box EV001" in entry.summary


def test_event_report_before_reconciling_shows_what_was_sent_and_sold(shop_setup, admin):
    fr1, bag = shop_setup["locs"]["FR1"], shop_setup["v"]["bag"]
    stock.receive(admin, fr1.id, {bag.id: 4}, day=DAY)
    event = shop_events.create_event(admin, "Fête", "Lyon", DAY, DAY, fr1.id)
    shop_events.send_stock(admin, event.id, {bag.id: 4}, day=DAY)
    sales.complete_sale(admin, event.box_id, [(bag.id, 1)], paid_eur="12", day=DAY, rates=RATES)
    report = shop_events.event_report(event.id)
    line = report.lines[0]
    assert (line.code, line.sent, line.sold, line.left) == ("BAG-RED", 4, 1, 3)
    assert report.cash["EUR"] == 1200


# ------------------------------------------------------------------ any input (properties)
import unicodedata  # noqa: E402

from hypothesis import given, strategies as st  # noqa: E402

from tests.fixtures.inputs import (  # noqa: E402
    GOOD_TEXT, LANGUAGES, TYPED, in_language, refused_cleanly, typed_whole,
)


@given(name=TYPED, place=TYPED, start=TYPED, end=TYPED, lang=LANGUAGES)
def test_any_new_event(shop_setup, admin, name, place, start, end, lang):
    with in_language(lang):
        refused_cleanly(lambda: shop_events.create_event(admin, name, place, start, end,
                                                         shop_setup["locs"]["FR1"].id),
                        "name", "place", "start", "end", "shop")


@given(name=GOOD_TEXT, place=st.one_of(st.just(""), GOOD_TEXT),
       start=st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)), days=st.integers(0, 30), lang=LANGUAGES)
def test_a_new_event_reads_back_as_meant(shop_setup, admin, name, place, start, days, lang):
    with in_language(lang):
        event = shop_events.create_event(admin, name, place, start.isoformat(),
                                         start + dt.timedelta(days=days), shop_setup["locs"]["FR1"].id)
        again = next(e for e in shop_events.list_events(admin) if e.id == event.id)
        assert (again.name, again.place, again.start, again.end) == (
            unicodedata.normalize("NFC", name).strip(), unicodedata.normalize("NFC", place).strip(), start,
            start + dt.timedelta(days=days))


@pytest.fixture
def stocked_event(shop_setup, admin):
    fr1, bag = shop_setup["locs"]["FR1"], shop_setup["v"]["bag"]
    stock.receive(admin, fr1.id, {bag.id: 100_000}, day=DAY)
    return shop_events.create_event(admin, "Marché", "Lyon", DAY, DAY, fr1.id), bag.id


@given(sent=TYPED, back=TYPED, lang=LANGUAGES)
def test_any_stock_sent_or_brought_back(stocked_event, admin, sent, back, lang):
    with in_language(lang):
        event, bag = stocked_event
        refused_cleanly(lambda: shop_events.send_stock(admin, event.id, {bag: sent}, day=DAY), "quantity", "product")
        refused_cleanly(lambda: shop_events.reconcile(admin, event.id, {bag: back}, day=DAY), "returned")


@given(typed=typed_whole(1, 50), lang=LANGUAGES)
def test_stock_typed_for_an_event_reads_back_as_meant(stocked_event, admin, typed, lang):
    with in_language(lang):
        event, bag = stocked_event
        n, text = typed
        held = stock.balance(bag, event.box_id)
        shop_events.send_stock(admin, event.id, {bag: text}, day=DAY)
        assert stock.balance(bag, event.box_id) == held + n

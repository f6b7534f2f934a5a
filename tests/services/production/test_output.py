"""Output of an order (pieces by worker and day, material used, pieces into pay), corrections,
and deliveries (into the shop's stock for handicrafts)."""

import datetime as dt

import pytest

from pse_desktop.db.payroll import PieceOutput
from pse_desktop.db.production import Output
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError
from pse_desktop.services.production import (
    materials, orders as production, output as production_output, states as production_states,
)
from pse_desktop.services.production.output import OutputEntry
from tests.fixtures.production import TODAY, order_of, workshop  # noqa: F401


def test_more_than_asked_with_a_reason_and_future_days(admin, workshop):
    o, vid = order_of(admin, workshop, qty=2)
    e1 = workshop["workers"]["E001"].id
    production_states.confirm(admin, o.id)
    with pytest.raises(ValidationError) as exc:
        production_output.record_output(admin, o.id, [OutputEntry(TODAY + dt.timedelta(1), e1, vid, 1)],
                                        today=TODAY)
    assert exc.value.field == "day"
    production_output.record_output(admin, o.id, [OutputEntry(TODAY, e1, vid, 3)], today=TODAY,
                                    over_reason="one spare for the display")
    o = production.get_order(admin, o.id)
    assert (o.made, o.state) == (3, "done")
    assert production_output.order_output(admin, o.id)[0].note == "one spare for the display"


def test_correction_returns_material_and_takes_pieces_out_of_pay(admin, workshop):
    o, vid = order_of(admin, workshop)
    navy = workshop["m"]["navy"].id
    production_states.confirm(admin, o.id)
    ids = production_output.record_output(admin, o.id, [OutputEntry(TODAY, workshop["workers"]["E002"].id,
                                                                    vid, 4)], today=TODAY)
    assert materials.get_material(navy).stock_milli == 20000 - 3300  # 4 x 0.75 m x 1.1
    assert PieceOutput.select().count() == 1
    production_output.correct_output(admin, ids[0], "typed for the wrong order")
    assert materials.get_material(navy).stock_milli == 20000
    assert PieceOutput.select().count() == 0
    assert production.get_order(admin, o.id).made == 0
    with pytest.raises(ConflictError):
        production_output.correct_output(admin, ids[0], "again")
    assert materials.ledger_mismatches() == []


def test_a_finalised_payroll_month_refuses_output(admin, workshop):
    from pse_desktop.db.payroll import PayRun

    o, vid = order_of(admin, workshop)
    production_states.confirm(admin, o.id)
    PayRun.create(month=dt.date(2026, 2, 1), status="final", khr_per_usd=4100,
                  rates_from=dt.date(2026, 1, 1))
    with pytest.raises(ConflictError):
        production_output.record_output(admin, o.id, [OutputEntry(dt.date(2026, 2, 27),
                                                                  workshop["workers"]["E001"].id, vid, 1)],
                                        today=TODAY)
    assert production.get_order(admin, o.id).made == 0
    assert materials.get_material(workshop["m"]["navy"].id).stock_milli == 20000


def test_material_never_goes_below_zero_without_a_reason(admin, workshop):
    v, m, ws = workshop["v"], workshop["m"], workshop["workers"]
    order = production.create_order(admin, kind="handicraft", customer_kind="shop",
                                    location_id=workshop["locs"]["PP1"].id, due=TODAY,
                                    lines=[(v["BAG-RED"].id, 10)])
    with pytest.raises(ConflictError):  # a draft takes no output
        production_output.record_output(admin, order.id, [OutputEntry(TODAY, ws["E001"].id,
                                                                      v["BAG-RED"].id, 2)], today=TODAY)
    production_states.confirm(admin, order.id)
    entry = [OutputEntry(TODAY, ws["E001"].id, v["BAG-RED"].id, 2)]
    with pytest.raises(ValidationError) as exc:
        production_output.record_output(admin, order.id, entry, today=TODAY)
    assert "only 0 m of FAB-KRAMA" in exc.value.message
    assert Output.select().count() == 0 and production.get_order(admin, order.id).state == "confirmed"
    production_output.record_output(admin, order.id, entry, today=TODAY,
                                    shortage_reason="krama bought by Sokha, receipt tomorrow")
    assert materials.get_material(m["krama"].id).stock_milli == -1000
    with pytest.raises(ValidationError):
        materials.adjust(admin, m["navy"].id, "-25", "water damage")
    materials.adjust(admin, m["navy"].id, "-5", "water damage")
    assert materials.get_material(m["navy"].id).stock_milli == 15000

    # Handicrafts delivered go into the shop's stock ledger as a receipt from production.
    from pse_desktop.services.shop import stock

    line = production.get_order(admin, order.id).lines[0]
    production_output.deliver(admin, order.id, {line.id: 2}, today=TODAY)
    assert stock.balance(v["BAG-RED"].id, workshop["locs"]["PP1"].id) == 2
    assert stock.ledger(v["BAG-RED"].id)[0][4] == "receive"
    # Close the rest short: nothing is left to deliver, so it is delivered.
    assert production_states.close_short(admin, order.id, "customer took 2") == "delivered"


def test_output_rows_material_use_and_deliveries_are_listed(admin, workshop):
    o, vid = order_of(admin, workshop, qty=4)
    e2 = workshop["workers"]["E002"].id
    production_states.confirm(admin, o.id)
    ids = production_output.record_output(admin, o.id, [OutputEntry(TODAY - dt.timedelta(1), e2, vid, 1),
                                                        OutputEntry(TODAY, e2, vid, 2)], today=TODAY)
    rows = production_output.order_output(admin, o.id)
    assert [(r.day, r.worker_code, r.variant_code, r.pieces) for r in rows] == [
        (TODAY, "E002", "SKIRT-8", 2), (TODAY - dt.timedelta(1), "E002", "SKIRT-8", 1)]
    assert len(ids) == 2
    # 3 skirts x 0.75 m x 1.1 = 2.475 m of navy twill
    assert production_output.material_use(admin, o.id) == [("FAB-NAVY", "Cotton twill", "2.475 m")]
    line = production.get_order(admin, o.id).lines[0]
    for lines, field in (({line.id: 4}, "quantity"), ({}, "quantity")):
        with pytest.raises(ValidationError) as err:
            production_output.deliver(admin, o.id, lines, today=TODAY)
        assert err.value.field == field
    with pytest.raises(ValidationError) as err:
        production_output.deliver(admin, o.id, {line.id: 1}, day=TODAY + dt.timedelta(1), today=TODAY)
    assert err.value.field == "day"
    production_output.deliver(admin, o.id, {line.id: 3}, note="for the fair", today=TODAY)
    assert [(d.no, d.pieces, d.note) for d in production_output.list_deliveries(admin, o.id)] == [
        ("DN-00001", 3, "for the fair")]


def test_bad_entries_are_named_and_other_roles_refused(admin, workshop, make_user):
    o, vid = order_of(admin, workshop)
    production_states.confirm(admin, o.id)
    e1 = workshop["workers"]["E001"].id
    with pytest.raises(ValidationError) as err:
        production_output.record_output(admin, o.id, [OutputEntry(TODAY, e1, vid, 0)], today=TODAY)
    assert err.value.field == "pieces"
    with pytest.raises(ValidationError):
        production_output.record_output(admin, o.id, [OutputEntry(TODAY, e1, workshop["v"]["BAG-RED"].id, 1)],
                                        today=TODAY)
    with pytest.raises(PermissionDenied):
        production_output.record_output(make_user("dara", "social_team"), o.id,
                                        [OutputEntry(TODAY, e1, vid, 1)], today=TODAY)
    assert Output.select().count() == 0 and PieceOutput.select().count() == 0


# ------------------------------------------------------------------ any input (properties)
from hypothesis import given  # noqa: E402

from tests.fixtures.inputs import LANGUAGES, TYPED, in_language, refused_cleanly, typed_whole  # noqa: E402


@pytest.fixture
def running(admin, workshop):
    o, vid = order_of(admin, workshop, qty=100_000)
    production_states.confirm(admin, o.id)
    e1 = workshop["workers"]["E001"].id
    production_output.record_output(admin, o.id, [OutputEntry(TODAY, e1, vid, 10_000)], today=TODAY,
                                    shortage_reason="fabric comes on Monday")
    return o, vid, e1


@given(day=TYPED, pieces=TYPED, over=TYPED, short=TYPED, lang=LANGUAGES)
def test_any_output_typed(admin, running, day, pieces, over, short, lang):
    with in_language(lang):
        o, vid, e1 = running
        refused_cleanly(lambda: production_output.record_output(
            admin, o.id, [{"day": day, "worker_id": e1, "variant_id": vid, "pieces": pieces}], over_reason=over,
            shortage_reason=short, today=TODAY),
            "day", "pieces", "reason for more pieces", "reason for missing material")


@given(qty=TYPED, day=TYPED, note=TYPED, reason=TYPED, lang=LANGUAGES)
def test_any_delivery_or_correction_typed(admin, running, qty, day, note, reason, lang):
    with in_language(lang):
        o, vid, e1 = running
        line = production.get_order(admin, o.id).lines[0].id
        refused_cleanly(lambda: production_output.deliver(admin, o.id, {line: qty}, day=day, note=note, today=TODAY),
                        "quantity", "day", "note")
        first = production_output.order_output(admin, o.id)[0].id
        refused_cleanly(lambda: production_output.correct_output(admin, first, reason), "reason")


@given(typed=typed_whole(1, 20), lang=LANGUAGES)
def test_typed_pieces_read_back_as_meant(admin, running, typed, lang):
    with in_language(lang):
        o, vid, e1 = running
        n, text = typed
        made = production.get_order(admin, o.id).made
        [oid] = production_output.record_output(
            admin, o.id, [{"day": TODAY.isoformat(), "worker_id": e1, "variant_id": vid, "pieces": text}],
            today=TODAY, shortage_reason="fabric comes on Monday")
        assert Output.get_by_id(oid).pieces == n and production.get_order(admin, o.id).made == made + n

"""Order transitions, corrections, quantities and the demo part of the production area."""

import datetime as dt

import pytest
from tests.fixtures.production import workshop  # noqa: F401

from pse_desktop.db.payroll import PieceOutput
from pse_desktop.services.production import (
    materials, orders as production, output as production_output, states as production_states,
)
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError
from pse_desktop.services.production.materials import format_qty, needed_milli, parse_qty
from pse_desktop.services.production.output import OutputEntry

TODAY = dt.date(2026, 3, 9)


def test_quantities_are_exact_thousandths():
    assert parse_qty("q", "12.5") == 12500 and parse_qty("q", "0,75") == 750
    assert parse_qty("q", "-3", allow_negative=True) == -3000
    for bad in ("1.2345", "abc", 1.5, "-1"):
        with pytest.raises(ValidationError):
            parse_qty("q", bad)
    assert format_qty(6490, "m") == "6.49 m" and format_qty(-1000, "m") == "-1 m"
    # 0.9 m a piece, 2 pieces, 10% waste: 1.98 m; 0.333 m x 1 x 1.05 = 0.34965 -> 0.350 (up)
    assert needed_milli(900, 10, 2) == 1980 and needed_milli(333, 5, 1) == 350


def order_of(admin, workshop, qty=5):
    v = workshop["v"]
    o = production.create_order(admin, kind="handicraft", customer_kind="outside",
                                customer="Friends of PSE", due=TODAY, lines=[(v["SKIRT-8"].id, qty)])
    return o, v["SKIRT-8"].id


def test_transitions_follow_the_rules(admin, workshop):
    o, vid = order_of(admin, workshop)
    e1 = workshop["workers"]["E001"].id
    with pytest.raises(ConflictError):
        production_states.start(admin, o.id)
    with pytest.raises(ConflictError):
        production_states.close_short(admin, o.id, "x")
    production_states.confirm(admin, o.id)
    with pytest.raises(ConflictError):
        production_states.confirm(admin, o.id)
    with pytest.raises(ConflictError):
        production.set_lines(admin, o.id, [(vid, 9)])
    production_states.reopen(admin, o.id)
    assert production.set_lines(admin, o.id, [(vid, 4)]).quantity == 4
    production_states.confirm(admin, o.id)
    production_output.record_output(admin, o.id, [OutputEntry(TODAY, e1, vid, 2)], today=TODAY)
    assert production.get_order(admin, o.id).state == "in_progress"
    with pytest.raises(ConflictError):
        production_states.cancel(admin, o.id, "changed our mind")
    with pytest.raises(ConflictError):
        production_states.reopen(admin, o.id)
    with pytest.raises(ValidationError):
        production_states.close_short(admin, o.id, "")
    assert production_states.close_short(admin, o.id, "fabric discontinued") == "done"
    line = production.get_order(admin, o.id).lines[0]
    assert production_output.deliver(admin, o.id, {line.id: 2}, today=TODAY).state_after == "delivered"
    with pytest.raises(ConflictError):
        production_output.record_output(admin, o.id, [OutputEntry(TODAY, e1, vid, 1)], today=TODAY)


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


def test_only_the_workshop_manager_and_admins(admin, workshop, make_user):
    shopper = make_user("srey", "shop_staff", shops=["PP1"])
    manager = make_user("vanna", "workshop_manager")
    with pytest.raises(PermissionDenied):
        order_of(shopper, workshop)
    o, _vid = order_of(manager, workshop)
    assert production.get_order(manager, o.id).no == "PO-00001"


def test_demo_part(admin):
    from pse_desktop.services.core import demo as demo_core
    from pse_desktop.services.production import demo as production_demo

    today = dt.date(2026, 3, 9)
    demo_core.add_demo(admin, lambda m, f: None, today)
    summary = production_demo.add_demo(admin, lambda m, f: None, today)
    assert "production orders" in summary
    assert materials.ledger_mismatches() == []
    assert all(m.stock_milli >= 0 for m in materials.list_materials(active_only=False))
    states = {o.state for o in production.board(admin, states=production.STATES)}
    assert {"delivered", "in_progress", "confirmed", "draft"} <= states
    from pse_desktop.services.shop import stock

    assert stock.ledger_mismatches() == []

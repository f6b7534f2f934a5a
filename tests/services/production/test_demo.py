"""The production area's demo part: materials, orders in every state, output and deliveries whose
ledgers agree; into an empty database only."""

import datetime as dt

import pytest

from pse_desktop.services.common.errors import ConflictError
from pse_desktop.services.production import materials, orders as production
from tests.fixtures.production import workshop  # noqa: F401


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


def test_refuses_a_workshop_with_orders(admin, workshop):
    from pse_desktop.services.production import demo as production_demo

    production.create_order(admin, kind="handicraft", customer_kind="outside", customer="Friends",
                            due=dt.date(2026, 3, 31), lines=[(workshop["v"]["BAG-RED"].id, 1)])
    with pytest.raises(ConflictError):
        production_demo.add_demo(admin, lambda m, f: None, dt.date(2026, 3, 9))
    assert len(production.board(admin, states=production.STATES)) == 1

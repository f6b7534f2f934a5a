"""The shop's demo part: a catalogue, two years of sales and events whose stock agrees with the ledger."""

import datetime as dt

import pytest

from pse_desktop.db.shop import Sale, ShopEvent
from pse_desktop.services.common.errors import ConflictError
from pse_desktop.services.core import places
from pse_desktop.services.shop import catalog, demo, stock


def test_fills_a_catalogue_sales_and_events_then_refuses_a_second_run(admin):
    places.save_shop(admin, None, "PP1", "PSE Shop Phnom Penh", "Phnom Penh")
    places.save_shop(admin, None, "FR1", "Events in France", "Paris", "FR")
    seen = []
    line = demo.add_demo(admin, lambda m, f: seen.append(f), dt.date(2026, 3, 1))
    assert line.startswith(f"{len(demo.PRODUCTS)} products")
    assert len(catalog.list_products()) == len(demo.PRODUCTS)
    assert Sale.select().where(Sale.day <= dt.date(2026, 3, 1)).count() == Sale.select().count() > 100
    assert Sale.select().where(Sale.day < dt.date(2024, 3, 1)).count() == 0
    assert ShopEvent.select().count() == 2
    assert stock.ledger_mismatches() == []
    assert seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(ConflictError):
        demo.add_demo(admin, lambda m, f: None, dt.date(2026, 3, 1))

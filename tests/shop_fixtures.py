"""Shared set-up for the shop tests: two shops, a few products, their locations."""

from __future__ import annotations

import pytest

from pse_desktop.services.shop import catalog, locations as shop
from pse_desktop.services.core import places
from pse_desktop.services.shop.sales import Rates

RATES = Rates(4000, 900)


@pytest.fixture
def shop_setup(admin):
    """Shops PP1, PP2 and FR1, their locations, and three products priced in dollars."""
    settings_rates(admin)
    pp1 = places.save_shop(admin, None, "PP1", "PSE Shop Phnom Penh", "Phnom Penh")
    pp2 = places.save_shop(admin, None, "PP2", "PSE Shop Riverside", "Phnom Penh")
    fr1 = places.save_shop(admin, None, "FR1", "Events in France", "Paris", "FR")
    shop.ensure_locations(admin)
    locs = {loc.code: loc for loc in shop.list_locations()}
    bag = catalog.save_product(admin, None, "BAG", "Tote bag", "Bags", "handicraft",
                               name_fr="Sac cabas", name_km="កាបូប")
    scarf = catalog.save_product(admin, None, "SCF", "Krama scarf", "Scarves", "handicraft",
                                 name_fr="Écharpe krama")
    v = {
        "bag": catalog.save_variant(admin, None, bag.id, "BAG-RED", "12.50", colour="red",
                                    barcode="2000000000011", price_eur="12.00", cost="4.00",
                                    low_stock=2),
        "bag_blue": catalog.save_variant(admin, None, bag.id, "BAG-BLU", "12.50", colour="blue",
                                         barcode="2000000000028", cost="4.00"),
        "scarf": catalog.save_variant(admin, None, scarf.id, "SCF-M", "7.25", size="M",
                                      barcode="2000000000035", cost="2.10"),
    }
    return {"shops": {"PP1": pp1, "PP2": pp2, "FR1": fr1}, "locs": locs, "v": v}


def settings_rates(admin):
    from pse_desktop.services.core import settings

    settings.set_values(admin, {"khr_per_usd": RATES.khr_per_usd,
                                "eur_per_usd_milli": RATES.eur_per_usd_milli})

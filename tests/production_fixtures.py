"""Shared set-up for the production tests: a centre with children and sizes, two seamstresses,
uniform items in sizes, a handicraft, materials with bills of materials, a shop location."""

from __future__ import annotations

import datetime as dt

import pytest

from pse_desktop.services.shop import catalog, locations as shop
from pse_desktop.services.centres import children, families
from pse_desktop.services.production import materials
from pse_desktop.services.core import places
from pse_desktop.services.payroll import workers

KIDS = [  # code, Khmer, Latin, sex, size
    ("STM-001", "សុខ ស្រីនាង", "Sok Sreyneang", "F", "6"),
    ("STM-002", "ចាន់ ដារ៉ា", "Chan Dara", "M", "6"),
    ("STM-003", "កែវ សុភា", "Keo Sophea", "F", "8"),
    ("STM-004", "ហេង វិចិត្រ", "Heng Vichet", "M", "8"),
    ("STM-005", "ម៉ៅ ស្រីពៅ", "Mao Sreypov", "F", "8"),
    ("STM-006", "លី បញ្ញា", "Ly Panha", "M", "10"),
]


@pytest.fixture
def workshop(admin):
    centre = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    other = places.save_centre(admin, None, "TKM", "Takhmao", "Phnom Penh")
    fam = families.save_family(admin, None, "F00001", village="Stung Meanchey")
    for i, (code, km, latin, sex, size) in enumerate(KIDS):
        children.save_child(admin, None, {
            "code": code, "name_km": km, "name_latin": latin, "sex": sex,
            "birth_date": dt.date(2015, 1, 1 + i), "programme": "after_school", "session": "morning",
            "clothing_size": size, "enrolled_on": dt.date(2024, 9, 1), "family_id": fam.id,
            "centre_id": centre.id})
    # a child of another centre, and one who left: neither is counted for STM
    children.save_child(admin, None, {
        "code": "TKM-001", "name_latin": "Other Centre", "sex": "F", "birth_date": dt.date(2015, 2, 1),
        "programme": "after_school", "session": "morning", "clothing_size": "6",
        "enrolled_on": dt.date(2024, 9, 1), "family_id": fam.id, "centre_id": other.id})
    children.save_child(admin, None, {
        "code": "STM-099", "name_latin": "Gone Away", "sex": "M", "birth_date": dt.date(2015, 3, 1),
        "programme": "after_school", "session": "morning", "clothing_size": "6",
        "enrolled_on": dt.date(2024, 9, 1), "exit_on": dt.date(2025, 6, 30), "exit_reason": "moved",
        "family_id": fam.id, "centre_id": centre.id})
    ws = {}
    for code, latin, km in (("E001", "Chea Sokha", "ជា សុខា"), ("E002", "Lim Bopha", "លឹម បុប្ផា")):
        ws[code] = workers.save_worker(admin, None, {
            "code": code, "kind": "employee", "job": "seamstress", "name_latin": latin,
            "name_khmer": km, "sex": "F", "hire_date": dt.date(2020, 1, 6)})
    shirt = catalog.save_product(admin, None, "SHIRT", "School shirt", "Uniforms", "uniform")
    skirt = catalog.save_product(admin, None, "SKIRT", "School skirt", "Uniforms", "uniform")
    v = {}
    for size in ("6", "8", "10"):
        v[f"SHIRT-{size}"] = catalog.save_variant(admin, None, shirt.id, f"SHIRT-{size}", "0",
                                                  size=size, colour="white")
        v[f"SKIRT-{size}"] = catalog.save_variant(admin, None, skirt.id, f"SKIRT-{size}", "0",
                                                  size=size, colour="navy")
    bag = catalog.save_product(admin, None, "BAG", "Tote bag", "Bags", "handicraft")
    v["BAG-RED"] = catalog.save_variant(admin, None, bag.id, "BAG-RED", "12.50", colour="red")
    m = {
        "white": materials.save_material(admin, None, "FAB-WHITE", "Cotton poplin", "fabric", "m",
                                         colour="white", unit_cost="1.80", min_stock="10"),
        "navy": materials.save_material(admin, None, "FAB-NAVY", "Cotton twill", "fabric", "m",
                                        colour="navy", unit_cost="2.10"),
        "button": materials.save_material(admin, None, "BTN-12", "Button 12 mm", "button", "piece",
                                          colour="white"),
        "krama": materials.save_material(admin, None, "FAB-KRAMA", "Krama check", "fabric", "m",
                                         colour="red"),
    }
    for size, metres in (("6", "0.9"), ("8", "1"), ("10", "1.1")):
        materials.set_bom_line(admin, v[f"SHIRT-{size}"].id, m["white"].id, metres, 10)
        materials.set_bom_line(admin, v[f"SHIRT-{size}"].id, m["button"].id, "6", 0)
        materials.set_bom_line(admin, v[f"SKIRT-{size}"].id, m["navy"].id, "0.75", 10)
        materials.set_sewing_rate(admin, v[f"SHIRT-{size}"].id, "0.40")
        materials.set_sewing_rate(admin, v[f"SKIRT-{size}"].id, "0.30")
    materials.set_bom_line(admin, v["BAG-RED"].id, m["krama"].id, "0.5", 0)
    materials.receive(admin, m["button"].id, "500")
    materials.receive(admin, m["navy"].id, "20")
    places.save_shop(admin, None, "PP1", "PSE Shop Phnom Penh", "Phnom Penh")
    shop.ensure_locations(admin)
    locs = {loc.code: loc for loc in shop.list_locations()}
    return {"centre": centre, "workers": ws, "v": v, "m": m, "locs": locs}

"""Demo part of the foundation: the 7 centres, shops and one user of each role."""

from __future__ import annotations

from ...db.core import Centre
from . import places, users
from ..common.demo import refuse_if_filled
from .permissions import require

DEMO_PASSWORD = "demo-pass"

CENTRES = [
    ("STM", "Stung Meanchey", "Phnom Penh"),
    ("CBA", "Chbar Ampov", "Phnom Penh"),
    ("TKM", "Tuol Kork", "Phnom Penh"),
    ("MCH", "Meanchey", "Phnom Penh"),
    ("DGK", "Dangkao", "Phnom Penh"),
    ("SNS", "Sen Sok", "Phnom Penh"),
    ("SHV", "Sihanoukville", "Sihanoukville"),
]

SHOPS = [
    ("PP1", "PSE Shop Phnom Penh", "Phnom Penh", "KH"),
    ("PP2", "PSE Shop Riverside", "Phnom Penh", "KH"),
    ("FR1", "Events in France", "Paris", "FR"),
]

USERS = [
    ("sophea", "Sok Sophea", "centre_staff", ["STM", "CBA"], []),
    ("dara", "Chan Dara", "social_team", [], []),
    ("sokha", "Keo Sokha", "social_team", [], []),
    ("chenda", "Ly Chenda", "social_lead", [], []),
    ("srey", "Kim Srey", "workshop_manager", [], []),
    ("vanna", "Heng Vanna", "shop_staff", [], ["PP1", "PP2", "FR1"]),
]


def add_demo(actor, progress, today) -> str:
    require(actor, "admin.demo")
    refuse_if_filled(Centre, "centres")
    for code, name, area in CENTRES:
        places.save_centre(actor, None, code, name, area)
    progress("Centres", 0.4)
    for code, name, place, country in SHOPS:
        places.save_shop(actor, None, code, name, place, country)
    progress("Shops", 0.7)
    for username, full_name, role, centres, shops in USERS:
        users.create_user(actor, username, full_name, role, DEMO_PASSWORD, centres, shops)
    progress("Users", 1.0)
    return (f"{len(CENTRES)} centres, {len(SHOPS)} shops, {len(USERS)} users "
            f"({', '.join(u[0] for u in USERS)}; password {DEMO_PASSWORD!r})")

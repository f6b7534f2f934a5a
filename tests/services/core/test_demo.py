"""The foundation's demo part: 7 centres, 3 shops, one user per role, into an empty database only."""

import datetime as dt

import pytest

from pse_desktop.services.common.errors import ConflictError
from pse_desktop.services.core import auth, demo, places, users


def test_adds_centres_shops_and_users_who_can_log_in(admin):
    seen = []
    line = demo.add_demo(admin, lambda m, f: seen.append(f), dt.date(2026, 3, 1))
    assert line.startswith("7 centres, 3 shops, 6 users")
    assert [c.code for c in places.list_centres()] == sorted(c[0] for c in demo.CENTRES)
    assert {s.code: s.country for s in places.list_shops()} == {"FR1": "FR", "PP1": "KH", "PP2": "KH"}
    assert seen == [0.4, 0.7, 1.0]
    sophea = auth.authenticate("sophea", demo.DEMO_PASSWORD)
    assert sophea.role == "centre_staff" and len(sophea.centre_ids) == 2
    roles = {u.username: u.role for u in users.list_users(admin)}
    assert roles == {"admin": "admin", "sophea": "centre_staff", "dara": "social_team",
                     "sokha": "social_team", "chenda": "social_lead",
                     "srey": "workshop_manager", "vanna": "shop_staff"}


def test_refuses_a_database_that_has_centres(admin):
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    with pytest.raises(ConflictError):
        demo.add_demo(admin, lambda m, f: None, dt.date(2026, 3, 1))
    assert len(places.list_centres()) == 1

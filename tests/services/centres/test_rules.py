"""The centres' fixed lists and small rules: months, ages, centre scope, codes; declared rights."""

import datetime as dt

import pytest

from pse_desktop.services.centres import rules
from pse_desktop.services.common.errors import NotFound, ValidationError
from pse_desktop.services.core import places, settings
from pse_desktop.services.core.permissions import GRANTS, Actor


def test_month_bounds_from_text_or_a_date():
    assert rules.month_bounds("2026-02") == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert rules.month_bounds("2028-02") == (dt.date(2028, 2, 1), dt.date(2028, 2, 29))
    assert rules.month_bounds(dt.date(2026, 12, 25)) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    for bad in ("2026/03", "March", "2026-13"):
        with pytest.raises(ValidationError) as err:
            rules.month_bounds(bad)
        assert err.value.field == "month"


def test_age_on_counts_birthdays():
    birth = dt.date(2020, 3, 15)
    assert rules.age_on(birth, dt.date(2026, 3, 14)) == 5
    assert rules.age_on(birth, dt.date(2026, 3, 15)) == 6


def test_centre_scope_and_lookup_by_code(admin, make_user):
    stm = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    cba = places.save_centre(admin, None, "CBA", "Chbar Ampov", "Phnom Penh")
    staff = make_user("s", "centre_staff", centres=["CBA", "STM"])  # read from the database
    assert rules.centre_ids_for(staff) == sorted([stm.id, cba.id])
    assert rules.centre_ids_for(make_user("d", "social_team")) is None
    assert rules.centre_ids_for(Actor(id=999, username="gone", role="centre_staff")) == []
    assert rules.centre_by_code(" stm ").id == stm.id
    with pytest.raises(NotFound):
        rules.centre_by_code("XXX")


def test_the_area_declares_its_rights_and_settings(target):
    assert "attendance.mark" in GRANTS["centre_staff"]
    assert "attendance.mark" not in GRANTS["social_team"]
    assert "children.import" not in GRANTS["centre_staff"]
    assert settings.get("absence_streak_days") == 3
    assert settings.get("school_days_per_week") == 5
    assert set(rules.MARKS) == set(rules.MARK_COLUMNS)

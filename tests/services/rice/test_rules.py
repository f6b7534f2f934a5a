"""Tests for pse_desktop.services.rice.rules: months, kilograms typed as people type them, the
entitlement rule as dated data, who may do what."""

import datetime as dt

import pytest

from pse_desktop.services.common.errors import PermissionDenied, ValidationError
from pse_desktop.services.core.permissions import can
from pse_desktop.services.rice import rules
from tests.fixtures.social import social  # noqa: F401


def test_months_and_kilograms():
    assert rules.month_of("2026-3") == dt.date(2026, 3, 1)
    assert rules.month_of(dt.date(2026, 3, 17)) == dt.date(2026, 3, 1)
    for bad in ("2026-13", "March", "1800-01", ""):
        with pytest.raises(ValidationError):
            rules.month_of(bad)
    assert [rules.kg_to_g("kg", v) for v in ("12", "12.5", "12,5", " 7 ", 3)] == [
        12_000, 12_500, 12_500, 7_000, 3_000]
    for bad in ("-1", "1e3", "1" * 20, "12.5.1", 2.5, True):
        with pytest.raises(ValidationError):
            rules.kg_to_g("kg", bad)
    assert (rules.kg(12_500), rules.kg(30_000), rules.kg(-1_500)) == ("12.5 kg", "30 kg",
                                                                      "-1.5 kg")
    assert rules.month_end(dt.date(2028, 2, 1)) == dt.date(2028, 2, 29)


def test_the_rule_gives_base_plus_children_up_to_a_maximum(social):
    rule = rules.rule_for(dt.date(2026, 10, 1))
    assert [rule.due(n) for n in (0, 1, 3, 4, 9)] == [10_000, 15_000, 25_000, 30_000, 30_000]
    today = dt.date(2026, 11, 30)
    with pytest.raises(ValidationError, match="after this one"):
        rules.save_rule(social["worker"], "2026-11", "12", "5", "40", today=today)
    rules.save_rule(social["worker"], "2027-01", "12", "5", "40", "more rice", today=today)
    assert rules.rule_for(dt.date(2027, 3, 1)).due(3) == 27_000
    assert rules.rule_for(dt.date(2026, 12, 1)).due(3) == 25_000
    with pytest.raises(PermissionDenied):
        rules.save_rule(social["stm_staff"], "2027-02", "1", "1", "2", today=today)


def test_nobody_but_the_social_team_and_centre_staff_sees_rice(social):
    for who, expected in (("worker", True), ("lead", True), ("stm_staff", True),
                          ("workshop", False), ("shop", False)):
        assert can(social[who], "rice.view") is expected
    assert not can(social["stm_staff"], "rice.designate")
    assert can(social["stm_staff"], "rice.distribute")


def test_a_comma_before_three_digits_reads_two_ways_and_is_refused():
    assert rules.kg_to_g("kilograms", "12,5") == 12_500
    assert rules.kg_to_g("kilograms", "1 200", max_kg=10_000) == 1_200_000
    with pytest.raises(ValidationError, match="kilograms.*reads two ways: write 1200 or 1.2 kg"):
        rules.kg_to_g("kilograms", "1,200", max_kg=10_000)


# ------------------------------------------------------------------ any input (properties)
from hypothesis import given  # noqa: E402

from tests.fixtures.inputs import HOSTILE, refused_cleanly  # noqa: E402


@given(month=HOSTILE, base=HOSTILE, per_child=HOSTILE, maximum=HOSTILE, note=HOSTILE)
def test_any_rule(social, month, base, per_child, maximum, note):
    refused_cleanly(lambda: rules.save_rule(social["worker"], month, base, per_child, maximum, note,
                                            today=dt.date(2026, 11, 30)),
                    "from month", "base", "per child", "maximum", "note")

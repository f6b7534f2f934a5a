"""Tests for pse_desktop.services.social.priority: the rule as data, levels and reasons."""

import datetime as dt

import pytest

from pse_desktop.db.social import DEFAULT_RULE
from pse_desktop.services.common.errors import NotFound, PermissionDenied, ValidationError
from pse_desktop.services.social import priority, survey
from pse_desktop.services.social.priority import Facts, compute_priority
from tests.fixtures.social import TODAY, full_survey, social  # noqa: F401


def test_income_debt_housing_and_idpoor_add_up_to_a_level_with_reasons():
    facts = Facts(household_size=3, income_khr=660_000, repayments_khr=350_000, tenure="rented",
                  flood_risk=True, toilet=False, idpoor_level=2)
    result = compute_priority(facts, DEFAULT_RULE)
    # 660,000 / (30 x 3) = KHR 7,333 a day = 66% of 10,951 -> 25; debts 53% of income -> 20;
    # rented 5 + flood 5 + no toilet 5; IDPoor 2 -> 10
    assert result.score == 70
    assert result.level == "high"
    codes = [r.code for r in result.reasons]
    assert codes[0] == "income" and "66% of the poverty line" in result.reasons[0].text
    assert {"debt", "rented", "flood_risk", "no_toilet", "idpoor"} <= set(codes)


def test_any_urgent_situation_puts_the_family_at_the_top():
    well_off = Facts(household_size=2, income_khr=9_000_000)
    assert compute_priority(well_off, DEFAULT_RULE).level == "low"
    for flag in ("no_parent_at_home", "violence", "out_of_school"):
        result = compute_priority(Facts(household_size=2, income_khr=9_000_000, **{flag: True}),
                                  DEFAULT_RULE)
        assert result.level == "urgent"
        assert result.reasons[0].points == 0 and result.reasons[0].code != "income"


def test_debt_without_income_and_an_empty_household_are_explained():
    result = compute_priority(Facts(household_size=0, repayments_khr=100_000), DEFAULT_RULE)
    codes = {r.code: r for r in result.reasons}
    assert "no_household" in codes
    assert codes["debt"].points == 20 and "with no income" in codes["debt"].text


def test_the_poverty_line_of_the_rule_in_force_is_used(social):
    admin_like = social["lead"]
    rule = dict(DEFAULT_RULE, poverty_line_khr_per_person_day=5000)
    with pytest.raises(ValidationError, match="already in force"):
        priority.save_rule(admin_like, dt.date(2020, 1, 1), rule, today=TODAY)
    priority.save_rule(admin_like, TODAY, rule, "2026 line", today=TODAY)
    assert priority.rule_in_force(TODAY)["poverty_line_khr_per_person_day"] == 5000
    assert priority.rule_in_force(TODAY - dt.timedelta(days=1))[
        "poverty_line_khr_per_person_day"] == 10951
    with pytest.raises(PermissionDenied):
        priority.save_rule(social["worker"], TODAY.replace(year=2027), rule, today=TODAY)
    with pytest.raises(ValidationError, match="poverty line"):
        priority.save_rule(admin_like, TODAY.replace(year=2027),
                           dict(rule, poverty_line_khr_per_person_day="lots"), today=TODAY)


def test_a_survey_save_computes_the_priority_and_the_team_may_override_it(social):
    fam = social["families"][0]
    worker = social["worker"]
    with pytest.raises(NotFound):
        priority.override(worker, fam.id, "urgent", "fire last night")
    survey.save_survey(worker, fam.id, full_survey(), today=TODAY)
    info = priority.get_priority(worker, fam.id)
    assert (info.level, info.score) == ("high", 70)
    with pytest.raises(ValidationError, match="reason"):
        priority.override(worker, fam.id, "urgent", "  ")
    info = priority.override(worker, fam.id, "urgent", "house burnt down last night")
    assert (info.level, info.computed_level, info.override_reason) == (
        "urgent", "high", "house burnt down last night")
    info = priority.override(worker, fam.id, "", "family rehoused")
    assert info.level == "high" and info.override_level == ""
    for who in ("stm_staff", "workshop", "shop"):
        with pytest.raises(PermissionDenied):
            priority.override(social[who], fam.id, "low", "x")
        with pytest.raises(PermissionDenied):
            priority.get_priority(social[who], fam.id)


def test_an_expired_equity_card_counts_for_nothing(social):
    fam = social["families"][0]
    values = full_survey(idpoor={"idpoor_number": "EC-1", "idpoor_level": 1,
                                 "idpoor_valid_until": TODAY - dt.timedelta(days=1)})
    survey.save_survey(social["worker"], fam.id, values, today=TODAY)
    reasons = {r.code for r in priority.get_priority(social["worker"], fam.id).reasons}
    assert "idpoor" not in reasons


def test_a_rule_typed_in_a_form_is_cleaned_to_numbers(social):
    rule = dict(DEFAULT_RULE, poverty_line_khr_per_person_day="12000",
                levels=[["medium", "30"], ["high", "70"]])
    saved = priority.save_rule(social["lead"], TODAY.replace(year=2027), rule, today=TODAY)
    assert saved.rule["levels"] == [["high", 70], ["medium", 30]]
    assert saved.rule["poverty_line_khr_per_person_day"] == 12000
    with pytest.raises(ValidationError, match="high"):
        priority.save_rule(social["lead"], TODAY.replace(year=2028),
                           dict(rule, levels=[["high", 10], ["high", 20]]), today=TODAY)


def test_reasons_are_stored_in_english_and_read_in_the_readers_language():
    from pse_desktop import i18n

    facts = Facts(household_size=3, income_khr=660_000, tenure="squatting", roof="thatch",
                  chronic_illness=1, no_parent_at_home=True)
    result = compute_priority(facts, DEFAULT_RULE)
    stored = priority.reasons_from_json(priority.reasons_json(result.reasons))
    assert [r.text for r in stored] == [r.text for r in result.reasons]
    assert stored == result.reasons and hash(result)  # plain values, as before
    by_code = {r.code: r for r in stored}
    assert by_code["poor_roof"].text == by_code["poor_roof"].label == "Roof of thatch"
    i18n.set_language("fr")
    try:
        assert by_code["no_parent"].label == "Aucun parent à la maison"
        assert by_code["poor_roof"].label == "Toit en chaume"
        assert by_code["income"].label.startswith("Revenu de KHR 7,333 par personne et par jour")
        assert by_code["income"].text.startswith("Income KHR 7,333 per person per day")
        # a reason stored before its text was translated is shown in English
        assert priority.Reason("x", 0, "Something else").label == "Something else"
    finally:
        i18n.set_language("en")

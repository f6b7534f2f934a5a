"""The rates screen's fields: dollars, riel and percents in the user's language, read back exactly."""

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, strategies as st

from pse_desktop import i18n
from pse_desktop.services.common.errors import ValidationError
from pse_desktop.services.common.numbers import NeedsConfirmation
from pse_desktop.services.payroll import months as payroll
from pse_desktop.services.payroll import rate_fields
from pse_desktop.services.payroll.rates import default_rates_2026
from tests.fixtures.inputs import HOSTILE, refused_cleanly
from tests.fixtures.payroll import manager  # noqa: F401

D = dt.date


@pytest.fixture
def language():
    yield i18n.set_language
    i18n.set_language("en")


@pytest.mark.parametrize("lang, name, text, stored", [
    ("en", "minimum_wage_cents", "210", 21_000),
    ("en", "minimum_wage_cents", "$212.50", 21_250),
    ("fr", "minimum_wage_cents", "212,50", 21_250),
    ("km", "minimum_wage_cents", "២១០", 21_000),
    ("en", "overtime_normal_bp", "150", 15_000),
    ("en", "nssf_health_employer_bp", "2.6", 260),
    ("fr", "nssf_health_employer_bp", "2,6 %", 260),
    ("en", "nssf_risk_employer_bp", "0.8%", 80),
    ("en", "nssf_base_max_khr", "1,200,000", 1_200_000),
    ("fr", "nssf_base_max_khr", "1 200 000", 1_200_000),
    ("en", "standard_days_per_month", "26", 26),
    ("en", "attendance_bonus_cents", 1_000, 1_000),  # an int from a program is already cents
])
def test_fields_are_read_in_the_users_language(language, lang, name, text, stored):
    language(lang)
    assert rate_fields.parse_rate(name, text) == stored


@pytest.mark.parametrize("lang, name, text, says", [
    ("en", "minimum_wage_cents", "abc", "must be an amount"),
    ("fr", "minimum_wage_cents", "1,200", "1 200,00"),          # reads two ways: both are shown
    ("en", "minimum_wage_cents", "99999999", "more than the limit"),
    ("en", "nssf_health_employer_bp", "2.6555", "too many decimals"),
    ("en", "nssf_health_employer_bp", "120", "at most 100 %"),
    ("en", "overtime_normal_bp", "-5", "negative"),
    ("en", "nssf_base_min_khr", "400,000.50", "no decimals"),
    ("en", "standard_days_per_month", "26.5", "whole number"),
    ("en", "standard_days_per_month", "40", "from 1 to 31"),
    ("en", "dependant_allowance_khr", 1.5, "must be an amount"),
])
def test_bad_fields_are_refused_naming_the_field(language, lang, name, text, says):
    language(lang)
    with pytest.raises(ValidationError) as err:
        rate_fields.parse_rate(name, text)
    assert err.value.field == name and says in err.value.message


@pytest.mark.parametrize("lang", ["en", "fr", "km"])
def test_what_the_screen_shows_reads_back_the_same(language, lang):
    language(lang)
    rates = default_rates_2026()
    for name, _label, _unit in rate_fields.EDITABLE_RATES:
        assert rate_fields.parse_rate(name, rate_fields.rate_text(name, getattr(rates, name))) == getattr(rates, name)
    assert rate_fields.parse_brackets(rate_fields.brackets_text(rates.tax_brackets)) == rates.tax_brackets


def test_french_brackets_and_percents(language):
    language("fr")
    assert rate_fields.brackets_text(((1_500_000, 0), (2_000_000, 250), (None, 2_000))) == \
        "1 500 000: 0; 2 000 000: 2,5; *: 20"
    assert rate_fields.percent_text(15_000) == "150" and rate_fields.percent_text(265) == "2,65"
    with pytest.raises(ValidationError, match="tranche 2") as err:
        rate_fields.parse_brackets("1 500 000: 0; 2 000 000 5; *: 20")
    assert err.value.field == "tax_brackets" and "(2 000 000: 5)" in err.value.message


def test_an_unusual_minimum_wage_is_asked_about(manager):
    with pytest.raises(NeedsConfirmation) as err:
        payroll.save_rates(manager, D(2027, 1, 1), {"minimum_wage_cents": "2,150"})
    assert err.value.field == "minimum_wage_cents" and "$2,150.00 a month" in err.value.message
    assert payroll.rates_in_force(D(2027, 3, 1)).minimum_wage_cents == 21_000
    payroll.save_rates(manager, D(2027, 1, 1), {"minimum_wage_cents": "2,150"}, confirm=True)
    assert payroll.rates_in_force(D(2027, 3, 1)).minimum_wage_cents == 215_000
    # the same unusual wage again (another field changed) is not asked about again
    payroll.save_rates(manager, D(2027, 1, 1), {"minimum_wage_cents": "2,150", "transport_cents": "8"})


@given(name=st.sampled_from([n for n, _l, _u in rate_fields.EDITABLE_RATES] + ["tax_brackets", "nope"]),
       value=HOSTILE, confirm=st.booleans())
def test_any_value_in_the_rates(manager, name, value, confirm):
    rates = refused_cleanly(lambda: payroll.save_rates(manager, D(2030, 1, 1), {name: value}, "", confirm),
                            name, "nssf_base_min_khr")
    if rates is not None:
        assert dataclasses.asdict(rates) == dataclasses.asdict(payroll.rates_in_force(D(2030, 1, 1)))

"""The payroll's building blocks (pse_desktop.services.payroll.rates): rounding, currency,
tax brackets, NSSF, the Rates dataclass and its checks, cash notes. Expected figures by hand."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pse_desktop.services.common.errors import ValidationError
from pse_desktop.services.payroll.rates import (
    CashDenominations, Rates, cash_breakdown, check_int, check_quantity, compute_tax_khr,
    default_rates_2025, default_rates_2026, fmt_khr, fmt_number, fmt_pct, fmt_usd,
    khr_to_usd_cents, nssf_contributions, rates_for_month, round_half_up, tax_bracket_parts,
    total_cash, usd_to_khr, validate_brackets,
)

R2026 = default_rates_2026()


def test_tax_brackets_at_the_boundaries():
    assert compute_tax_khr(0) == 0
    assert compute_tax_khr(1_500_000) == 0
    assert compute_tax_khr(1_500_009) == 0           # 5 % x 9 = 0.45 -> 0
    assert compute_tax_khr(1_500_010) == 1           # 5 % x 10 = 0.5 -> 1 (half-up)
    assert compute_tax_khr(2_000_000) == 25_000      # 5 % x 500,000
    assert compute_tax_khr(8_500_000) == 675_000     # 25,000 + 10 % x 6,500,000
    assert compute_tax_khr(12_500_000) == 1_275_000  # 675,000 + 15 % x 4,000,000
    assert compute_tax_khr(13_000_000) == 1_375_000  # 1,275,000 + 20 % x 500,000


def test_currency_conversions_half_up():
    assert usd_to_khr(22900, 4100) == 938_900
    assert usd_to_khr(1, 4050) == 41       # 40.5 -> 41
    assert usd_to_khr(3, 4050) == 122      # 121.5 -> 122
    assert khr_to_usd_cents(18_778, 4100) == 458
    assert khr_to_usd_cents(2_050, 4100) == 50
    assert khr_to_usd_cents(20_500, 4100 * 1000) == 1   # 0.5 c -> 1
    assert round_half_up(Fraction(-5, 2)) == -3 and round_half_up(Fraction(5, 2)) == 3


def test_cash_breakdown():
    # $205.83: 2 x $100 + 1 x $5; 83 c x 4,100 / 100 = 3,403 riel -> 3,400 = 2,000 + 1,000 + 4 x 100
    first = cash_breakdown(20583, 4100)
    assert first == {"usd": {100: 2, 5: 1}, "riel": {2000: 1, 1000: 1, 100: 4},
                     "usd_cents": 20500, "riel_total": 3400}
    # $0.50 x 4,100 = 2,050 riel -> half-up 2,100 = 2,000 + 100
    second = cash_breakdown(8750, 4100)
    assert second == {"usd": {50: 1, 20: 1, 10: 1, 5: 1, 1: 2}, "riel": {2000: 1, 100: 1},
                      "usd_cents": 8700, "riel_total": 2100}
    assert total_cash([first, second]) == {"usd": {100: 2, 50: 1, 20: 1, 10: 1, 5: 2, 1: 2},
                                           "riel": {2000: 2, 1000: 1, 100: 5},
                                           "usd_cents": 29200, "riel_total": 5500}
    # denominations are data: with $2 notes, $4 = 2 x $2
    assert cash_breakdown(400, 4100, CashDenominations(usd_notes=(100, 50, 20, 10, 5, 2, 1)))["usd"] == {2: 2}


@given(st.integers(0, 50_000_000), st.integers(0, 50_000_000))
def test_property_tax_is_monotonic(a, b):
    low, high = sorted((a, b))
    assert compute_tax_khr(low) <= compute_tax_khr(high)


@given(st.integers(0, 50_000_000))
def test_property_tax_matches_the_gdt_quick_formula(taxable):
    """Independent oracle: tax = base x top rate - quick deduction (0, 75,000, 175,000, 600,000, 1,225,000)."""
    for upper, rate, quick in ((1_500_000, 0, 0), (2_000_000, 5, 75_000), (8_500_000, 10, 175_000),
                               (12_500_000, 15, 600_000), (None, 20, 1_225_000)):
        if upper is None or taxable <= upper:
            assert compute_tax_khr(taxable) == round_half_up(Fraction(taxable * rate, 100) - quick)
            break


@given(st.integers(0, 100_000_000), st.integers(101, 10_000))
def test_property_cents_survive_a_round_trip_through_riel(cents, rate):
    assert khr_to_usd_cents(usd_to_khr(cents, rate), rate) == cents


@given(st.integers(0, 1_000_000), st.integers(3_500, 4_500))
def test_property_cash_breakdown_adds_up(cents, rate):
    cash = cash_breakdown(cents, rate)
    assert sum(note * count for note, count in cash["usd"].items()) * 100 == cash["usd_cents"] == cents - cents % 100
    assert sum(note * count for note, count in cash["riel"].items()) == cash["riel_total"]
    assert abs(Fraction(cash["riel_total"]) - Fraction(cents % 100 * rate, 100)) <= 50


def test_nssf_on_the_base_clamped_and_rounded_to_100_riel():
    # $229.00 x 4,100 = 938,900 riel: pension 2 % = 18,778 each side, health 2.6 % = 24,411,
    # risk 0.8 % = 7,511 (half-up)
    c = nssf_contributions(938_900, R2026)
    assert c == {"base_khr": 938_900, "pension_employee_khr": 18_778, "pension_employer_khr": 18_778,
                 "health_care_employer_khr": 24_411, "occupational_risk_employer_khr": 7_511}
    assert nssf_contributions(300_000, R2026)["base_khr"] == 400_000          # the floor
    assert nssf_contributions(5_000_000, R2026)["base_khr"] == 1_200_000      # the ceiling
    assert nssf_contributions(938_949, R2026)["base_khr"] == 938_900          # rounded to 100 riel
    assert nssf_contributions(938_950, R2026)["base_khr"] == 939_000


def test_bracket_parts_and_bracket_checks():
    assert tax_bracket_parts(2_100_000, R2026.tax_brackets)[:3] == [
        (1_500_000, 0), (500_000, 500), (100_000, 1000)]
    for bad in (((2_000_000, 0), (1_500_000, 500), (None, 1000)),  # not increasing
                ((1_500_000, 0), (2_000_000, 500)),                 # no open top bracket
                ((None, 0), (1_500_000, 500)),                      # open bracket not last
                ()):
        with pytest.raises(ValidationError) as err:
            validate_brackets(bad)
        assert err.value.field == "tax_brackets"


def test_rates_in_force_by_month_and_checked_fields():
    r2025 = default_rates_2025()
    assert rates_for_month(date(2025, 12, 1), [r2025, R2026]) is r2025
    assert rates_for_month(date(2026, 7, 1), [r2025, R2026]) is R2026
    with pytest.raises(ValidationError) as err:
        rates_for_month(date(2024, 1, 1), [r2025, R2026])
    assert err.value.field == "rates"
    with pytest.raises(ValidationError) as err:
        Rates(effective_from=date(2026, 1, 1), minimum_wage_cents=-1)
    assert err.value.field == "minimum_wage_cents"


def test_checks_and_formats():
    assert check_quantity(Decimal("7.5"), "hours") == Fraction(15, 2)
    for bad in (7.5, "7.5", -1, Decimal("NaN")):
        with pytest.raises(ValidationError) as err:
            check_quantity(bad, "hours")
        assert err.value.field == "hours"
    assert check_int(3, "days") == 3
    with pytest.raises(ValidationError):
        check_int(True, "days")
    assert (fmt_usd(123456), fmt_usd(-50), fmt_khr(938900), fmt_pct(260)) == (
        "$1,234.56", "-$0.50", "KHR 938,900", "2.6%")
    assert fmt_number(Fraction(1, 3)) == "~0.3333" and fmt_number(Fraction(1234, 8)) == "154.25"

"""Payroll rates as DATA, and the small exact helpers that apply them.

Rates (minimum wage, bonuses, overtime, NSSF, tax on salary, cash notes) plus
rounding, USD/KHR conversion, display formatting, tax brackets, NSSF
contributions and the cash breakdown.  :mod:`payroll_calc` re-exports all the
public names: import from there.

Every figure the payroll formulas use lives in a :class:`Rates` value with the
date it takes effect; the formulas in :mod:`payroll_calc` never hard-code one.
When the law changes (a new minimum wage every January, the NSSF pension rate
rising in October 2027, ...) add a new ``Rates`` with its ``effective_from``
and pick it with :func:`rates_for_month`.

Units: money in integer minor units (USD cents, whole riel); percentages in
basis points (``200`` bp = 2 %); no floats anywhere.

Sources and choices behind the defaults
---------------------------------------
* Garment-sector minimum wage: US$208/month for 2025, US$210 from 1 Jan 2026,
  plus $10 attendance bonus, $7 transport/accommodation allowance and the
  seniority bonus of $2 after one year of service, +$1 per further year, up to
  $11 (10 years and more) -- ``seniority_bonus_table``.
* Standard month = 26 working days x 8 hours = 208 hours.  The Labour Law sets
  8 h/day and 48 h/week (Art. 137); 48 h x 52 weeks / 12 months = 208 h, and
  a six-day week gives 26 working days a month on average (52 x 6 / 12).  This
  is the usual Cambodian divisor for the daily (salary / 26) and hourly
  (salary / 208) rate of a monthly worker.
* Overtime: 150 % of the hourly rate; 200 % at night, on Sundays and on
  public holidays (Labour Law Art. 139 and 146; brief of PSE).
* Seniority payment (Labour Law Art. 89 as amended in 2018, Prakas 443 of
  21 Sept 2018): 15 days of wages a year, paid 7.5 days in June and 7.5 days
  in December.  Tax: MEF circular 002 of 24 March 2020 exempts up to
  KHR 4,000,000 a year -- KHR 2,000,000 is deducted from each of the two
  payments and only the rest is added to the taxable salary
  (``seniority_pay_tax_exempt_khr``).
* NSSF (Sub-decree 32 of 2019 on pensions; Prakas 449 of 2017): pension
  2 % employee + 2 % employer (first 5 years from Oct 2022; the rate rises in
  Oct 2027 -- add a new Rates then), health care 2.6 % employer, occupational
  risk 0.8 % employer, on a contributory wage in riel clamped to
  KHR 400,000 - 1,200,000.  The contributory wage is rounded half-up to the
  nearest 100 riel before clamping (``nssf_base_rounding_khr``; this is the
  practice of NSSF's calculation software as reported by Cambodian payroll
  providers -- we could not find it in a published text, so it is data: set
  it to 1 to use the exact riel amount).  Each contribution is then rounded
  half-up to the whole riel.
* Tax on salary for residents (Law on Taxation Art. 42, amended brackets from
  2021): monthly, in riel, 0 % up to 1,500,000; 5 % to 2,000,000; 10 % to
  8,500,000; 15 % to 12,500,000; 20 % above.  KHR 150,000 allowance per
  dependant (dependent child or non-working spouse).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from math import floor
from typing import Dict, Iterable, List, Optional, Sequence, Tuple, Union

from ..common.errors import ValidationError
from ...i18n import _

Number = Union[int, Decimal, Fraction]

#: Progressive monthly brackets for residents: (upper bound in KHR or None
#: for "no limit", rate in basis points).  Amounts above the previous upper
#: bound and up to this one are taxed at this rate.
DEFAULT_TAX_BRACKETS: Tuple[Tuple[Optional[int], int], ...] = (
    (1_500_000, 0),
    (2_000_000, 500),
    (8_500_000, 1_000),
    (12_500_000, 1_500),
    (None, 2_000),
)

#: Garment-sector seniority bonus: (completed years of service, USD cents
#: per month).  The row with the largest years <= the worker's years applies.
DEFAULT_SENIORITY_BONUS_TABLE: Tuple[Tuple[int, int], ...] = tuple(
    (years, 100 + 100 * years) for years in range(1, 11)
)  # 1 year: $2, 2 years: $3, ..., 10 years and more: $11


# --------------------------------------------------------------------------- arithmetic helpers
def round_half_up(value: Number) -> int:
    """Round to the nearest integer, halves away from zero (2.5 -> 3, -2.5 -> -3)."""
    if isinstance(value, float):
        raise ValidationError("amount", _("floats are not allowed for money"))
    q = Fraction(value)
    half = Fraction(1, 2)
    return floor(q + half) if q >= 0 else -floor(-q + half)


def check_quantity(value, name: str) -> Fraction:
    """A non-negative quantity (days, hours, rate): int, Decimal or Fraction."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, Fraction)) \
            or (isinstance(value, Decimal) and not value.is_finite()):
        raise ValidationError(name, _("must be a number (int or Decimal, not float), got {value!r}").format(value=value))
    if value < 0:
        raise ValidationError(name, _("must not be negative, got {value}").format(value=value))
    return Fraction(value)


def check_int(value, name: str, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(name, _("must be a whole number, got {value!r}").format(value=value))
    if value < minimum:
        raise ValidationError(name, _("must be at least {minimum}, got {value}").format(minimum=minimum, value=value))
    return value


def fmt_number(q: Number, min_places: int = 0, max_places: int = 4) -> str:
    """Exact decimal text with thousands separators ('1,234.5'); '~' if inexact."""
    q = Fraction(q)
    places, prefix = min_places, ""
    while (q * 10 ** places).denominator != 1 and places < max_places:
        places += 1
    scaled = q * 10 ** places
    if scaled.denominator != 1:
        prefix = "~"
    n = round_half_up(scaled)
    sign = "-" if n < 0 else ""
    whole, frac = divmod(abs(n), 10 ** places)
    text = f"{whole:,}" + (f".{frac:0{places}d}" if places else "")
    return f"{prefix}{sign}{text}"


def fmt_usd(cents: Number) -> str:
    """'$1,234.56'; sub-cent rates keep their digits ('$0.125')."""
    text = fmt_number(Fraction(cents) / 100, min_places=2, max_places=4)
    return "-$" + text[1:] if text.startswith("-") else "$" + text


def fmt_khr(riel: int) -> str:
    return f"KHR {riel:,}"


def fmt_pct(bp: int) -> str:
    return fmt_number(Fraction(bp, 100), max_places=2) + "%"


def usd_to_khr(cents: int, khr_per_usd: int) -> int:
    """Cents to whole riel at ``khr_per_usd`` riel per dollar, half-up."""
    check_int(khr_per_usd, "khr_per_usd", minimum=1)
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise ValidationError("cents", _("must be a whole number of cents, got {cents!r}").format(cents=cents))
    return round_half_up(Fraction(cents * khr_per_usd, 100))


def khr_to_usd_cents(khr: int, khr_per_usd: int) -> int:
    """Whole riel to cents at ``khr_per_usd`` riel per dollar, half-up."""
    check_int(khr_per_usd, "khr_per_usd", minimum=1)
    if isinstance(khr, bool) or not isinstance(khr, int):
        raise ValidationError("khr", _("must be a whole number of riel, got {khr!r}").format(khr=khr))
    return round_half_up(Fraction(khr * 100, khr_per_usd))


def seniority_bonus_cents(years_of_service: int, rates: Rates) -> int:
    """Monthly seniority bonus from the table (0 before the first row)."""
    check_int(years_of_service, "years_of_service")
    amount = 0
    for years, cents in rates.seniority_bonus_table:
        if years_of_service >= years:
            amount = cents
    return amount


def tax_bracket_parts(taxable_khr: int, brackets) -> List[Tuple[int, int]]:
    """(portion of the base, rate bp) for each bracket the base reaches."""
    parts, lower = [], 0
    for upper, rate_bp in validate_brackets(brackets):
        if taxable_khr <= lower:
            break
        top = taxable_khr if upper is None else min(taxable_khr, upper)
        parts.append((top - lower, rate_bp))
        if upper is None:
            break
        lower = upper
    return parts


def compute_tax_khr(taxable_khr: int, brackets=DEFAULT_TAX_BRACKETS) -> int:
    """Progressive monthly tax on salary in riel, rounded half-up to the riel."""
    check_int(taxable_khr, "taxable_khr")
    parts = tax_bracket_parts(taxable_khr, brackets)
    return round_half_up(sum((Fraction(p * bp, 10_000) for p, bp in parts), Fraction(0)))


def nssf_contributions(gross_khr: int, rates: Rates) -> Dict[str, int]:
    """NSSF contributions in riel for a monthly gross in riel.

    Keys: base_khr, pension_employee_khr, pension_employer_khr,
    health_care_employer_khr, occupational_risk_employer_khr.
    """
    check_int(gross_khr, "gross_khr")
    step = rates.nssf_base_rounding_khr
    base = round_half_up(Fraction(gross_khr, step)) * step
    base = min(max(base, rates.nssf_base_min_khr), rates.nssf_base_max_khr)

    def part(bp: int) -> int:
        return round_half_up(Fraction(base * bp, 10_000))

    return {
        "base_khr": base,
        "pension_employee_khr": part(rates.nssf_pension_employee_bp),
        "pension_employer_khr": part(rates.nssf_pension_employer_bp),
        "health_care_employer_khr": part(rates.nssf_health_employer_bp),
        "occupational_risk_employer_khr": part(rates.nssf_risk_employer_bp),
    }


# --------------------------------------------------------------------------- rates
def validate_brackets(brackets) -> Tuple[Tuple[Optional[int], int], ...]:
    """Check tax brackets: ascending upper bounds, the last one open (None)."""
    rows = tuple(tuple(row) for row in brackets)
    if not rows:
        raise ValidationError("tax_brackets", _("at least one bracket is needed"))
    previous = 0
    for index, row in enumerate(rows):
        if len(row) != 2:
            raise ValidationError("tax_brackets", _("row {index} must be (upper_khr, rate_bp)").format(index=index))
        upper, rate_bp = row
        check_int(rate_bp, "tax_brackets")
        if upper is None:
            if index != len(rows) - 1:
                raise ValidationError("tax_brackets", _("only the last bracket may be open (None)"))
            continue
        check_int(upper, "tax_brackets")
        if upper <= previous:
            raise ValidationError("tax_brackets", _("upper bounds must be increasing"))
        previous = upper
    if rows[-1][0] is not None:
        raise ValidationError("tax_brackets", _("the last bracket must be open (upper bound None)"))
    return rows


@dataclass(frozen=True)
class Rates:
    """Every rate the payroll needs, valid from ``effective_from``."""

    effective_from: date
    minimum_wage_cents: int
    attendance_bonus_cents: int = 1_000
    transport_cents: int = 700
    seniority_bonus_table: Tuple[Tuple[int, int], ...] = DEFAULT_SENIORITY_BONUS_TABLE
    overtime_normal_bp: int = 15_000
    overtime_premium_bp: int = 20_000  # night, Sunday, public holiday
    standard_days_per_month: int = 26
    standard_hours_per_day: int = 8
    seniority_pay_days: Decimal = Decimal("7.5")  # per payment
    seniority_pay_months: Tuple[int, ...] = (6, 12)
    seniority_pay_prorate: bool = True
    seniority_pay_min_months: int = 1
    seniority_pay_tax_exempt_khr: int = 2_000_000  # per payment
    nssf_pension_employee_bp: int = 200
    nssf_pension_employer_bp: int = 200
    nssf_health_employer_bp: int = 260
    nssf_risk_employer_bp: int = 80
    nssf_base_min_khr: int = 400_000
    nssf_base_max_khr: int = 1_200_000
    nssf_base_rounding_khr: int = 100
    nssf_base_includes_seniority_pay: bool = True
    tax_brackets: Tuple[Tuple[Optional[int], int], ...] = DEFAULT_TAX_BRACKETS
    dependant_allowance_khr: int = 150_000

    def __post_init__(self):
        if not isinstance(self.effective_from, date):
            raise ValidationError("effective_from", _("must be a date"))
        for name in (
            "minimum_wage_cents", "attendance_bonus_cents", "transport_cents",
            "overtime_normal_bp", "overtime_premium_bp", "seniority_pay_min_months",
            "seniority_pay_tax_exempt_khr", "nssf_pension_employee_bp",
            "nssf_pension_employer_bp", "nssf_health_employer_bp", "nssf_risk_employer_bp",
            "nssf_base_min_khr", "nssf_base_max_khr", "dependant_allowance_khr",
        ):
            check_int(getattr(self, name), name)
        for name in ("standard_days_per_month", "standard_hours_per_day", "nssf_base_rounding_khr"):
            check_int(getattr(self, name), name, minimum=1)
        if self.nssf_base_min_khr > self.nssf_base_max_khr:
            raise ValidationError("nssf_base_min_khr", _("must not exceed nssf_base_max_khr"))
        if not isinstance(self.seniority_pay_days, (int, Decimal)) or isinstance(self.seniority_pay_days, bool) \
                or self.seniority_pay_days < 0:
            raise ValidationError("seniority_pay_days", _("must be a non-negative int or Decimal"))
        months = tuple(self.seniority_pay_months)
        if any(isinstance(m, bool) or not isinstance(m, int) or not 1 <= m <= 12 for m in months):
            raise ValidationError("seniority_pay_months", _("must be month numbers 1-12"))
        object.__setattr__(self, "seniority_pay_months", months)
        table = tuple(tuple(row) for row in self.seniority_bonus_table)
        previous = 0
        for row in table:
            if len(row) != 2:
                raise ValidationError("seniority_bonus_table", _("rows must be (years, cents)"))
            check_int(row[0], "seniority_bonus_table", minimum=1)
            check_int(row[1], "seniority_bonus_table")
            if row[0] <= previous:
                raise ValidationError("seniority_bonus_table", _("years must be increasing"))
            previous = row[0]
        object.__setattr__(self, "seniority_bonus_table", table)
        object.__setattr__(self, "tax_brackets", validate_brackets(self.tax_brackets))

    @property
    def standard_hours_per_month(self) -> int:
        return self.standard_days_per_month * self.standard_hours_per_day


def default_rates_2025() -> Rates:
    """Garment-sector minimum wage US$208 (2025) and the 2025 NSSF/tax rates."""
    return Rates(effective_from=date(2025, 1, 1), minimum_wage_cents=20_800)


def default_rates_2026() -> Rates:
    """Garment-sector minimum wage US$210 from 1 January 2026."""
    return Rates(effective_from=date(2026, 1, 1), minimum_wage_cents=21_000)


def rates_for_month(month: date, candidates: Iterable[Rates]) -> Rates:
    """The rates in force in ``month``: the latest ``effective_from`` <= month."""
    valid = [r for r in candidates if r.effective_from <= month]
    if not valid:
        raise ValidationError("rates", _("no rates in force on {isoformat}").format(isoformat=month.isoformat()))
    return max(valid, key=lambda r: r.effective_from)


@dataclass(frozen=True)
class CashDenominations:
    """Notes used for the cash payroll list.

    USD notes in whole dollars (the $2 note exists but is rarely used, so it is
    left out by default); the part below one dollar cannot be paid in US coins
    in Cambodia, so it is paid in riel, rounded half-up to ``riel_rounding``.
    """

    usd_notes: Tuple[int, ...] = (100, 50, 20, 10, 5, 1)
    riel_notes: Tuple[int, ...] = (50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 100)
    riel_rounding: int = 100

    def __post_init__(self):
        for name in ("usd_notes", "riel_notes"):
            notes = tuple(sorted(set(getattr(self, name)), reverse=True))
            if not notes:
                raise ValidationError(name, _("at least one note is needed"))
            for note in notes:
                check_int(note, name, minimum=1)
            object.__setattr__(self, name, notes)
        check_int(self.riel_rounding, "riel_rounding", minimum=1)
        if 1 not in self.usd_notes:
            raise ValidationError("usd_notes", _("the $1 note is needed to pay whole dollars"))
        if self.riel_rounding % min(self.riel_notes):
            raise ValidationError("riel_notes", _("the smallest riel note must divide riel_rounding"))


DEFAULT_DENOMINATIONS = CashDenominations()


def _greedy(amount: int, notes: Sequence[int]) -> Dict[int, int]:
    counts = {}
    for note in notes:
        count, amount = divmod(amount, note)
        if count:
            counts[note] = count
    return counts


def cash_breakdown(amount_cents: int, khr_per_usd: int,
                   denominations: CashDenominations = DEFAULT_DENOMINATIONS) -> Dict[str, object]:
    """Notes to prepare for one worker's cash pay.

    Whole dollars in USD notes (largest first); the cents are paid in riel at
    ``khr_per_usd``, rounded half-up to ``riel_rounding`` (100 riel), in riel
    notes.  Returns {"usd": {dollars: count}, "riel": {riel: count},
    "usd_cents": cents paid in dollars, "riel_total": riel paid}.
    """
    check_int(amount_cents, "amount_cents")
    check_int(khr_per_usd, "khr_per_usd", minimum=1)
    dollars, cents = divmod(amount_cents, 100)
    step = denominations.riel_rounding
    riel = round_half_up(Fraction(cents * khr_per_usd, 100 * step)) * step
    return {"usd": _greedy(dollars, denominations.usd_notes), "riel": _greedy(riel, denominations.riel_notes),
            "usd_cents": dollars * 100, "riel_total": riel}


def total_cash(breakdowns: Sequence[Dict[str, object]]) -> Dict[str, object]:
    """Add up several :func:`cash_breakdown` results (the payroll cash list)."""
    total = {"usd": {}, "riel": {}, "usd_cents": 0, "riel_total": 0}
    for item in breakdowns:
        for key in ("usd", "riel"):
            for note, count in item[key].items():
                total[key][note] = total[key].get(note, 0) + count
        total["usd_cents"] += item["usd_cents"]
        total["riel_total"] += item["riel_total"]
    for key in ("usd", "riel"):
        total[key] = dict(sorted(total[key].items(), reverse=True))
    return total

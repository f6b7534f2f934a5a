"""The payroll rates as the rates screen shows them and reads them back, in the user's language.

A :class:`~.rates.Rates` keeps cents, whole riel and basis points; people read a decree in dollars
("$210 a month"), riel and percents ("2.6 %"). Each editable field has a unit; its text is written
and read through services/common/numbers.py (Babel, the user's language: "210.00" or "210,00",
"1,200,000" or "1 200 000", Khmer digits too), never float() or int() on what was typed, and
every refusal names the field. An int given by a program (not a text) is already in the stored
unit (cents, riel, basis points), as everywhere money is passed between services.
"""

from __future__ import annotations

from decimal import Decimal

from ...formats import plain_number
from ...i18n import N_, _
from ..common import numbers
from ..common.errors import ValidationError

USD, KHR, PERCENT, DAYS = "usd", "khr", "percent", "days"

#: The fields the rates screen edits: (name in Rates, label, unit).
EDITABLE_RATES = (
    ("minimum_wage_cents", N_("Minimum wage ($ a month)"), USD),
    ("attendance_bonus_cents", N_("Attendance bonus ($ a month)"), USD),
    ("transport_cents", N_("Transport/accommodation allowance ($ a month)"), USD),
    ("overtime_normal_bp", N_("Overtime (% of the hourly rate)"), PERCENT),
    ("overtime_premium_bp", N_("Overtime night/Sunday/holiday (%)"), PERCENT),
    ("nssf_pension_employee_bp", N_("NSSF pension, employee (%)"), PERCENT),
    ("nssf_pension_employer_bp", N_("NSSF pension, employer (%)"), PERCENT),
    ("nssf_health_employer_bp", N_("NSSF health care, employer (%)"), PERCENT),
    ("nssf_risk_employer_bp", N_("NSSF occupational risk, employer (%)"), PERCENT),
    ("nssf_base_min_khr", N_("NSSF base minimum (riel)"), KHR),
    ("nssf_base_max_khr", N_("NSSF base maximum (riel)"), KHR),
    ("dependant_allowance_khr", N_("Tax allowance per dependant (riel)"), KHR),
    ("seniority_pay_tax_exempt_khr", N_("Tax-free seniority payment (riel per payment)"), KHR),
    ("standard_days_per_month", N_("Standard days a month"), DAYS),
)
UNITS = {name: unit for name, _label, unit in EDITABLE_RATES}

#: Hard limits: nothing above is a payroll rate (a typo of a few zeros is refused, not saved).
LIMITS = {USD: 1_000_000, KHR: 100_000_000, PERCENT: 100_000, DAYS: 31}  # $10,000; 1000 %
#: Percent fields other than overtime are shares of a wage: at most 100 %.
SHARE_LIMIT_BP = 10_000

#: The minimum wage a month (cents) outside which the screen asks "is that right?".
MINIMUM_WAGE_USUAL = numbers.Plausible(10_000, 50_000, 500_000, N_("a month"))


def percent_text(bp: int, locale: str | None = None) -> str:
    """Basis points as the percent people type: 15000 -> '150', 260 -> '2.6' ('2,6' in French)."""
    places = 0 if bp % 100 == 0 else 1 if bp % 10 == 0 else 2
    return plain_number(Decimal(bp).scaleb(-2), places, locale)


def rate_text(name: str, value: int, locale: str | None = None) -> str:
    """The text a rates field shows for the stored ``value``; it reads back the same."""
    unit = UNITS[name]
    if unit == USD:
        return numbers.plain_amount(value, "USD", locale)
    if unit == KHR:
        return numbers.plain_amount(value, "KHR", locale)
    if unit == PERCENT:
        return percent_text(value, locale)
    return str(value)


def parse_percent(field: str, value, maximum_bp: int) -> int:
    """'2.6', '2,6 %' or an int of basis points -> basis points (at most two decimals of a percent)."""
    if isinstance(value, str):
        text = value.replace("%", "").replace("\u066a", "")
        bp = int(numbers.parse_quantity(field, text, 2).scaleb(2))
    else:
        bp = _stored_int(field, value)
    if bp < 0:
        raise ValidationError(field, _("must not be negative"))
    if bp > maximum_bp:
        raise ValidationError(field, _("must be at most {maximum} %").format(maximum=percent_text(maximum_bp)))
    return bp


def _stored_int(field: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, _("must be a number like {example}").format(example=plain_number(Decimal("2.5"), 1)))
    return value


def parse_rate(name: str, value) -> int:
    """The stored int (cents, riel, basis points, days) of one rates field from its text or int."""
    unit = UNITS.get(name)
    if unit is None:
        raise ValidationError(name, _("is not a payroll rate"))
    if unit in (USD, KHR):
        stored = numbers.parse_amount(name, value, "USD" if unit == USD else "KHR")
        if stored > LIMITS[unit]:
            raise ValidationError(name, _("{amount} is more than the limit of {limit}").format(
                amount=numbers.format_amount(stored, "USD" if unit == USD else "KHR"),
                limit=numbers.format_amount(LIMITS[unit], "USD" if unit == USD else "KHR")))
        return stored
    if unit == PERCENT:
        return parse_percent(name, value, LIMITS[PERCENT] if name.startswith("overtime") else SHARE_LIMIT_BP)
    days = numbers.parse_whole(name, value) if isinstance(value, str) else _stored_int(name, value)
    if not 1 <= days <= LIMITS[DAYS]:
        raise ValidationError(name, _("must be from 1 to {maximum}").format(maximum=LIMITS[DAYS]))
    return days


def EXAMPLE() -> str:  # noqa: N802 - reads as the constant it would be, in the current language
    """'1,500,000: 0; *: 20' in the user's language."""
    return brackets_text(((1_500_000, 0), (None, 2_000)))


def brackets_text(brackets, locale: str | None = None) -> str:
    """'1,500,000: 0; 2,000,000: 5; ...; *: 20' (upper bound in riel: rate in %), in the user's language."""
    return "; ".join(f"{'*' if upper is None else numbers.plain_amount(upper, 'KHR', locale)}: "
                     f"{percent_text(bp, locale)}" for upper, bp in brackets)


def parse_brackets(value):
    """Tax brackets from their text ('1 500 000: 0; 2 000 000: 5; *: 20') or from (riel, bp) rows.

    Brackets are separated by ';' or a new line (a comma belongs to the numbers); every problem
    names the field ``tax_brackets`` and the bracket."""
    if not isinstance(value, str):
        if isinstance(value, (list, tuple)):
            return tuple(value)
        raise ValidationError("tax_brackets", _("must be brackets like {example}").format(example=EXAMPLE()))
    if len(value) > 1000:
        raise ValidationError("tax_brackets", _("is too long ({n} characters, {max_len} at most)").format(
            n=len(value), max_len=1000))
    rows = []
    parts = [p for p in value.replace("\n", ";").split(";") if p.strip()]
    for index, part in enumerate(parts, 1):
        upper, colon, rate = part.partition(":")
        if not colon:
            raise ValidationError("tax_brackets", _("bracket {index}: write the upper bound in riel, a colon, "
                                                    "then the rate in % ({example})").format(
                index=index, example=brackets_text(((2_000_000, 500),))))
        try:
            top = None if upper.strip() == "*" else numbers.parse_whole("tax_brackets", upper)
            rows.append((top, parse_percent("tax_brackets", rate, SHARE_LIMIT_BP)))
        except ValidationError as exc:
            raise ValidationError("tax_brackets", _("bracket {index}: {problem}").format(
                index=index, problem=exc.message)) from None
    return tuple(rows)

"""Pure payroll arithmetic for the PSE sewing workshop and the students' weekend jobs.

No database, no Tk: plain dataclasses in, plain dataclasses out.  Money is
integer minor units (USD cents, whole riel); quantities (days, hours) may be
``int``, ``Decimal`` or ``Fraction`` but never ``float``.  Intermediate values
are exact ``Fraction``s; each payslip line is rounded once, half-up, to the
cent, and every total is the sum of its (rounded) lines.

Choices (see also :mod:`payroll_rates` for the sources of the rates):

* Monthly salary is prorated ``salary / working days in the month x days
  paid`` (hire/leave mid-month, unpaid leave).  ``days_paid`` counts days
  worked + paid leave + paid public holidays.
* The transport allowance and the seniority bonus are flat monthly amounts:
  paid in full for a full month even with unpaid days, prorated like the
  salary (days paid / working days) for a worker hired or leaving mid-month.
* The attendance bonus is all or nothing: full month and no unpaid day.  When
  it is lost a $0.00 line says why.
* The hourly rate for overtime is salary / (26 x 8 h) for monthly workers,
  daily rate / 8 h for daily workers, the rate itself for hourly workers and,
  unless given (``overtime_hourly_cents``), minimum wage / 208 h for piece
  workers (the legal floor).
* Seniority payment, June and December only: 7.5 days x daily wage (monthly
  salary / 26; daily rate; hourly rate x 8; piece workers must pass their
  average daily wage).  A worker with less than the full half-year of service
  gets 7.5 x (complete months of service in the half-year / 6) days, nothing
  under one month (``Rates.seniority_pay_prorate``: set False to pay the full
  7.5 days from one month of service -- one reading of Prakas 443).
* NSSF is computed in riel on the gross converted at the month's rate, base
  rounded half-up to 100 riel then clamped to KHR 400,000-1,200,000 (the floor
  applies to a partial month too); each contribution is rounded to the riel,
  then converted back to cents (half-up) for the payslip.
* Tax base = gross in riel - tax-free part of the seniority payment (KHR
  2,000,000 per payment) - employee NSSF pension - KHR 150,000 per dependant,
  never below 0.  Additions are taxable earnings; deductions are not.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Dict, List, Optional, Sequence, Tuple

from ..common.errors import ValidationError
from .rates import (  # noqa: F401
    DEFAULT_DENOMINATIONS, DEFAULT_TAX_BRACKETS, CashDenominations, Number, Rates,
    cash_breakdown, check_int, check_quantity, compute_tax_khr, default_rates_2025,
    default_rates_2026, fmt_khr, fmt_number, fmt_pct, fmt_usd, khr_to_usd_cents,
    nssf_contributions, rates_for_month, round_half_up, seniority_bonus_cents,
    tax_bracket_parts, total_cash, usd_to_khr, validate_brackets,
)
from ...formats import format_date, format_month
from ...i18n import N_, _, ngettext

BASES = (N_("monthly"), N_("daily"), N_("hourly"), N_("piece"))
EARNING, DEDUCTION, EMPLOYER = "earning", "deduction", "employer"
KINDS = (EARNING, DEDUCTION, EMPLOYER)


# --------------------------------------------------------------------------- helpers
def schedule_repayment(amount_cents: int, months: int) -> List[int]:
    """Split an advance into ``months`` instalments summing exactly to the amount.

    Instalments differ by at most one cent; the larger ones come first.
    """
    check_int(amount_cents, "amount_cents")
    check_int(months, "months", minimum=1)
    part, extra = divmod(amount_cents, months)
    return [part + 1] * extra + [part] * (months - extra)


def completed_years_of_service(hire_date: date, on_date: date) -> int:
    """Whole years between hire and ``on_date`` (0 before the first anniversary)."""
    years = on_date.year - hire_date.year - ((on_date.month, on_date.day) < (hire_date.month, hire_date.day))
    return max(0, years)


def months_of_service_in_half_year(hire_date: date, month: date) -> int:
    """Complete months of service in the half-year (Jan-Jun or Jul-Dec) of ``month``.

    Counted from the hire date to the end of the half-year, 0 to 6.
    """
    start = date(month.year, 1 if month.month <= 6 else 7, 1)
    end = date(month.year, 7, 1) if month.month <= 6 else date(month.year + 1, 1, 1)
    if hire_date <= start:
        return 6
    if hire_date >= end:
        return 0
    months = (end.year - hire_date.year) * 12 + end.month - hire_date.month - (hire_date.day > 1)
    return min(6, months)


def fair_wage(total_cents: int, rates: Rates, years_of_service: int) -> Tuple[int, Decimal]:
    """Compare a monthly pay with the garment-sector minimum + legal bonuses.

    Reference = minimum wage + attendance bonus + transport allowance +
    seniority bonus for ``years_of_service``.  Returns (total - reference in
    cents, the difference as a percentage of the reference, half-up to 0.1).
    """
    check_int(total_cents, "total_cents")
    reference = (rates.minimum_wage_cents + rates.attendance_bonus_cents + rates.transport_cents
                 + seniority_bonus_cents(years_of_service, rates))
    if reference <= 0:
        raise ValidationError("minimum_wage_cents", _("the reference pay must be positive"))
    difference = total_cents - reference
    tenths = round_half_up(Fraction(difference * 1000, reference))
    return difference, Decimal(tenths).scaleb(-1)


# --------------------------------------------------------------------------- data
@dataclass(frozen=True)
class PayLine:
    """One explained payslip line; ``amount_cents`` is never negative."""

    code: str
    label: str
    amount_cents: int
    explanation: str
    kind: str = EARNING  # earning | deduction | employer
    amount_khr: Optional[int] = None  # for lines computed in riel (NSSF, tax)


@dataclass(frozen=True)
class PayInput:
    """Everything one worker's payslip for one month depends on.

    ``rate_cents`` is the monthly salary, daily rate or hourly rate by
    ``basis`` (unused for 'piece'); an int, or a Decimal for sub-cent hourly
    rates.  ``pieces`` holds (pieces, rate_cents) or (pieces, rate_cents,
    label) for each piece rate.  ``days_paid`` = days worked + paid leave +
    paid public holidays; ``days_unpaid`` = unpaid leave and absences.
    ``employed_full_month`` is False for a worker hired or leaving in the
    month.  ``weekend_hours`` (hourly basis) are normal weekend hours paid at
    the hourly rate; Sunday/holiday overtime goes in ``overtime_hours_premium``.
    """

    month: date  # first day of the month
    basis: str
    khr_per_usd: int
    rate_cents: Number = 0
    working_days_in_month: int = 26
    days_paid: Number = 0
    days_unpaid: Number = 0
    employed_full_month: bool = True
    hours: Number = 0
    weekend_hours: Number = 0
    overtime_hours_normal: Number = 0
    overtime_hours_premium: Number = 0
    overtime_hourly_cents: Optional[Number] = None
    pieces: Tuple[tuple, ...] = ()
    years_of_service: int = 0
    seniority_months_in_half_year: int = 6
    seniority_daily_wage_cents: Optional[Number] = None
    nssf_member: bool = True
    dependants: int = 0
    attendance_bonus: bool = True
    transport_allowance: bool = True
    seniority_bonus: bool = True
    seniority_pay: bool = True
    advance_repayment_cents: int = 0
    additions: Tuple[Tuple[str, int], ...] = ()
    deductions: Tuple[Tuple[str, int], ...] = ()

    def __post_init__(self):
        if not isinstance(self.month, date) or self.month.day != 1:
            raise ValidationError("month", _("must be the first day of the month"))
        if self.basis not in BASES:
            raise ValidationError("basis", _("unknown pay basis {basis!r} (expected one of {join})").format(basis=self.basis, join=', '.join(BASES)))
        check_int(self.khr_per_usd, "khr_per_usd", minimum=1)
        check_int(self.working_days_in_month, "working_days_in_month", minimum=1)
        if self.working_days_in_month > 31:
            raise ValidationError("working_days_in_month", _("a month has at most 31 days"))
        for name in ("rate_cents", "days_paid", "days_unpaid", "hours", "weekend_hours",
                     "overtime_hours_normal", "overtime_hours_premium"):
            check_quantity(getattr(self, name), name)
        if self.basis != "piece" and not self.rate_cents:
            raise ValidationError("rate_cents", _("a {basis} rate is needed").format(basis=self.basis))
        for name in ("overtime_hourly_cents", "seniority_daily_wage_cents"):
            if getattr(self, name) is not None:
                check_quantity(getattr(self, name), name)
        for name in ("years_of_service", "dependants", "advance_repayment_cents"):
            check_int(getattr(self, name), name)
        if not 0 <= check_int(self.seniority_months_in_half_year, "seniority_months_in_half_year") <= 6:
            raise ValidationError("seniority_months_in_half_year", _("must be between 0 and 6"))
        days = Fraction(self.days_paid) + Fraction(self.days_unpaid)
        if days > self.working_days_in_month:
            raise ValidationError("days_paid", _("days paid + days unpaid exceed the working days of the month"))
        if self.basis == "monthly" and self.employed_full_month and days != self.working_days_in_month:
            raise ValidationError("days_paid", _("for a full month, days paid + days unpaid must equal the working days"))
        if self.basis != "hourly" and (self.hours or self.weekend_hours):
            raise ValidationError("hours", _("hours and weekend hours are only for the hourly basis"))
        if self.basis != "piece" and self.pieces:
            raise ValidationError("pieces", _("pieces are only for the piece basis"))
        pieces = []
        for item in self.pieces:
            item = tuple(item)
            if len(item) not in (2, 3):
                raise ValidationError("pieces", _("each entry is (pieces, rate_cents) or (pieces, rate_cents, label)"))
            check_int(item[0], "pieces")
            check_quantity(item[1], "pieces")
            pieces.append(item)
        object.__setattr__(self, "pieces", tuple(pieces))
        for name in ("additions", "deductions"):
            rows = tuple(tuple(row) for row in getattr(self, name))
            for row in rows:
                if len(row) != 2 or not isinstance(row[0], str) or not row[0].strip():
                    raise ValidationError(name, _("each entry is (reason, cents) with a reason"))
                check_int(row[1], name, minimum=1)
            object.__setattr__(self, name, rows)

    @classmethod
    def student_weekend(cls, month: date, hourly_rate_cents: Number, weekend_hours: Number,
                        khr_per_usd: int, **changes) -> "PayInput":
        """A student's weekend job: hourly, no NSSF, no bonuses, no seniority pay."""
        base = cls(month=month, basis="hourly", khr_per_usd=khr_per_usd, rate_cents=hourly_rate_cents,
                   weekend_hours=weekend_hours, nssf_member=False, attendance_bonus=False,
                   transport_allowance=False, seniority_bonus=False, seniority_pay=False)
        return replace(base, **changes) if changes else base


@dataclass(frozen=True)
class Payslip:
    """The computed payslip; totals are sums of the rounded lines."""

    month: date
    khr_per_usd: int
    lines: Tuple[PayLine, ...]
    gross_cents: int
    gross_khr: int
    nssf_base_khr: int
    nssf_employee_khr: int
    nssf_employee_cents: int
    employer_nssf_khr: Dict[str, int]
    employer_nssf_cents: Dict[str, int]
    employer_nssf_total_cents: int
    taxable_base_khr: int
    tax_khr: int
    tax_cents: int
    advance_repayment_cents: int
    other_deductions_cents: int
    total_deductions_cents: int
    net_cents: int
    employer_cost_cents: int

    def lines_by_kind(self) -> Dict[str, List[PayLine]]:
        grouped: Dict[str, List[PayLine]] = {kind: [] for kind in KINDS}
        for line in self.lines:
            grouped[line.kind].append(line)
        return grouped

    def total(self, kind: str) -> int:
        return sum(line.amount_cents for line in self.lines if line.kind == kind)


# --------------------------------------------------------------------------- payslip
def _overtime_rate(pay: PayInput, rates: Rates) -> Tuple[Fraction, str]:
    if pay.overtime_hourly_cents is not None:
        return Fraction(pay.overtime_hourly_cents), f"{fmt_usd(pay.overtime_hourly_cents)}/h"
    rate, hours = Fraction(pay.rate_cents), rates.standard_hours_per_month
    if pay.basis == "monthly":
        return rate / hours, f"({fmt_usd(rate)} ÷ {hours} h)"
    if pay.basis == "daily":
        return rate / rates.standard_hours_per_day, f"({fmt_usd(rate)} ÷ {rates.standard_hours_per_day} h)"
    if pay.basis == "hourly":
        return rate, f"{fmt_usd(rate)}/h"
    return (Fraction(rates.minimum_wage_cents, hours),
            f"(minimum wage {fmt_usd(rates.minimum_wage_cents)} ÷ {hours} h)")


def _seniority_daily(pay: PayInput, rates: Rates) -> Tuple[Fraction, str]:
    if pay.seniority_daily_wage_cents is not None:
        return Fraction(pay.seniority_daily_wage_cents), fmt_usd(pay.seniority_daily_wage_cents)
    rate = Fraction(pay.rate_cents)
    if pay.basis == "monthly":
        days = rates.standard_days_per_month
        return rate / days, f"({fmt_usd(rate)} ÷ {days} days)"
    if pay.basis == "daily":
        return rate, fmt_usd(rate)
    if pay.basis == "hourly":
        hours = rates.standard_hours_per_day
        return rate * hours, f"({fmt_usd(rate)}/h × {hours} h)"
    raise ValidationError("seniority_daily_wage_cents",
                          _("piece-rate workers need their average daily wage for the seniority payment"))


def _basis_earnings(pay: PayInput, add) -> None:
    rate, wd, paid = Fraction(pay.rate_cents), pay.working_days_in_month, Fraction(pay.days_paid)
    if pay.basis == "monthly":
        if paid == wd:
            add("SALARY", N_("Monthly salary"), rate, f"{fmt_usd(rate)} for the full month ({wd} of {wd} working days)")
        else:
            add("SALARY", N_("Monthly salary (prorated)"), rate * paid / wd,
                f"{fmt_usd(rate)} ÷ {wd} working days × {fmt_number(paid)} days paid")
    elif pay.basis == "daily":
        add("DAYS", N_("Days worked"), rate * paid, f"{fmt_number(paid)} days × {fmt_usd(rate)}")
    elif pay.basis == "hourly":
        hours, weekend = Fraction(pay.hours), Fraction(pay.weekend_hours)
        if hours or not weekend:
            add("HOURS", N_("Hours worked"), rate * hours, f"{fmt_number(hours)} h × {fmt_usd(rate)}")
        if weekend:
            add("WEEKEND", N_("Weekend hours"), rate * weekend, f"{fmt_number(weekend)} h × {fmt_usd(rate)}")
    else:
        for item in pay.pieces:
            label = f"{N_('Piece work')}: {item[2]}" if len(item) == 3 else N_("Piece work")
            add("PIECE", label, item[0] * Fraction(item[1]), f"{item[0]:,} pieces × {fmt_usd(item[1])}")


def compute_payslip(pay: PayInput, rates: Rates) -> Payslip:
    """Compute one worker's payslip for ``pay.month`` with ``rates``."""
    if not isinstance(pay, PayInput) or not isinstance(rates, Rates):
        raise ValidationError("pay_input", _("expects a PayInput and a Rates"))
    if rates.effective_from > pay.month:
        raise ValidationError("rates", _("rates effective {effective_from} are not in force in {month}").format(
            effective_from=format_date(rates.effective_from), month=format_month(pay.month)))
    k, lines = pay.khr_per_usd, []

    def add(code, label, exact, formula, kind=EARNING, khr=None, show_result=True):
        amount = round_half_up(exact)
        text = f"{formula} = {fmt_usd(amount)}" if show_result else formula
        lines.append(PayLine(code, label, amount, text, kind, khr))
        return amount

    _basis_earnings(pay, add)
    wd, paid = pay.working_days_in_month, Fraction(pay.days_paid)
    ot_rate, ot_text = _overtime_rate(pay, rates)
    for hours, bp, code, label in (
        (pay.overtime_hours_normal, rates.overtime_normal_bp, "OT_NORMAL", N_("Overtime")),
        (pay.overtime_hours_premium, rates.overtime_premium_bp, "OT_PREMIUM", N_("Overtime night/Sunday/holiday")),
    ):
        if hours:
            add(code, f"{label} {fmt_pct(bp)}", Fraction(hours) * ot_rate * Fraction(bp, 10_000),
                f"{fmt_number(Fraction(hours))} h × {ot_text} × {fmt_pct(bp)}")
    if pay.attendance_bonus:
        if pay.employed_full_month and not pay.days_unpaid:
            add("ATTENDANCE", N_("Attendance bonus"), rates.attendance_bonus_cents, "No absence this month")
        else:
            why = (ngettext("{n} unpaid day", "{n} unpaid days", int(pay.days_unpaid)).format(
                       n=fmt_number(Fraction(pay.days_unpaid))) if pay.days_unpaid
                   else _("not employed for the full month"))
            add("ATTENDANCE", N_("Attendance bonus"), 0, f"Not paid: {why} = $0.00", show_result=False)

    def monthly_flat(code, label, cents, reason):
        if pay.employed_full_month:
            add(code, label, cents, f"{fmt_usd(cents)} a month{reason}")
        else:
            add(code, f"{label} (prorated)", Fraction(cents) * paid / wd,
                f"{fmt_usd(cents)}{reason} ÷ {wd} working days × {fmt_number(paid)} days paid")

    if pay.transport_allowance:
        monthly_flat("TRANSPORT", N_("Transport allowance"), rates.transport_cents, "")
    bonus = seniority_bonus_cents(pay.years_of_service, rates)
    if pay.seniority_bonus and bonus:
        years = pay.years_of_service
        monthly_flat("SENIORITY_BONUS", N_("Seniority bonus"), bonus, f" ({years} year{'s' * (years != 1)} of service)")
    seniority_cents = 0
    months = pay.seniority_months_in_half_year
    if pay.seniority_pay and pay.month.month in rates.seniority_pay_months and months >= rates.seniority_pay_min_months:
        daily, daily_text = _seniority_daily(pay, rates)
        days = Fraction(rates.seniority_pay_days)
        text = f"{fmt_number(days)} days"
        if rates.seniority_pay_prorate and months < 6:
            days = days * months / 6
            text += f" × {months}/6 months of service = {fmt_number(days)} days"
        seniority_cents = add("SENIORITY_PAY", N_("Seniority payment"), days * daily, f"{text} × {daily_text}")
    for reason, cents in pay.additions:
        add("ADDITION", reason, cents, reason)
    gross = sum(line.amount_cents for line in lines)
    gross_khr = usd_to_khr(gross, k)
    rate_text = f"{k:,} riel/$"

    # NSSF, in riel on the gross
    nssf = {key: 0 for key in ("base_khr", "pension_employee_khr", "pension_employer_khr",
                               "health_care_employer_khr", "occupational_risk_employer_khr")}
    employer_cents: Dict[str, int] = {"pension": 0, "health_care": 0, "occupational_risk": 0}
    nssf_employee_cents = 0
    if pay.nssf_member:
        nssf_gross = gross if rates.nssf_base_includes_seniority_pay else gross - seniority_cents
        nssf_gross_khr = usd_to_khr(nssf_gross, k)
        nssf = nssf_contributions(nssf_gross_khr, rates)
        base = nssf["base_khr"]
        note = ""
        if base == rates.nssf_base_max_khr and nssf_gross_khr > base:
            note = ", ceiling"
        elif base == rates.nssf_base_min_khr and nssf_gross_khr < base:
            note = ", floor"
        base_text = f"NSSF base {fmt_khr(base)} (gross {fmt_khr(nssf_gross_khr)}{note})"

        def nssf_line(code, label, bp, khr, kind):
            cents = khr_to_usd_cents(khr, k)
            add(code, label, cents, f"{fmt_pct(bp)} × {base_text} = {fmt_khr(khr)} ÷ {rate_text}", kind, khr)
            return cents

        nssf_employee_cents = nssf_line("NSSF_PENSION", N_("NSSF pension (employee)"), rates.nssf_pension_employee_bp,
                                        nssf["pension_employee_khr"], DEDUCTION)
        employer_cents["pension"] = nssf_line("NSSF_PENSION_ER", N_("NSSF pension (employer)"),
                                              rates.nssf_pension_employer_bp, nssf["pension_employer_khr"], EMPLOYER)
        employer_cents["health_care"] = nssf_line("NSSF_HEALTH_ER", N_("NSSF health care (employer)"),
                                                  rates.nssf_health_employer_bp, nssf["health_care_employer_khr"],
                                                  EMPLOYER)
        employer_cents["occupational_risk"] = nssf_line(
            "NSSF_RISK_ER", N_("NSSF occupational risk (employer)"), rates.nssf_risk_employer_bp,
            nssf["occupational_risk_employer_khr"], EMPLOYER)

    # Tax on salary, in riel
    pension_khr = nssf["pension_employee_khr"]
    exempt = min(usd_to_khr(seniority_cents, k), rates.seniority_pay_tax_exempt_khr)
    allowance = pay.dependants * rates.dependant_allowance_khr
    taxable = max(0, gross_khr - exempt - pension_khr - allowance)
    tax_khr = compute_tax_khr(taxable, rates.tax_brackets)
    tax_cents = khr_to_usd_cents(tax_khr, k)
    parts = [f"{fmt_pct(bp)} × {p:,}" for p, bp in tax_bracket_parts(taxable, rates.tax_brackets) if bp]
    text = f"Taxable {fmt_khr(taxable)} = gross {fmt_khr(gross_khr)}"
    if exempt:
        text += f" − tax-free seniority payment {fmt_khr(exempt)}"
    if pension_khr:
        text += f" − NSSF pension {fmt_khr(pension_khr)}"
    if allowance:
        text += " − " + ngettext("{n} dependant", "{n} dependants", pay.dependants).format(
            n=pay.dependants) + f" × {fmt_khr(rates.dependant_allowance_khr)}"
    text += "; tax " + (" + ".join(parts) if parts else "0%") + f" = {fmt_khr(tax_khr)} ÷ {rate_text}"
    add("TAX", N_("Tax on salary"), tax_cents, text, DEDUCTION, tax_khr)

    if pay.advance_repayment_cents:
        add("ADVANCE", N_("Advance repayment"), pay.advance_repayment_cents, "Salary advance repaid this month",
            DEDUCTION)
    for reason, cents in pay.deductions:
        add("DEDUCTION", reason, cents, reason, DEDUCTION)

    total_deductions = sum(line.amount_cents for line in lines if line.kind == DEDUCTION)
    net = gross - total_deductions
    if net < 0:
        raise ValidationError("deductions", _("deductions {fmt_usd} exceed the gross pay {fmt_usd2}; reduce the advance repayment or deductions").format(fmt_usd=fmt_usd(total_deductions), fmt_usd2=fmt_usd(gross)))
    employer_total = sum(employer_cents.values())
    lines.sort(key=lambda item: KINDS.index(item.kind))  # stable: earnings, deductions, employer
    return Payslip(
        month=pay.month, khr_per_usd=k, lines=tuple(lines), gross_cents=gross, gross_khr=gross_khr,
        nssf_base_khr=nssf["base_khr"], nssf_employee_khr=pension_khr, nssf_employee_cents=nssf_employee_cents,
        employer_nssf_khr={"pension": nssf["pension_employer_khr"], "health_care": nssf["health_care_employer_khr"],
                           "occupational_risk": nssf["occupational_risk_employer_khr"]},
        employer_nssf_cents=employer_cents, employer_nssf_total_cents=employer_total,
        taxable_base_khr=taxable, tax_khr=tax_khr, tax_cents=tax_cents,
        advance_repayment_cents=pay.advance_repayment_cents,
        other_deductions_cents=sum(cents for _, cents in pay.deductions),
        total_deductions_cents=total_deductions, net_cents=net, employer_cost_cents=gross + employer_total,
    )

"""Tests of the pure payroll arithmetic (pse_desktop.services.payroll.calc); its building blocks
(rounding, currency, tax, NSSF, cash notes) are tested in test_rates.py.

Every expected figure below was worked out BY HAND first; the arithmetic is
written next to it.  Conventions used in the working:

* cents -> riel:  KHR = cents x rate / 100, half-up (at 4,100 riel/$ that is
  simply cents x 41);
* riel -> cents:  cents = KHR x 100 / rate, half-up;
* NSSF base: gross KHR rounded half-up to 100 riel, clamped 400,000-1,200,000;
  pension 2 % (employee) + 2 % (employer), health 2.6 %, risk 0.8 % (employer);
* hourly rate of a monthly worker = salary / 208 h (26 days x 8 h).
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pse_desktop.services.common.errors import ValidationError
from pse_desktop.services.payroll.calc import (
    DEDUCTION, EARNING, EMPLOYER, PayInput, Rates, completed_years_of_service, compute_payslip,
    default_rates_2025, default_rates_2026, fair_wage, khr_to_usd_cents,
    months_of_service_in_half_year, nssf_contributions, rates_for_month, schedule_repayment,
    seniority_bonus_cents,
)

R2026 = default_rates_2026()
R2025 = default_rates_2025()


def line(slip, code):
    found = [l for l in slip.lines if l.code == code]
    assert len(found) == 1, f"expected one {code} line, got {found}"
    return found[0]


def amounts(slip):
    return {l.code: l.amount_cents for l in slip.lines}


def assert_consistent(slip):
    """Totals are exactly the sums of the (rounded) lines."""
    by_kind = slip.lines_by_kind()
    assert slip.gross_cents == sum(l.amount_cents for l in by_kind[EARNING])
    assert slip.total_deductions_cents == sum(l.amount_cents for l in by_kind[DEDUCTION])
    assert slip.net_cents == slip.gross_cents - slip.total_deductions_cents
    assert slip.net_cents == (slip.gross_cents - slip.nssf_employee_cents - slip.tax_cents
                              - slip.advance_repayment_cents - slip.other_deductions_cents)
    assert slip.employer_nssf_total_cents == sum(l.amount_cents for l in by_kind[EMPLOYER])
    assert slip.employer_cost_cents == slip.gross_cents + slip.employer_nssf_total_cents
    for l in slip.lines:
        assert l.explanation and l.amount_cents >= 0


# --------------------------------------------------------------------------- worked examples
def test_minimum_wage_worker_pays_no_tax():
    """Garment minimum wage, January 2026, 1 year of service, 4,100 riel/$.

    salary $210.00 + attendance $10.00 + transport $7.00 + seniority bonus $2.00
    gross = $229.00 = 22,900 c -> KHR 22,900 x 41 = 938,900 (already a multiple of 100)
    pension 2 % x 938,900 = 18,778 riel -> 1,877,800 / 4,100 = 458.0 -> $4.58
    health 2.6 % x 938,900 = 24,411.4 -> 24,411 riel -> 2,441,100 / 4,100 = 595.39 -> $5.95
    risk 0.8 % x 938,900 = 7,511.2 -> 7,511 riel -> 751,100 / 4,100 = 183.20 -> $1.83
    taxable = 938,900 - 18,778 = 920,122 < 1,500,000 -> tax 0
    net = 22,900 - 458 = 22,442; employer cost = 22,900 + 458 + 595 + 183 = 24,136
    """
    pay = PayInput(month=date(2026, 1, 1), basis="monthly", khr_per_usd=4100, rate_cents=21000,
                   working_days_in_month=26, days_paid=26, years_of_service=1)
    slip = compute_payslip(pay, R2026)
    assert amounts(slip) == {"SALARY": 21000, "ATTENDANCE": 1000, "TRANSPORT": 700, "SENIORITY_BONUS": 200,
                             "NSSF_PENSION": 458, "NSSF_PENSION_ER": 458, "NSSF_HEALTH_ER": 595,
                             "NSSF_RISK_ER": 183, "TAX": 0}
    assert slip.gross_cents == 22900 and slip.gross_khr == 938_900
    assert slip.nssf_base_khr == 938_900 and slip.nssf_employee_khr == 18_778
    assert slip.employer_nssf_khr == {"pension": 18_778, "health_care": 24_411, "occupational_risk": 7_511}
    assert slip.employer_nssf_cents == {"pension": 458, "health_care": 595, "occupational_risk": 183}
    assert slip.taxable_base_khr == 920_122 and slip.tax_khr == 0 and slip.tax_cents == 0
    assert slip.net_cents == 22442 and slip.employer_cost_cents == 24136
    assert [l.kind for l in slip.lines] == [EARNING] * 4 + [DEDUCTION] * 2 + [EMPLOYER] * 3
    assert line(slip, "SALARY").explanation == "$210.00 for the full month (26 of 26 working days) = $210.00"
    assert line(slip, "NSSF_PENSION").amount_khr == 18_778
    assert_consistent(slip)
    # PSE pays exactly the legal minimum here: no margin
    assert fair_wage(slip.gross_cents, R2026, 1) == (0, Decimal("0.0"))


def test_supervisor_in_10_percent_bracket_with_two_dependants_and_nssf_ceiling():
    """Supervisor, $700/month, March 2026, 2 dependants, 4,050 riel/$, no garment bonuses.

    gross 70,000 c -> KHR 70,000 x 4,050 / 100 = 2,835,000 -> NSSF base capped at 1,200,000
    pension 2 % x 1,200,000 = 24,000 riel -> 2,400,000 / 4,050 = 592.59 -> $5.93
    health 2.6 % = 31,200 -> 3,120,000 / 4,050 = 770.37 -> $7.70
    risk 0.8 % = 9,600 -> 960,000 / 4,050 = 237.04 -> $2.37
    taxable = 2,835,000 - 24,000 - 2 x 150,000 = 2,511,000
    tax = 0 % x 1,500,000 + 5 % x 500,000 + 10 % x 511,000 = 25,000 + 51,100 = 76,100 riel
        -> 7,610,000 / 4,050 = 1,879.01 -> $18.79
    net = 70,000 - 593 - 1,879 = 67,528; employer cost = 70,000 + 593 + 770 + 237 = 71,600
    """
    pay = PayInput(month=date(2026, 3, 1), basis="monthly", khr_per_usd=4050, rate_cents=70000,
                   working_days_in_month=26, days_paid=26, dependants=2, attendance_bonus=False,
                   transport_allowance=False, seniority_bonus=False)
    slip = compute_payslip(pay, R2026)
    assert slip.gross_khr == 2_835_000 and slip.nssf_base_khr == 1_200_000
    assert slip.nssf_employee_khr == 24_000 and slip.nssf_employee_cents == 593
    assert slip.employer_nssf_cents == {"pension": 593, "health_care": 770, "occupational_risk": 237}
    assert slip.taxable_base_khr == 2_511_000 and slip.tax_khr == 76_100 and slip.tax_cents == 1879
    assert slip.net_cents == 67528 and slip.employer_cost_cents == 71600
    assert line(slip, "TAX").explanation == (
        "Taxable KHR 2,511,000 = gross KHR 2,835,000 − NSSF pension KHR 24,000 − 2 dependants × KHR 150,000; "
        "tax 5% × 500,000 + 10% × 511,000 = KHR 76,100 ÷ 4,050 riel/$ = $18.79")
    assert "ceiling" in line(slip, "NSSF_PENSION").explanation
    assert_consistent(slip)


def test_nssf_ceiling_floor_and_rounding_to_100_riel():
    # ceiling: a high salary KHR 5,000,000 -> base 1,200,000
    # 2 % = 24,000; 2.6 % = 31,200; 0.8 % = 9,600
    assert nssf_contributions(5_000_000, R2026) == {
        "base_khr": 1_200_000, "pension_employee_khr": 24_000, "pension_employer_khr": 24_000,
        "health_care_employer_khr": 31_200, "occupational_risk_employer_khr": 9_600}
    # floor: KHR 300,000 -> base 400,000; 2 % = 8,000; 2.6 % = 10,400; 0.8 % = 3,200
    assert nssf_contributions(300_000, R2026) == {
        "base_khr": 400_000, "pension_employee_khr": 8_000, "pension_employer_khr": 8_000,
        "health_care_employer_khr": 10_400, "occupational_risk_employer_khr": 3_200}
    # rounding half-up to 100 riel: 938,949 -> 938,900; 938,950 -> 939,000
    assert nssf_contributions(938_949, R2026)["base_khr"] == 938_900
    assert nssf_contributions(938_950, R2026)["base_khr"] == 939_000
    # 2 % x 939,000 = 18,780; 2.6 % x 939,000 = 24,414; 0.8 % x 939,000 = 7,512
    assert nssf_contributions(938_950, R2026)["health_care_employer_khr"] == 24_414
    # contribution rounding half-up to the riel: base 412,500 x 2.6 % = 10,725 exactly;
    # base 412,700 x 0.8 % = 3,301.6 -> 3,302; base 412,700 x 2.6 % = 10,730.2 -> 10,730
    assert nssf_contributions(412_700, R2026)["occupational_risk_employer_khr"] == 3_302
    assert nssf_contributions(412_700, R2026)["health_care_employer_khr"] == 10_730
    # rounding is data: with a step of 1 riel the base is the exact gross
    assert nssf_contributions(938_949, replace(R2026, nssf_base_rounding_khr=1))["base_khr"] == 938_949


def test_worker_hired_mid_month_is_prorated_and_hits_nssf_floor():
    """Hired in January 2026: 11 days paid out of 27 working days, 4,100 riel/$.

    salary 21,000 / 27 x 11 = 231,000 / 27 = 8,555.56 -> 8,556 ($85.56)
    transport 700 / 27 x 11 = 7,700 / 27 = 285.19 -> 285 ($2.85)
    attendance bonus: not a full month -> $0.00 line; no seniority bonus (0 years)
    gross = 8,556 + 285 = 8,841 -> KHR 8,841 x 41 = 362,481 -> 362,500 -> floor 400,000
    pension 8,000 riel -> 800,000 / 4,100 = 195.12 -> 195
    health 10,400 -> 1,040,000 / 4,100 = 253.66 -> 254; risk 3,200 -> 320,000 / 4,100 = 78.05 -> 78
    tax 0; net = 8,841 - 195 = 8,646; employer cost = 8,841 + 195 + 254 + 78 = 9,368
    """
    pay = PayInput(month=date(2026, 1, 1), basis="monthly", khr_per_usd=4100, rate_cents=21000,
                   working_days_in_month=27, days_paid=11, employed_full_month=False)
    slip = compute_payslip(pay, R2026)
    assert amounts(slip) == {"SALARY": 8556, "ATTENDANCE": 0, "TRANSPORT": 285, "NSSF_PENSION": 195,
                             "NSSF_PENSION_ER": 195, "NSSF_HEALTH_ER": 254, "NSSF_RISK_ER": 78, "TAX": 0}
    assert line(slip, "SALARY").explanation == "$210.00 ÷ 27 working days × 11 days paid = $85.56"
    assert line(slip, "ATTENDANCE").explanation.startswith("Not paid: not employed for the full month")
    assert slip.gross_khr == 362_481 and slip.nssf_base_khr == 400_000
    assert "floor" in line(slip, "NSSF_PENSION").explanation
    assert slip.net_cents == 8646 and slip.employer_cost_cents == 9368
    assert_consistent(slip)


def test_unpaid_leave_prorates_salary_and_loses_attendance_bonus_but_not_transport():
    """Full month of 26 working days with 2 unpaid days, 2025 rates, 4,000 riel/$.

    salary 20,800 / 26 x 24 = 19,200 ($192.00); transport $7.00 (full month); attendance lost
    gross 19,900 -> KHR 19,900 x 40 = 796,000; pension 15,920 riel -> 1,592,000 / 4,000 = 398
    net = 19,900 - 398 = 19,502
    """
    pay = PayInput(month=date(2025, 8, 1), basis="monthly", khr_per_usd=4000, rate_cents=20800,
                   days_paid=24, days_unpaid=2, seniority_bonus=False)
    slip = compute_payslip(pay, R2025)
    assert amounts(slip)["SALARY"] == 19200 and amounts(slip)["TRANSPORT"] == 700
    assert line(slip, "ATTENDANCE").amount_cents == 0
    assert "2 unpaid days" in line(slip, "ATTENDANCE").explanation
    assert slip.nssf_employee_cents == 398 and slip.net_cents == 19502
    assert_consistent(slip)


def test_overtime_on_a_public_holiday_at_200_percent():
    """April 2026 (Khmer New Year): $250/month, 6 h normal overtime, 8 h on a public holiday.

    hourly = 25,000 / 208 = 120.19 c
    OT 150 %: 6 x 25,000 / 208 x 1.5 = 225,000 / 208 = 1,081.73 -> 1,082
    OT 200 %: 8 x 25,000 / 208 x 2   = 400,000 / 208 = 1,923.08 -> 1,923
    + attendance 1,000 + transport 700 + seniority bonus (3 years) 400
    gross = 25,000 + 1,082 + 1,923 + 1,000 + 700 + 400 = 30,105 -> KHR 1,234,305 -> base 1,200,000
    pension 24,000 riel -> 2,400,000 / 4,100 = 585.37 -> 585; taxable 1,210,305 -> tax 0
    net = 30,105 - 585 = 29,520
    """
    pay = PayInput(month=date(2026, 4, 1), basis="monthly", khr_per_usd=4100, rate_cents=25000,
                   days_paid=26, years_of_service=3, overtime_hours_normal=6, overtime_hours_premium=8)
    slip = compute_payslip(pay, R2026)
    assert line(slip, "OT_NORMAL").amount_cents == 1082
    assert line(slip, "OT_PREMIUM").amount_cents == 1923
    assert line(slip, "OT_PREMIUM").explanation == "8 h × ($250.00 ÷ 208 h) × 200% = $19.23"
    assert line(slip, "SENIORITY_BONUS").amount_cents == 400
    assert slip.gross_cents == 30105 and slip.gross_khr == 1_234_305
    assert slip.nssf_employee_cents == 585 and slip.tax_khr == 0
    assert slip.net_cents == 29520
    assert_consistent(slip)


def test_overtime_of_daily_worker_uses_daily_rate_over_8_hours():
    # $9.00/day -> 900 / 8 = 112.5 c/h; 3 h x 112.5 x 1.5 = 506.25 -> 506
    pay = PayInput(month=date(2026, 2, 1), basis="daily", khr_per_usd=4100, rate_cents=900,
                   working_days_in_month=24, days_paid=24, overtime_hours_normal=3, nssf_member=False)
    assert line(compute_payslip(pay, R2026), "OT_NORMAL").amount_cents == 506


def test_june_seniority_payment_full_half_year():
    """June 2026, $230/month, 2 years of service, 4,100 riel/$.

    seniority payment = 7.5 days x 23,000 / 26 = 172,500 / 26 = 6,634.62 -> 6,635
    gross = 23,000 + 1,000 + 700 + 300 (bonus, 2 years) + 6,635 = 31,635 -> KHR 1,297,035
    NSSF base capped 1,200,000 -> pension 24,000 riel -> 585
    seniority in riel 6,635 x 41 = 272,035 <= 2,000,000 -> entirely tax-free
    taxable = 1,297,035 - 272,035 - 24,000 = 1,001,000 -> tax 0
    net = 31,635 - 585 = 31,050
    """
    pay = PayInput(month=date(2026, 6, 1), basis="monthly", khr_per_usd=4100, rate_cents=23000,
                   days_paid=26, years_of_service=2)
    slip = compute_payslip(pay, R2026)
    assert line(slip, "SENIORITY_PAY").amount_cents == 6635
    assert line(slip, "SENIORITY_PAY").explanation == "7.5 days × ($230.00 ÷ 26 days) = $66.35"
    assert slip.gross_cents == 31635 and slip.taxable_base_khr == 1_001_000 and slip.tax_khr == 0
    assert slip.net_cents == 31050
    assert_consistent(slip)


def test_june_seniority_payment_prorated_for_three_months_of_service():
    """Hired 10 March 2026: 3 complete months by 30 June.

    7.5 x 3/6 = 3.75 days x 23,000 / 26 = 86,250 / 26 = 3,317.31 -> 3,317
    """
    assert months_of_service_in_half_year(date(2026, 3, 10), date(2026, 6, 1)) == 3
    pay = PayInput(month=date(2026, 6, 1), basis="monthly", khr_per_usd=4100, rate_cents=23000,
                   days_paid=26, seniority_months_in_half_year=3)
    slip = compute_payslip(pay, R2026)
    assert line(slip, "SENIORITY_PAY").amount_cents == 3317
    assert line(slip, "SENIORITY_PAY").explanation == (
        "7.5 days × 3/6 months of service = 3.75 days × ($230.00 ÷ 26 days) = $33.17")
    # the proration is data: without it the full 7.5 days (6,635) is paid
    full = compute_payslip(pay, replace(R2026, seniority_pay_prorate=False))
    assert line(full, "SENIORITY_PAY").amount_cents == 6635
    # under one month of service: nothing
    nothing = compute_payslip(replace(pay, seniority_months_in_half_year=0), R2026)
    assert "SENIORITY_PAY" not in amounts(nothing)
    # not in May
    may = compute_payslip(replace(pay, month=date(2026, 5, 1)), R2026)
    assert "SENIORITY_PAY" not in amounts(may)


def test_december_seniority_payment_above_tax_free_2_000_000_riel():
    """Manager, $2,000/month, December 2026, 4,000 riel/$, no bonuses.

    seniority = 7.5 x 200,000 / 26 = 1,500,000 / 26 = 57,692.31 -> 57,692 -> KHR 57,692 x 40 = 2,307,680
    gross = 257,692 -> KHR 10,307,680; pension 24,000 riel -> 2,400,000 / 4,000 = 600
    taxable = 10,307,680 - 2,000,000 (tax-free part) - 24,000 = 8,283,680
    tax = 5 % x 500,000 + 10 % x 6,283,680 = 25,000 + 628,368 = 653,368 riel
        -> 65,336,800 / 4,000 = 16,334.2 -> 16,334
    net = 257,692 - 600 - 16,334 = 240,758
    """
    pay = PayInput(month=date(2026, 12, 1), basis="monthly", khr_per_usd=4000, rate_cents=200000,
                   days_paid=26, attendance_bonus=False, transport_allowance=False, seniority_bonus=False)
    slip = compute_payslip(pay, R2026)
    assert line(slip, "SENIORITY_PAY").amount_cents == 57692
    assert slip.taxable_base_khr == 8_283_680 and slip.tax_khr == 653_368 and slip.tax_cents == 16334
    assert slip.net_cents == 240758
    assert_consistent(slip)


def test_advance_repaid_over_two_months():
    """$45.01 advance repaid in two instalments [22.51, 22.50]; daily worker $9.00/day, 4,100 riel/$.

    February 2026 (24 working days, all worked):
      24 x 900 = 21,600 + attendance 1,000 + transport 700 = 23,300 -> KHR 955,300
      pension 19,106 riel -> 1,910,600 / 4,100 = 466; net = 23,300 - 466 - 2,251 = 20,583
    March 2026 (26 working days, 25 worked, 1 unpaid absence -> no attendance bonus):
      25 x 900 = 22,500 + transport 700 = 23,200 -> KHR 951,200
      pension 19,024 riel -> 1,902,400 / 4,100 = 464; net = 23,200 - 464 - 2,250 = 20,486
    """
    parts = schedule_repayment(4501, 2)
    assert parts == [2251, 2250]
    feb = compute_payslip(PayInput(month=date(2026, 2, 1), basis="daily", khr_per_usd=4100, rate_cents=900,
                                   working_days_in_month=24, days_paid=24, advance_repayment_cents=parts[0]),
                          R2026)
    mar = compute_payslip(PayInput(month=date(2026, 3, 1), basis="daily", khr_per_usd=4100, rate_cents=900,
                                   working_days_in_month=26, days_paid=25, days_unpaid=1,
                                   advance_repayment_cents=parts[1]), R2026)
    assert feb.gross_cents == 23300 and feb.nssf_employee_cents == 466 and feb.net_cents == 20583
    assert line(feb, "DAYS").explanation == "24 days × $9.00 = $216.00"
    assert mar.gross_cents == 23200 and mar.nssf_employee_cents == 464 and mar.net_cents == 20486
    assert line(mar, "ATTENDANCE").amount_cents == 0
    assert feb.advance_repayment_cents + mar.advance_repayment_cents == 4501
    for slip in (feb, mar):
        assert_consistent(slip)


def test_student_paid_by_the_hour_on_weekends():
    """Student, $1.75/h, 15.5 weekend hours in May 2026: 15.5 x 175 = 2,712.5 -> 2,713 (half-up).

    Not an NSSF member, no bonus; KHR 2,713 x 41 = 111,233 -> tax 0; net = gross = $27.13
    """
    pay = PayInput.student_weekend(date(2026, 5, 1), 175, Decimal("15.5"), 4100)
    slip = compute_payslip(pay, R2026)
    assert amounts(slip) == {"WEEKEND": 2713, "TAX": 0}
    assert line(slip, "WEEKEND").explanation == "15.5 h × $1.75 = $27.13"
    assert slip.nssf_base_khr == 0 and slip.employer_nssf_total_cents == 0
    assert slip.net_cents == 2713 and slip.employer_cost_cents == 2713
    assert_consistent(slip)


def test_piece_rates_round_half_up_on_each_line():
    """Three piece rates, each line rounded on its own:

    5 x 12.5 c = 62.5 -> 63 (half-up; banker's rounding would give 62)
    120 x 35 c = 4,200;  7 x 0.5 c = 3.5 -> 4
    gross = 63 + 4,200 + 4 = 4,267 (sum of the rounded lines, not round(4,266))
    """
    pay = PayInput(month=date(2026, 2, 1), basis="piece", khr_per_usd=4100, working_days_in_month=24,
                   pieces=[(5, Decimal("12.5"), "buttons"), (120, 35, "bags"), (7, Decimal("0.5"))],
                   nssf_member=False, attendance_bonus=False, transport_allowance=False)
    slip = compute_payslip(pay, R2026)
    assert [l.amount_cents for l in slip.lines if l.code == "PIECE"] == [63, 4200, 4]
    assert slip.lines[0].label == "Piece work: buttons"
    assert slip.lines[0].explanation == "5 pieces × $0.125 = $0.63"
    assert slip.gross_cents == 4267
    assert_consistent(slip)


def test_additions_and_deductions_with_reasons():
    # $210.00 + attendance + transport = 22,700 + bonus 1,500 = 24,200; no NSSF
    # KHR 24,200 x 41 = 992,200 -> tax 0; net = 24,200 - 300 (uniform) = 23,900
    pay = PayInput(month=date(2026, 1, 1), basis="monthly", khr_per_usd=4100, rate_cents=21000, days_paid=26,
                   nssf_member=False, additions=[("Khmer New Year bonus", 1500)],
                   deductions=[("Uniform", 300)])
    slip = compute_payslip(pay, R2026)
    assert slip.gross_cents == 24200 and slip.other_deductions_cents == 300 and slip.net_cents == 23900
    assert [l.label for l in slip.lines if l.code in ("ADDITION", "DEDUCTION")] == ["Khmer New Year bonus", "Uniform"]
    assert_consistent(slip)


# --------------------------------------------------------------------------- building blocks


def test_schedule_repayment():
    assert schedule_repayment(10001, 3) == [3334, 3334, 3333]
    assert schedule_repayment(5000, 2) == [2500, 2500]
    assert schedule_repayment(2, 4) == [1, 1, 0, 0]
    with pytest.raises(ValidationError):
        schedule_repayment(100, 0)


def test_seniority_bonus_table_and_service_dates():
    assert [seniority_bonus_cents(y, R2026) for y in (0, 1, 2, 5, 10, 25)] == [0, 200, 300, 600, 1100, 1100]
    assert completed_years_of_service(date(2020, 6, 15), date(2026, 6, 14)) == 5
    assert completed_years_of_service(date(2020, 6, 15), date(2026, 6, 15)) == 6
    assert months_of_service_in_half_year(date(2019, 5, 1), date(2026, 12, 1)) == 6
    assert months_of_service_in_half_year(date(2026, 3, 1), date(2026, 6, 1)) == 4   # Mar-Jun
    assert months_of_service_in_half_year(date(2026, 9, 20), date(2026, 12, 1)) == 3  # to 20 Dec
    assert months_of_service_in_half_year(date(2026, 7, 1), date(2026, 6, 1)) == 0


def test_fair_wage():
    # reference 2026, 3 years: 21,000 + 1,000 + 700 + 400 = 23,100
    # 25,000 - 23,100 = 1,900; 1,900 / 23,100 = 8.225 % -> 8.2
    assert fair_wage(25000, R2026, 3) == (1900, Decimal("8.2"))
    # reference 2025, 0 years: 20,800 + 1,000 + 700 = 22,500; 22,000 -> -500, -2.222 % -> -2.2
    assert fair_wage(22000, R2025, 0) == (-500, Decimal("-2.2"))
    # 23,636 - 22,500 = 1,136; 1,136 / 22,500 = 5.0489 % -> 5.0
    assert fair_wage(23636, R2025, 0) == (1136, Decimal("5.0"))


def test_rates_are_dated_data():
    assert rates_for_month(date(2025, 12, 1), [R2025, R2026]) is R2025
    assert rates_for_month(date(2026, 1, 1), [R2025, R2026]) is R2026
    with pytest.raises(ValidationError):
        rates_for_month(date(2024, 12, 1), [R2025, R2026])
    pay = PayInput(month=date(2025, 12, 1), basis="daily", khr_per_usd=4100, rate_cents=900, days_paid=20)
    with pytest.raises(ValidationError) as err:
        compute_payslip(pay, R2026)
    assert err.value.field == "rates"
    with pytest.raises(ValidationError):
        Rates(effective_from=date(2026, 1, 1), minimum_wage_cents=21000,
              tax_brackets=((2_000_000, 0), (1_500_000, 500), (None, 1000)))


@pytest.mark.parametrize("changes, field_name", [
    ({"basis": "weekly"}, "basis"),
    ({"hours": -1, "basis": "hourly"}, "hours"),
    ({"rate_cents": 21000.0}, "rate_cents"),
    ({"rate_cents": 0}, "rate_cents"),
    ({"days_paid": 27}, "days_paid"),
    ({"days_paid": 20}, "days_paid"),  # full month but 20 + 0 != 26
    ({"month": date(2026, 1, 15)}, "month"),
    ({"khr_per_usd": 0}, "khr_per_usd"),
    ({"dependants": -1}, "dependants"),
    ({"advance_repayment_cents": -5}, "advance_repayment_cents"),
    ({"weekend_hours": 4}, "hours"),
    ({"additions": [("", 100)]}, "additions"),
    ({"deductions": [("Fine", 0)]}, "deductions"),
    ({"seniority_months_in_half_year": 7}, "seniority_months_in_half_year"),
])
def test_bad_input_is_refused(changes, field_name):
    base = dict(month=date(2026, 1, 1), basis="monthly", khr_per_usd=4100, rate_cents=21000, days_paid=26)
    base.update(changes)
    with pytest.raises(ValidationError) as err:
        PayInput(**base)
    assert err.value.field == field_name


def test_deductions_larger_than_gross_are_refused():
    pay = PayInput.student_weekend(date(2026, 5, 1), 175, 4, 4100, advance_repayment_cents=1000)
    with pytest.raises(ValidationError) as err:
        compute_payslip(pay, R2026)
    assert err.value.field == "deductions"


def test_piece_worker_seniority_payment_needs_average_daily_wage():
    pay = PayInput(month=date(2026, 6, 1), basis="piece", khr_per_usd=4100, pieces=[(100, 50)])
    with pytest.raises(ValidationError) as err:
        compute_payslip(pay, R2026)
    assert err.value.field == "seniority_daily_wage_cents"
    # with an average daily wage of $8.40: 7.5 x 840 = 6,300
    slip = compute_payslip(replace(pay, seniority_daily_wage_cents=840), R2026)
    assert line(slip, "SENIORITY_PAY").amount_cents == 6300


# --------------------------------------------------------------------------- properties
quantities = st.one_of(st.integers(0, 60), st.decimals(0, 60, places=2, allow_nan=False, allow_infinity=False))


@st.composite
def pay_inputs(draw):
    basis = draw(st.sampled_from(["monthly", "daily", "hourly"]))
    working = draw(st.integers(20, 27))
    full = draw(st.booleans())
    unpaid = draw(st.integers(0, 5))
    paid = working - unpaid if (basis == "monthly" and full) else draw(st.integers(0, working - unpaid))
    rate = {"monthly": st.integers(10_000, 300_000), "daily": st.integers(500, 5_000),
            "hourly": st.integers(100, 1_000)}[basis]
    extra = {}
    if basis == "hourly":
        extra = dict(hours=draw(quantities), weekend_hours=draw(quantities))
    return PayInput(
        month=date(2026, draw(st.integers(1, 12)), 1), basis=basis, khr_per_usd=draw(st.integers(3900, 4200)),
        rate_cents=draw(rate), working_days_in_month=working, days_paid=paid, days_unpaid=unpaid,
        employed_full_month=full, overtime_hours_normal=draw(quantities), overtime_hours_premium=draw(quantities),
        years_of_service=draw(st.integers(0, 15)), seniority_months_in_half_year=draw(st.integers(0, 6)),
        nssf_member=draw(st.booleans()), dependants=draw(st.integers(0, 4)),
        advance_repayment_cents=draw(st.integers(0, 3_000)),
        additions=draw(st.lists(st.tuples(st.just("bonus"), st.integers(1, 5_000)), max_size=2)),
        deductions=draw(st.lists(st.tuples(st.just("fine"), st.integers(1, 500)), max_size=2)), **extra)


@settings(max_examples=300, deadline=None)
@given(pay_inputs())
def test_property_net_is_gross_minus_deductions_exactly(pay):
    try:
        slip = compute_payslip(pay, R2026)
    except ValidationError as err:
        assert err.field == "deductions"
        assume(False)
    assert_consistent(slip)
    assert slip.tax_cents == khr_to_usd_cents(slip.tax_khr, pay.khr_per_usd)
    if pay.nssf_member:
        assert 400_000 <= slip.nssf_base_khr <= 1_200_000


@given(st.integers(0, 10_000_000), st.integers(1, 60))
def test_property_schedule_repayment_sums_exactly(amount, months):
    parts = schedule_repayment(amount, months)
    assert sum(parts) == amount and len(parts) == months
    assert max(parts) - min(parts) <= 1

"""Monthly payroll runs: draft (computed, every line explained), review warnings, finalise.

A draft is recomputed from contracts, time sheets, pieces, advances, adjustments and the
rates in force whenever the manager asks. Finalising checks that the figures reviewed are
still those the data gives, then locks the run for good (database triggers refuse any
change). Corrections of a finalised month are adjustments in a later month.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from ...db import database
from ...db.payroll import (
    Adjustment, Advance, Contract, PayRun, PieceOutput, Payslip, PayslipLine, TimeEntry, Worker,
)
from ..core import audit, settings
from ..common import validate
from ..common.errors import ConflictError, NotFound, ValidationError
from .months import (
    AREA, PAID_STATUSES, UNPAID_STATUSES, add_months, holidays_between, month_end, month_label,
    parse_month, rates_in_force, refuse_if_final, working_days,
)
from .calc import (
    PayInput, Rates, completed_years_of_service, compute_payslip, fmt_number,
    months_of_service_in_half_year, round_half_up, schedule_repayment, seniority_bonus_cents,
)
from ..core.permissions import Actor, require
from .workers import contract_on
from ...formats import format_date, format_day_month
from ...i18n import N_, _, ngettext

RATE_CHANGE = N_("Rate change")  # the head of a payslip line for days at another rate

REGULAR_CODES = ("SALARY", "DAYS", "HOURS", "WEEKEND", "PIECE", "ATTENDANCE", "TRANSPORT",
                 "SENIORITY_BONUS")
BASE_CODES = ("SALARY", "DAYS", "HOURS", "WEEKEND", "PIECE")


@dataclass
class Computed:
    worker: Worker
    basis: str
    slip: object  # payroll_calc.Payslip
    days_worked: Fraction
    hours_worked: Fraction
    regular_cents: int
    reference_cents: int


@dataclass
class Draft:
    month: dt.date
    khr_per_usd: int
    rates: Rates
    computed: list[Computed] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def fingerprint(self):
        return sorted((c.worker.code, c.slip.gross_cents, c.slip.net_cents, c.slip.tax_khr,
                       c.slip.employer_cost_cents) for c in self.computed)


def fair_reference_cents(rates: Rates, years: int) -> int:
    """Sector minimum (setting, or the rates' minimum wage) + the legal monthly bonuses."""
    minimum = settings.get("payroll_sector_minimum_cents") or rates.minimum_wage_cents
    return minimum + rates.attendance_bonus_cents + rates.transport_cents + seniority_bonus_cents(years, rates)


def instalment_due(advance, month: dt.date) -> int:
    """The part of an advance repaid in ``month`` (0 outside its schedule)."""
    index = (month.year - advance.first_month.year) * 12 + month.month - advance.first_month.month
    if not 0 <= index < advance.months:
        return 0
    return schedule_repayment(advance.amount_cents, advance.months)[index]


def _group(rows, key="worker_id"):
    out: dict[int, list] = {}
    for row in rows:
        out.setdefault(getattr(row, key), []).append(row)
    return out


def compute_month(month: dt.date, khr_per_usd: int) -> Draft:
    """Compute every worker's payslip for ``month`` in memory (no writes, no permission)."""
    rates = rates_in_force(month)
    last = month_end(month)
    draft = Draft(month, khr_per_usd, rates)
    workers = list(Worker.select().where((Worker.hire_date <= last) & (
        Worker.leave_date.is_null() | (Worker.leave_date >= month))).order_by(Worker.code))
    ids = [w.id for w in workers]
    contracts = _group(Contract.select().where(Contract.worker.in_(ids) & (Contract.effective_from <= last))
                       .order_by(Contract.effective_from))
    entries = _group(TimeEntry.select().where(TimeEntry.worker.in_(ids) & TimeEntry.day.between(month, last)))
    pieces = _group(PieceOutput.select().where(PieceOutput.worker.in_(ids)
                                               & PieceOutput.day.between(month, last))
                    .order_by(PieceOutput.day, PieceOutput.id))
    advances = _group(Advance.select().where(Advance.worker.in_(ids) & (Advance.first_month <= month)))
    adjustments = _group(Adjustment.select().where(Adjustment.worker.in_(ids) & (Adjustment.month == month))
                         .order_by(Adjustment.id))
    workdays = set(working_days(month))
    holidays = holidays_between(month, last)
    for w in workers:
        mine = contracts.get(w.id, [])
        first_day, last_day = max(month, w.hire_date), min(last, w.leave_date or last)
        contract = contract_on(mine, last_day)
        if contract is None:
            draft.warnings.append((w.code, f"{w.name_latin} has no contract in force: not paid"))
            continue
        days = entries.get(w.id, [])
        base_rate, rate_lines = _rate_segments(w, mine, contract, days, first_day, last_day,
                                               workdays, draft.warnings)
        if not days and contract.basis != "hourly" and w.kind == "employee":
            draft.warnings.append((w.code, f"{w.name_latin} has no time sheet for {month_label(month)}: "
                                           "not paid"))
            continue
        try:
            pay, worked, hours = _pay_input(w, contract, days, pieces.get(w.id, []), advances.get(w.id, []),
                                            adjustments.get(w.id, []), month, first_day, last_day, workdays,
                                            holidays, khr_per_usd, draft.warnings)
            if base_rate is not None:
                pay = dataclasses.replace(pay, rate_cents=_dec(base_rate),
                                          additions=tuple(rate_lines) + pay.additions)
            slip = compute_payslip(pay, rates)
        except ValidationError as exc:
            draft.warnings.append((w.code, f"cannot compute the pay of {w.name_latin}: {exc.message}"))
            continue
        amounts = {}
        for line in slip.lines:
            amounts[line.code] = amounts.get(line.code, 0) + line.amount_cents
        regular = sum(amounts.get(code, 0) for code in REGULAR_CODES)
        reference = 0
        if w.kind == "employee" and pay.employed_full_month:
            years = completed_years_of_service(w.hire_date, last)
            reference = fair_reference_cents(rates, years)
            base = sum(amounts.get(code, 0) for code in BASE_CODES)
            wd = len(workdays)
            if base * wd < rates.minimum_wage_cents * Fraction(pay.days_paid):
                draft.warnings.append((w.code, f"{w.name_latin}: base pay {validate.format_cents(base)} is "
                                               f"below the legal minimum wage "
                                               f"{validate.format_cents(rates.minimum_wage_cents)}"))
        draft.computed.append(Computed(w, contract.basis, slip, worked, hours, regular, reference))
    return draft


def _rate_segments(w, contracts, contract, days, first_day, last_day, workdays, warnings):
    """Return (rate to compute the month at, additions) for a contract change within the month.

    The month is computed at the lowest rate in force during it, and each part paid at a higher
    rate gets the difference as an earning line (so NSSF and tax see it): a raise on the 16th pays
    the days before at the old rate and the days from the 16th at the new one.
    """
    changes = sorted(c.effective_from for c in contracts if first_day < c.effective_from <= last_day)
    if not changes or contract.basis == "piece":
        return None, []
    bounds = [first_day] + changes + [last_day + dt.timedelta(days=1)]
    segments = []
    for start, nxt in zip(bounds, bounds[1:]):
        c = contract_on(contracts, start)
        if c is None or c.basis != contract.basis:
            if c is not None:
                warnings.append((w.code, _(
                    "pay basis changed during the month ({old} to {new}): the days from {day} "
                    "are paid as {new}; check, or add an adjustment").format(
                        old=_(c.basis), new=_(contract.basis), day=format_day_month(start))))
            continue
        segments.append((start, nxt - dt.timedelta(days=1), Fraction(str(c.rate_cents))))
    if not segments:
        return None, []
    base = min(rate for _, _, rate in segments)
    out = []
    for start, end, rate in segments:
        if rate == base:
            continue
        part = [e for e in days if start <= e.day <= end]
        # The label is stored with the payslip, so its detail is written in figures any reader
        # follows: "Rate change: 16/03-31/03, 14/26 x ($330.00 - $300.00)"; the head is translated
        # where it is shown (translate_label).
        if contract.basis == "hourly":
            hours = Fraction(sum(e.minutes for e in part), 60)
            what, share = f"{_dec(hours)} h", hours
        else:
            count = sum(1 for e in part if e.day in workdays and e.status in PAID_STATUSES)
            monthly = contract.basis == "monthly"
            what = f"{count}/{len(workdays)}" if monthly else str(count)
            share = Fraction(count, len(workdays)) if monthly else count
        cents = round_half_up((rate - base) * share)
        if cents:
            out.append((f"{RATE_CHANGE}: {start:%d/%m}\u2013{end:%d/%m}, {what} \u00d7 "
                        f"({validate.format_cents(round_half_up(rate))} \u2212 "
                        f"{validate.format_cents(round_half_up(base))})", cents))
    return base, out


def _pay_input(w, contract, days, pieces, advances, adjustments, month, first_day, last_day, workdays,
               holidays, khr_per_usd, warnings) -> tuple[PayInput, Fraction, Fraction]:
    basis = contract.basis
    paid = unpaid = 0
    hours = weekend = ot_normal = ot_premium = Fraction(0)
    entered = set()
    for e in days:
        entered.add(e.day)
        if e.day in workdays:
            if e.status in PAID_STATUSES:
                paid += 1
            elif e.status in UNPAID_STATUSES:
                unpaid += 1
        minutes = Fraction(e.minutes, 60)
        if e.day.weekday() >= 5 or e.day in holidays:
            weekend += minutes
        else:
            hours += minutes
        ot_normal += Fraction(e.ot_normal_minutes, 60)
        ot_premium += Fraction(e.ot_premium_minutes, 60)
    employed_days = [d for d in workdays if first_day <= d <= last_day]
    full = first_day == month and last_day == month_end(month)
    if basis != "hourly":
        blank = [d for d in employed_days if d not in entered]
        if blank:
            unpaid += len(blank)
            warnings.append((w.code, ngettext(
                "{n} working day with nothing entered, counted as unpaid (first: {first})",
                "{n} working days with nothing entered, counted as unpaid (first: {first})",
                len(blank)).format(n=len(blank), first=format_day_month(blank[0]))))
    worked = Fraction(sum(1 for e in days if e.status == "W"))
    piece_rows = ()
    seniority_daily = None
    if basis == "piece":
        grouped: dict[tuple, int] = {}
        for p in pieces:
            label = p.item_label + (f" {p.variant_code}" if p.variant_code else "")
            grouped[(label, p.piece_rate_cents)] = grouped.get((label, p.piece_rate_cents), 0) + p.pieces
        piece_rows = tuple((n, rate, label) for (label, rate), n in grouped.items())
        if paid:
            average = Fraction(sum(n * rate for n, rate, _ in piece_rows), paid)
            seniority_daily = round_half_up(average)  # the average daily wage, to the cent
        else:
            seniority_daily = 0
    repay = sum(instalment_due(a, month) for a in advances)
    pay = PayInput(
        month=month, basis=basis, khr_per_usd=khr_per_usd, rate_cents=contract.rate_cents,
        working_days_in_month=len(workdays),
        days_paid=paid if basis in ("monthly", "daily", "piece") else 0,
        days_unpaid=unpaid if basis in ("monthly", "daily", "piece") else 0,
        employed_full_month=full,
        hours=_dec(hours) if basis == "hourly" else 0,
        weekend_hours=_dec(weekend) if basis == "hourly" else 0,
        overtime_hours_normal=_dec(ot_normal), overtime_hours_premium=_dec(ot_premium),
        pieces=piece_rows,
        years_of_service=completed_years_of_service(w.hire_date, last_day),
        seniority_months_in_half_year=months_of_service_in_half_year(w.hire_date, month),
        seniority_daily_wage_cents=seniority_daily,
        nssf_member=w.nssf_member, dependants=w.dependants,
        attendance_bonus=contract.attendance_bonus, transport_allowance=contract.transport_allowance,
        seniority_bonus=contract.seniority_bonus, seniority_pay=contract.seniority_pay,
        advance_repayment_cents=repay,
        additions=tuple((a.reason, a.amount_cents) for a in adjustments if a.kind == "addition"),
        deductions=tuple((a.reason, a.amount_cents) for a in adjustments if a.kind == "deduction"),
    )
    return pay, worked, hours + weekend


def _dec(q: Fraction):
    """Hours as an exact Decimal when they are one (minutes / 60 usually are), else the Fraction."""
    d = Decimal(q.numerator) / Decimal(q.denominator)
    return d if Fraction(d) == q else q


# --------------------------------------------------------------------------- runs
def get_run(month: dt.date):
    return PayRun.get_or_none(PayRun.month == month)


def compute_draft(actor: Actor, month, khr_per_usd=None, today: dt.date | None = None) -> PayRun:
    """Compute (or recompute) the draft of ``month`` and store it for review.

    The month under way may be drafted (to see where it stands); a month not yet begun may not.
    """
    require(actor, "payroll.run")
    month = parse_month(month)
    today = today or dt.date.today()
    if month > today.replace(day=1):
        raise ValidationError("month", _("{month} has not begun yet").format(month=month_label(month)))
    run = get_run(month)
    if khr_per_usd in (None, ""):
        khr_per_usd = run.khr_per_usd if run else settings.get("khr_per_usd")
    khr_per_usd = validate.integer("khr_per_usd", khr_per_usd, 1000, 10000)
    draft = compute_month(month, khr_per_usd)
    with database.atomic():
        refuse_if_final(month, "its payroll")
        if run is None:
            run = PayRun.create(month=month, khr_per_usd=khr_per_usd, rates_from=draft.rates.effective_from)
        else:
            PayslipLine.delete().where(PayslipLine.payslip.in_(
                Payslip.select(Payslip.id).where(Payslip.run == run))).execute()
            Payslip.delete().where(Payslip.run == run).execute()
        run.khr_per_usd, run.rates_from = khr_per_usd, draft.rates.effective_from
        run.warnings = json.dumps(draft.warnings, ensure_ascii=False)
        run.computed_at, run.computed_by = dt.datetime.now(), actor.username
        run.save()
        _store(run, draft)
        net = sum(c.slip.net_cents for c in draft.computed)
        audit.record(actor, AREA, "draft", "payrun", run.id,
                     f"draft payroll {month_label(month)}: {len(draft.computed)} payslips, net "
                     f"{validate.format_cents(net)}, {len(draft.warnings)} warnings")
    return run


def _store(run: PayRun, draft: Draft) -> None:
    lines = []
    for c in draft.computed:
        s, w = c.slip, c.worker
        p = Payslip.create(
            run=run, worker=w, code=w.code, name_latin=w.name_latin, name_khmer=w.name_khmer, kind=w.kind,
            job=w.job, basis=c.basis, pay_method=w.pay_method, nssf_number=w.nssf_number,
            days_worked=fmt_number(c.days_worked).replace(",", ""),
            hours_worked=fmt_number(c.hours_worked, max_places=2).replace(",", "").lstrip("~"),
            gross_cents=s.gross_cents, gross_khr=s.gross_khr, nssf_base_khr=s.nssf_base_khr,
            nssf_employee_khr=s.nssf_employee_khr, nssf_employee_cents=s.nssf_employee_cents,
            er_pension_khr=s.employer_nssf_khr["pension"], er_health_khr=s.employer_nssf_khr["health_care"],
            er_risk_khr=s.employer_nssf_khr["occupational_risk"],
            er_pension_cents=s.employer_nssf_cents["pension"],
            er_health_cents=s.employer_nssf_cents["health_care"],
            er_risk_cents=s.employer_nssf_cents["occupational_risk"],
            taxable_khr=s.taxable_base_khr, tax_khr=s.tax_khr, tax_cents=s.tax_cents,
            advance_cents=s.advance_repayment_cents, other_deductions_cents=s.other_deductions_cents,
            total_deductions_cents=s.total_deductions_cents, net_cents=s.net_cents,
            employer_cost_cents=s.employer_cost_cents, regular_pay_cents=c.regular_cents,
            reference_cents=c.reference_cents)
        for seq, line in enumerate(s.lines):
            lines.append({"payslip": p.id, "seq": seq, "code": line.code, "label": line.label,
                          "kind": line.kind, "amount_cents": line.amount_cents,
                          "amount_khr": line.amount_khr, "explanation": line.explanation})
    for start in range(0, len(lines), 500):
        PayslipLine.insert_many(lines[start:start + 500]).execute()


def finalise(actor: Actor, month, today: dt.date | None = None) -> PayRun:
    """Lock the reviewed draft for good, if the month has ended and the data still gives the
    same figures."""
    require(actor, "payroll.finalise")
    month = parse_month(month)
    today = today or dt.date.today()
    if month_end(month) >= today:
        raise ConflictError(_("{month} has not ended yet: its payroll can be finalised from "
                              "{day}.").format(month=month_label(month),
                                               day=format_date(month_end(month)
                                                               + dt.timedelta(days=1))))
    with database.atomic():
        run = get_run(month)
        if run is None:
            raise NotFound(_("there is no payroll draft for {month_label}; compute it first").format(month_label=month_label(month)))
        if run.status == "final":
            raise ConflictError(_("The payroll of {month_label} is already finalised.").format(month_label=month_label(month)))
        fresh = compute_month(month, run.khr_per_usd)
        stored = sorted((p.code, p.gross_cents, p.net_cents, p.tax_khr, p.employer_cost_cents)
                        for p in Payslip.select().where(Payslip.run == run))
        if fresh.fingerprint() != stored or fresh.rates.effective_from != run.rates_from:
            raise ConflictError(_("Time sheets, contracts or rates changed after this draft was computed. Compute the draft again and review it before finalising."))
        run.status, run.finalised_at, run.finalised_by = "final", dt.datetime.now(), actor.username
        run.save()
        net = sum(p[2] for p in stored)
        audit.record(actor, AREA, "finalise", "payrun", run.id,
                     f"payroll {month_label(month)} finalised: {len(stored)} payslips, net "
                     f"{validate.format_cents(net)}")
    return run


def latest_final_month():
    run = PayRun.select().where(PayRun.status == "final").order_by(PayRun.month.desc()).first()
    return run.month if run else None


def next_month_to_pay(today: dt.date) -> dt.date:
    last = latest_final_month()
    return add_months(last, 1) if last else today.replace(day=1)

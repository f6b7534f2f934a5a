"""Advances (and the mid-month payment), additions and deductions with a reason.

An advance is repaid in instalments from its first month; an addition or deduction is paid in
one month and may name the finalised month it corrects (corrections never edit a locked run).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...db import database
from ...db.payroll import Adjustment, Advance, Contract, Worker
from ..core import audit, settings
from ..common import numbers, validate
from ..common.errors import ConflictError, NotFound, ValidationError
from .months import ADVANCE_HARD_LIMIT, AREA, month_label, parse_month, refuse_if_final, working_days
from .run import _group, instalment_due
from ..core.permissions import Actor, require
from .workers import contract_on
from ...formats import format_date, format_money
from ...i18n import N_, _


#: The kinds of a month's extra lines, by their stored code (shown by their label).
EXTRA_KINDS = {"advance": N_("Advance"), "addition": N_("Addition"), "deduction": N_("Deduction")}
DEFAULT_REASON = N_("Salary advance")  # stored as is; shown in the reader's language


def give_advance(actor: Actor, worker_id: int, given_on, amount, months=1, reason: str = "",
                 first_month=None, confirm: bool = False) -> int:
    """Record an advance, repaid in ``months`` instalments from ``first_month`` (default: the
    month it is given). Returns its id. An advance above the usual highest (a setting) needs
    ``confirm``."""
    require(actor, "payroll.run")
    given_on = validate.date("given_on", given_on)
    cents = validate.money_cents("amount", amount)
    if cents <= 0:
        raise ValidationError("amount", _("must be more than zero"))
    numbers.check_plausible("amount", cents, "USD", numbers.Plausible(
        1, settings.get("payroll_advance_usual_max_cents"), ADVANCE_HARD_LIMIT), confirm)
    months = validate.integer("months", months, 1, 24)
    reason = validate.text("reason", reason, 120, required=False) or DEFAULT_REASON
    first = parse_month(first_month, "first_month") if first_month else given_on.replace(day=1)
    if first < given_on.replace(day=1):
        raise ValidationError("first_month", _("repayment cannot start before the advance is given"))
    with database.atomic():
        w = Worker.get_or_none(Worker.id == worker_id)
        if w is None:
            raise NotFound(_("worker {worker_id}").format(worker_id=worker_id))
        refuse_if_final(first, "its advances")
        a = Advance.create(worker=w, given_on=given_on, amount_cents=cents, months=months, first_month=first,
                           reason=reason, created_by=actor.username)
        audit.record(actor, AREA, "create", "advance", a.id,
                     f"advance {validate.format_cents(cents)} to {w.code} on {given_on}, repaid over {months} "
                     f"months from {month_label(first)}")
    return a.id


def pay_mid_month(actor: Actor, month, percent=None, given_on=None) -> tuple[int, int]:
    """The mid-month payment: an advance of ``percent`` of each employee's monthly wage (whole
    dollars), deducted from the month's pay. Returns (workers paid, total cents)."""
    require(actor, "payroll.run")
    month = parse_month(month)
    percent = validate.integer("percent", percent if percent not in (None, "") else
                               settings.get("payroll_mid_month_percent"), 1, 90)
    given_on = validate.date("given_on", given_on or month.replace(day=15))
    rows = []
    with database.atomic():
        refuse_if_final(month, "its advances")
        if Advance.select().where((Advance.first_month == month) & (Advance.mid_month == True)).exists():  # noqa: E712
            raise ConflictError(_("The mid-month payment of {month_label} was already made.").format(month_label=month_label(month)))
        workers = Worker.select().where((Worker.kind == "employee") & (Worker.hire_date <= given_on)
                                        & (Worker.leave_date.is_null() | (Worker.leave_date >= given_on)))
        contracts = _group(Contract.select().where(Contract.effective_from <= given_on)
                           .order_by(Contract.effective_from))
        days = len(working_days(month))
        for w in workers:
            c = contract_on(contracts.get(w.id, []), given_on)
            if c is None or c.basis not in ("monthly", "daily"):
                continue
            wage = c.rate_cents if c.basis == "monthly" else c.rate_cents * days
            dollars = (wage * percent // 100 + 50) // 100
            if dollars:
                rows.append({"worker": w.id, "given_on": given_on, "amount_cents": dollars * 100, "months": 1,
                             "first_month": month, "reason": "Mid-month payment", "mid_month": True,
                             "created_by": actor.username})
        if rows:
            Advance.insert_many(rows).execute()
        total = sum(r["amount_cents"] for r in rows)
        audit.record(actor, AREA, "mid_month", "advance", month.isoformat()[:7],
                     f"mid-month payment {month_label(month)}: {len(rows)} workers, {percent}%, "
                     f"{validate.format_cents(total)}")
    return len(rows), total


def add_adjustment(actor: Actor, worker_id: int, month, kind: str, reason: str, amount,
                   corrects_month=None, confirm: bool = False) -> int:
    """An addition or deduction with a reason, paid in ``month``; ``corrects_month`` names the
    finalised month it corrects. Returns its id. Above the usual highest advance it needs
    ``confirm``."""
    require(actor, "payroll.run")
    month = parse_month(month)
    kind = validate.choice("kind", kind, ("addition", "deduction"))
    reason = validate.text("reason", reason, 120)
    cents = validate.money_cents("amount", amount)
    if cents <= 0:
        raise ValidationError("amount", _("must be more than zero"))
    numbers.check_plausible("amount", cents, "USD", numbers.Plausible(
        1, settings.get("payroll_advance_usual_max_cents"), ADVANCE_HARD_LIMIT), confirm)
    corrects = parse_month(corrects_month, "corrects_month") if corrects_month else None
    if corrects and corrects >= month:
        raise ValidationError("corrects_month", _("a correction goes into a later month"))
    with database.atomic():
        w = Worker.get_or_none(Worker.id == worker_id)
        if w is None:
            raise NotFound(_("worker {worker_id}").format(worker_id=worker_id))
        refuse_if_final(month, "its adjustments")
        if corrects:
            reason = f"{reason} (correction of {corrects:%m/%Y})"
        a = Adjustment.create(worker=w, month=month, kind=kind, reason=reason, amount_cents=cents,
                              corrects_month=corrects, created_by=actor.username)
        audit.record(actor, AREA, "create", "adjustment", a.id,
                     f"{kind} {validate.format_cents(cents)} for {w.code} in {month_label(month)}: {reason}")
    return a.id


def delete_adjustment(actor: Actor, adjustment_id: int) -> None:
    require(actor, "payroll.run")
    with database.atomic():
        a = Adjustment.get_or_none(Adjustment.id == adjustment_id)
        if a is None:
            raise NotFound(_("adjustment {adjustment_id}").format(adjustment_id=adjustment_id))
        refuse_if_final(a.month, "its adjustments")
        a.delete_instance()
        audit.record(actor, AREA, "delete", "adjustment", adjustment_id,
                     f"{a.kind} {validate.format_cents(a.amount_cents)} ({a.reason}) removed")




@dataclass(frozen=True)
class Extra:
    """An advance repaid, or an addition/deduction, in a month (for the run screen)."""

    kind: str  # advance | addition | deduction
    id: int
    worker_code: str
    name_latin: str
    amount_cents: int  # this month's part
    detail: str


def list_extras(actor: Actor, month) -> list[Extra]:
    require(actor, "payroll.view")
    month = parse_month(month)
    out = []
    for a in Advance.select(Advance, Worker).join(Worker).where(Advance.first_month <= month).order_by(Worker.code):
        due = instalment_due(a, month)
        if due:
            index = (month.year - a.first_month.year) * 12 + month.month - a.first_month.month + 1
            out.append(Extra("advance", a.id, a.worker.code, a.worker.name_latin, due,
                             _("{reason}: {amount} given {day}, instalment {index} of {months}").format(
                                 reason=_(a.reason) if a.reason == DEFAULT_REASON else a.reason,
                                 amount=format_money(a.amount_cents), day=format_date(a.given_on),
                                 index=index, months=a.months)))
    for j in Adjustment.select(Adjustment, Worker).join(Worker).where(Adjustment.month == month).order_by(Worker.code):
        out.append(Extra(j.kind, j.id, j.worker.code, j.worker.name_latin, j.amount_cents, j.reason))
    return out

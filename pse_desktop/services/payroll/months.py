"""Payroll area: permissions, settings, months, the rates as dated data, public holidays.

Only the workshop manager and admins hold any ``payroll.*`` action, so nobody else sees
anything about pay. The arithmetic itself is in :mod:`payroll_calc` (pure functions).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re

from ...db import database
from ...db.payroll import PayRates, PayRun, PublicHoliday
from ..core import audit, settings
from ..common import validate
from ..common.errors import ConflictError, NotFound, ValidationError
from .rates import Rates
from . import rate_fields
from .rate_fields import EDITABLE_RATES, MINIMUM_WAGE_USUAL, brackets_text, parse_brackets, parse_rate  # noqa: F401
from ..common import numbers
from .rates_json import rates_from_json, rates_to_json
from ..core.permissions import Actor, register_actions, require
from ...i18n import _, N_

AREA = "payroll"

register_actions(
    {
        "payroll.view": N_("See workers, time sheets, payroll runs, payslips and fair-wage figures"),
        "payroll.workers": N_("Add and edit workshop workers and their contracts"),
        "payroll.time": N_("Fill time sheets and pieces sewn"),
        "payroll.run": N_("Compute payroll drafts, add advances and adjustments"),
        "payroll.finalise": N_("Finalise a month's payroll (locked for good)"),
        "payroll.rates": N_("Edit payroll rates and public holidays"),
    },
    {"workshop_manager": ["payroll.view", "payroll.workers", "payroll.time", "payroll.run",
                          "payroll.finalise", "payroll.rates"]},
)

settings.declare(
    settings.SettingDef(
        "payroll_sector_minimum_cents", N_("Fair wage: sector minimum (cents, 0 = from the rates)"),
        "int", 0,
        N_("The garment-sector minimum monthly wage PSE compares its pay with, in US cents (21000 = US$210). 0 uses the minimum wage of each month's payroll rates. The legal bonuses (attendance, transport, seniority) are added to it."), 0, 10_000_000),
    settings.SettingDef(
        "payroll_mid_month_percent", N_("Mid-month payment (% of the monthly wage)"), "int", 50,
        N_("Share of the monthly wage paid as an advance in the middle of the month; it is deducted from the month's pay."), 1, 90),
    settings.SettingDef(
        "payroll_wage_usual_max_cents", N_("Usual highest monthly wage (cents)"), "int", 100_000,
        N_("A monthly wage above this (or below the sector minimum) is saved only after the user confirms it (\"$24,550.00 a month — is that right?\"). Daily rates are compared with a 26th of it, hourly rates with a 208th. 100000 = US$1,000."), 10_000, 10_000_000),
    settings.SettingDef(
        "payroll_advance_usual_max_cents", N_("Usual highest advance (cents)"), "int", 30_000,
        N_("An advance, addition or deduction above this is saved only after the user confirms it. 30000 = US$300."),
        1_000, 10_000_000),
)

#: Nobody's pay passes these, confirmed or not (US cents): a typing slip, not a wage.
WAGE_HARD_LIMIT = 10_000_000  # $100,000 a month
ADVANCE_HARD_LIMIT = 500_000  # $5,000

JOBS = (N_("seamstress"), N_("cutter"), N_("finisher"), N_("supervisor"), N_("ironer"),
        N_("quality control"), N_("student"))
STATUSES = {
    "W": N_("worked"), "A": N_("absent"), "PL": N_("paid leave"), "UL": N_("unpaid leave"),
    "S": N_("sick"), "H": N_("public holiday"),
}
PAID_STATUSES = ("W", "PL", "S", "H")
UNPAID_STATUSES = ("A", "UL")


# --------------------------------------------------------------------------- months
def parse_month(value, field: str = "month") -> dt.date:
    """Return the first day of a month from 'YYYY-MM', a date, or None for this month."""
    if value is None or value == "":
        raise ValidationError(field, _("is required (YYYY-MM)"))
    if isinstance(value, dt.date):
        return value.replace(day=1)
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", str(value))
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValidationError(field, _("must be a month like 2026-03, not {value!r}").format(value=value))
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def month_end(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def month_days(month: dt.date) -> list[dt.date]:
    return [month.replace(day=d) for d in range(1, month_end(month).day + 1)]


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def working_days(month: dt.date) -> list[dt.date]:
    """Monday to Saturday: the six-day week of the garment sector (Sunday is the rest day)."""
    return [d for d in month_days(month) if d.weekday() != 6]


def month_label(month: dt.date) -> str:
    """"March 2026" in the current language ("mars 2026", "មីនា 2026")."""
    from ...formats import format_month

    return format_month(month)


def is_final(month: dt.date) -> bool:
    return PayRun.select().where((PayRun.month == month) & (PayRun.status == "final")).exists()


def refuse_if_final(month: dt.date, what: str) -> None:
    """Refuse a change to a finalised month: corrections go into a later month's run."""
    if is_final(month):
        raise ConflictError(_("The payroll of {month_label} is finalised: {what} can no longer change. Add a correction as an adjustment in a later month.").format(month_label=month_label(month), what=what))


# --------------------------------------------------------------------------- rates as data
@dataclasses.dataclass(frozen=True)
class RatesRow:
    id: int
    effective_from: dt.date
    rates: Rates
    note: str
    used_by_final_run: bool


def all_rates() -> list[Rates]:
    """Every stored Rates, oldest first (no permission: the figures are public law)."""
    return [rates_from_json(r.payload, r.effective_from)
            for r in PayRates.select().order_by(PayRates.effective_from)]


def rates_in_force(month: dt.date) -> Rates:
    """The rates in force in ``month``: the latest effective date on or before it."""
    row = (PayRates.select().where(PayRates.effective_from <= month)
           .order_by(PayRates.effective_from.desc()).first())
    if row is None:
        raise ValidationError("rates", _("no payroll rates are in force in {month_label}; add them in Payroll rates").format(month_label=month_label(month)))
    return rates_from_json(row.payload, row.effective_from)


def list_rates(actor: Actor) -> list[RatesRow]:
    require(actor, "payroll.view")
    used = {r.rates_from for r in PayRun.select(PayRun.rates_from).where(PayRun.status == "final")}
    return [RatesRow(r.id, r.effective_from, rates_from_json(r.payload, r.effective_from), r.note,
                     r.effective_from in used)
            for r in PayRates.select().order_by(PayRates.effective_from.desc())]


def save_rates(actor: Actor, effective_from, values: dict, note: str = "", confirm: bool = False) -> Rates:
    """Create or change the rates in force from a date (never those a finalised run used).

    ``values`` holds fields of :class:`Rates`: texts as the rates screen shows them in the user's
    language (dollars, riel, percents: see rate_fields) or ints in the stored unit (cents, riel,
    basis points); ``tax_brackets`` as text or rows. Fields not given are copied from the rates in
    force on that date. An unusual minimum wage raises NeedsConfirmation unless ``confirm``.
    """
    require(actor, "payroll.rates")
    start = validate.date("effective_from", effective_from)
    note = validate.text("note", note, 200, required=False)
    try:
        base = rates_in_force(start)
    except ValidationError:
        base = None
    changes = {}
    for name, raw in values.items():
        if name == "tax_brackets":
            changes[name] = parse_brackets(raw)
        else:
            changes[name] = parse_rate(name, raw)
    if "minimum_wage_cents" in changes and (base is None or changes["minimum_wage_cents"] != base.minimum_wage_cents):
        numbers.check_plausible("minimum_wage_cents", changes["minimum_wage_cents"], "USD", MINIMUM_WAGE_USUAL, confirm)
    if base is None and "minimum_wage_cents" not in changes:
        raise ValidationError("minimum_wage_cents", _("is required for the first rates"))
    fields = dataclasses.asdict(base) if base else {}
    fields.update(changes, effective_from=start)
    try:
        rates = Rates(**fields)  # checks every value
    except TypeError:  # a tax bracket row that is not (riel, basis points)
        raise ValidationError("tax_brackets", _("must be brackets like {example}").format(
            example=rate_fields.EXAMPLE())) from None
    with database.atomic():
        if PayRun.select().where((PayRun.rates_from == start) & (PayRun.status == "final")).exists():
            raise ConflictError(_("The rates from {start} were used by a finalised payroll; add new rates with a later effective date instead.").format(start=start))
        row = PayRates.get_or_none(PayRates.effective_from == start)
        if row is None:
            row = PayRates.create(effective_from=start, payload=rates_to_json(rates), note=note)
            audit.record(actor, AREA, "create", "rates", row.id, f"payroll rates from {start}")
        else:
            before = rates_from_json(row.payload, start)
            diff = audit.describe_changes({k: getattr(before, k) for k in changes}, changes)
            row.payload, row.note, row.updated_at = rates_to_json(rates), note, dt.datetime.now()
            row.save()
            audit.record(actor, AREA, "update", "rates", row.id, f"rates from {start}: {diff}")
    return rates


# --------------------------------------------------------------------------- public holidays
def list_holidays(actor: Actor, year: int | None = None) -> list[tuple[dt.date, str]]:
    require(actor, "payroll.view")
    query = PublicHoliday.select().order_by(PublicHoliday.day)
    if year:
        query = query.where(PublicHoliday.day.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return [(h.day, h.name) for h in query]


def holidays_between(first: dt.date, last: dt.date) -> dict[dt.date, str]:
    return {h.day: h.name for h in PublicHoliday.select().where(PublicHoliday.day.between(first, last))}


def save_holiday(actor: Actor, day, name: str) -> None:
    """Add or rename a public holiday (they move by decree: data, entered per year)."""
    require(actor, "payroll.rates")
    day = validate.date("day", day)
    name = validate.name("name", name, 80)
    refuse_if_final(day.replace(day=1), "its public holidays")
    with database.atomic():
        row = PublicHoliday.get_or_none(PublicHoliday.day == day)
        if row is None:
            PublicHoliday.create(day=day, name=name)
            audit.record(actor, AREA, "create", "holiday", day.isoformat(), f"public holiday {day}: {name}")
        else:
            row.name = name
            row.save()
            audit.record(actor, AREA, "update", "holiday", day.isoformat(), f"public holiday {day}: {name}")


def delete_holiday(actor: Actor, day) -> None:
    require(actor, "payroll.rates")
    day = validate.date("day", day)
    refuse_if_final(day.replace(day=1), "its public holidays")
    with database.atomic():
        deleted = PublicHoliday.delete().where(PublicHoliday.day == day).execute()
        if not deleted:
            raise NotFound(_("no public holiday on {day}").format(day=day))
        audit.record(actor, AREA, "delete", "holiday", day.isoformat(), f"public holiday {day} removed")

"""Monthly time sheets (a status and hours per worker and day) and pieces sewn.

Quick fill writes a normal month (Monday-Saturday worked for employees, weekend hours for
students, public holidays marked) on the days still blank; exceptions are then typed over it.
Pieces come from this screen (source 'manual') or from production orders (source 'production').
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from ...formats import format_day_month, plain_number
from ...db import database
from ...db.payroll import Contract, PieceOutput, TimeEntry, Worker
from ..core import audit
from ..common import validate
from ..common.errors import NotFound, ValidationError
from .months import (
    AREA, STATUSES, holidays_between, month_days, month_end, month_label, parse_month,
    refuse_if_final, is_final,
)
from ..core.permissions import Actor, require
from ...i18n import _

PIECE_SOURCES = ("manual", "production")
DEFAULT_STUDENT_HOURS = Decimal(4)


def parse_hours(field: str, value) -> int:
    """Minutes from '7.5', '7,5', '7:30', '៧,៥' or '' (0); at most 24 hours.

    Hours never reach a thousand, so a comma or a dot is the decimal sign in every language."""
    if value in (None, ""):
        return 0
    if isinstance(value, bool) or isinstance(value, float):
        raise ValidationError(field, _("must be hours like 7.5"))
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValidationError(field, _("must be hours like 7.5"))
    if isinstance(value, (int, Decimal)):
        minutes = Decimal(value) * 60
    else:
        raw = str(value).strip().replace(",", ".")
        m = re.fullmatch(r"(\d{1,2}):([0-5]\d)", raw)
        if m:
            minutes = Decimal(int(m.group(1)) * 60 + int(m.group(2)))
        elif re.fullmatch(r"\d{1,2}(\.\d{1,2})?|\.\d{1,2}", raw):
            minutes = Decimal(raw) * 60
        else:
            raise ValidationError(field, _("must be hours like 7.5 or 7:30, not {value!r}").format(value=value))
    if minutes != minutes.to_integral_value():
        raise ValidationError(field, _("must be whole minutes (e.g. 7.25, 7.5, 7:20)"))
    if not 0 <= minutes <= 24 * 60:
        raise ValidationError(field, _("must be between 0 and 24 hours"))
    return int(minutes)


def hours_text(minutes: int) -> str:
    """'7.5' for 450 minutes ('7,5' in French); '' for 0; exact (7:20 -> '7.3333' never: shown as '7:20')."""
    if not minutes:
        return ""
    if (minutes * 100) % 60 == 0:
        places = 0 if minutes % 60 == 0 else 1 if (minutes * 10) % 60 == 0 else 2
        return plain_number(Decimal(minutes) / 60, places)
    return f"{minutes // 60}:{minutes % 60:02d}"


@dataclass
class SheetDay:
    day: dt.date
    status: str = ""
    minutes: int = 0
    ot_normal_minutes: int = 0
    ot_premium_minutes: int = 0
    holiday: str = ""
    employed: bool = True

    @property
    def weekend(self) -> bool:
        return self.day.weekday() >= 5


@dataclass
class Sheet:
    worker_id: int
    worker_code: str
    month: dt.date
    days: list[SheetDay]
    final: bool


def get_sheet(actor: Actor, worker_id: int, month) -> Sheet:
    """The worker's month: one SheetDay per calendar day (blank where nothing is entered)."""
    require(actor, "payroll.view")
    month = parse_month(month)
    w = Worker.get_or_none(Worker.id == worker_id)
    if w is None:
        raise NotFound(_("worker {worker_id}").format(worker_id=worker_id))
    last = month_end(month)
    entries = {e.day: e for e in TimeEntry.select().where(
        (TimeEntry.worker == w) & TimeEntry.day.between(month, last))}
    holidays = holidays_between(month, last)
    days = []
    for d in month_days(month):
        e = entries.get(d)
        employed = w.hire_date <= d and (w.leave_date is None or d <= w.leave_date)
        days.append(SheetDay(d, e.status if e else "", e.minutes if e else 0,
                             e.ot_normal_minutes if e else 0, e.ot_premium_minutes if e else 0,
                             holidays.get(d, ""), employed))
    return Sheet(w.id, w.code, month, days, is_final(month))


def save_sheet(actor: Actor, worker_id: int, month, days: dict) -> int:
    """Replace the worker's month with ``days``: {date: (status, hours, ot 150%, ot 200%)}.

    A blank status with no hours clears the day. Returns the number of days kept.
    """
    require(actor, "payroll.time")
    month = parse_month(month)
    w = Worker.get_or_none(Worker.id == worker_id)
    if w is None:
        raise NotFound(_("worker {worker_id}").format(worker_id=worker_id))
    last = month_end(month)
    rows = []
    for day, values in sorted(days.items()):
        status, hours, ot_n, ot_p = (tuple(values) + ("", "", ""))[:4]
        day = validate.date("day", day)
        where = format_day_month(day)  # in the reader's language: it names the field
        if not month <= day <= last:
            raise ValidationError("day", _("{day} is not in {month_label}").format(day=day, month_label=month_label(month)))
        status = validate.text("status", status or "", 3, required=False).upper()
        minutes = parse_hours(f"hours ({where})", hours)
        ot_normal = parse_hours(f"overtime ({where})", ot_n)
        ot_premium = parse_hours(f"overtime 200% ({where})", ot_p)
        if not status and not (minutes or ot_normal or ot_premium):
            continue
        if status not in STATUSES:
            raise ValidationError("status", _("{where}: '{status}' is not a status ({join})").format(where=where, status=status, join=', '.join(STATUSES)))
        if day < w.hire_date or (w.leave_date and day > w.leave_date):
            raise ValidationError("status", _("{where}: {code} was not employed on that day").format(where=where, code=w.code))
        if minutes + ot_normal + ot_premium > 24 * 60:
            raise ValidationError(f"hours ({where})", _("more than 24 hours in one day"))
        rows.append({"worker": w.id, "day": day, "status": status, "minutes": minutes,
                     "ot_normal_minutes": ot_normal, "ot_premium_minutes": ot_premium})
    with database.atomic():
        refuse_if_final(month, "its time sheets")
        TimeEntry.delete().where((TimeEntry.worker == w) & TimeEntry.day.between(month, last)).execute()
        if rows:
            TimeEntry.insert_many(rows).execute()
        audit.record(actor, AREA, "update", "timesheet", w.id,
                     f"time sheet of {w.code} for {month_label(month)}: {len(rows)} days")
    return len(rows)


def quick_fill(actor: Actor, month, worker_ids: list[int] | None = None,
               student_hours=DEFAULT_STUDENT_HOURS) -> int:
    """Fill the blank days of a normal month; return the number of days written.

    Employees: Monday-Saturday worked ('W'), public holidays 'H'. Students paid by the hour:
    Saturday and Sunday worked for ``student_hours`` hours. Days already entered are kept.
    """
    require(actor, "payroll.time")
    month = parse_month(month)
    minutes = parse_hours("student_hours", student_hours)
    last = month_end(month)
    query = Worker.select().where((Worker.hire_date <= last)
                                  & (Worker.leave_date.is_null() | (Worker.leave_date >= month)))
    if worker_ids is not None:
        query = query.where(Worker.id.in_(list(worker_ids)))
    workers = list(query)
    contracts: dict[int, list] = {}
    for c in Contract.select().where(Contract.worker.in_([w.id for w in workers])).order_by(Contract.effective_from):
        contracts.setdefault(c.worker_id, []).append(c)
    taken = {(e.worker_id, e.day) for e in TimeEntry.select(TimeEntry.worker, TimeEntry.day).where(
        TimeEntry.worker.in_([w.id for w in workers]) & TimeEntry.day.between(month, last))}
    holidays = holidays_between(month, last)
    rows = []
    for w in workers:
        mine = [c for c in contracts.get(w.id, []) if c.effective_from <= last]
        if not mine:
            continue  # no contract: the review warns about it
        hourly = mine[-1].basis == "hourly"
        for d in month_days(month):
            if (w.id, d) in taken or d < w.hire_date or (w.leave_date and d > w.leave_date):
                continue
            if w.kind == "student" or hourly:
                if d.weekday() >= 5 and d not in holidays:
                    rows.append({"worker": w.id, "day": d, "status": "W", "minutes": minutes})
            elif d.weekday() != 6:
                rows.append({"worker": w.id, "day": d, "status": "H" if d in holidays else "W"})
    with database.atomic():
        refuse_if_final(month, "its time sheets")
        for start in range(0, len(rows), 500):
            TimeEntry.insert_many(rows[start:start + 500]).execute()
        audit.record(actor, AREA, "quick_fill", "timesheet", month.isoformat()[:7],
                     f"quick fill of {month_label(month)}: {len(rows)} days for {len(workers)} workers")
    return len(rows)


def filled_counts(actor: Actor, month) -> dict[int, int]:
    """{worker id: days entered} for the month (the time screen's list)."""
    require(actor, "payroll.view")
    month = parse_month(month)
    from peewee import fn

    query = (TimeEntry.select(TimeEntry.worker, fn.COUNT(TimeEntry.id).alias("n"))
             .where(TimeEntry.day.between(month, month_end(month))).group_by(TimeEntry.worker))
    return {row.worker_id: row.n for row in query}


# --------------------------------------------------------------------------- pieces
@dataclass(frozen=True)
class PieceRow:
    id: int
    worker_id: int
    day: dt.date
    item_label: str
    variant_code: str
    pieces: int
    piece_rate_cents: int
    source: str
    source_ref: str


def list_pieces(actor: Actor, worker_id: int, month) -> list[PieceRow]:
    require(actor, "payroll.view")
    month = parse_month(month)
    return [PieceRow(p.id, p.worker_id, p.day, p.item_label, p.variant_code, p.pieces, p.piece_rate_cents,
                     p.source, p.source_ref)
            for p in PieceOutput.select().where((PieceOutput.worker == worker_id)
                                                & PieceOutput.day.between(month, month_end(month)))
            .order_by(PieceOutput.day, PieceOutput.id)]


def record_pieces(actor: Actor, rows: list[dict], source: str = "manual", source_ref: str = "") -> int:
    """Record pieces sewn: each row {worker_id, day, item_label, pieces, piece_rate (cents or
    '0.35'), variant_code?}. Production orders call this with source='production' and their
    reference, so pay follows the output they record. One transaction, one audit entry."""
    require(actor, "payroll.time")
    source = validate.choice("source", source, PIECE_SOURCES)
    source_ref = validate.text("source_ref", source_ref, 40, required=False)
    clean, months = [], set()
    workers = {w.id: w for w in Worker.select().where(Worker.id.in_([r.get("worker_id") for r in rows]))}
    for r in rows:
        w = workers.get(r.get("worker_id"))
        if w is None:
            raise NotFound(_("worker {get}").format(get=r.get('worker_id')))
        day = validate.date("day", r.get("day"))
        clean.append({
            "worker": w.id, "day": day,
            "item_label": validate.text("item_label", r.get("item_label"), 80),
            "variant_code": validate.text("variant_code", r.get("variant_code"), 30, required=False),
            "pieces": validate.integer("pieces", r.get("pieces"), 1, 100_000),
            "piece_rate_cents": validate.money_cents("piece_rate", r.get("piece_rate")),
            "source": source, "source_ref": source_ref})
        months.add(day.replace(day=1))
    with database.atomic():
        for month in months:
            refuse_if_final(month, "its pieces")
        if clean:
            PieceOutput.insert_many(clean).execute()
        total = sum(r["pieces"] for r in clean)
        audit.record(actor, AREA, "create", "pieces", source_ref or "",
                     f"{total} pieces in {len(clean)} rows ({source})")
    return len(clean)


def delete_pieces(actor: Actor, piece_id: int) -> None:
    require(actor, "payroll.time")
    with database.atomic():
        p = PieceOutput.get_or_none(PieceOutput.id == piece_id)
        if p is None:
            raise NotFound(_("pieces {piece_id}").format(piece_id=piece_id))
        refuse_if_final(p.day.replace(day=1), "its pieces")
        p.delete_instance()
        audit.record(actor, AREA, "delete", "pieces", piece_id,
                     f"{p.pieces} x {p.item_label} of worker {p.worker_id} on {p.day} removed")

"""Exports of the centres' area to CSV (UTF-8 with BOM, for Excel and Khmer) or XLSX.

A month, or any range of days (a whole year) in one file: one row per child, group and month,
the days as columns 1-31 (blank outside the range), the counts and the rate as a percentage.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Callable

from .rules import month_bounds
from .summary import month_registers
from ..common import validate
from ..common.errors import ValidationError
from ..common.tables import Rate, check_table_path, write_table  # noqa: F401
from ..core.permissions import Actor
from ...i18n import _

MAX_DAYS = 3 * 366  # three years in one file at most


def _rate(value) -> Rate:
    return Rate(None if value is None else Decimal(str(value)) / 100)


def month_table(actor: Actor, month, centre_id: int | None = None) -> tuple[list[str], list[list]]:
    """Return the header and rows of a month's attendance: one row per child and group."""
    first, last = month_bounds(month)
    header, rows = range_table(actor, first, last, centre_id, with_month=False)
    return header, rows


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    out, month = [], first.replace(day=1)
    while month <= last:
        out.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return out


def range_table(actor: Actor, date_from, date_to, centre_id: int | None = None, *,
                with_month: bool = True, progress: Callable[[float], None] | None = None
                ) -> tuple[list[str], list[list]]:
    """Header and rows of the attendance between two days (any range up to three years)."""
    first = validate.date("from", date_from)
    last = validate.date("to", date_to)
    if last < first:
        raise ValidationError("to", _("is before the first day"))
    if (last - first).days >= MAX_DAYS:
        raise ValidationError("to", _("a range of at most {n} days fits in one file").format(n=MAX_DAYS))
    header = ((["Month"] if with_month else []) + ["Centre", "Group", "Code", "Name", "Khmer name"]
              + [str(d) for d in range(1, 32 if with_month else month_bounds(first)[1].day + 1)]
              + ["Present", "Late", "Absent", "Excused", "Sick", "Rate"])
    rows = []
    months = _months(first, last)
    for index, month in enumerate(months):
        month_first, month_last = month_bounds(month)
        days = [month_first.replace(day=d) for d in range(1, month_last.day + 1)]
        width = 31 if with_month else len(days)
        for reg in month_registers(actor, month.strftime("%Y-%m"), centre_id):
            for line in reg.lines:
                inside = {d: m for d, m in line.marks.items() if first <= d <= last}
                counts = {s: sum(1 for m in inside.values() if m == s) for s in "PLAES"}
                marks = [(inside.get(d, "-" if d in reg.closed else "") if first <= d <= last else "")
                         for d in days] + [""] * (width - len(days))
                total = sum(counts.values())
                rate = None if not total else round(100 * (counts["P"] + counts["L"]) / total, 1)
                rows.append(([month.strftime("%Y-%m")] if with_month else [])
                            + [reg.centre_code, reg.group_name, line.code, line.name_latin, line.name_km]
                            + marks + [counts["P"], counts["L"], counts["A"], counts["E"], counts["S"],
                                       _rate(rate)])
        if progress:
            progress((index + 1) / len(months))
    return header, rows


def export_month(actor: Actor, month, out: str | Path, centre_id: int | None = None) -> int:
    """Write a month's attendance to ``out`` (.csv or .xlsx); return the number of rows."""
    check_table_path(out, "file")
    header, rows = month_table(actor, month, centre_id)
    write_table(out, header, rows, f"Attendance {month}")
    return len(rows)


def export_range(actor: Actor, date_from, date_to, out: str | Path, centre_id: int | None = None,
                 progress: Callable[[float], None] | None = None) -> int:
    """Write the attendance between two days (a whole year) to one file; return the rows."""
    check_table_path(out, "file")
    header, rows = range_table(actor, date_from, date_to, centre_id, progress=progress)
    first = validate.date("from", date_from)
    write_table(out, header, rows, f"Attendance from {first.isoformat()}")
    return len(rows)

"""Exports of the centres' area to CSV (UTF-8 with BOM, for Excel and Khmer) or XLSX."""

from __future__ import annotations

from pathlib import Path

from .rules import month_bounds
from .summary import format_rate, month_registers
from ..common.errors import ValidationError
from ..common.tables import write_table  # noqa: F401
from ..core.permissions import Actor
from ...i18n import _


def month_table(actor: Actor, month, centre_id: int | None = None) -> tuple[list[str], list[list]]:
    """Return the header and rows of a month's attendance: one row per child and group."""
    first, last = month_bounds(month)
    registers = month_registers(actor, month, centre_id)
    days = [first.replace(day=d) for d in range(1, last.day + 1)]
    header = (["Centre", "Group", "Code", "Name", "Khmer name"] + [str(d.day) for d in days]
              + ["Present", "Late", "Absent", "Excused", "Sick", "Rate"])
    rows = []
    for reg in registers:
        for line in reg.lines:
            c = line.counts()
            marks = [line.marks.get(d, "-" if d in reg.closed else "") for d in days]
            rows.append([reg.centre_code, reg.group_name, line.code, line.name_latin, line.name_km]
                        + marks + [c["P"], c["L"], c["A"], c["E"], c["S"], format_rate(line.rate)])
    return header, rows


def export_month(actor: Actor, month, out: str | Path, centre_id: int | None = None) -> int:
    """Write a month's attendance to ``out`` (.csv or .xlsx); return the number of rows."""
    if Path(out).suffix.lower() not in (".csv", ".xlsx"):
        raise ValidationError("file", _("must end in .csv or .xlsx"))
    header, rows = month_table(actor, month, centre_id)
    write_table(out, header, rows, f"Attendance {month}")
    return len(rows)

"""Rice reports: kilograms distributed per month and centre, families served, cost, and the
share of beneficiary families whose children's attendance is above the threshold; the month's
export (one row per family)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ...db.rice import MonthList
from ..common import tables
from ..core.permissions import Actor, require
from .lists import get_month
from .rules import month_of
from .stock import average_price


@dataclass(frozen=True)
class MonthRow:
    month: dt.date
    centre: str
    families: int  # on the list
    served: int  # collected (themselves or by proxy)
    kg_g: int  # handed out
    cost_riel: int | None
    above_threshold: int  # families whose attendance reached the threshold


def by_month(actor: Actor, first, last) -> list[MonthRow]:
    """One row per month and centre between two months (final lists only)."""
    require(actor, "rice.view")
    first, last = month_of(first, "from"), month_of(last, "to")
    out = []
    for row in (MonthList.select().where(MonthList.month.between(first, last),
                                         MonthList.status == "final").order_by(MonthList.month)):
        info = get_month(actor, row.month)
        price = average_price(row.month.replace(day=28))
        per: dict[str, list] = defaultdict(list)
        for line in info.lines:
            per[line.centre_code or "-"].append(line)
        for centre, lines in sorted(per.items()):
            handed = sum(ln.kg_g for ln in lines if ln.collection in ("collected", "proxy"))
            out.append(MonthRow(row.month, centre, len(lines),
                                sum(ln.collection in ("collected", "proxy") for ln in lines),
                                handed, None if price is None else handed * price // 1000,
                                sum(1 for ln in lines if ln.rate is not None
                                    and ln.rate >= info.threshold)))
    return out


def export_month(actor: Actor, month, path) -> int:
    """One row per family: code, centre, guardian, children, attendance rate, kg due, kg
    collected, decision."""
    require(actor, "rice.view")
    info = get_month(actor, month)
    def kgs(grams: int) -> Decimal:
        return Decimal(grams) / 1000

    rows = ([ln.family_code, ln.centre_code, ln.guardians_latin, ln.children,
             "" if ln.rate is None else round(Decimal(str(ln.rate))), kgs(ln.due_g),
             kgs(ln.kg_g if ln.collection in ("collected", "proxy") else 0),
             ln.decision or "give"] for ln in info.lines)
    return tables.write_table(tables.check_table_path(path),
                              ["code", "centre", "guardian", "children", "attendance rate (%)",
                               "kg due", "kg collected", "decision"], rows, sheet="rice")

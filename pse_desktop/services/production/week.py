"""Who sews in a given week: the rows of the Output grid.

A worker sews that week when her time sheet shows a working day in it, or when output is already
recorded for her in it; students with weekend jobs count the same way. With ``everyone`` (the
grid's "all workers" choice) every worker still employed that week is listed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...db.payroll import TimeEntry, Worker
from ...db.production import Output
from ..core.permissions import Actor, require


@dataclass(frozen=True)
class WeekWorker:
    id: int
    code: str
    name_latin: str
    name_khmer: str


def week_workers(actor: Actor, first: dt.date, last: dt.date, *, everyone: bool = False,
                 search: str = "") -> list[WeekWorker]:
    """The workers who sew between ``first`` and ``last`` (by code), or every worker employed then."""
    require(actor, "production.output")
    employed = (Worker.active == True) & (Worker.hire_date <= last) & (  # noqa: E712
        Worker.leave_date.is_null() | (Worker.leave_date >= first))
    query = Worker.select().where(employed)
    if not everyone:
        worked = (TimeEntry.select(TimeEntry.worker)
                  .where(TimeEntry.day.between(first, last), TimeEntry.status == "W"))
        sewed = Output.select(Output.worker).where(Output.day.between(first, last))
        query = query.where(Worker.id.in_(worked) | Worker.id.in_(sewed))
    if search.strip():
        like = f"%{search.strip()}%"
        query = query.where(Worker.code ** like | Worker.name_latin ** like
                            | Worker.name_khmer ** like)
    return [WeekWorker(w.id, w.code, w.name_latin, w.name_khmer)
            for w in query.order_by(Worker.code)]

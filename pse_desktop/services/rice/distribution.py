"""Distribution day: the sheet per centre, and recording who collected: the guardian, a named
proxy, or nobody. Rice handed out leaves the centre's stock; what was not collected stays, and
the family appears on the social team's follow-up list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...db import database
from ...db.core import Centre
from ...db.rice import Collection, MonthList
from ...i18n import _
from ..common import validate
from ..common.errors import ConflictError, NotFound
from ..core import audit, settings
from ..core.permissions import Actor, require
from . import stock
from .lists import LineInfo, get_month, lock_line
from .rules import AREA, STATUSES, kg, month_of


def record(actor: Actor, line_id: int, status: str, proxy_name: str = "",
           day: dt.date | None = None) -> LineInfo:
    """Record a collection (by the guardian or a named proxy) or a no-show; changing it later
    gives back the rice first, so the stock always equals what was handed out."""
    require(actor, "rice.distribute")  # the line's centre is checked once it is read
    status = validate.choice("collection", status, STATUSES)
    proxy_name = validate.name("proxy", proxy_name, 80, required=status == "proxy")
    day = day or dt.date.today()
    with database.atomic():
        line = lock_line(line_id)  # a second recorder of the same line waits, then sees this one
        require(actor, "rice.distribute", centre_id=line.centre_id)
        status = validate.choice("collection", status, STATUSES)
        proxy_name = validate.text("proxy", proxy_name, 80, required=status == "proxy")
        if line.month_list.status != "final":
            raise ConflictError(_("The list is not final yet: the social team makes it final "
                                  "before the distribution."))
        info = next(i for i in get_month(actor, line.month_list.month).lines if i.id == line_id)
        old = Collection.get_or_none(Collection.line == line_id)
        grams = info.kg_g if status != "no_show" else 0
        if status != "no_show" and grams == 0:
            raise ConflictError(_("{code} receives no rice this month.").format(
                code=info.family_code))
        if old is not None and (old.status, old.proxy_name) == (status, proxy_name):
            return info
        # Two recorders at one centre at the same moment: the second waits here, then sums
        # the stock with the first's hand-out in it.
        stock.lock(line.centre_id)
        if old is not None:
            if old.kg_g:
                stock.post(actor, line.centre_id, day, "undo", old.kg_g, ref=f"line:{line_id}")
            (Collection.update(status=status, proxy_name=proxy_name, kg_g=grams,
                               recorded_by=actor.id, recorded_at=dt.datetime.now())
             .where(Collection.id == old.id).execute())
        else:
            Collection.create(line=line_id, status=status, proxy_name=proxy_name, kg_g=grams,
                              recorded_by=actor.id)
        if grams:
            stock.require_stock(line.centre_id, grams, _(
                "Only {have} of rice at {place} by the books; {family} is to receive {asked}. "
                "Nothing was recorded: record the rice brought to the centre (a transfer) or "
                "count its stock, then record again."), family=info.family_code)
            stock.post(actor, line.centre_id, day, "distribution", -grams, ref=f"line:{line_id}")
        audit.record(actor, AREA, "collect", "rice_line", line_id,
                     f"{info.family_code} {line.month_list.month:%Y-%m}: "
                     f"{old.status if old else '-'} -> {status}"
                     + (f" ({proxy_name})" if proxy_name else "") + f", {kg(grams)}")
    return next(i for i in get_month(actor, line.month_list.month).lines if i.id == line_id)


@dataclass(frozen=True)
class Sheet:
    org: str
    month: dt.date
    centre_code: str
    centre_name: str
    lines: list[LineInfo]

    @property
    def total_g(self) -> int:
        return sum(line.kg_g for line in self.lines)


def sheet(actor: Actor, month, centre_id: int) -> Sheet:
    """The distribution sheet of a centre: families with a quantity, to sign or thumbprint."""
    require(actor, "rice.view", centre_id=centre_id)
    month = month_of(month)
    centre = Centre.get_or_none(Centre.id == centre_id)
    if centre is None:
        raise NotFound(_("centre {centre_id}").format(centre_id=centre_id))
    info = get_month(actor, month, centre_id)
    if info.status != "final":
        raise ConflictError(_("The list of {month} is not final yet.").format(month=f"{month:%Y-%m}"))
    return Sheet(settings.get("org_name"), month, centre.code, centre.name,
                 [line for line in info.lines if line.kg_g > 0])


def no_shows(actor: Actor, month=None, today: dt.date | None = None) -> list[LineInfo]:
    """Families that did not collect their rice: the social team's follow-up list (one month,
    or the last three months)."""
    require(actor, "rice.view")
    today = today or dt.date.today()
    if month is not None:
        months = [month_of(month)]
    else:
        first = today.replace(day=1)
        months = [first]
        for _step in range(2):
            first = (first - dt.timedelta(days=1)).replace(day=1)
            months.append(first)
    out = []
    for m in months:
        if MonthList.get_or_none(MonthList.month == m) is None:
            continue
        out += [line for line in get_month(actor, m).lines if line.collection == "no_show"]
    return out


def write_sheet(actor: Actor, month, centre_id: int, out):
    from ...reports.rice.sheets import render_sheet

    return render_sheet(sheet(actor, month, centre_id), out)


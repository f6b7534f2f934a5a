"""Which families receive rice: designated by the social team from a month on, with a reason
and who decided; changed or ended later; the history kept. Suggestions come from the families'
priority (urgent and high first) among those not designated yet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import IntegrityError

from ...db import database
from ...db.centres import Family
from ...db.core import User
from ...db.counters import lock_for_update
from ...db.rice import Designation
from ...i18n import _
from ..centres.families import require_family, visible_families
from ..centres.rules import centre_ids_for
from ..common import validate
from ..common.errors import ConflictError, NotFound, ValidationError
from ..core import audit
from ..core.permissions import Actor, require
from .rules import AREA, month_of


class AlreadyDesignated(ValidationError, ConflictError):
    """The family already receives rice: found before saving, or told by the database when
    someone else designated it at the same moment."""


@dataclass(frozen=True)
class DesignationInfo:
    id: int
    family_id: int
    family_code: str
    from_month: dt.date
    until_month: dt.date | None
    reason: str
    decided_by: str
    end_reason: str


def _info(d: Designation, code: str, who: str) -> DesignationInfo:
    return DesignationInfo(d.id, d.family_id, code, d.from_month, d.until_month, d.reason, who,
                           d.end_reason)


def active_query(month: dt.date):
    return Designation.select().where(
        Designation.from_month <= month,
        Designation.until_month.is_null() | (Designation.until_month >= month))


def current(family_id: int, month: dt.date) -> Designation | None:
    return active_query(month).where(Designation.family == family_id).first()


def designate(actor: Actor, family_id: int, from_month, reason: str,
              today: dt.date | None = None) -> DesignationInfo:
    """Give a family rice from ``from_month`` on (this month or a later one)."""
    require(actor, "rice.designate")
    today = today or dt.date.today()
    family = Family.get_or_none(Family.id == family_id)
    if family is None:
        raise NotFound(_("family {family_id}").format(family_id=family_id))
    month = month_of(from_month, "from month")
    earliest = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    if month < earliest:
        raise ValidationError("from month", _("may be {month} (last month) at the earliest").format(
            month=f"{earliest:%Y-%m}"))
    reason = validate.text("reason", reason, 300)
    with database.atomic():
        later = (Designation.select().where(Designation.family == family_id,
                                            Designation.until_month.is_null()
                                            | (Designation.until_month >= month)).first())
        if later is not None:
            raise AlreadyDesignated("family", _("{code} already receives rice from {month}.")
                                    .format(code=family.code, month=f"{later.from_month:%Y-%m}"))
        try:
            row = Designation.create(family=family_id, from_month=month, reason=reason,
                                     decided_by=actor.id)
        except IntegrityError:
            # Two people designated the family at the same moment: the database's unique
            # indexes let the first one in (PostgreSQL; SQLite's writers take turns already).
            raise AlreadyDesignated("family", _(
                "{code} was designated for rice by someone else at the same moment: nothing "
                "was saved. Look at the family's rice history.").format(code=family.code)
            ) from None
        audit.record(actor, AREA, "designate", "family", family_id,
                     f"{family.code} receives rice from {month:%Y-%m}: {reason}")
    return _info(row, family.code, actor.full_name or actor.username)


def end(actor: Actor, family_id: int, last_month, reason: str) -> None:
    """Stop a family's rice after ``last_month``."""
    require(actor, "rice.designate")
    last = month_of(last_month, "last month")
    reason = validate.text("reason", reason, 300)
    with database.atomic():
        # Locked: a second person ending it at the same moment waits, then sees this end.
        row = (lock_for_update(active_query(last).where(Designation.family == family_id)).first()
               or lock_for_update(Designation.select().where(
                   Designation.family == family_id, Designation.until_month.is_null())).first())
        if row is None:
            raise ValidationError("family", _("does not receive rice that month"))
        if last < row.from_month:
            raise ValidationError("last month", _("is before {month}").format(
                month=f"{row.from_month:%Y-%m}"))
        (Designation.update(until_month=last, end_reason=reason)
         .where(Designation.id == row.id).execute())
        audit.record(actor, AREA, "end", "family", family_id,
                     f"rice until {last:%Y-%m} (was {row.until_month or 'open'}): {reason}")


def history(actor: Actor, family_id: int) -> list[DesignationInfo]:
    """A family's designations with the social team's reasons (not for centre staff)."""
    code = require_family(actor, "rice.designate", family_id).code
    rows = (Designation.select(Designation, User).join(User, on=Designation.decided_by == User.id)
            .where(Designation.family == family_id).order_by(Designation.from_month.desc()))
    return [_info(r, code, r.decided_by.full_name or r.decided_by.username) for r in rows]


def designated(actor: Actor, month) -> list[DesignationInfo]:
    """Every family receiving rice in ``month``, with the reasons (not for centre staff: they see
    their centres' lists)."""
    require(actor, "rice.designate")
    month = month_of(month)
    rows = list(active_query(month).join(User, on=Designation.decided_by == User.id)
                .select(Designation, User))
    if rows and centre_ids_for(actor) is not None:
        seen = {f for (f,) in visible_families(actor, Family.select(Family.id).where(
            Family.id.in_([r.family_id for r in rows]))).tuples()}
        rows = [r for r in rows if r.family_id in seen]
    codes = dict(Family.select(Family.id, Family.code)
                 .where(Family.id.in_([r.family_id for r in rows])).tuples()) if rows else {}
    return sorted((_info(r, codes[r.family_id], r.decided_by.full_name or r.decided_by.username)
                   for r in rows), key=lambda d: d.family_code)


def suggestions(actor: Actor, month, limit: int = 50):
    """Families not designated in ``month`` that most need rice: the priority list's order."""
    require(actor, "rice.designate")
    from ..social.caseload import find

    month = month_of(month)
    taken = {d.family_id for d in active_query(month)}
    rows = [r for r in find(actor, limit=5000) if r.family_id not in taken and r.level in (
        "urgent", "high", "medium")]
    return rows[:limit]

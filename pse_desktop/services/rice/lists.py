"""The month's rice list: every designated family, its children in PSE's programmes with their
attendance that month (from the registers), and the kilograms due by the rule. A family under
the attendance threshold is flagged for the social team to decide: give, reduce or hold, with a
reason. Then the list is made final and locked; later changes are corrections (new records)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from peewee import fn

from ...db import database
from ...db.counters import lock_for_update
from ...db.centres import Child, Family, Guardian, Mark
from ...db.core import Centre
from ...db.rice import Collection, Correction, Line, MonthList, Move
from ..centres.rules import centre_ids_for
from ..common import validate
from ..common.errors import ConflictError, NotFound, ValidationError
from ..core import audit, settings
from ..core.permissions import Actor, can, require
from .designation import active_query
from .rules import AREA, DECISIONS, kg, kg_to_g, month_end, month_of, rule_for
from ...i18n import _, ngettext


@dataclass(frozen=True)
class LineInfo:
    id: int
    family_id: int
    family_code: str
    guardians_km: str
    guardians_latin: str
    centre_id: int | None
    centre_code: str
    children: int
    rate: float | None  # attendance in percent, None without marks
    due_g: int
    flagged: bool
    decision: str
    kg_g: int  # after corrections
    reason: str
    corrected: bool
    collection: str  # "", collected, proxy, no_show
    proxy_name: str

    @property
    def to_decide(self) -> bool:
        return self.flagged and not self.decision


@dataclass(frozen=True)
class MonthInfo:
    month: dt.date
    status: str  # "none", draft, final
    lines: list[LineInfo]
    threshold: int
    warnings: list[str]  # a centre's stock will not cover its list

    @property
    def to_decide(self) -> int:
        return sum(line.to_decide for line in self.lines)


def _children_in_programmes(family_ids, first: dt.date, last: dt.date) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for cid, fid in (Child.select(Child.id, Child.family)
                     .where(Child.family.in_(list(family_ids)), Child.enrolled_on <= last,
                            Child.exit_on.is_null() | (Child.exit_on >= first)).tuples()):
        out[fid].append(cid)
    return out


def _rates(children: dict[int, list[int]], first: dt.date, last: dt.date) -> dict[int, int | None]:
    """Per family: present or late marks per thousand marks of its children that month."""
    owner = {cid: fid for fid, cids in children.items() for cid in cids}
    counts: dict[int, Counter] = defaultdict(Counter)
    ids = list(owner)
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        for cid, status, n in (Mark.select(Mark.child, Mark.status, fn.COUNT(Mark.id))
                               .where(Mark.child.in_(chunk), Mark.day.between(first, last))
                               .group_by(Mark.child, Mark.status).tuples()):
            counts[owner[cid]][status] += n
    out = {}
    for fid in children:
        total = sum(counts[fid].values())
        out[fid] = (1000 * (counts[fid]["P"] + counts[fid]["L"]) // total) if total else None
    return out


def _centres(family_ids) -> dict[int, int]:
    out = {}
    rows = (Child.select(Child.family, Child.centre).where(Child.family.in_(list(family_ids)))
            .order_by(Child.exit_on.is_null(), Child.birth_date))
    for fid, cid in rows.tuples():
        out[fid] = cid  # the youngest enrolled child's centre wins
    return out


def build(actor: Actor, month, today: dt.date | None = None) -> MonthInfo:
    """Make or refresh a month's draft list from the designations and the registers; decisions
    already taken on a family stay."""
    require(actor, "rice.designate")
    month = month_of(month)
    first, last = month, month_end(month)
    threshold = settings.get("rice_attendance_percent") * 10
    rule = rule_for(month)
    with database.atomic():
        # Two people making the same new month's list at once: the second waits for the first's
        # list (insert or nothing), then refreshes it instead of failing on the unique month.
        if _lock_list(month) is None:
            MonthList.insert(month=month).on_conflict_ignore().execute()
        row = _lock_list(month)
        if row.status == "final":
            raise ConflictError(_("The list of {month} is final: correct its lines instead.").format(
                month=f"{month:%Y-%m}"))
        families = sorted({d.family_id for d in active_query(month)})
        children = _children_in_programmes(families, first, last)
        rates = _rates({f: children.get(f, []) for f in families}, first, last)
        centres = _centres(families)
        old = {ln.family_id: ln for ln in Line.select().where(Line.month_list == row)}
        Line.delete().where(Line.month_list == row,
                            Line.family.not_in(families or [0])).execute()
        for fid in families:
            n = len(children.get(fid, []))
            due = rule.due(n)
            rate = rates.get(fid)
            flagged = rate is None or rate < threshold
            keep = old.get(fid)
            values = {"centre": centres.get(fid), "children": n, "attendance_permille": rate,
                      "due_g": due, "flagged": flagged}
            if keep is None:
                Line.create(month_list=row, family=fid, kg_g=due, **values)
            else:
                kept_kg = keep.kg_g if keep.decision in ("reduce", "hold") else due
                (Line.update(kg_g=kept_kg, **values).where(Line.id == keep.id).execute())
        audit.record(actor, AREA, "build", "rice_list", month.isoformat(),
                     f"{month:%Y-%m}: {len(families)} families, rule {kg(rule.base_g)} + "
                     f"{kg(rule.per_child_g)} a child")
    return get_month(actor, month)


def _scope(actor: Actor):
    ids = centre_ids_for(actor)
    if ids is None or can(actor, "rice.designate"):
        return None
    return ids


def get_month(actor: Actor, month, centre_id: int | None = None) -> MonthInfo:
    require(actor, "rice.view")
    scope = _scope(actor)
    if centre_id is not None and scope is not None and centre_id not in scope:
        require(actor, "rice.view", centre_id=centre_id)  # refused: not one of their centres
    month = month_of(month)
    threshold = settings.get("rice_attendance_percent")
    row = MonthList.get_or_none(MonthList.month == month)
    if row is None:
        return MonthInfo(month, "none", [], threshold, [])
    query = Line.select().where(Line.month_list == row)
    if scope is not None:
        query = query.where(Line.centre.in_(scope))
    if centre_id is not None:
        query = query.where(Line.centre == centre_id)
    lines = list(query)
    fids = [ln.family_id for ln in lines]
    codes = dict(Family.select(Family.id, Family.code).where(Family.id.in_(fids)).tuples()) \
        if fids else {}
    names: dict[int, list[Guardian]] = defaultdict(list)
    for g in Guardian.select().where(Guardian.family.in_(fids)).order_by(Guardian.id):
        names[g.family_id].append(g)
    centre_codes = dict(Centre.select(Centre.id, Centre.code).tuples())
    corrections = {}
    for c in Correction.select().where(Correction.line.in_([ln.id for ln in lines])) \
            .order_by(Correction.id):
        corrections[c.line_id] = c.kg_g
    collections = {c.line_id: c for c in
                   Collection.select().where(Collection.line.in_([ln.id for ln in lines]))}
    infos = []
    for ln in lines:
        col = collections.get(ln.id)
        infos.append(LineInfo(
            ln.id, ln.family_id, codes.get(ln.family_id, ""),
            " / ".join(g.name_km for g in names[ln.family_id] if g.name_km),
            " / ".join(g.name_latin for g in names[ln.family_id]), ln.centre_id,
            centre_codes.get(ln.centre_id, ""), ln.children,
            None if ln.attendance_permille is None else ln.attendance_permille / 10, ln.due_g,
            ln.flagged, ln.decision, corrections.get(ln.id, ln.kg_g), ln.reason,
            ln.id in corrections, col.status if col else "", col.proxy_name if col else ""))
    infos.sort(key=lambda i: (i.centre_code, i.family_code))
    return MonthInfo(month, row.status, infos, threshold, _warnings(infos))


def _warnings(lines: list[LineInfo]) -> list[str]:
    need: Counter = Counter()
    for ln in lines:
        if ln.collection == "" and ln.centre_id is not None:
            need[ln.centre_id] += ln.kg_g
    if not need:
        return []
    have = dict(Move.select(Move.centre, fn.SUM(Move.kg_g)).where(Move.centre.in_(list(need)))
                .group_by(Move.centre).tuples())
    codes = dict(Centre.select(Centre.id, Centre.code).tuples())
    return [_("{centre}: the stock ({have}) will not cover the list ({need})").format(
        centre=codes[c], have=kg(int(have.get(c) or 0)), need=kg(n))
        for c, n in sorted(need.items(), key=lambda x: codes[x[0]]) if int(have.get(c) or 0) < n]


def _line(line_id: int) -> Line:
    row = Line.get_or_none(Line.id == line_id)
    if row is None:
        raise NotFound(_("rice line {line_id}").format(line_id=line_id))
    return row


def lock_line(line_id: int) -> Line:
    """The line and its list, locked until the transaction ends (PostgreSQL; SQLite's writer holds
    the write lock already): a decision, a correction or a collection waits for a list being
    made final, or for another writer of the same line, and then sees what they did."""
    line = _line(line_id)
    list_id = getattr(line, Line.month_list.object_id_name)
    lock_for_update(MonthList.select().where(MonthList.id == list_id)).first()
    return lock_for_update(Line.select().where(Line.id == line_id)).first()


def _lock_list(month: dt.date) -> MonthList | None:
    return lock_for_update(MonthList.select().where(MonthList.month == month)).first()


def decide(actor: Actor, line_id: int, decision: str, reason: str, kg_text=None) -> LineInfo:
    """Give the full quantity, reduce it (``kg_text``), or hold it this month; with a reason."""
    require(actor, "rice.designate")
    decision = validate.choice("decision", decision, DECISIONS)
    reason = validate.text("reason", reason, 300)
    with database.atomic():
        line = lock_line(line_id)
        if line.month_list.status == "final":
            raise ConflictError(_("This list is final: make a correction instead."))
        if decision == "give":
            amount = line.due_g
        elif decision == "hold":
            amount = 0
        else:
            amount = kg_to_g("kilograms", kg_text)
            if not 0 < amount < line.due_g:
                raise ValidationError("kilograms", _("must be more than 0 and less than {kg}")
                                      .format(kg=kg(line.due_g)))
        before = (line.decision, line.kg_g)
        (Line.update(decision=decision, kg_g=amount, reason=reason, decided_by=actor.id)
         .where(Line.id == line_id).execute())
        audit.record(actor, AREA, "decide", "rice_line", line_id,
                     f"{line.family.code} {line.month_list.month:%Y-%m}: decision "
                     f"{before[0] or '-'} -> {decision}, {kg(before[1])} -> {kg(amount)}; {reason}")
    return _one(actor, line_id)


def _one(actor: Actor, line_id: int) -> LineInfo:
    line = _line(line_id)
    return next(i for i in get_month(actor, line.month_list.month).lines if i.id == line_id)


def finalise(actor: Actor, month) -> MonthInfo:
    """Lock the list once every flagged family has a decision."""
    require(actor, "rice.designate")
    month = month_of(month)
    with database.atomic():
        row = _lock_list(month)
        if row is None:
            raise NotFound(_("There is no rice list for {month}: make it first.").format(
                month=f"{month:%Y-%m}"))
        if row.status == "final":
            raise ConflictError(_("The list of {month} is already final.").format(
                month=f"{month:%Y-%m}"))
        waiting = (Line.select().where(Line.month_list == row, Line.flagged == True,  # noqa: E712
                                       Line.decision == "").count())
        if waiting:
            raise ConflictError(ngettext("{n} flagged family still needs a decision.",
                                         "{n} flagged families still need a decision.",
                                         waiting).format(n=waiting))
        count = Line.select().where(Line.month_list == row).count()
        (MonthList.update(status="final", finalised_at=dt.datetime.now(), finalised_by=actor.id)
         .where(MonthList.id == row.id).execute())
        audit.record(actor, AREA, "finalise", "rice_list", month.isoformat(),
                     f"{month:%Y-%m}: status draft -> final, {count} families")
    return get_month(actor, month)


def correct(actor: Actor, line_id: int, kg_text, reason: str) -> LineInfo:
    """Change what a family of a final list receives: a new record, the line stays as it was."""
    require(actor, "rice.designate")
    amount = kg_to_g("kilograms", kg_text)
    reason = validate.text("reason", reason, 300)
    with database.atomic():
        line = lock_line(line_id)
        if line.month_list.status != "final":
            raise ConflictError(_("The list is still a draft: decide on the line instead."))
        if Collection.select().where(Collection.line == line_id).exists():
            raise ConflictError(_("The rice of this line was already handed out or missed."))
        old = (Correction.select().where(Correction.line == line_id)
               .order_by(Correction.id.desc()).first())
        before = old.kg_g if old else line.kg_g
        Correction.create(line=line_id, kg_g=amount, reason=reason, by=actor.id)
        audit.record(actor, AREA, "correct", "rice_line", line_id,
                     f"{line.family.code} {line.month_list.month:%Y-%m}: {kg(before)} -> "
                     f"{kg(amount)}; {reason}")
    return _one(actor, line_id)

"""Priority of a family, computed from its survey by a rule that is data with an effective date.

``compute_priority(facts, rule)`` is a pure function: income per person per day against the
national poverty line, debt repayments against income, housing, health and the IDPoor level add
points; any urgent situation (no parent at home, violence or abuse, a child out of school) puts
the family at the top. The result is a level (urgent, high, medium, low) with the reasons that
produced it. The social team may override the level with a reason (audited).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from ...db import database
from ...db.social import PriorityRule, Priority, Survey
from ..common import validate
from ..common.errors import NotFound, ValidationError
from ..core import audit
from ..core.permissions import Actor, require
from .rules import AREA, LEVELS
from ...i18n import N_, _


@dataclass(frozen=True)
class Facts:
    """What the rule looks at, taken from a survey."""

    household_size: int = 0
    income_khr: int = 0  # a month, the whole household
    repayments_khr: int = 0  # a month
    tenure: str = ""
    roof: str = ""
    flood_risk: bool = False
    fire_risk: bool = False
    water: bool = True
    toilet: bool = True
    electricity: bool = True
    chronic_illness: int = 0  # members with a chronic illness
    disability: int = 0
    idpoor_level: int = 0  # 0 none (or expired), 1 very poor, 2 poor
    no_parent_at_home: bool = False
    violence: bool = False
    out_of_school: bool = False


REASON_TEXTS = {
    "no_parent": N_("No parent at home"),
    "violence": N_("Violence or abuse in the household"),
    "out_of_school": N_("A child is out of school or about to leave"),
    "income": N_("Income {per_day} per person per day: {percent}% of the poverty line ({line})"),
    "no_household": N_("No household member recorded yet"),
    "debt": N_("Debt repayments {amount} a month, {percent}% of the income"),
    "debt_no_income": N_("Debt repayments {amount} a month, with no income"),
    "squatting": N_("Squatting"),
    "rented": N_("Rented home"),
    "poor_roof": N_("Roof of {roof}"),
    "flood_risk": N_("Flood risk"),
    "fire_risk": N_("Fire risk"),
    "no_water": N_("No water"),
    "no_toilet": N_("No toilet"),
    "no_electricity": N_("No electricity"),
    "chronic_illness": N_("Chronic illness ({n} in the household)"),
    "disability": N_("Disability ({n} in the household)"),
    "idpoor": N_("IDPoor level {level}"),
}
"""The reasons' texts: stored in English with their values, shown in the reader's language."""


@dataclass(frozen=True)
class Reason:
    code: str
    points: int
    text: str  # in English, as stored
    key: str = ""  # of REASON_TEXTS; "" for a reason stored before the texts were translated
    values: tuple = ()  # (name, value) pairs that fill the text

    @property
    def label(self) -> str:
        """The reason in the current language."""
        if self.key not in REASON_TEXTS:
            return _(self.text)
        values = dict(self.values)
        if "roof" in values:
            values["roof"] = _(values["roof"])
        return _(REASON_TEXTS[self.key]).format(**values)


def reason(code: str, points: int, key: str = "", **values) -> Reason:
    """A reason whose text is REASON_TEXTS[key or code] filled with ``values``."""
    key = key or code
    return Reason(code, points, REASON_TEXTS[key].format(**values), key,
                  tuple(sorted(values.items())))


def reasons_json(reasons) -> str:
    """The reasons as stored with a priority."""
    return json.dumps([[r.code, r.points, r.text, r.key, dict(r.values)] for r in reasons])


def reasons_from_json(text: str) -> tuple[Reason, ...]:
    return tuple(Reason(*item[:4], tuple(sorted(item[4].items())) if len(item) > 4 else ())
                 for item in json.loads(text))


@dataclass(frozen=True)
class Result:
    level: str
    score: int
    reasons: tuple[Reason, ...]


def khr(amount: int) -> str:
    return f"KHR {amount:,}"


def compute_priority(facts: Facts, rule: dict) -> Result:
    """Return the level, score and reasons for ``facts`` under ``rule`` (plain data)."""
    reasons: list[Reason] = []
    urgent = [(facts.no_parent_at_home, "no_parent"), (facts.violence, "violence"),
              (facts.out_of_school, "out_of_school")]
    for flag, code in urgent:
        if flag:
            reasons.append(reason(code, 0))
    line = int(rule["poverty_line_khr_per_person_day"])
    days = int(rule.get("days_per_month", 30))
    if facts.household_size > 0:
        per_day = facts.income_khr // (days * facts.household_size)
        percent = facts.income_khr * 100 // (days * facts.household_size * line)
        points = next((p for limit, p in rule["income_points"] if percent < limit), 0)
        reasons.append(reason("income", points, per_day=khr(per_day), percent=percent,
                              line=khr(line)))
    else:
        reasons.append(reason("no_household", 0))
    if facts.repayments_khr:
        amount = khr(facts.repayments_khr)
        if facts.income_khr:
            share = facts.repayments_khr * 100 // facts.income_khr
            points = next((p for limit, p in rule["debt_points"] if share >= limit), 0)
            reasons.append(reason("debt", points, amount=amount, percent=share))
        else:
            points = next((p for limit, p in rule["debt_points"] if 10**6 >= limit), 0)
            reasons.append(reason("debt", points, "debt_no_income", amount=amount))
    housing = rule["housing_points"]
    for flag, code in ((facts.tenure == "squatting", "squatting"),
                       (facts.tenure == "rented", "rented"),
                       (facts.roof in rule.get("poor_roofs", ()), "poor_roof"),
                       (facts.flood_risk, "flood_risk"), (facts.fire_risk, "fire_risk"),
                       (not facts.water, "no_water"), (not facts.toilet, "no_toilet"),
                       (not facts.electricity, "no_electricity")):
        if flag and housing.get(code):
            values = {"roof": facts.roof} if code == "poor_roof" else {}
            reasons.append(reason(code, int(housing[code]), **values))
    health = rule["health_points"]
    if facts.chronic_illness and health.get("chronic_illness"):
        reasons.append(reason("chronic_illness", int(health["chronic_illness"]),
                              n=facts.chronic_illness))
    if facts.disability and health.get("disability"):
        reasons.append(reason("disability", int(health["disability"]), n=facts.disability))
    idpoor = rule["idpoor_points"].get(str(facts.idpoor_level))
    if idpoor:
        reasons.append(reason("idpoor", int(idpoor), level=facts.idpoor_level))
    score = sum(r.points for r in reasons)
    if any(flag for flag, _c in urgent):
        level = "urgent"
    else:
        level = next((name for name, minimum in rule["levels"] if score >= minimum), "low")
    reasons.sort(key=lambda r: (r.points == 0 and r.code not in ("no_parent", "violence",
                                                                  "out_of_school"), -r.points))
    return Result(level, score, tuple(reasons))


def check_rule(payload) -> dict:
    """Return the rule if it has every part with sensible values, else raise ValidationError."""
    if isinstance(payload, str):
        try:
            payload = json.loads(payload)
        except ValueError:
            raise ValidationError("rule", _("is not valid JSON")) from None
    if not isinstance(payload, dict):
        raise ValidationError("rule", _("must be an object"))
    out = dict(payload)
    out["poverty_line_khr_per_person_day"] = validate.integer(
        "poverty line", payload.get("poverty_line_khr_per_person_day"), 1000, 1_000_000)
    out["days_per_month"] = validate.integer("days per month", payload.get("days_per_month", 30),
                                             28, 31)
    for key in ("income_points", "debt_points", "levels"):
        pairs = payload.get(key)
        if not isinstance(pairs, list) or not pairs or not all(
                isinstance(p, list) and len(p) == 2 for p in pairs):
            raise ValidationError(key, _("must be a list of pairs"))
    for key in ("income_points", "debt_points"):
        out[key] = [[validate.integer(key, limit, 0, 10_000), validate.integer(key, points, 0, 1000)]
                    for limit, points in payload[key]]
    levels = []
    for name, minimum in payload["levels"]:
        levels.append([validate.choice("levels", name, ("high", "medium")),
                       validate.integer(name, minimum, 0, 10_000)])
    out["levels"] = sorted(levels, key=lambda pair: -pair[1])
    if [n for n, _m in out["levels"]] != ["high", "medium"]:
        raise ValidationError("high", _("must be above the medium level's score"))
    for key in ("housing_points", "health_points", "idpoor_points"):
        if not isinstance(payload.get(key), dict):
            raise ValidationError(key, _("must be a table of points"))
        out[key] = {str(k): validate.integer(key, v, 0, 1000) for k, v in payload[key].items()}
    return out


def rule_in_force(day: dt.date | None = None) -> dict:
    day = day or dt.date.today()
    row = (PriorityRule.select().where(PriorityRule.effective_from <= day)
           .order_by(PriorityRule.effective_from.desc()).first())
    if row is None:
        row = PriorityRule.select().order_by(PriorityRule.effective_from).first()
    return json.loads(row.payload)


@dataclass(frozen=True)
class RuleRow:
    effective_from: dt.date
    rule: dict
    note: str


def list_rules(actor: Actor) -> list[RuleRow]:
    require(actor, "social.view")
    return [RuleRow(r.effective_from, json.loads(r.payload), r.note)
            for r in PriorityRule.select().order_by(PriorityRule.effective_from.desc())]


def save_rule(actor: Actor, effective_from, payload, note: str = "",
              today: dt.date | None = None) -> RuleRow:
    """Add (or replace, if not yet in force) the rule in force from ``effective_from``."""
    require(actor, "social.rule")
    today = today or dt.date.today()
    effective_from = validate.date("effective from", effective_from)
    rule = check_rule(payload)
    note = validate.text("note", note, 200, required=False)
    with database.atomic():
        old = PriorityRule.get_or_none(PriorityRule.effective_from == effective_from)
        if old is not None and effective_from <= today:
            raise ValidationError("effective from",
                                  _("a rule already in force cannot change: give a later date"))
        if old is not None:
            old.delete_instance()
        PriorityRule.create(effective_from=effective_from, payload=json.dumps(rule), note=note,
                            created_by=actor.id)
        audit.record(actor, AREA, "create", "priority_rule", effective_from.isoformat(),
                     f"rule from {effective_from}: poverty line "
                     f"{khr(rule['poverty_line_khr_per_person_day'])}; {note}")
    return RuleRow(effective_from, rule, note)


def facts_of(survey: Survey, today: dt.date | None = None) -> Facts:
    today = today or dt.date.today()
    members = list(survey.members)
    income = sum(m.income_khr for m in members) + sum(i.monthly_khr for i in survey.incomes)
    idpoor = survey.idpoor_level
    if idpoor and survey.idpoor_valid_until and survey.idpoor_valid_until < today:
        idpoor = 0
    return Facts(
        household_size=len(members), income_khr=income,
        repayments_khr=sum(d.monthly_repayment_khr for d in survey.debts),
        tenure=survey.tenure, roof=survey.roof, flood_risk=survey.flood_risk,
        fire_risk=survey.fire_risk, water=survey.water, toilet=survey.toilet,
        electricity=survey.electricity,
        chronic_illness=sum(1 for m in members if m.chronic_illness),
        disability=sum(1 for m in members if m.disability), idpoor_level=idpoor,
        no_parent_at_home=survey.no_parent_at_home, violence=survey.violence,
        out_of_school=survey.out_of_school)


def refresh(family_id: int, today: dt.date | None = None) -> Result | None:
    """Recompute and store a family's priority from its survey; call inside the write."""
    survey = Survey.get_or_none(Survey.family == family_id)
    if survey is None:
        return None
    result = compute_priority(facts_of(survey, today), rule_in_force(today))
    reasons = reasons_json(result.reasons)
    now = dt.datetime.now()
    (Priority.insert(family=family_id, computed_level=result.level, score=result.score,
                     reasons=reasons, computed_at=now)
     .on_conflict(conflict_target=[Priority.family],
                  update={Priority.computed_level: result.level, Priority.score: result.score,
                          Priority.reasons: reasons, Priority.computed_at: now})
     .execute())
    return result


@dataclass(frozen=True)
class PriorityInfo:
    family_id: int
    level: str  # the one in effect: the override if any, else the computed one
    computed_level: str
    score: int
    reasons: tuple[Reason, ...]
    override_level: str
    override_reason: str


def _info(row: Priority) -> PriorityInfo:
    reasons = reasons_from_json(row.reasons)
    return PriorityInfo(row.family_id, row.override_level or row.computed_level,
                        row.computed_level, row.score, reasons, row.override_level,
                        row.override_reason)


def get_priority(actor: Actor, family_id: int) -> PriorityInfo | None:
    require(actor, "social.view")
    row = Priority.get_or_none(Priority.family == family_id)
    return _info(row) if row else None


def override(actor: Actor, family_id: int, level: str, reason: str) -> PriorityInfo:
    """Set the level by hand (``level`` "" removes the override); a reason is required."""
    require(actor, "social.priority")
    row = Priority.get_or_none(Priority.family == family_id)
    if row is None:
        raise NotFound(_("This family has no survey yet: its priority cannot be set."))
    if level:
        validate.choice("level", level, LEVELS)
    reason = validate.text("reason", reason, 300)
    with database.atomic():
        before = row.override_level or row.computed_level
        (Priority.update(override_level=level, override_reason=reason if level else "",
                         override_by=actor.id if level else None)
         .where(Priority.id == row.id).execute())
        audit.record(actor, AREA, "update", "priority", family_id,
                     f"level: {before} -> {level or row.computed_level}; reason: {reason}")
    return _info(Priority.get_by_id(row.id))

"""Permissions, settings, the entitlement rule (dated data) and small helpers of the rice area.

The social team and admins designate families and decide; centre staff record the
distribution at their own centres; nobody else sees any of it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ...db import database
from ...db.rice import Rule
from ..common import validate
from ..common.errors import ValidationError
from ..core import audit
from ..core.permissions import Actor, register_actions, require
from ..core.settings import SettingDef, declare
from ...i18n import N_, _

AREA = "rice"
DECISIONS = ("give", "reduce", "hold")
STATUSES = ("collected", "proxy", "no_show")
WORDS = (N_("give"), N_("reduce"), N_("hold"), N_("collected"), N_("proxy"), N_("no show"),
         N_("final"), N_("draft"), N_("received"), N_("transfer"), N_("distribution"),
         N_("count"), N_("undo"))
"""Decisions, collections, list states and stock moves stored in English and shown through
``_(value)`` ("no_show" as "no show"): marked here so they are extracted and translated."""
MAX_KG = 1000  # no family takes a tonne a month
STOCK_MAX_KG = 1_000_000  # a delivery, a transfer or a count of a store: tonnes

register_actions(
    {
        "rice.view": N_("See the monthly rice lists (centre staff: their own centres)"),
        "rice.designate": N_("Designate families for rice, decide on flagged families, make a "
                          "month's list final, correct it"),
        "rice.distribute": N_("Record who collected the rice at a centre"),
        "rice.stock": N_("Receive rice, move it to the centres and count it"),
    },
    {
        "centre_staff": ["rice.view", "rice.distribute"],
        "social_team": ["rice.view", "rice.designate", "rice.distribute", "rice.stock"],
    },
)

declare(
    SettingDef("rice_attendance_percent", N_("Rice: attendance threshold (%)"), "int", 80,
               N_("A family whose children's attendance in the month is under this rate is "
               "flagged on the rice list for the social team to decide: give, reduce or hold."),
               0, 100),
)


def month_of(value, field: str = "month") -> dt.date:
    """The first day of the month from a date or a 'YYYY-MM' text."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.replace(day=1)
    text = validate.text(field, value, 10)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", text)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValidationError(field, _("must be a month like 2026-03, not {text!r}").format(
            text=text))
    year = int(m.group(1))
    if not 2000 <= year <= 2100:
        raise ValidationError(field, _("must be between 2000 and 2100"))
    return dt.date(year, int(m.group(2)), 1)


def month_end(month: dt.date) -> dt.date:
    nxt = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def kg_to_g(field: str, value, max_kg: int = MAX_KG) -> int:
    """Grams from kilograms typed as '12', '12.5', '12,5' or '1 200'; '1,200' reads two ways
    (1200 or 1.2) and is refused."""
    if isinstance(value, bool) or isinstance(value, float):
        raise ValidationError(field, _("must be a number of kilograms like 12.5"))
    if isinstance(value, int):
        grams = value * 1000
    else:
        text = validate.text(field, value, 12).replace(" ", "")
        if re.fullmatch(r"\d{1,3},\d{3}", text):
            whole, part = text.split(",")
            raise ValidationError(field, _("{value!r} reads two ways: write {whole} or {decimal} "
                                           "kg").format(value=value, whole=whole + part,
                                                        decimal=f"{whole}.{part.rstrip('0') or '0'}"))
        text = text.replace(",", ".")
        m = re.fullmatch(r"(\d{1,6})(?:\.(\d{1,3}))?", text)
        if not m:
            raise ValidationError(field, _("must be a number of kilograms like 12.5, not {value!r}")
                                  .format(value=value))
        grams = int(m.group(1)) * 1000 + int((m.group(2) or "").ljust(3, "0") or 0)
    if grams < 0 or grams > max_kg * 1000:
        raise ValidationError(field, _("must be between 0 and {max_kg} kg").format(
            max_kg=f"{max_kg:,}"))
    return grams


def kg(grams: int | None) -> str:
    """'12.5 kg' for 12500 grams."""
    if grams is None:
        return "-"
    whole, rest = divmod(abs(grams), 1000)
    text = f"{whole:,}" + (f".{rest:03d}".rstrip("0") if rest else "")
    return ("-" if grams < 0 else "") + text + " kg"


@dataclass(frozen=True)
class RuleInfo:
    effective_from: dt.date
    base_g: int
    per_child_g: int
    max_g: int
    note: str

    def due(self, children: int) -> int:
        return min(self.max_g, self.base_g + self.per_child_g * children)


def rule_for(month: dt.date) -> RuleInfo:
    row = (Rule.select().where(Rule.effective_from <= month)
           .order_by(Rule.effective_from.desc()).first()) or Rule.select().first()
    return RuleInfo(row.effective_from, row.base_g, row.per_child_g, row.max_g, row.note)


def list_rules(actor: Actor) -> list[RuleInfo]:
    require(actor, "rice.view")
    return [RuleInfo(r.effective_from, r.base_g, r.per_child_g, r.max_g, r.note)
            for r in Rule.select().order_by(Rule.effective_from.desc())]


def save_rule(actor: Actor, month, base, per_child, maximum, note: str = "",
              today: dt.date | None = None) -> RuleInfo:
    """A new entitlement from a month on (base + per child, at most the maximum)."""
    require(actor, "rice.designate")
    today = today or dt.date.today()
    month = month_of(month, "from month")
    if month <= today.replace(day=1):
        raise ValidationError("from month", _("must be a month after this one: lists already "
                                              "made keep their rule"))
    base, per_child = kg_to_g("base", base), kg_to_g("per child", per_child)
    maximum = kg_to_g("maximum", maximum)
    if maximum < base:
        raise ValidationError("maximum", _("is less than the base"))
    note = validate.text("note", note, 200, required=False)
    with database.atomic():
        # Saving a month's rule again replaces it; two saves at once: the last one stays.
        values = {"base_g": base, "per_child_g": per_child, "max_g": maximum, "note": note,
                  "created_by": actor.id}
        (Rule.insert(effective_from=month, **values)
         .on_conflict(conflict_target=[Rule.effective_from],
                      update={getattr(Rule, k): v for k, v in values.items()}).execute())
        audit.record(actor, AREA, "create", "rice_rule", month.isoformat(),
                     f"from {month:%Y-%m}: {kg(base)} + {kg(per_child)} a child, at most "
                     f"{kg(maximum)}")
    return rule_for(month)

"""The social survey of a family: household, income, debts, housing, health, IDPoor and urgent
situations. Saved section by section, unfinished if need be, and completed later; each save
recomputes the family's priority. Reading a survey is recorded (who opened which family's file).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ...db import database
from ...db.centres import Family
from ...db.social import Debt, HouseholdMember, IncomeSource, Survey
from ..common import validate
from ..common.errors import NotFound, ValidationError
from ..core import audit
from ..core.permissions import Actor, can, require
from . import priority
from .rules import AREA, LENDERS, ROOFS, TENURES, WALLS, record_access
from ...i18n import _

MAX_KHR = 10**10  # no household earns or owes ten billion riel
HOUSING = ("tenure", "rent_khr", "roof", "walls", "flood_risk", "fire_risk", "water", "toilet",
           "electricity")
IDPOOR = ("idpoor_number", "idpoor_level", "idpoor_valid_until")
URGENT = ("no_parent_at_home", "violence", "out_of_school")
SENSITIVE = ("violence", "protection_notes", "case_notes")


@dataclass(frozen=True)
class Member:
    name: str
    relation: str
    age: int
    occupation: str = ""
    income_khr: int = 0
    chronic_illness: bool = False
    disability: bool = False
    in_school: bool = False


@dataclass(frozen=True)
class Income:
    kind: str
    monthly_khr: int


@dataclass(frozen=True)
class DebtInfo:
    lender: str
    owed_khr: int
    monthly_repayment_khr: int


@dataclass(frozen=True)
class SurveyInfo:
    family_id: int
    family_code: str
    status: str  # "none" (never surveyed), draft, complete
    visited_on: dt.date | None = None
    members: tuple[Member, ...] = ()
    incomes: tuple[Income, ...] = ()
    debts: tuple[DebtInfo, ...] = ()
    housing: dict = field(default_factory=dict)
    idpoor: dict = field(default_factory=dict)
    urgent: dict = field(default_factory=dict)  # without "violence" unless sensitive is readable
    protection_notes: str | None = None  # None: the reader may not see it
    case_notes: str | None = None
    updated_at: dt.datetime | None = None
    sensitive_hidden: bool = False

    @property
    def household_income_khr(self) -> int:
        return sum(m.income_khr for m in self.members) + sum(i.monthly_khr for i in self.incomes)

    @property
    def repayments_khr(self) -> int:
        return sum(d.monthly_repayment_khr for d in self.debts)


def _family(family_id: int) -> Family:
    family = Family.get_or_none(Family.id == family_id)
    if family is None:
        raise NotFound(_("family {family_id}").format(family_id=family_id))
    return family


def _info(family: Family, survey: Survey | None, sensitive: bool) -> SurveyInfo:
    if survey is None:
        return SurveyInfo(family.id, family.code, "none", sensitive_hidden=not sensitive)
    members = tuple(Member(m.name, m.relation, m.age, m.occupation, m.income_khr,
                           m.chronic_illness, m.disability, m.in_school)
                    for m in survey.members.order_by(HouseholdMember.position))
    incomes = tuple(Income(i.kind, i.monthly_khr) for i in survey.incomes.order_by(IncomeSource.id))
    debts = tuple(DebtInfo(d.lender, d.owed_khr, d.monthly_repayment_khr)
                  for d in survey.debts.order_by(Debt.id))
    urgent = {k: getattr(survey, k) for k in URGENT if sensitive or k != "violence"}
    return SurveyInfo(
        family.id, family.code, survey.status, survey.visited_on, members, incomes, debts,
        {k: getattr(survey, k) for k in HOUSING}, {k: getattr(survey, k) for k in IDPOOR}, urgent,
        survey.protection_notes if sensitive else None, survey.case_notes if sensitive else None,
        survey.updated_at, not sensitive)


def get_survey(actor: Actor, family_id: int) -> SurveyInfo:
    """Return a family's survey; the answers about violence and the notes only to those who may
    read them. The opening is recorded."""
    require(actor, "social.view")
    family = _family(family_id)
    survey = Survey.get_or_none(Survey.family == family_id)
    record_access(actor, family_id, "survey")
    return _info(family, survey, can(actor, "social.sensitive"))


def _khr(name: str, value) -> int:
    return validate.integer(name, 0 if value in (None, "") else value, 0, MAX_KHR)


def _flag(name: str, value) -> bool:
    if isinstance(value, bool):
        return value
    if value in (0, 1, "0", "1", "", None):
        return bool(int(value or 0))
    raise ValidationError(name, _("must be yes or no"))


def clean_members(rows) -> list[dict]:
    out = []
    for n, row in enumerate(rows or (), start=1):
        where = f"member {n}"
        out.append({
            "position": n,
            "name": validate.name(f"{where}: name", row.get("name"), 80),
            "relation": validate.text(f"{where}: relation", row.get("relation"), 20),
            "age": validate.integer(f"{where}: age", row.get("age"), 0, 110),
            "occupation": validate.text(f"{where}: occupation", row.get("occupation"), 80,
                                        required=False),
            "income_khr": _khr(f"{where}: monthly income", row.get("income_khr")),
            "chronic_illness": _flag(f"{where}: chronic illness", row.get("chronic_illness")),
            "disability": _flag(f"{where}: disability", row.get("disability")),
            "in_school": _flag(f"{where}: in school", row.get("in_school")),
        })
    if len(out) > 30:
        raise ValidationError("household", _("has more than 30 members"))
    return out


def clean_incomes(rows) -> list[dict]:
    return [{"kind": validate.text(f"income {n}: kind", r.get("kind"), 40),
             "monthly_khr": _khr(f"income {n}: monthly amount", r.get("monthly_khr"))}
            for n, r in enumerate(rows or (), start=1)]


def clean_debts(rows) -> list[dict]:
    out = []
    for n, r in enumerate(rows or (), start=1):
        owed = _khr(f"debt {n}: amount owed", r.get("owed_khr"))
        repay = _khr(f"debt {n}: monthly repayment", r.get("monthly_repayment_khr"))
        if repay > owed and owed:
            raise ValidationError(f"debt {n}: monthly repayment",
                                  _("is more than the amount owed"))
        out.append({"lender": validate.choice(f"debt {n}: lender", r.get("lender"), LENDERS),
                    "owed_khr": owed, "monthly_repayment_khr": repay})
    return out


def clean_scalars(values: dict, today: dt.date) -> dict:
    out = {}
    if "visited_on" in values:
        day = validate.date("visit date", values["visited_on"], required=False)
        if day and (day > today or day < dt.date(2000, 1, 1)):
            raise ValidationError("visit date", _("must be between {low} and {high}").format(
                low="2000-01-01", high=today))
        out["visited_on"] = day
    housing = values.get("housing")
    if housing is not None:
        if housing.get("tenure"):
            out["tenure"] = validate.choice("tenure", housing["tenure"], TENURES)
        out["rent_khr"] = _khr("rent", housing.get("rent_khr"))
        for key, choices in (("roof", ROOFS), ("walls", WALLS)):
            if housing.get(key):
                out[key] = validate.choice(key, housing[key], choices)
        for key in ("flood_risk", "fire_risk", "water", "toilet", "electricity"):
            if key in housing:
                out[key] = _flag(key, housing[key])
    idpoor = values.get("idpoor")
    if idpoor is not None:
        out["idpoor_number"] = validate.text("IDPoor number", idpoor.get("idpoor_number"), 30,
                                             required=False)
        out["idpoor_level"] = validate.integer("IDPoor level", idpoor.get("idpoor_level") or 0,
                                               0, 2)
        until = out["idpoor_valid_until"] = validate.date(
            "IDPoor valid until", idpoor.get("idpoor_valid_until"), required=False)
        latest = today.replace(year=today.year + 10, day=min(today.day, 28))
        if until is not None and not dt.date(2005, 1, 1) <= until <= latest:
            # the Equity Card exists since the late 2000s and is valid a few years
            raise ValidationError("IDPoor valid until", _("must be between {low} and {high}")
                                  .format(low="2005-01-01", high=latest))
        if out["idpoor_level"] and not out["idpoor_number"]:
            raise ValidationError("IDPoor number", _("is required with an IDPoor level"))
    urgent = values.get("urgent")
    if urgent is not None:
        for key in URGENT:
            if key in urgent:
                out[key] = _flag(key, urgent[key])
    for key in ("protection_notes", "case_notes"):
        if key in values:
            out[key] = validate.text(key.replace("_", " "), values[key], 5000, required=False)
    return out


def save_survey(actor: Actor, family_id: int, values: dict, *, complete: bool = False,
                today: dt.date | None = None) -> SurveyInfo:
    """Save the sections given in ``values`` (others stay as they are) and recompute priority.

    Sections: visited_on, members, incomes, debts, housing, idpoor, urgent, protection_notes,
    case_notes. ``complete`` marks the survey complete: it then needs the visit date, at least one
    household member and the housing tenure.
    """
    require(actor, "social.survey")
    today = today or dt.date.today()
    family = _family(family_id)
    sensitive_keys = {"protection_notes", "case_notes"} & set(values)
    if (sensitive_keys or "violence" in (values.get("urgent") or {})) \
            and not can(actor, "social.sensitive"):
        require(actor, "social.sensitive")
    scalars = clean_scalars(values, today)
    members = clean_members(values["members"]) if "members" in values else None
    incomes = clean_incomes(values["incomes"]) if "incomes" in values else None
    debts = clean_debts(values["debts"]) if "debts" in values else None
    with database.atomic():
        survey = Survey.get_or_none(Survey.family == family_id)
        created = survey is None
        if created:
            survey = Survey.create(family=family_id, updated_by=actor.id)
        before = {k: getattr(survey, k) for k in scalars}
        for key, value in scalars.items():
            setattr(survey, key, value)
        changes = []
        for key in scalars:
            if before[key] != scalars[key]:
                # the audit log never copies sensitive answers: it says they changed
                changes.append(f"{key} changed" if key in SENSITIVE
                               else f"{key}: {before[key]!r} -> {scalars[key]!r}")
        for rows, model, label in ((members, HouseholdMember, "household"),
                                   (incomes, IncomeSource, "incomes"), (debts, Debt, "debts")):
            if rows is None:
                continue
            old = model.select().where(model.survey == survey).count()
            model.delete().where(model.survey == survey).execute()
            if rows:
                model.insert_many([{**r, "survey": survey.id} for r in rows]).execute()
            changes.append(f"{label}: {old} -> {len(rows)} rows")
        if complete:
            missing = [name for name, ok in (
                ("visit date", survey.visited_on), ("tenure", survey.tenure),
                ("household", survey.members.count())) if not ok]
            if missing:
                raise ValidationError(missing[0], _("is needed to complete the survey"))
            if survey.status != "complete":
                changes.append("status: draft -> complete")
            survey.status = "complete"
        survey.updated_at = dt.datetime.now()
        survey.updated_by = actor.id
        survey.save()
        result = priority.refresh(family_id, today)
        audit.record(actor, AREA, "create" if created else "update", "survey", family_id,
                     f"family {family.code}: " + ("; ".join(changes) or "saved")
                     + (f"; priority {result.level}" if result else ""))
    return _info(family, survey, can(actor, "social.sensitive"))


# -- the blank survey, in the form's order, for visits without a computer ---------------------

BLANK_SECTIONS = (
    (("Visit", "ការចុះសួរសុខទុក្ខ"), 1,
     (("Date of the visit", "កាលបរិច្ឆេទចុះសួរ"), ("Social worker", "បុគ្គលិកសង្គមកិច្ច"))),
    (("Household", "សមាជិកគ្រួសារ"), 8,
     (("Name", "ឈ្មោះ"), ("Relation", "ត្រូវជា"), ("Age", "អាយុ"), ("Occupation", "មុខរបរ"),
      ("Monthly income (KHR)", "ចំណូលប្រចាំខែ (រៀល)"), ("Chronic illness", "ជំងឺរ៉ាំរ៉ៃ"),
      ("Disability", "ពិការភាព"), ("In school", "កំពុងរៀន"))),
    (("Other income", "ប្រាក់ចំណូលផ្សេងៗ"), 3,
     (("Kind", "ប្រភេទ"), ("Monthly amount (KHR)", "ចំនួនប្រចាំខែ (រៀល)"))),
    (("Debts", "បំណុល"), 3,
     (("Lender: bank, microfinance, private, family", "ម្ចាស់បំណុល៖ ធនាគារ មីក្រូហិរញ្ញវត្ថុ ឯកជន គ្រួសារ"),
      ("Amount owed (KHR)", "ចំនួនជំពាក់ (រៀល)"),
      ("Monthly repayment (KHR)", "ការសងប្រចាំខែ (រៀល)"))),
    (("Housing", "លំនៅដ្ឋាន"), 1,
     (("Owned, rented, squatting, family", "ផ្ទះខ្លួនឯង ជួល រស់នៅបណ្ដោះអាសន្ន ផ្ទះគ្រួសារ"),
      ("Rent (KHR a month)", "ថ្លៃជួល (រៀល/ខែ)"), ("Roof", "ដំបូល"), ("Walls", "ជញ្ជាំង"),
      ("Flood risk", "ហានិភ័យទឹកជំនន់"), ("Fire risk", "ហានិភ័យអគ្គិភ័យ"), ("Water", "ទឹក"),
      ("Toilet", "បង្គន់"), ("Electricity", "អគ្គិសនី"))),
    (("IDPoor (Equity Card)", "ប័ណ្ណសមធម៌ (IDPoor)"), 1,
     (("Number", "លេខ"), ("Poor level 1 or 2", "កម្រិតក្រីក្រ ១ ឬ ២"),
      ("Valid until", "មានសុពលភាពដល់"))),
    (("Urgent situations", "ស្ថានភាពបន្ទាន់"), 1,
     (("No parent at home", "គ្មានឪពុកម្ដាយនៅផ្ទះ"), ("Violence or abuse", "អំពើហិង្សា ឬការរំលោភបំពាន"),
      ("A child out of school or at risk of leaving", "កុមារឈប់រៀន ឬប្រឈមនឹងការឈប់រៀន"))),
    (("Notes", "កំណត់ចំណាំ"), 1,
     (("Protection notes", "កំណត់ចំណាំការពារកុមារ"), ("Case notes", "កំណត់ចំណាំករណី"))),
)
"""Each section: (English, Khmer) title, rows to leave blank (1: one field a line), fields."""

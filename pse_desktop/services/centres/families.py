"""Families and their guardians (usually the mothers): who to visit, who comes to meetings."""

from __future__ import annotations

from dataclasses import dataclass

from ...db import database
from ...db.centres import Child, Family, Guardian
from ..core import audit
from ..common import validate
from .rules import AREA, RELATIONS, centre_ids_for
from ..common.errors import NotFound, PermissionDenied, ValidationError
from ..core.permissions import Actor, require
from ...i18n import _


@dataclass(frozen=True)
class GuardianInfo:
    id: int | None
    name_km: str
    name_latin: str
    relation: str
    phone: str


@dataclass(frozen=True)
class FamilyInfo:
    id: int
    code: str
    village: str
    address: str
    phone: str
    notes: str
    guardians: tuple[GuardianInfo, ...] = ()
    child_ids: tuple[int, ...] = ()

    @property
    def contact(self) -> str:
        """Return the family's phone, else the first guardian's, for visit lists."""
        phones = [self.phone] + [g.phone for g in self.guardians]
        return next((p for p in phones if p), "")


def _guardians(family_ids) -> dict[int, list[GuardianInfo]]:
    out: dict[int, list[GuardianInfo]] = {}
    if not family_ids:
        return out
    for g in Guardian.select().where(Guardian.family.in_(list(family_ids))).order_by(Guardian.id):
        out.setdefault(g.family_id, []).append(
            GuardianInfo(g.id, g.name_km, g.name_latin, g.relation, g.phone))
    return out


def _info(f: Family, guardians: dict, children: dict) -> FamilyInfo:
    return FamilyInfo(f.id, f.code, f.village, f.address, f.phone, f.notes,
                      tuple(guardians.get(f.id, ())), tuple(children.get(f.id, ())))


def families_by_id(ids) -> dict[int, FamilyInfo]:
    """Return plain family records with guardians for these ids (no permission check: callers
    have already checked theirs)."""
    ids = list(set(ids))
    out: dict[int, FamilyInfo] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        guardians = _guardians(chunk)
        for f in Family.select().where(Family.id.in_(chunk)):
            out[f.id] = _info(f, guardians, {})
    return out


def visible_families(actor: Actor, query):
    """Narrow a Family query to the families the actor may see: for centre staff, those with a
    child in their centres, and new families that have no child yet (being registered)."""
    limit = centre_ids_for(actor)
    if limit is None:
        return query
    theirs = Child.select(Child.family).where(Child.centre.in_(limit or [-1]),
                                              Child.family.is_null(False))
    anyone = Child.select(Child.family).where(Child.family.is_null(False))
    return query.where(Family.id.in_(theirs) | Family.id.not_in(anyone))


def require_family(actor: Actor, action: str, family_id: int) -> Family:
    """Check ``action`` for one family (centre staff: a family of their centres); return it."""
    require(actor, action)
    f = Family.get_or_none(Family.id == family_id)
    if f is None:
        raise NotFound(_("family {family_id}").format(family_id=family_id))
    if not visible_families(actor, Family.select().where(Family.id == family_id)).exists():
        raise PermissionDenied(action, _("not a family of your centres"))
    return f


def get_family(actor: Actor, family_id: int) -> FamilyInfo:
    f = require_family(actor, "attendance.view", family_id)
    kids = [c.id for c in Child.select(Child.id).where(Child.family == f.id).order_by(Child.birth_date)]
    return _info(f, _guardians([f.id]), {f.id: kids})


def find_families(actor: Actor, text: str = "", *, limit: int = 200) -> list[FamilyInfo]:
    """Return families whose code, village, phone or a guardian's name contains ``text``."""
    require(actor, "attendance.view")
    query = visible_families(actor, Family.select().order_by(Family.code))
    text = (text or "").strip()
    if text:
        like = f"%{text}%"
        by_guardian = Guardian.select(Guardian.family).where(
            Guardian.name_latin ** like | Guardian.name_km.contains(text) | Guardian.phone.contains(text))
        query = query.where(Family.code ** like | Family.village ** like | Family.phone.contains(text)
                            | Family.id.in_(by_guardian))
    rows = list(query.limit(limit))
    guardians = _guardians([f.id for f in rows])
    return [_info(f, guardians, {}) for f in rows]


def clean_guardians(guardians) -> list[GuardianInfo]:
    out = []
    for index, g in enumerate(guardians or ()):
        g = g if isinstance(g, dict) else g.__dict__
        if not any(str(g.get(k) or "").strip() for k in ("name_km", "name_latin", "phone")):
            continue
        field = f"guardian {index + 1}"
        name_latin = validate.name(f"{field} name", g.get("name_latin"), 80)
        name_km = validate.name(f"{field} Khmer name", g.get("name_km"), 80, required=False)
        relation = validate.choice(f"{field} relation", g.get("relation") or "mother", RELATIONS)
        phone = validate.text(f"{field} phone", g.get("phone"), 40, required=False)
        out.append(GuardianInfo(g.get("id"), name_km, name_latin, relation, phone))
    return out


def save_family(actor: Actor, family_id: int | None, code: str, *, village: str = "",
                address: str = "", phone: str = "", notes: str = "", guardians=()) -> FamilyInfo:
    """Create or edit a family and replace its guardians with ``guardians`` (dicts)."""
    if family_id is None:
        require(actor, "families.edit")
    else:
        require_family(actor, "families.edit", family_id)
    code = validate.code("family code", code, 20)
    village = validate.text("village", village, 80, required=False)
    address = validate.text("address", address, 200, required=False)
    phone = validate.text("phone", phone, 40, required=False)
    notes = validate.text("notes", notes, 2000, required=False)
    cleaned = clean_guardians(guardians)
    with database.atomic():
        clash = Family.select().where(Family.code == code)
        if family_id is not None:
            clash = clash.where(Family.id != family_id)
        if clash.exists():
            raise ValidationError("family code", _("another family has the code {code}").format(code=code))
        values = {"code": code, "village": village, "address": address, "phone": phone,
                  "notes": notes}
        if family_id is None:
            family = Family.create(**values)
            summary = f"family {code} ({village}), {len(cleaned)} guardians"
            action = "create"
        else:
            family = Family.get_or_none(Family.id == family_id)
            if family is None:
                raise NotFound(_("family {family_id}").format(family_id=family_id))
            before = {k: getattr(family, k) for k in values}
            Family.update(**values).where(Family.id == family_id).execute()
            summary = audit.describe_changes(before, values)
            action = "update"
            Guardian.delete().where(Guardian.family == family_id).execute()
        for g in cleaned:
            Guardian.create(family=family.id, name_km=g.name_km, name_latin=g.name_latin,
                            relation=g.relation, phone=g.phone)
        audit.record(actor, AREA, action, "family", family.id, summary)
    return get_family(actor, family.id)


def next_family_code() -> str:
    """Return a free code like F00042 for a new family."""
    last = Family.select(Family.code).where(Family.code.startswith("F")).order_by(Family.code.desc())
    for row in last.limit(20):
        digits = row.code[1:]
        if digits.isdigit():
            return f"F{int(digits) + 1:05d}"
    return "F00001"


def family_by_code(actor: Actor, code: str, action: str = "attendance.view") -> FamilyInfo:
    require(actor, action)
    f = Family.get_or_none(Family.code == (code or "").strip().upper())
    if f is None:
        raise ValidationError("family", _("there is no family with the code {code!r}").format(code=code))
    require_family(actor, action, f.id)
    return families_by_id([f.id])[f.id]

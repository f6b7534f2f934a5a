"""Import children and families from CSV or XLSX: a template, a preview naming every bad row,
then all valid rows in one transaction (or none)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from ...db import database
from ...db.centres import Child, Family, Group, GroupMembership, Guardian
from ...db.core import Centre
from ..core import audit
from .export import write_table
from .children import _clean
from ..common.errors import PseError, ValidationError
from .families import clean_guardians
from ..core.permissions import Actor, require
from ...i18n import _

COLUMNS = ["family_code", "village", "family_phone", "guardian_name", "guardian_name_km",
           "guardian_relation", "guardian_phone", "child_code", "name_latin", "name_km", "sex",
           "birth_date", "centre", "programme", "session", "group", "school", "grade",
           "clothing_size", "enrolled_on", "age_reason"]
REQUIRED = ["family_code", "child_code", "name_latin", "sex", "birth_date", "centre", "programme",
            "enrolled_on"]
EXAMPLE = ["F01001", "Stung Meanchey A", "012 345 678", "Sok Sophea", "សុខ សុភា", "mother", "",
           "STM-9001", "Sok Dara", "សុខ ដារ៉ា", "M", "2021-05-14", "STM", "daycare", "", "Daycare A",
           "", "", "4", "2026-01-05", ""]


@dataclass
class ImportRow:
    line: int
    values: dict
    child: dict | None = None
    error: str = ""


@dataclass
class ImportPreview:
    path: str
    rows: list[ImportRow] = field(default_factory=list)
    file_error: str = ""

    @property
    def valid(self) -> list[ImportRow]:
        return [r for r in self.rows if not r.error]

    @property
    def bad(self) -> list[ImportRow]:
        return [r for r in self.rows if r.error]

    @property
    def new_families(self) -> set[str]:
        existing = {f.code for f in Family.select(Family.code)}
        return {r.values["family_code"].upper() for r in self.valid} - existing


def write_template(path: str | Path) -> Path:
    """Write an empty import file (the columns and one example row) as CSV or XLSX."""
    write_table(path, COLUMNS, [EXAMPLE], "Children", field="file")
    return Path(path)


def _read(path: Path) -> list[list[str]]:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(str(path), read_only=True, data_only=True)
        out = []
        for row in wb.active.iter_rows(values_only=True):
            out.append(["" if v is None else (v.date().isoformat() if isinstance(v, dt.datetime)
                                              else str(v)) for v in row])
        return out
    if path.suffix.lower() != ".csv":
        raise ValidationError("file", _("must be a .csv or .xlsx file"))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError("file", _("wrong encoding: the file is not UTF-8 (byte {start}); save it as 'CSV UTF-8' and try again").format(start=exc.start)) from None
    return list(csv.reader(io.StringIO(text)))


def preview(actor: Actor, path: str | Path) -> ImportPreview:
    """Read and check a file; nothing is written."""
    require(actor, "children.import")
    path = Path(path)
    result = ImportPreview(str(path))
    try:
        table = _read(path)
    except (ValidationError, OSError) as exc:
        result.file_error = exc.message if isinstance(exc, ValidationError) else str(exc)
        return result
    if not table:
        result.file_error = "the file is empty"
        return result
    header = [h.strip().lower() for h in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        result.file_error = f"missing columns: {', '.join(missing)} (download the template)"
        return result
    centres = {c.code: c.id for c in Centre.select(Centre.id, Centre.code)}
    groups = {(g.centre_id, g.name.lower()): g.id for g in Group.select()}
    codes_in_db = {c.code for c in Child.select(Child.code)}
    families = {f.code: f.id for f in Family.select(Family.id, Family.code)}
    seen: dict[str, int] = {}
    for number, raw in enumerate(table[1:], start=2):
        if not any(str(v).strip() for v in raw):
            continue
        values = {h: (raw[i].strip() if i < len(raw) else "") for i, h in enumerate(header)}
        row = ImportRow(number, values)
        result.rows.append(row)
        try:
            row.child = _check(values, centres, groups, codes_in_db, families, seen)
            seen[row.child["code"]] = number
        except PseError as exc:
            row.error = str(exc)
    return result


def _check(v, centres, groups, codes_in_db, families, seen) -> dict:
    for column in ("name_latin", "family_code", "child_code"):
        if not v.get(column):
            raise ValidationError(column, _("is missing"))
    centre_id = centres.get(v["centre"].upper())
    if centre_id is None:
        raise ValidationError("centre", _("unknown centre {centre!r}").format(centre=v['centre']))
    code = v["child_code"].upper()
    if code in codes_in_db:
        raise ValidationError("child_code", _("duplicate code {code}: already in the database").format(code=code))
    if code in seen:
        raise ValidationError("child_code", _("duplicate code {code}: also on line {value}").format(code=code, value=seen[code]))
    family_code = v["family_code"].upper()
    values = {"code": code, "name_latin": v["name_latin"], "name_km": v.get("name_km", ""),
              "sex": v.get("sex", "").upper(), "birth_date": v["birth_date"],
              "programme": v.get("programme", "").lower().replace("-", "_").replace(" ", "_"),
              "session": v.get("session", "").lower(), "school": v.get("school", ""),
              "grade": v.get("grade", ""), "clothing_size": v.get("clothing_size", "").upper(),
              "enrolled_on": v["enrolled_on"], "age_reason": v.get("age_reason", ""),
              "family_id": None, "centre_id": centre_id}
    clean = _clean(values, None, check_family=False)
    group_name = v.get("group", "").strip().lower()
    clean["_group"] = groups.get((centre_id, group_name)) if group_name else None
    if group_name and clean["_group"] is None:
        raise ValidationError("group", _("unknown group {group!r} in {upper}").format(group=v['group'], upper=v['centre'].upper()))
    clean["_family_code"] = family_code
    clean_guardians([{"name_latin": v.get("guardian_name"), "name_km": v.get("guardian_name_km"),
                      "relation": (v.get("guardian_relation") or "mother").lower(),
                      "phone": v.get("guardian_phone")}])
    return clean


def commit(actor: Actor, result: ImportPreview) -> int:
    """Write every valid row of a preview in one transaction; return the children written."""
    require(actor, "children.import")
    if result.file_error:
        raise ValidationError("file", result.file_error)
    rows = result.valid
    if not rows:
        raise ValidationError("file", _("has no valid row to import"))
    with database.atomic():
        fam_ids = {f.code: f.id for f in Family.select(Family.id, Family.code)}
        new_families = 0
        for row in rows:
            v = row.values
            code = row.child["_family_code"]
            if code not in fam_ids:
                family = Family.create(code=code, village=v.get("village", ""),
                                       phone=v.get("family_phone", ""))
                fam_ids[code] = family.id
                new_families += 1
                for g in clean_guardians([{"name_latin": v.get("guardian_name"),
                                           "name_km": v.get("guardian_name_km"),
                                           "relation": (v.get("guardian_relation") or "mother").lower(),
                                           "phone": v.get("guardian_phone")}]):
                    Guardian.create(family=family.id, name_km=g.name_km, name_latin=g.name_latin,
                                    relation=g.relation, phone=g.phone)
            data = {k: val for k, val in row.child.items() if not k.startswith("_")}
            data["family"] = fam_ids[code]
            child = Child.create(**data)
            if row.child["_group"]:
                GroupMembership.create(child=child.id, group=row.child["_group"],
                                       start_on=data["enrolled_on"])
        audit.record(actor, "attendance", "import", "child", "",
                     f"imported {len(rows)} children and {new_families} new families from "
                     f"{Path(result.path).name} ({len(result.bad)} bad rows left out)")
    return len(rows)

"""Import children and families from CSV or XLSX: a template, a preview naming every bad row,
then all valid rows in one transaction (or none)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...db import database
from ...db.centres import Child, Family, Group, GroupMembership, Guardian
from ...db.core import Centre
from ..core import audit
from .export import write_table
from .children import _clean, find_duplicate
from ..common import sheets, validate
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


#: Header variants people write (compared after header_key: case, accents, spaces, '_' and '-'
#: ignored), French included.
ALIASES = {
    "family_code": ["family", "family code", "code famille", "famille", "family no", "family number"],
    "village": ["village", "commune", "quartier"],
    "family_phone": ["family phone", "phone", "telephone famille", "telephone", "tel"],
    "guardian_name": ["guardian", "guardian name", "parent", "parent name", "mother", "nom du parent",
                      "parent nom", "tuteur", "nom tuteur", "responsable"],
    "guardian_name_km": ["guardian khmer name", "guardian name km", "guardian name khmer",
                         "parent khmer name", "nom khmer du parent", "nom du parent en khmer"],
    "guardian_relation": ["relation", "guardian relation", "lien", "lien de parente", "parente"],
    "guardian_phone": ["guardian phone", "parent phone", "telephone parent", "tel parent"],
    "child_code": ["child code", "code", "code enfant", "child id", "id", "student code"],
    "name_latin": ["name", "name latin", "latin name", "child name", "full name", "nom", "nom latin",
                   "nom de l enfant", "nom enfant", "nom et prenom", "name in latin letters"],
    "name_km": ["khmer name", "name khmer", "name km", "nom khmer", "nom en khmer", "child khmer name"],
    "sex": ["sex", "gender", "sexe", "genre", "m f"],
    "birth_date": ["birth date", "date of birth", "dob", "birthday", "born", "date de naissance",
                   "naissance", "ne le", "nee le"],
    "centre": ["centre", "center", "centre code", "paillote"],
    "programme": ["programme", "program", "programme type"],
    "session": ["session", "seance", "demi journee", "shift"],
    "group": ["group", "groupe", "class group", "classe pse"],
    "school": ["school", "ecole"],
    "grade": ["grade", "classe", "school grade", "niveau"],
    "clothing_size": ["clothing size", "size", "taille", "uniform size"],
    "enrolled_on": ["enrolled on", "enrolment date", "enrollment date", "enrolled", "date d inscription",
                    "inscription", "inscrit le", "date inscription", "start date"],
    "age_reason": ["age reason", "raison age", "motif age"],
}
KHMER_COLUMNS = ("name_km", "guardian_name_km")
_BY_KEY = {sheets.header_key(a): col for col, names in ALIASES.items() for a in names + [col]}


@dataclass
class ImportRow:
    line: int
    values: dict
    child: dict | None = None
    error: str = ""
    duplicate_of: str = ""  # "STM-0042 Sok Dara (line 7)": skipped unless the user ticks it


@dataclass
class ImportPreview:
    path: str
    rows: list[ImportRow] = field(default_factory=list)
    file_error: str = ""
    unknown_columns: list[str] = field(default_factory=list)
    encoding: str = ""

    @property
    def valid(self) -> list[ImportRow]:
        """Rows without a problem (likely duplicates included: the user decides on them)."""
        return [r for r in self.rows if not r.error]

    @property
    def duplicates(self) -> list[ImportRow]:
        return [r for r in self.valid if r.duplicate_of]

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


def _map_header(header: list[str]) -> tuple[list[str | None], list[str]]:
    """The column each header cell stands for (None for unknown ones), and the unknown names."""
    mapped, unknown, taken = [], [], {}
    for i, name in enumerate(header):
        column = _BY_KEY.get(sheets.header_key(name))
        if column in taken:
            raise ValidationError("file", _("two columns mean {column}: {first!r} and {second!r}; keep one").format(
                column=column, first=header[taken[column]], second=name))
        if column is None and name.strip():
            unknown.append(name.strip())
        elif column:
            taken[column] = i
        mapped.append(column)
    return mapped, unknown


def preview(actor: Actor, path: str | Path) -> ImportPreview:
    """Read and check a file; nothing is written."""
    require(actor, "children.import")
    path = Path(path)
    result = ImportPreview(str(path))
    try:
        sheet = sheets.read_sheet(path)
        table = [r for r in sheet.rows]
        result.encoding = sheet.encoding
        if not any(any(c.strip() for c in r) for r in table):
            raise ValidationError("file", _("is empty"))
        while table and not any(c.strip() for c in table[0]):
            table.pop(0)
        header, result.unknown_columns = _map_header(table[0])
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise ValidationError("file", _("missing columns: {columns} (download the template)").format(columns=", ".join(missing)))
        body = [(n, r) for n, r in enumerate(table[1:], start=2) if any(c.strip() for c in r)]
        if not body:
            raise ValidationError("file", _("has its header but no row of children under it"))
        _refuse_lost_khmer(header, body, sheet)
    except ValidationError as exc:
        result.file_error = exc.message
        return result
    centres = {c.code: c.id for c in Centre.select(Centre.id, Centre.code)}
    groups = {(g.centre_id, g.name.lower()): g.id for g in Group.select()}
    codes_in_db = {c.code for c in Child.select(Child.code)}
    families = {f.code: f.id for f in Family.select(Family.id, Family.code)}
    seen: dict[str, int] = {}
    for number, raw in body:
        width = len(raw) if sheet.encoding != "xlsx" else max(len(raw), len(header))
        values = {h: (raw[i].strip() if i < len(raw) else "") for i, h in enumerate(header) if h}
        row = ImportRow(number, values)
        result.rows.append(row)
        try:
            if width != len(header):
                raise ValidationError("row", _("has {n} cells but the header has {n2}: a comma or a cell is missing or extra").format(
                    n=len(raw), n2=len(header)))
            formula = next((h or "row" for i, h in enumerate(header) if i < len(raw) and (
                sheets.looks_like_formula(raw[i]) or sheets.looks_like_formula(raw[i].strip()))), None)
            if formula:
                raise ValidationError(formula, _("looks like a formula: type the value itself"))
            row.child = _check(values, centres, groups, codes_in_db, families, seen)
            seen[row.child["code"]] = number
        except PseError as exc:
            row.error = str(exc)
    _flag_duplicates(result)
    _flag_families_without_guardian(result, set(families))
    return result


def _refuse_lost_khmer(header, body, sheet) -> None:
    """Khmer saved in a Windows code page comes back as '?': refuse the file and say how to fix it."""
    names = [i for i, h in enumerate(header) if h in KHMER_COLUMNS + ("name_latin", "guardian_name")]
    for number, raw in body:
        for i in names:
            cell = raw[i].strip() if i < len(raw) else ""
            marks = cell.count("?")
            if marks and not _has_khmer(cell) and (header[i] in KHMER_COLUMNS
                                                   or marks * 2 >= len(cell.replace(" ", ""))):
                raise ValidationError("file", _("the Khmer letters were lost (line {line}, {column} is {cell!r}): the file was saved in a Windows code page, which has no Khmer. {how}").format(
                    line=number, column=header[i], cell=cell, how=_(sheets.SAVE_AS_UTF8)))


def _has_khmer(cell: str) -> bool:
    return any("\u1780" <= c <= "\u17ff" for c in cell)


def _flag_duplicates(result: ImportPreview) -> None:
    """Same Latin (or Khmer) name and birth date as a child already registered or an earlier line."""
    earlier: dict[tuple, int] = {}
    for row in result.valid:
        c = row.child
        other = find_duplicate(c["name_latin"], c["name_km"], c["birth_date"])
        key = (" ".join(c["name_latin"].casefold().split()), c["birth_date"])
        if other is not None:
            row.duplicate_of = f"{other.code} {other.name_latin}"
        elif key in earlier:
            row.duplicate_of = _("line {line}").format(line=earlier[key])
        earlier.setdefault(key, row.line)


def _flag_families_without_guardian(result: ImportPreview, existing: set[str]) -> None:
    """A new family must get a guardian from one of its valid rows; otherwise its rows are bad."""
    with_guardian = {r.child["_family_code"] for r in result.valid if r.child["_guardians"]}
    for row in result.valid:
        code = row.child["_family_code"]
        if code not in existing and code not in with_guardian:
            bad = [str(r.line) for r in result.rows if r.error and
                   r.values.get("family_code", "").upper() == code]
            if bad:
                row.error = _("family: the new family {code} has no guardian in the file (the row(s) {rows} of this family have a problem)").format(
                    code=code, rows=", ".join(bad))
            else:
                row.error = _("family: the new family {code} has no guardian in the file").format(code=code)


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
    clean["_family"] = {"village": validate.text("village", v.get("village"), 80, required=False),
                        "phone": validate.text("family_phone", v.get("family_phone"), 40, required=False)}
    guardian = {"name_latin": v.get("guardian_name"), "name_km": v.get("guardian_name_km"),
                "relation": (v.get("guardian_relation") or "mother").lower(),
                "phone": v.get("guardian_phone")}
    named = any((v.get(k) or "").strip() for k in ("guardian_name", "guardian_name_km"))
    clean["_guardians"] = clean_guardians([guardian]) if named else []
    return clean


def commit(actor: Actor, result: ImportPreview, include_duplicates=()) -> int:
    """Write every valid row of a preview in one transaction; return the children written.

    Likely duplicates are left out unless their line is in ``include_duplicates`` (the user ticked
    them). A new family gets the guardians of all its rows.
    """
    require(actor, "children.import")
    if result.file_error:
        raise ValidationError("file", result.file_error)
    ticked = {int(n) for n in include_duplicates}
    rows = [r for r in result.valid if not r.duplicate_of or r.line in ticked]
    if not rows:
        raise ValidationError("file", _("has no valid row to import"))
    with database.atomic():
        fam_ids = {f.code: f.id for f in Family.select(Family.id, Family.code)}
        new_families: dict[str, list] = {}
        for row in rows:
            code = row.child["_family_code"]
            if code not in fam_ids:
                family = Family.create(code=code, **row.child["_family"])
                fam_ids[code] = family.id
                new_families[code] = []
            if code in new_families:
                for g in row.child["_guardians"]:
                    key = (g.name_latin.casefold(), g.relation)
                    if key not in new_families[code]:
                        new_families[code].append(key)
                        Guardian.create(family=fam_ids[code], name_km=g.name_km, name_latin=g.name_latin,
                                        relation=g.relation, phone=g.phone)
            data = {k: val for k, val in row.child.items() if not k.startswith("_")}
            data["family"] = fam_ids[code]
            child = Child.create(**data)
            if row.child["_group"]:
                GroupMembership.create(child=child.id, group=row.child["_group"],
                                       start_on=data["enrolled_on"])
        skipped = len(result.valid) - len(rows)
        audit.record(actor, "attendance", "import", "child", "",
                     f"imported {len(rows)} children and {len(new_families)} new families from "
                     f"{Path(result.path).name} ({len(result.bad)} bad rows and {skipped} likely "
                     f"duplicates left out)")
    return len(rows)

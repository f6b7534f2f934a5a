"""Translation catalogues: extract the template, update French and Khmer, list what is missing.

    python tools/messages.py extract     # pse_desktop/ -> resources/locale/pse_desktop.pot,
                                         # then merge it into every <lang>/LC_MESSAGES/*.po
    python tools/messages.py missing     # every msgid without a French or Khmer translation
                                         # (exit code 1 when there is one)
    python tools/messages.py missing --tsv > todo.tsv   # the same as a sheet to fill:
                                         # msgid <TAB> French <TAB> Khmer (plural forms " ||| ")
    python tools/messages.py fill todo.tsv   # write the filled sheet into the .po files
    python tools/messages.py compile     # write the .mo files next to the .po (for a build)

The program compiles the .po files itself when it starts, so ``compile`` is only for packagers.
Texts are found by the keywords ``_``, ``N_`` and ``ngettext`` (singular and plural).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
DOMAIN = "pse_desktop"
LANGS = ("fr", "km")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def template() -> Catalog:
    """Every text marked in pse_desktop/, sorted, without locations (stable diffs)."""
    catalog = Catalog(project="PSE Desktop", domain=DOMAIN, charset="utf-8")
    for _file, _line, message, comments, context in extract_from_dir(
            str(ROOT / "pse_desktop"), method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
        catalog.add(message, None, auto_comments=comments, context=context)
    return catalog


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    write_po(buf, catalog, omit_header=False, sort_output=True, no_location=True, width=100)
    path.write_bytes(buf.getvalue())


def read(path: Path, lang: str | None = None) -> Catalog:
    with open(path, "rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def msgids(catalog: Catalog) -> set:
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog if m.id}


def extract() -> None:
    pot = template()
    _write(pot, LOCALE / f"{DOMAIN}.pot")
    for lang in LANGS:
        path = po_path(lang)
        po = read(path, lang) if path.exists() else Catalog(locale=lang, domain=DOMAIN)
        po.update(pot, no_fuzzy_matching=True)
        po.obsolete.clear()
        _write(po, path)


def missing(lang: str) -> list[str]:
    """The msgids of the template that ``lang`` does not translate (fuzzy counts as missing)."""
    pot = read(LOCALE / f"{DOMAIN}.pot")
    path = po_path(lang)
    po = read(path, lang) if path.exists() else Catalog(locale=lang)
    out = []
    for m in pot:
        if not m.id:
            continue
        t = po.get(m.id)
        strings = (t.string if isinstance(t.string, (list, tuple)) else [t.string]) if t else [""]
        if t is None or t.fuzzy or not all(strings):
            out.append(m.id if isinstance(m.id, str) else m.id[0])
    return out


def _key(catalog: Catalog, msgid: str):
    """The catalogue key of ``msgid`` (a plural message is keyed by its singular)."""
    for m in catalog:
        if m.id and (m.id == msgid or (not isinstance(m.id, str) and m.id[0] == msgid)):
            return m
    return None


def missing_sheet() -> str:
    """Every untranslated msgid once, as "msgid<TAB>French<TAB>Khmer" lines to fill."""
    todo = {lang: set(missing(lang)) for lang in LANGS}
    pos = {lang: read(po_path(lang), lang) for lang in LANGS}
    lines = []
    for msgid in sorted(set().union(*todo.values())):
        cells = [msgid.replace("\t", " ").replace("\n", "\\n")]
        for lang in LANGS:
            m = _key(pos[lang], msgid)
            s = (m.string if m else "") or ""
            if isinstance(s, (list, tuple)):
                s = " ||| ".join(s) if any(s) else ""
            cells.append(s)
        lines.append("\t".join(cells))
    return "\n".join(lines) + ("\n" if lines else "")


def fill(sheet: Path) -> int:
    """Write the translations of a filled sheet into the catalogues; return how many were set."""
    rows = [line.split("\t") for line in sheet.read_text(encoding="utf-8").splitlines() if line]
    count = 0
    for index, lang in enumerate(LANGS, start=1):
        po = read(po_path(lang), lang)
        for row in rows:
            text = row[index].replace("\\n", "\n").strip() if len(row) > index else ""
            m = _key(po, row[0].replace("\\n", "\n"))
            if not text or m is None:
                continue
            if isinstance(m.id, str):
                m.string = text
            else:
                forms = [f.strip() for f in text.split("|||")]
                m.string = tuple((forms + forms[-1:] * po.num_plurals)[:po.num_plurals])
            m.flags.discard("fuzzy")
            count += 1
        _write(po, po_path(lang))
    return count


def compile_all() -> None:
    for lang in LANGS:
        catalog = read(po_path(lang), lang)
        with open(po_path(lang).with_suffix(".mo"), "wb") as fh:
            write_mo(fh, catalog)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("extract", "missing", "fill", "compile"))
    parser.add_argument("sheet", nargs="?", help="the filled sheet (fill)")
    parser.add_argument("--tsv", action="store_true", help="missing: print a sheet to fill")
    args = parser.parse_args(argv)
    if args.command == "fill":
        print(f"{fill(Path(args.sheet))} translations written")
        return 0
    if args.command == "missing" and args.tsv:
        sheet = missing_sheet()
        sys.stdout.write(sheet)
        return 1 if sheet else 0
    if args.command == "extract":
        extract()
        print(f"{len(msgids(template()))} messages in resources/locale/{DOMAIN}.pot")
        return 0
    if args.command == "compile":
        compile_all()
        return 0
    total = 0
    for lang in LANGS:
        todo = missing(lang)
        total += len(todo)
        print(f"# {lang}: {len(todo)} untranslated (resources/locale/{lang}/LC_MESSAGES/{DOMAIN}.po)")
        for msgid in todo:
            print(f"{lang}\t{msgid!r}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())

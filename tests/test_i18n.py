"""Translations: the template matches the code, French and Khmer translate every message."""

import importlib.util
import re
import symtable
from pathlib import Path

import pytest

from pse_desktop import i18n

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("messages_tool", ROOT / "tools" / "messages.py")
messages = importlib.util.module_from_spec(spec)
spec.loader.exec_module(messages)


@pytest.fixture
def lang():
    """Switch the language inside a test; English again afterwards."""
    yield i18n.set_language
    i18n.set_language("en")


def test_template_is_up_to_date():
    """Fails when code adds or drops a message without `python tools/messages.py extract`."""
    in_code = messages.msgids(messages.template())
    in_pot = messages.msgids(messages.read(messages.LOCALE / "pse_desktop.pot"))
    added, gone = sorted(map(str, in_code - in_pot)), sorted(map(str, in_pot - in_code))
    assert not added and not gone, (
        "resources/locale/pse_desktop.pot is out of date: run `python tools/messages.py extract`"
        f"\nnew messages ({len(added)}):\n  " + "\n  ".join(added)
        + f"\ngone messages ({len(gone)}):\n  " + "\n  ".join(gone))


@pytest.mark.parametrize("code", messages.LANGS)
def test_every_message_is_translated(code):
    """Fails listing each message without a translation (fill them, see docs/glossary.md)."""
    todo = messages.missing(code)
    assert not todo, (
        f"{len(todo)} messages have no {code} translation in "
        f"resources/locale/{code}/LC_MESSAGES/pse_desktop.po "
        "(`python tools/messages.py missing` lists them all):\n  " + "\n  ".join(map(repr, todo)))


def _fields(text: str) -> set[str]:
    return set(re.findall(r"\{[^{}]*\}", text))


@pytest.mark.parametrize("code", messages.LANGS)
def test_translations_keep_the_placeholders(code):
    wrong = []
    for m in messages.read(messages.po_path(code), code):
        if not m.id or not m.string:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        for s in strings:
            if s and _fields(s) != _fields(ids[-1]):
                wrong.append(f"{ids[0]!r} -> {s!r}")
    assert not wrong, "placeholders differ:\n  " + "\n  ".join(wrong)


def test_no_function_hides_the_translation_function():
    """``for _ in ...`` in a function that also calls ``_()`` breaks it (UnboundLocalError)."""
    offenders = []

    def walk(table, path):
        if table.get_type() == "function":
            try:
                sym = table.lookup("_")
            except KeyError:
                sym = None
            if sym is not None and sym.is_assigned() and sym.is_referenced():
                offenders.append(f"{path}:{table.get_lineno()} {table.get_name()}")
        for child in table.get_children():
            walk(child, path)

    for path in sorted((ROOT / "pse_desktop").rglob("*.py")):
        walk(symtable.symtable(path.read_text(encoding="utf-8"), str(path), "exec"),
             path.relative_to(ROOT))
    assert not offenders, "rename the throwaway `_` in: " + ", ".join(offenders)


def test_nothing_is_translated_at_import():
    """``_()`` at module or class level runs once, at import, in English: such texts never
    follow the user's language. Mark them ``N_()`` there and translate where they are shown."""
    import ast

    found = []

    def scan(body, path):
        for node in body:
            if isinstance(node, ast.ClassDef):
                scan(node.body, path)
                continue
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            stack = [node]
            while stack:  # the statement, without what runs later (functions, lambdas)
                sub = stack.pop()
                if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda,
                                    ast.ClassDef)):
                    continue
                if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) \
                        and sub.func.id in ("_", "ngettext"):
                    found.append(f"{path}:{sub.lineno}")
                stack.extend(ast.iter_child_nodes(sub))

    for path in sorted((ROOT / "pse_desktop").rglob("*.py")):
        scan(ast.parse(path.read_text(encoding="utf-8")).body, path.relative_to(ROOT))
    assert not found, "translated at import: " + ", ".join(found)


def test_language_switches_at_run_time(lang):
    assert i18n._("Save") == "Save"
    assert lang("fr") == "fr"
    assert i18n._("Save") == "Enregistrer"
    assert i18n.ngettext("{n} child", "{n} children", 1).format(n=1) == "1 enfant"
    assert i18n.ngettext("{n} child", "{n} children", 3).format(n=3) == "3 enfants"
    lang("km")
    assert i18n._("Payslips") == "បង្កាន់ដៃបើកប្រាក់ខែ"
    assert i18n.ngettext("{n} child", "{n} children", 3).format(n=3) == "កុមារ 3 នាក់"
    assert i18n.gettext_in("fr", "Save") == "Enregistrer"
    lang("en")
    assert i18n._("Save") == "Save"


def test_counts_on_screens_and_in_the_command_line_say_one_or_many():
    """A count that names a thing goes through ngettext: "1 row written", never "1 rows"."""
    offenders = []
    for folder in ("views", "cli"):
        for path in sorted((ROOT / "pse_desktop" / folder).rglob("*.py")):
            for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if re.search(r'\b_\("[^"]*\{(n|count)\} [a-z]+s\b', line):
                    offenders.append(f"{path.relative_to(ROOT)}:{no}")
    assert not offenders, "use ngettext in: " + ", ".join(offenders)


@pytest.mark.parametrize("code, one, many", [
    ("en", "1 family invited", "5 families invited"),
    ("fr", "1 famille invitée", "5 familles invitées"),
    ("km", "គ្រួសារ 1 ដែលបានអញ្ជើញ", "គ្រួសារ 5 ដែលបានអញ្ជើញ"),  # Khmer has one form
])
def test_screen_counts_have_a_singular_and_a_plural(lang, code, one, many):
    lang(code)
    for n, text in ((1, one), (5, many)):
        assert i18n.ngettext("{n} family invited", "{n} families invited", n).format(n=n) == text


def test_local_name_translates_seeded_names_and_keeps_typed_ones(lang):
    assert i18n.local_name("Cooking", "ការធ្វើម្ហូប") == "Cooking"
    lang("fr")
    assert i18n.local_name("Cooking", "ការធ្វើម្ហូប") == "Cuisine"
    assert i18n.local_name("Tailoring", "ការកាត់ដេរ") == "Tailoring"  # typed: not in the catalogue
    lang("km")
    assert i18n.local_name("Tailoring", "ការកាត់ដេរ") == "ការកាត់ដេរ"  # the record's Khmer name
    assert i18n.local_name("Hygiene") == "អនាម័យ"  # a seeded theme, no Khmer field


def test_an_empty_text_stays_empty(lang):
    lang("km")  # gettext("") would give the catalogue's header ("Project-Id-Version: ...")
    assert i18n._("") == "" and i18n.gettext_in("fr", "") == ""


def test_unknown_languages_fall_back_to_english(lang):
    assert i18n.normalise("fr_FR.UTF-8") == "fr"
    assert i18n.normalise("km-KH") == "km"
    assert lang("de") == "en"
    assert i18n._("Save") == "Save"


def test_catalogues_compile_to_mo(tmp_path):
    po = messages.read(messages.po_path("km"), "km")
    from babel.messages.mofile import write_mo

    with open(tmp_path / "km.mo", "wb") as fh:
        write_mo(fh, po)
    import gettext

    with open(tmp_path / "km.mo", "rb") as fh:
        assert gettext.GNUTranslations(fh).gettext("Children") == "កុមារ"


def test_missing_sheet_and_fill_round_trip(tmp_path, monkeypatch):
    """The lead's tool: a message another branch adds shows in the sheet; the filled sheet fixes it."""
    import shutil

    shutil.copytree(messages.LOCALE, tmp_path / "locale")
    monkeypatch.setattr(messages, "LOCALE", tmp_path / "locale")
    pot = messages.read(tmp_path / "locale" / "pse_desktop.pot")
    pot.add("Stock moved to {loc}.")
    pot.add(("{n} box", "{n} boxes"))
    messages._write(pot, tmp_path / "locale" / "pse_desktop.pot")
    for code in messages.LANGS:
        po = messages.read(messages.po_path(code), code)
        po.update(pot, no_fuzzy_matching=True)
        messages._write(po, messages.po_path(code))
    sheet = messages.missing_sheet()
    assert sheet.splitlines() == ["Stock moved to {loc}.\t\t", "{n} box\t\t"]
    filled = tmp_path / "todo.tsv"
    filled.write_text("Stock moved to {loc}.\tStock déplacé vers {loc}.\tស្តុកបានផ្ទេរទៅ {loc}។\n"
                      "{n} box\t{n} carton ||| {n} cartons\tប្រអប់ {n}\n", encoding="utf-8")
    assert messages.fill(filled) == 4
    assert messages.missing("fr") == [] and messages.missing("km") == []
    fr = messages.read(messages.po_path("fr"), "fr")
    assert fr.get(("{n} box", "{n} boxes")).string[:2] == ("{n} carton", "{n} cartons")


GLOSSARY_CHECKS = {  # English word in a message -> (French, Khmer) the translation must use
    "payslip": ("bulletin", "បង្កាន់ដៃបើកប្រាក់ខែ"),
    "guardian": ("responsable", "អាណាព្យាបាល"),
    "follow-up": ("suivi", "តាមដាន"),
    "stock count": ("inventaire", "រាប់ស្តុក"),
    "attendance": ("présence", "វត្តមាន"),
    "advance": ("avance", "ប្រាក់បើកមុន"),
    "piece": ("pièce", "ដុំ"),
    "attendance bonus": ("assiduité", "ប្រាក់រង្វាន់វត្តមាន"),
}
# "attendance" in a bonus's name is the attendance bonus (its own glossary row).
SKIP = {"attendance": "bonus"}


def test_glossary_lists_the_domain_words_in_three_languages():
    text = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    rows = [line.split("|")[1:4] for line in text.splitlines() if line.startswith("| ")]
    words = {row[0].strip().split(" (")[0] for row in rows}
    for word in ("attendance", "register", "payslip", "advance", "piece rate", "stock count",
                 "follow-up", "guardian"):
        assert word in words, word
    assert all(len(row) == 3 and all(cell.strip() for cell in row) for row in rows)


@pytest.mark.parametrize("code,column", [("fr", 0), ("km", 1)])
def test_translations_use_the_glossary_words(code, column):
    wrong = []
    for m in messages.read(messages.po_path(code), code):
        if not m.id or not m.string:
            continue
        msgid = re.sub(r"\{[^{}]*\}", "", (m.id if isinstance(m.id, str) else m.id[0]).lower())
        string = m.string if isinstance(m.string, str) else m.string[0]
        for word, terms in GLOSSARY_CHECKS.items():
            if word in SKIP and (SKIP[word] in msgid or "transport, seniority" in msgid):
                continue
            if re.search(rf"\b{re.escape(word)}s?\b", msgid) and terms[column] not in string.lower():
                wrong.append(f"{word}: {msgid!r} -> {string!r}")
    assert not wrong, "use the glossary's word (docs/glossary.md):\n  " + "\n  ".join(wrong)


def test_no_service_refuses_in_english_only():
    """A service's refusal is read by the user: its message goes through _() (a literal or an
    f-string handed to an error is English in every language)."""
    import ast

    errors = {"ValidationError", "ConflictError", "NotFound", "MachineProblem", "PseError", "DatabaseBusy"}
    # NotFound of a saved row names the table's key ("worker 12"): records.save_row's own wording.
    allowed = {"services/common/records.py"}
    found = []
    for path in sorted((ROOT / "pse_desktop").rglob("*.py")):
        rel = path.relative_to(ROOT / "pse_desktop").as_posix()
        if rel in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in errors:
                continue
            message = node.args[1:2] if name == "ValidationError" else node.args[:1]
            found += [f"{rel}:{node.lineno}" for a in message if isinstance(a, (ast.Constant, ast.JoinedStr))]
    assert not found, "messages not marked for translation:\n  " + "\n  ".join(found)

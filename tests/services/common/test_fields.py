"""A refused field is named in the reader's language: every field key the services refuse by
name has a label (read from the services' sources), and the label is what a message shows."""

import ast
from pathlib import Path

import pytest

from pse_desktop import i18n
from pse_desktop.services.common.errors import ValidationError
from pse_desktop.services.common.fields import LABELS, field_label

SERVICES = Path(__file__).resolve().parents[3] / "pse_desktop" / "services"
CHECKERS = {"validate", "numbers", "rate_fields"}  # modules whose functions take the field first


def refused_field_keys() -> dict[str, str]:
    """Every field key written as a literal where a service refuses or checks a value, with
    where it was seen."""
    found = {}
    for path in sorted(SERVICES.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
            first = node.args[0]
            if ((name == "ValidationError" or owner in CHECKERS or name.startswith("parse_"))
                    and isinstance(first, ast.Constant) and isinstance(first.value, str)):
                found.setdefault(first.value, f"{path.relative_to(SERVICES)}:{node.lineno}")
    return found


def test_every_refused_field_has_a_label():
    keys = refused_field_keys()
    assert len(keys) > 150  # the scan sees the services (not an empty folder)
    missing = sorted(f"{key!r} ({where})" for key, where in keys.items() if key not in LABELS)
    assert not missing, "field keys without a label in services/common/fields.py:\n  " + "\n  ".join(missing)


@pytest.mark.parametrize("lang", ["fr", "km"])
def test_every_label_is_translated(lang):
    # Words the same in French and English are allowed to read the same in French only.
    untranslated = sorted(label for label in set(LABELS.values()) if i18n.gettext_in(lang, label) == label
                          and not (lang == "fr" and label in {"Budget", "Centre", "Code", "Date", "Dollars", "Euros", "Description", "Destination", "Action",
                                            "Maximum", "Programme", "Village", "Session", "Notes"}))
    assert not untranslated, f"labels without a {lang} translation: {untranslated}"


def test_a_message_names_the_field_in_the_readers_language():
    assert str(ValidationError("amount", "is required")) == "amount: is required"  # English as keyed
    i18n.set_language("km")
    try:
        assert str(ValidationError("amount", i18n._("is required"))).startswith("ចំនួនទឹកប្រាក់: ")
        assert field_label("hire_date") == "ថ្ងៃចូលធ្វើការ"
        assert field_label("hours (15 មករា)") == "ម៉ោង (15 មករា)"  # a built key by its head
        assert field_label("income 2: kind") == "income 2: ប្រភេទ"
        assert field_label("staff in charge") == "បុគ្គលិកទទួលបន្ទុក"  # a form's own label, "Staff in charge"
        assert field_label("no such field") == "no such field"
        assert field_label("") == ""
    finally:
        i18n.set_language("en")
    i18n.set_language("fr")
    try:
        assert str(ValidationError("hire_date", "x")) == "Date d'embauche: x"
    finally:
        i18n.set_language("en")

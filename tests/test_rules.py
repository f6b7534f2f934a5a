"""House rules that a reviewer would otherwise have to remember."""

import ast
import re
from pathlib import Path

from pse_desktop import areas
from pse_desktop.services.core import settings

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pse_desktop"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ("." * node.level) + (node.module or "")
            names.add(base)
    return names


def test_views_never_touch_the_database():
    for path in (PACKAGE / "views").glob("*.py"):
        for name in imports_of(path):
            assert not name.startswith("peewee"), f"{path.name} imports {name}"
            assert not re.match(r"^(\.\.db|pse_desktop\.db)", name), f"{path.name} imports {name}"


def test_services_and_reports_never_import_tkinter():
    for folder in ("services", "reports", "db"):
        for path in (PACKAGE / folder).glob("*.py"):
            for name in imports_of(path):
                assert "tkinter" not in name and "ttkbootstrap" not in name, f"{path} imports {name}"
                assert ".views" not in name, f"{path} imports {name}"


def test_every_setting_is_documented_in_the_readme():
    areas.load_services()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [k for k in settings.SETTINGS if f"`{k}`" not in readme]
    assert not missing, f"settings missing from README: {missing}"


def test_every_screen_target_exists():
    for screen in areas.screens():
        assert areas.resolve(screen.target)


BRAND = {"PSE Desktop"}


def test_ui_text_goes_through_the_translation_function():
    """A literal given as text=/title= to a widget must be wrapped in _() so it can be translated."""
    offenders = []
    for path in (PACKAGE / "views").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            for kw in node.keywords:
                if kw.arg in ("text", "title") and isinstance(kw.value, ast.Constant) \
                        and isinstance(kw.value.value, str) and kw.value.value.strip() \
                        and kw.value.value not in BRAND and any(c.isalpha() for c in kw.value.value):
                    offenders.append(f"{path.name}:{node.lineno} {kw.value.value!r}")
    assert not offenders, "wrap these in _(): " + ", ".join(offenders)

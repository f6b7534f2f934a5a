"""House rules that a reviewer would otherwise have to remember."""

import ast
import re
from pathlib import Path

from pse_desktop import areas
from pse_desktop.services.core import settings

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pse_desktop"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every module ``path`` imports, relative imports made absolute (``from . import x`` gives
    both the package and ``package.x``, since x may be a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            names.add(base)
            names.update(f"{base}.{a.name}" for a in node.names)
    return names


def modules_of(folder: str):
    return sorted((PACKAGE / folder).rglob("*.py"))


# Which layer may not import which: nothing runs upward.
FORBIDDEN = {
    "db": ("pse_desktop.services", "pse_desktop.views", "pse_desktop.reports", "pse_desktop.cli",
           "tkinter", "ttkbootstrap"),
    "services": ("pse_desktop.views", "pse_desktop.cli", "tkinter", "ttkbootstrap"),
    "reports": ("pse_desktop.db", "pse_desktop.views", "pse_desktop.cli", "peewee", "tkinter",
                "ttkbootstrap"),
    "views": ("pse_desktop.db", "pse_desktop.cli", "peewee"),
}


def test_no_import_runs_upward():
    offenders = []
    for layer, forbidden in FORBIDDEN.items():
        for path in modules_of(layer):
            for name in imports_of(path):
                if any(name == f or name.startswith(f + ".") for f in forbidden):
                    offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not offenders, "\n".join(offenders)


def test_the_import_rule_sees_relative_imports():
    """The rule above must resolve ``from ...db import x`` in a subpackage: prove it can fail."""
    fake = PACKAGE / "views" / "shop" / "_probe_rule.py"
    try:
        fake.write_text("from ...db import database\n", encoding="utf-8")
        assert "pse_desktop.db.database" in imports_of(fake)
    finally:
        fake.unlink()


def test_one_subpackage_per_area_with_the_same_name_in_every_layer():
    packages = {a.package for a in areas.AREAS}
    for layer in areas.LAYERS:
        found = {p.name for p in (PACKAGE / layer).iterdir()
                 if p.is_dir() and (p / "__init__.py").exists()}
        assert found <= packages | {"common"}, f"{layer}: {sorted(found - packages)} is no area"
        flat = [p.name for p in (PACKAGE / layer).glob("*.py") if p.name != "__init__.py"]
        assert not flat, f"{layer} has modules outside the areas' subpackages: {flat}"
    for area in areas.AREAS:
        for layer in ("services", "views"):
            assert (PACKAGE / layer / area.package / "__init__.py").exists(), (layer, area.package)
        assert (PACKAGE / "db" / f"{area.package}.py").exists(), area.package
        if area.cli:
            assert (PACKAGE / "cli" / f"{area.package}.py").exists(), area.package


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
    for path in modules_of("views"):
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

"""Tests mirror the package: every module with logic in services/, views/ and reports/ has its own
test file (``pse_desktop/services/shop/sales.py`` -> ``tests/services/shop/test_sales.py``; a
package ``__init__.py`` with code -> ``tests/<package>/test_init.py``), or an exemption here."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pse_desktop"
LAYERS = ("services", "views", "reports")

# module path (relative to pse_desktop/) -> why it has no test file of its own
EXEMPT: dict[str, str] = {
    # The screen kit from the screens branch, tested through the kit's own test files:
    "views/common/dates.py": "DateField and parse_date: tests/views/common/test_documents.py",
    "views/common/scroll.py": "ScrollHost: test_base.py (content scrolls) and test_fit.py",
    "views/core/menu.py": "the menu bar: tests/views/common/test_commands.py",
}



def has_logic(path: Path) -> bool:
    """Whether the module defines a function or a class (imports and constants are not logic)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
               for node in tree.body)


def mirrored_test(path: Path) -> Path:
    rel = path.relative_to(PACKAGE)
    name = "test_init.py" if rel.name == "__init__.py" else f"test_{rel.name}"
    return ROOT / "tests" / rel.parent / name


def modules_with_logic() -> list[Path]:
    return sorted(p for layer in LAYERS for p in (PACKAGE / layer).rglob("*.py") if has_logic(p))


def rel(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def test_the_walk_finds_the_layers():
    found = {rel(p).split("/")[0] for p in modules_with_logic()}
    assert found == set(LAYERS)
    assert "services/shop/sales.py" in {rel(p) for p in modules_with_logic()}
    assert mirrored_test(PACKAGE / "services/shop/sales.py") == ROOT / "tests/services/shop/test_sales.py"


def test_every_module_with_logic_has_its_test_file_or_an_exemption():
    missing = [rel(p) for p in modules_with_logic()
               if not mirrored_test(p).exists() and rel(p) not in EXEMPT]
    assert not missing, "modules without a mirrored test file:\n  " + "\n  ".join(missing)


def test_exemptions_are_real_and_say_why():
    logic = {rel(p) for p in modules_with_logic()}
    for module, reason in EXEMPT.items():
        assert module in logic, f"{module} is exempt but is not a module with logic"
        assert not mirrored_test(PACKAGE / module).exists(), f"{module} is exempt yet has a test file"
        assert len(reason) > 15, f"{module}: say why it is exempt"
    assert len(EXEMPT) <= 10, "the exemption list must stay short"


def test_at_least_80_percent_of_modules_have_their_own_test_file():
    modules = list(modules_with_logic())
    tested = [p for p in modules if mirrored_test(p).exists()]
    assert len(tested) >= 0.8 * len(modules), f"{len(tested)} of {len(modules)} modules have a test file"


def test_no_test_file_without_its_module():
    """A test file named after a module that moved or vanished is a test nobody finds."""
    orphans = []
    for layer in LAYERS:
        for test in (ROOT / "tests" / layer).rglob("test_*.py"):
            rel_dir = test.parent.relative_to(ROOT / "tests")
            name = test.name[len("test_"):]
            module = PACKAGE / rel_dir / ("__init__.py" if name == "init.py" else name)
            if not module.exists():
                orphans.append(test.relative_to(ROOT).as_posix())
    assert not orphans, "test files whose module does not exist:\n  " + "\n  ".join(orphans)

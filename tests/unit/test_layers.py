"""The layers stay apart: the core never imports Qt or the UI, the domain has no SQL, and the
front ends (ui/, commands/) reach the store only through the services.

Every import statement counts, including the lazy ones inside functions, so a boundary
cannot be crossed by moving an import into a function body.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[2] / "src" / "vernetool"

# package or module (relative to src/vernetool) → import prefixes it must never use
CORE = ("domain", "db", "services", "i18n", "exchange", "reports", "stats", "demo",
        "security", "attachments.py", "context.py", "settings.py", "paths.py", "logging_setup.py")
QT_AND_UI = ("PySide6", "shiboken6", "vernetool.ui", "vernetool.app")
RULES: dict[str, tuple[str, ...]] = {name: QT_AND_UI for name in CORE}
RULES["domain"] = (*QT_AND_UI, "sqlite3", "sqlite_utils", "pandas", "matplotlib", "openpyxl",
                   "reportlab", "vernetool.db", "vernetool.exchange", "vernetool.reports",
                   "vernetool.stats", "vernetool.demo", "vernetool.services")
# The identity vault: crypto only; the service stores what it gives (app_meta via db/).
RULES["security"] = (*QT_AND_UI, "sqlite3", "vernetool.db", "vernetool.services")
# The front ends call services; all SQL and every connection stay below them.
FRONT_ENDS = ("ui", "commands")
STORE = ("vernetool.db", "sqlite3", "sqlite_utils")
for _name in FRONT_ENDS:
    RULES[_name] = STORE
# attributes that mean a front end is holding a connection or running SQL itself
CONNECTION_ATTRIBUTES = {"conn", "execute", "executemany", "executescript", "in_transaction"}
HEAVY = ("pandas", "matplotlib", "sqlite_utils", "openpyxl", "reportlab", "cryptography",
         "keyring")


def _imports(path: Path) -> list[tuple[int, str, bool]]:
    """(line, module, at_top_level) for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str, bool]] = []
    top_level = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, id(node) in top_level) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module, id(node) in top_level))
    return found


def _files(root: Path, name: str) -> list[Path]:
    target = root / name
    if target.suffix == ".py":
        return [target] if target.exists() else []
    return sorted(target.rglob("*.py"))


def _violations(name: str, forbidden: tuple[str, ...], root: Path = SRC) -> list[str]:
    problems = []
    for path in _files(root, name):
        for line, module, _top in _imports(path):
            if any(module == f or module.startswith(f + ".") for f in forbidden):
                problems.append(f"{path.relative_to(root)}:{line} imports {module}")
    return problems


@pytest.mark.parametrize("name", sorted(RULES))
def test_layer_does_not_cross_its_boundary(name: str) -> None:
    assert _violations(name, RULES[name]) == []


def test_the_check_would_catch_a_violation(tmp_path: Path) -> None:
    (tmp_path / "domain").mkdir()
    (tmp_path / "domain" / "bad.py").write_text(
        "def f():\n    from PySide6.QtWidgets import QWidget\n    import sqlite3\n")
    problems = _violations("domain", RULES["domain"], root=tmp_path)
    assert problems == ["domain/bad.py:2 imports PySide6.QtWidgets",
                        "domain/bad.py:3 imports sqlite3"]


def _connection_uses(name: str, root: Path = SRC) -> list[str]:
    problems = []
    for path in _files(root, name):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        problems += [f"{path.relative_to(root)}:{node.lineno} uses .{node.attr}"
                     for node in ast.walk(tree)
                     if isinstance(node, ast.Attribute) and node.attr in CONNECTION_ATTRIBUTES]
    return problems


@pytest.mark.parametrize("name", FRONT_ENDS)
def test_front_ends_never_hold_a_connection(name: str) -> None:
    assert _connection_uses(name) == []


def test_the_front_end_checks_would_catch_a_violation(tmp_path: Path) -> None:
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "view.py").write_text(
        "from vernetool.db.rounds import rounds\n"
        "def f(ctx):\n    import sqlite3\n    return ctx.conn.execute('SELECT 1')\n")
    assert _violations("ui", RULES["ui"], root=tmp_path) == [
        "ui/view.py:1 imports vernetool.db.rounds", "ui/view.py:3 imports sqlite3"]
    assert _connection_uses("ui", root=tmp_path) == [
        "ui/view.py:4 uses .execute", "ui/view.py:4 uses .conn"]


def test_ui_and_start_up_modules_import_heavy_libraries_only_lazily() -> None:
    """pandas, matplotlib, sqlite_utils, openpyxl and reportlab stay off the start-up path."""
    start_up = [SRC / "cli.py", SRC / "app.py", SRC / "__main__.py", *sorted(
        (SRC / "ui").rglob("*.py")), *sorted((SRC / "commands").rglob("*.py"))]
    problems = [f"{p.relative_to(SRC)}:{line} imports {module} at module level"
                for p in start_up for line, module, top in _imports(p)
                if top and any(module == h or module.startswith(h + ".") for h in HEAVY)]
    assert problems == []

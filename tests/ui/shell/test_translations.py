"""Every tr("...") literal in the UI has a Bokmål translation with the same placeholders."""

from __future__ import annotations

import ast
import json
import string
from pathlib import Path

import vernetool.ui
from vernetool.i18n import load_catalog
from vernetool.paths import resource_path

UI_DIR = Path(vernetool.ui.__file__).parent


def tr_literals() -> dict[str, list[str]]:
    """Every string literal passed to ``tr`` under ``vernetool/ui``, with where it occurs.

    Implicit concatenation (``tr("a " "b")``) is one ``ast.Constant`` already.
    """
    found: dict[str, list[str]] = {}
    for path in sorted(UI_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "tr" and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                where = f"{path.relative_to(UI_DIR)}:{node.lineno}"
                found.setdefault(node.args[0].value, []).append(where)
    return found


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_scan_finds_literals_of_the_shell() -> None:
    literals = tr_literals()
    assert "&File" in literals  # main_window.py
    assert "People" in literals  # areas.py
    assert len(literals) > 50


def test_every_tr_literal_has_a_bokmal_entry() -> None:
    catalog = load_catalog("nb")
    missing = {text: where for text, where in tr_literals().items() if text not in catalog}
    listing = "\n".join(f"  {text!r}  ({', '.join(where)})" for text, where in missing.items())
    assert not missing, f"{len(missing)} tr() literals without a Norwegian entry:\n{listing}"


def test_placeholders_match_between_english_and_bokmal() -> None:
    catalog = load_catalog("nb")
    wrong = {text: catalog[text] for text in tr_literals()
             if text in catalog and placeholders(text) != placeholders(catalog[text])}
    listing = "\n".join(f"  {en!r} -> {nb!r}" for en, nb in wrong.items())
    assert not wrong, f"placeholders differ:\n{listing}"


def test_no_bokmal_entry_is_empty_and_every_file_is_a_flat_object() -> None:
    empty = []
    for path in sorted(resource_path("i18n", "nb").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict), path
        for en, nb in data.items():
            assert isinstance(nb, str), f"{path.name}: {en!r} is not a string"
            if not nb.strip():
                empty.append(f"{path.name}: {en!r}")
    assert not empty, "empty Norwegian entries:\n  " + "\n  ".join(empty)


def test_placeholders_of_a_bad_entry_are_caught() -> None:
    assert placeholders("{n} rooms in {building}") == {"n", "building"}
    assert placeholders("{n} rom") != placeholders("{n} rooms in {building}")

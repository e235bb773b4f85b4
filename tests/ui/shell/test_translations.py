"""Every tr()/trn() literal in vernetool has a Bokmål translation with the same placeholders,
and every message code the code raises has an English and a Bokmål text."""

from __future__ import annotations

import ast
import json
import string
from collections.abc import Mapping
from pathlib import Path

import vernetool
from vernetool.i18n import load_catalog, load_messages
from vernetool.paths import resource_path

SRC_DIR = Path(vernetool.__file__).parent
UI_DIR = SRC_DIR / "ui"

#: calls whose first argument is a message code
CODE_CALLS = {"ValidationError", "Phrase", "BundleError", "AttachmentError", "ImportFileError",
              "CliError", "render", "VaultError"}
#: codes built at run time (an f-string names the field or the case)
DYNAMIC_CODES = {
    "checklist.name_nb_missing", "checklist.name_en_missing",
    "checklist.guidance_nb_missing", "checklist.guidance_en_missing",
    "person.ambiguous_email", "person.ambiguous_email_in_unit",
    "person.ambiguous_email_no_unit", "person.ambiguous_name",
    "person.ambiguous_name_in_unit", "person.ambiguous_name_no_unit",
    "building.other_building_name", "building.other_campus",
    "h2.hours_unknown", "h2.treatment_unknown",
}


def _trees(folder: Path) -> list[tuple[Path, ast.AST]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
            for path in sorted(folder.rglob("*.py"))]


def _name(call: ast.Call) -> str:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return ""


def _text(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def tr_literals(folder: Path = SRC_DIR) -> dict[str, list[str]]:
    """Every string literal passed to ``tr`` (and the singular of ``trn``) under ``folder``.

    Implicit concatenation (``tr("a " "b")``) is one ``ast.Constant`` already.
    """
    found: dict[str, list[str]] = {}
    for path, tree in _trees(folder):
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("tr", "trn") and node.args
                    and _text(node.args[0]) is not None):
                where = f"{path.relative_to(SRC_DIR)}:{node.lineno}"
                found.setdefault(str(_text(node.args[0])), []).append(where)
    return found


def trn_literals() -> dict[str, str]:
    """``trn(singular, plural, n)``: singular → plural."""
    found: dict[str, str] = {}
    for _path, tree in _trees(SRC_DIR):
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "trn" and len(node.args) == 3):
                one, other = _text(node.args[0]), _text(node.args[1])
                if one is not None and other is not None:
                    found[one] = other
    return found


def raised_codes() -> dict[str, list[str]]:
    """Every literal message code: ``ValidationError("room.exists", ...)``, ``Phrase(...)``,
    ``ImportFileError(...)``, ``check.add(field, "code")``, ``RowError(row, field, "code")``."""
    found: dict[str, list[str]] = {}
    for path, tree in _trees(SRC_DIR):
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name, code = _name(node), None
            if name in CODE_CALLS and node.args:
                code = _text(node.args[0])
            elif name == "add" and len(node.args) >= 2:
                code = _text(node.args[1])
            elif name == "RowError" and len(node.args) >= 3:
                code = _text(node.args[2])
            if code is not None and "." in code and " " not in code:
                found.setdefault(code, []).append(f"{path.relative_to(SRC_DIR)}:{node.lineno}")
    return found


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _forms(entry: str | Mapping[str, str]) -> list[str]:
    return [entry] if isinstance(entry, str) else list(entry.values())


def test_the_scan_finds_literals_of_the_shell() -> None:
    literals = tr_literals()
    assert "&File" in literals  # main_window.py
    assert "People" in literals  # areas.py
    assert "Improvement suggestion" in literals  # i18n/labels.py
    assert len(tr_literals(UI_DIR)) > 50


def test_every_tr_literal_has_a_bokmal_entry() -> None:
    catalog = load_catalog("nb")
    missing = {text: where for text, where in tr_literals().items() if text not in catalog}
    listing = "\n".join(f"  {text!r}  ({', '.join(where)})" for text, where in missing.items())
    assert not missing, f"{len(missing)} tr() literals without a Norwegian entry:\n{listing}"


def test_placeholders_match_between_english_and_bokmal() -> None:
    catalog = load_catalog("nb")
    plurals = trn_literals()
    wrong = {}
    for text in tr_literals():
        if text not in catalog:
            continue
        english = placeholders(text) | placeholders(plurals.get(text, ""))
        if any(placeholders(form) != english for form in _forms(catalog[text])):
            wrong[text] = catalog[text]
    listing = "\n".join(f"  {en!r} -> {nb!r}" for en, nb in wrong.items())
    assert not wrong, f"placeholders differ:\n{listing}"


def test_every_trn_literal_has_both_bokmal_forms() -> None:
    catalog = load_catalog("nb")
    wrong = [one for one in trn_literals()
             if not isinstance(catalog.get(one), Mapping)
             or set(catalog[one]) != {"one", "other"}]  # type: ignore[arg-type]
    assert not wrong, f"trn() literals without one/other forms in Bokmål: {wrong}"


def test_no_bokmal_entry_is_empty_and_every_file_is_a_flat_object() -> None:
    empty = []
    for path in sorted(resource_path("i18n", "nb").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict), path
        for en, nb in data.items():
            if isinstance(nb, dict):  # plural forms
                assert set(nb) == {"one", "other"}, f"{path.name}: {en!r} forms {set(nb)}"
                assert all(isinstance(v, str) for v in nb.values()), f"{path.name}: {en!r}"
                if not all(v.strip() for v in nb.values()):
                    empty.append(f"{path.name}: {en!r}")
                continue
            assert isinstance(nb, str), f"{path.name}: {en!r} is not a string"
            if not nb.strip():
                empty.append(f"{path.name}: {en!r}")
    assert not empty, "empty Norwegian entries:\n  " + "\n  ".join(empty)


def test_placeholders_of_a_bad_entry_are_caught() -> None:
    assert placeholders("{n} rooms in {building}") == {"n", "building"}
    assert placeholders("{n} rom") != placeholders("{n} rooms in {building}")
    assert placeholders("{n:,} tegn") == {"n"}


# -- message codes (resources/i18n/<lang>/messages.json) -----------------------------------
def test_the_code_scan_finds_the_raise_sites() -> None:
    codes = raised_codes()
    assert "room.exists" in codes  # db/organisation/rooms.py
    assert "checklist.where.item" in codes  # a Phrase
    assert "file.missing" in codes  # an ImportFileError
    assert "deviation.twice" in codes  # check.add(field, code)
    assert len(codes) > 100


def test_every_raised_code_has_english_and_bokmal() -> None:
    english, bokmal = load_messages("en"), load_messages("nb")
    codes = dict(raised_codes())
    codes.update({code: ["(built at run time)"] for code in DYNAMIC_CODES})
    missing = {code: where for code, where in codes.items()
               if code not in english or code not in bokmal}
    listing = "\n".join(f"  {code}  ({', '.join(where)})  en={code in english} "
                        f"nb={code in bokmal}" for code, where in missing.items())
    assert not missing, f"{len(missing)} message codes without words:\n{listing}"


def test_both_message_catalogs_hold_the_same_codes_with_the_same_placeholders() -> None:
    english, bokmal = load_messages("en"), load_messages("nb")
    assert set(english) == set(bokmal), set(english) ^ set(bokmal)
    wrong = {}
    for code, entry in english.items():
        wanted = set().union(*(placeholders(form) for form in _forms(entry)))
        if any(placeholders(form) != wanted
               for form in _forms(entry) + _forms(bokmal[code])):
            wrong[code] = (entry, bokmal[code])
    assert not wrong, f"placeholders differ: {wrong}"


def test_plural_messages_have_both_forms_in_both_languages() -> None:
    for language in ("en", "nb"):
        for code, entry in load_messages(language).items():
            if not isinstance(entry, str):
                assert set(entry) == {"one", "other"}, (language, code)
                assert all(form.strip() for form in entry.values()), (language, code)

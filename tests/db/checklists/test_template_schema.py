"""Hostile template files: deeply nested JSON, wrong types, huge texts. Each is one clear
ValidationError (checked against the template's shape before use), never a RecursionError
or a crash, and the built-in templates fit the shape (property tests for the JSON)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vernetool.cli import main
from vernetool.domain.errors import ValidationError
from vernetool.exchange import schema
from vernetool.exchange.templates_io import TEMPLATE_SHAPE, import_template, parse_template
from vernetool.paths import resource_path


def _document() -> dict[str, Any]:
    data = json.loads(resource_path("checklists", "office.json").read_text(encoding="utf-8"))
    return {"format": "vernetool.checklist", "format_version": 1,
            "template": data["template"]}


def test_builtin_templates_fit_the_shape() -> None:
    for path in Path(resource_path("checklists")).glob("*.json"):
        schema.check(TEMPLATE_SHAPE, json.loads(path.read_text(encoding="utf-8"))["template"],
                     "template")
    assert parse_template(json.dumps(_document())).key == "office"


@pytest.mark.parametrize("depth", [33, 1000, 100_000])
def test_deeply_nested_json_is_a_clear_error(depth: int) -> None:
    for text in ("[" * depth + "]" * depth,
                 '{"format": "vernetool.checklist", "format_version": 1, "template": '
                 + '{"a": ' * depth + "1" + "}" * depth + "}"):
        with pytest.raises(ValidationError) as info:
            parse_template(text)
        assert info.value.code == "schema.too_deep"
        assert "nested deeper than 32" in info.value.message


@pytest.mark.parametrize(("change", "code", "words"), [
    (lambda t: t["sections"][0]["items"][0].update(text_nb="x" * 6000), "schema.too_long",
     "template.sections[0].items[0].text_nb is 6000 characters long"),
    (lambda t: t["sections"][0]["items"][0].update(room_types=[{"a": 1}]),
     "schema.wrong_type", "template.sections[0].items[0].room_types[0] must be text"),
    (lambda t: t.update(sections={"a": 1}), "schema.wrong_type",
     "template.sections must be a list"),
    (lambda t: t.update(sections=[{"title_nb": "a", "title_en": "a", "items": []}] * 201),
     "schema.too_many", "template.sections has 201 entries"),
    (lambda t: t.update(version="3"), "schema.wrong_type", "template.version must be a whole"),
    (lambda t: t.update(name_nb=["x"]), "schema.wrong_type", "template.name_nb must be text"),
    (lambda t: t.update(builtin="yes"), "schema.wrong_type", "template.builtin must be true"),
])
def test_wrong_types_and_sizes_name_the_place(change: Any, code: str, words: str) -> None:
    document = _document()
    change(document["template"])
    with pytest.raises(ValidationError) as info:
        parse_template(json.dumps(document))
    assert info.value.code == code
    assert words in info.value.message


def test_cli_prints_one_line_and_stores_nothing(conn: sqlite3.Connection, db_path: Path,
                                                tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "nested.json"
    source.write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    before = conn.execute("SELECT count(*) FROM checklist_template").fetchone()[0]
    assert main(["template", "import", "--db", str(db_path), str(source)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nested deeper than 32" in err
    assert "Traceback" not in err
    builtins = conn.execute("SELECT count(*) FROM checklist_template").fetchone()[0]
    with pytest.raises(ValidationError):
        import_template(conn, source)
    assert conn.execute("SELECT count(*) FROM checklist_template").fetchone()[0] == builtins
    assert builtins >= before


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats()
                    | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=10), inner, max_size=4),
                    max_leaves=30)


@given(body=JSON, depth=st.integers(min_value=0, max_value=3000))
@settings(max_examples=60, deadline=None)
def test_any_json_is_a_template_or_a_clear_error(body: object, depth: int) -> None:
    nested: object = body
    text = json.dumps({"format": "vernetool.checklist", "format_version": 1,
                       "template": nested})
    text = text[:-1] + ', "x": ' + "[" * depth + "]" * depth + "}"
    try:
        parse_template(text)
    except ValidationError as exc:
        assert exc.message  # a sentence, not a crash


@given(section=st.dictionaries(st.sampled_from(["title_nb", "title_en", "items"]), JSON,
                               max_size=3))
@settings(max_examples=60, deadline=None)
def test_any_section_is_fine_or_a_clear_error(section: dict[str, object]) -> None:
    document = _document()
    document["template"]["sections"].append(section)
    try:
        parse_template(json.dumps(document))
    except ValidationError as exc:
        assert exc.message

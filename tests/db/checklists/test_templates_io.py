"""Checklist templates as JSON: round trip, new versions on import, clear errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from vernetool.cli import main
from vernetool.db import templates as store
from vernetool.db.migrations import open_store
from vernetool.domain.checklists import content_hash, template_to_dict
from vernetool.domain.errors import ValidationError
from vernetool.exchange import templates_io


def _export(conn: sqlite3.Connection, key: str, out: Path) -> dict[str, object]:
    template_id = store.latest_template_id(conn, key)
    assert template_id is not None
    templates_io.export_template(conn, template_id, out)
    data: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return data


def test_round_trip_every_builtin(conn: sqlite3.Connection, tmp_path: Path) -> None:
    store.install_builtin_templates(conn)
    for key in store.BUILTIN_KEYS:
        out = tmp_path / f"{key}.json"
        data = _export(conn, key, out)
        assert data["format"] == "vernetool.checklist" and data["format_version"] == 1
        parsed = templates_io.read_template_file(out)
        original = store.get_template(conn, store.latest_template_id(conn, key) or 0)
        assert original is not None
        assert content_hash(parsed) == content_hash(original)
        assert not parsed.builtin


def test_import_creates_a_new_version_once(conn: sqlite3.Connection, tmp_path: Path) -> None:
    store.install_builtin_templates(conn)
    out = tmp_path / "office.json"
    data = _export(conn, "office", out)
    # Same content: nothing new.
    result = templates_io.import_template(conn, out, "tester")
    assert (result.created, result.version) == (False, 1)
    # Changed content: version 2, the built-in v1 untouched.
    body = data["template"]
    assert isinstance(body, dict)
    body["sections"][0]["items"][0]["text_nb"] = "Skrivebord med hev/senk"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = templates_io.import_template(conn, out, "tester")
    assert (result.created, result.key, result.version) == (True, "office", 2)
    assert templates_io.import_template(conn, out, "tester").created is False
    v1 = store.get_template(conn, store.template_versions(conn, "office")[1].id)
    assert v1 is not None and v1.sections[0].items[0].text_nb != "Skrivebord med hev/senk"
    assert not store.template_versions(conn, "office")[0].builtin
    # Under another key.
    result = templates_io.import_template(conn, out, key="office-ntnu")
    assert (result.key, result.version, result.created) == ("office-ntnu", 1, True)


def _doc(**template: object) -> dict[str, object]:
    body: dict[str, object] = {
        "key": "shared", "name_nb": "Delt", "name_en": "Shared",
        "sections": [{"title_nb": "Brann", "title_en": "Fire", "items": [
            {"code": "f.1", "text_nb": "Slokkeapparat", "text_en": "Extinguisher"},
            {"code": "f.2", "text_nb": "Gass", "text_en": "Gas", "condition": "gas"},
        ]}],
    }
    body.update(template)
    return {"format": "vernetool.checklist", "format_version": 1, "template": body}


def test_minimal_document_imports_with_defaults(conn: sqlite3.Connection,
                                                tmp_path: Path) -> None:
    path = tmp_path / "shared.json"
    path.write_text("\ufeff" + json.dumps(_doc()), encoding="utf-8")  # BOM accepted
    result = templates_io.import_template(conn, path)
    stored = store.get_template(conn, result.template_id)
    assert stored is not None and stored.item_count() == 2
    assert template_to_dict(stored)["sections"][0]["items"][1]["condition"] == "gas"


@pytest.mark.parametrize(("text", "field", "words"), [
    ("{not json", "file", "not valid JSON (line 1"),
    ("[]", "format", "not a vernetool checklist"),
    (json.dumps({"format": "vernetool.checklist", "format_version": 2, "template": {}}),
     "format_version", "format version 2"),
    (json.dumps({"format": "vernetool.checklist", "format_version": 1}), "template", "no"),
])
def test_bad_files(text: str, field: str, words: str) -> None:
    with pytest.raises(ValidationError) as info:
        templates_io.parse_template(text)
    assert info.value.field == field and words in info.value.message


def test_errors_name_section_and_item() -> None:
    doc = _doc()
    doc["template"]["sections"][0]["items"][1]["condition"] = "gass"  # type: ignore[index]
    with pytest.raises(ValidationError) as info:
        templates_io.parse_template(json.dumps(doc))
    assert info.value.field == "condition"
    assert "section 1 'Fire', item 2 'f.2'" in info.value.message
    assert "unknown fact 'gass'" in info.value.message

    doc = _doc()
    doc["template"]["sections"][0]["items"][0]["text_en"] = ""  # type: ignore[index]
    with pytest.raises(ValidationError) as info:
        templates_io.parse_template(json.dumps(doc))
    assert "'f.1': the English text is missing" in info.value.message

    doc = _doc(room_types=["lab", "kitchen"])
    with pytest.raises(ValidationError) as info:
        templates_io.parse_template(json.dumps(doc))
    assert "unknown room type 'kitchen'" in info.value.message


def test_bad_import_stores_nothing(conn: sqlite3.Connection, tmp_path: Path) -> None:
    doc = _doc()
    doc["template"]["sections"][0]["items"][1]["code"] = "f.1"  # type: ignore[index]
    path = tmp_path / "dup.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ValidationError):
        templates_io.import_template(conn, path)
    assert conn.execute("SELECT count(*) FROM checklist_template").fetchone()[0] == 0


def test_cli_list_export_import(db_path: Path, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    open_store(db_path).close()
    assert main(["template", "list", "--db", str(db_path)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [t["key"] for t in listed] == list(store.BUILTIN_KEYS)
    out = tmp_path / "lab.json"
    assert main(["template", "export", "--db", str(db_path), "--key", "laboratory",
                 "--out", str(out)]) == 0
    assert json.loads(capsys.readouterr().out)["version"] == 1
    assert main(["template", "import", "--db", str(db_path), str(out), "--key", "lab2"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "template_id": 6, "key": "lab2", "version": 1, "created": True}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_doc(name_en="")), encoding="utf-8")
    assert main(["template", "import", "--db", str(db_path), str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "name_en" in err and "Traceback" not in err
    assert main(["template", "export", "--db", str(db_path), "--key", "nope",
                 "--out", str(out)]) == 1
    assert "no checklist template with key 'nope'" in capsys.readouterr().err

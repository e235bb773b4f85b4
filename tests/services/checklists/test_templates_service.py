"""TemplatesService: one intention = one transaction; listeners hear of committed changes."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from vernetool.db import templates as repo
from vernetool.db.connection import connect
from vernetool.db.migrations import open_store
from vernetool.services import Change, Services, Store, Topic
from vernetool.services.checklists.templates import BUILTIN_KEYS, Item, Section, Template
from vernetool.services.errors import ValidationError


@pytest.fixture
def services(db_path: Path) -> Iterator[Services]:
    conn = open_store(db_path)
    yield Services(Store(conn, db_path, lambda: "tester"))
    conn.close()


@pytest.fixture
def heard(services: Services) -> list[Change]:
    changes: list[Change] = []
    services.subscribe(changes.append)
    return changes


def _template(key: str = "chem") -> Template:
    return Template(key=key, name_nb="Kjemi", name_en="Chemistry",
                    sections=[Section("Generelt", "General",
                                      [Item(f"{key}.1", "Spørsmål", "Question")])])


def _audit_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def test_ensure_builtin_installs_once_and_tells_once(services: Services,
                                                     heard: list[Change]) -> None:
    result = services.checklists.ensure_builtin()
    assert set(result) == set(BUILTIN_KEYS) and set(result.values()) == {"installed"}
    assert [s.key for s in services.checklists.latest()] == list(BUILTIN_KEYS)
    assert heard == [Change(Topic.TEMPLATES)]
    assert set(services.checklists.ensure_builtin().values()) == {"unchanged"}
    assert heard == [Change(Topic.TEMPLATES)]  # nothing new: no notice


def test_ensure_builtin_on_a_read_only_store_logs_and_carries_on(
        db_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    open_store(db_path).close()
    conn = connect(db_path, read_only=True)
    try:
        services = Services(Store(conn, db_path, lambda: "tester"))
        with caplog.at_level(logging.ERROR):
            assert services.checklists.ensure_builtin() == {}
        assert "cannot install the built-in checklists" in caplog.text
        assert services.checklists.latest() == []
    finally:
        conn.close()


def test_save_version_adds_a_version_and_publishes_it(services: Services,
                                                      heard: list[Change]) -> None:
    first = services.checklists.save_version(_template())
    second = services.checklists.save_version(replace(_template(), name_en="Chemistry lab"))
    versions = services.checklists.versions("chem")
    assert [(v.id, v.version) for v in versions] == [(second, 2), (first, 1)]
    stored = services.checklists.get(second)
    assert stored is not None and stored.name_en == "Chemistry lab" and not stored.builtin
    assert heard == [Change(Topic.TEMPLATES), Change(Topic.TEMPLATES)]
    row = services.store.conn.execute(
        "SELECT actor FROM audit_log WHERE entity = 'checklist_template' AND entity_id = ?",
        (second,)).fetchone()
    assert row["actor"] == "tester"


def test_an_invalid_template_writes_nothing(services: Services, heard: list[Change]) -> None:
    bad = replace(_template(), sections=[Section("Generelt", "General", [])])
    with pytest.raises(ValidationError):
        services.checklists.save_version(bad)
    assert not services.checklists.exists("chem") and heard == []
    assert _audit_count(services.store.conn) == 0


def test_retire_and_restore(services: Services, heard: list[Change]) -> None:
    services.checklists.save_version(_template())
    heard.clear()
    assert services.checklists.retire("chem") is True
    assert services.checklists.latest() == []
    assert [s.key for s in services.checklists.latest(include_retired=True)] == ["chem"]
    assert services.checklists.retire("chem") is False  # already retired
    assert services.checklists.restore("chem") is True
    assert [s.key for s in services.checklists.latest()] == ["chem"]
    assert heard == [Change(Topic.TEMPLATES)] * 3


def test_export_then_import_under_another_key(services: Services, heard: list[Change],
                                              tmp_path: Path) -> None:
    template_id = services.checklists.save_version(_template())
    out = tmp_path / "chem.json"
    services.checklists.export_file(template_id, out)
    assert json.loads(out.read_text(encoding="utf-8"))["template"]["key"] == "chem"
    heard.clear()
    same = services.checklists.import_file(out)
    assert (same.created, same.version) == (False, 1) and heard == []
    other = services.checklists.import_file(out, key="chem-2")
    assert (other.created, other.key, other.version) == (True, "chem-2", 1)
    assert heard == [Change(Topic.TEMPLATES, (other.template_id,))]


def test_a_bad_file_is_refused_and_writes_nothing(services: Services, heard: list[Change],
                                                  tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(ValidationError):
        services.checklists.import_file(bad)
    assert services.checklists.latest(include_retired=True) == [] and heard == []


def test_an_import_failing_half_way_writes_nothing(services: Services, heard: list[Change],
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing over a retired key restores it and then adds a version: both or neither."""
    template_id = services.checklists.save_version(_template())
    out = tmp_path / "chem.json"
    services.checklists.export_file(template_id, out)
    services.checklists.retire("chem")
    heard.clear()
    audit_before = _audit_count(services.store.conn)

    def broken(*_args: object, **_kwargs: object) -> int:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(repo, "save_template_version", broken)
    with pytest.raises(RuntimeError):
        services.checklists.import_file(out)
    versions = services.checklists.versions("chem")
    assert [(v.version, v.retired) for v in versions] == [(1, True)]  # the restore undone
    assert _audit_count(services.store.conn) == audit_before and heard == []
    assert not services.store.conn.in_transaction

"""Checklist templates in the store: versions, rounds keeping theirs, built-ins."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace

import pytest

from vernetool.db import templates as store
from vernetool.db.organisation.rooms import save_room
from vernetool.domain.checklists import (
    Item,
    Section,
    Template,
    ValueKind,
    applicable_items,
    content_hash,
    room_facts,
    validate_template,
)
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import Room, RoomCard, RoomType
from vernetool.paths import resource_path


def _template(text: str = "Tidy") -> Template:
    return Template(
        key="unit-lab", name_nb="Enhetslab", name_en="Unit lab",
        room_types=frozenset({RoomType.LAB}),
        sections=[Section("Generelt", "General", [
            Item("u.1", "Ryddig", text, guidance_nb="Se etter", guidance_en="Look for"),
            Item("u.2", "Temperatur", "Temperature", value_kind=ValueKind.NUMBER,
                 value_label_nb="°C", value_label_en="°C", condition="gas|!shared",
                 room_types=frozenset({RoomType.LAB, RoomType.WORKSHOP})),
        ])])


def _use_in_round(conn: sqlite3.Connection, template_id: int) -> None:
    room_id, _ = save_room(conn, Room("B1", "101", RoomType.LAB))
    conn.execute("INSERT INTO hse_round (uid, start_date) VALUES ('r1', '2026-01-10')")
    round_id = conn.execute("SELECT id FROM hse_round WHERE uid = 'r1'").fetchone()[0]
    conn.execute("INSERT INTO round_template (round_id, room_type, template_id) "
                 "VALUES (?, 'lab', ?)", (round_id, template_id))
    conn.execute("INSERT INTO round_room (round_id, room_id, position, template_id) "
                 "VALUES (?, ?, 0, ?)", (round_id, room_id, template_id))


def test_save_and_read_back(conn: sqlite3.Connection) -> None:
    template_id = store.save_template_version(conn, _template(), "tester")
    stored = store.get_template(conn, template_id)
    assert stored is not None
    assert stored.version == 1 and stored.id == template_id and not stored.builtin
    assert content_hash(stored) == content_hash(_template())
    item = stored.sections[0].items[1]
    assert item.id is not None and item.room_types == {RoomType.LAB, RoomType.WORKSHOP}
    assert store.get_item(conn, item.id) == item
    assert store.get_items(conn, [item.id]) == {item.id: item}
    assert store.item_template_id(conn, item.id) == template_id
    assert store.find_item_by_code(conn, template_id, "u.2") == item
    assert store.get_template(conn, 9999) is None
    row = conn.execute("SELECT actor, action FROM audit_log WHERE entity = "
                       "'checklist_template' AND entity_id = ?", (template_id,)).fetchone()
    assert tuple(row) == ("tester", "create")


def test_saving_makes_a_new_version_and_a_round_keeps_its_version(
        conn: sqlite3.Connection) -> None:
    first = store.save_template_version(conn, _template())
    _use_in_round(conn, first)
    assert store.is_used(conn, first)
    second = store.save_template_version(conn, _template("Tidy and clean"))
    assert second != first
    assert [v.version for v in store.template_versions(conn, "unit-lab")] == [2, 1]
    old = store.get_template(conn, first)
    new = store.get_template(conn, second)
    assert old is not None and new is not None
    assert old.sections[0].items[0].text_en == "Tidy"
    assert new.sections[0].items[0].text_en == "Tidy and clean"
    assert not store.is_used(conn, second)
    latest = {s.key: s for s in store.latest_templates(conn)}
    assert latest["unit-lab"].id == second and latest["unit-lab"].version == 2
    used = {s.version: s.used for s in store.template_versions(conn, "unit-lab")}
    assert used == {1: True, 2: False}


def test_invalid_template_writes_nothing(conn: sqlite3.Connection) -> None:
    bad = _template()
    bad.sections[0].items[1].code = "u.1"
    with pytest.raises(ValidationError):
        store.save_template_version(conn, bad)
    assert conn.execute("SELECT count(*) FROM checklist_template").fetchone()[0] == 0


def test_retire_hides_from_latest_and_room_type_lookup(conn: sqlite3.Connection) -> None:
    store.install_builtin_templates(conn)
    own = store.save_template_version(conn, _template())
    found = store.template_for_room_type(conn, RoomType.LAB)
    assert found is not None and found.id == own  # the unit's own template first
    assert store.retire_template(conn, "unit-lab") == 1
    assert "unit-lab" not in {s.key for s in store.latest_templates(conn)}
    assert "unit-lab" in {s.key for s in store.latest_templates(conn, include_retired=True)}
    found = store.template_for_room_type(conn, RoomType.LAB)
    assert found is not None and found.key == "laboratory"
    store.restore_template(conn, "unit-lab")
    assert "unit-lab" in {s.key for s in store.latest_templates(conn)}


def test_room_type_fallback(conn: sqlite3.Connection) -> None:
    assert store.template_for_room_type(conn, RoomType.OFFICE) is None
    store.install_builtin_templates(conn)
    expected = {RoomType.OFFICE: "office", RoomType.LAB: "laboratory",
                RoomType.WORKSHOP: "workshop", RoomType.STORAGE: "storage_common",
                RoomType.COMMON_AREA: "storage_common", RoomType.OTHER: "storage_common",
                RoomType.EXAM_TREATMENT: "laboratory", RoomType.ANIMAL_ROOM: "laboratory",
                RoomType.GREENHOUSE: "laboratory"}
    for room_type, key in expected.items():
        found = store.template_for_room_type(conn, room_type)
        assert found is not None and found.key == key, room_type
    # A template that no longer names the type: the fallback still finds it by key.
    office = store.template_for_room_type(conn, RoomType.OFFICE)
    assert office is not None
    store.save_template_version(conn, replace(office, room_types=frozenset()))
    found = store.template_for_room_type(conn, RoomType.OFFICE)
    assert found is not None and found.key == "office" and found.version == 2
    unit = store.unit_template(conn)
    assert unit is not None and unit.key == "psychosocial" and not unit.room_types


def test_builtins_install_idempotently_and_update_when_changed(
        conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch) -> None:
    assert set(store.install_builtin_templates(conn).values()) == {"installed"}
    count = conn.execute("SELECT count(*) FROM checklist_item").fetchone()[0]
    assert set(store.install_builtin_templates(conn).values()) == {"unchanged"}
    store.ensure_builtin(conn)
    assert conn.execute("SELECT count(*) FROM checklist_item").fetchone()[0] == count
    assert all(s.builtin and s.version == 1 for s in store.latest_templates(conn))

    office_v1 = store.latest_template_id(conn, "office")
    assert office_v1 is not None
    _use_in_round(conn, office_v1)
    original = store.load_builtin

    def changed(key: str) -> Template:
        template = original(key)
        if key == "office":
            template.sections[0].items[0].text_en += " (revised)"
        return template

    monkeypatch.setattr(store, "load_builtin", changed)
    result = store.install_builtin_templates(conn)
    assert result["office"] == "updated" and result["laboratory"] == "unchanged"
    versions = store.template_versions(conn, "office")
    assert [v.version for v in versions] == [2, 1] and versions[0].builtin
    kept = store.get_template(conn, office_v1)
    assert kept is not None and "(revised)" not in kept.sections[0].items[0].text_en


def test_local_edits_and_retired_builtins_are_left_alone(conn: sqlite3.Connection) -> None:
    store.install_builtin_templates(conn)
    office = store.get_template(conn, store.latest_template_id(conn, "office") or 0)
    assert office is not None
    office.sections[0].items[0].text_en = "Our own wording"
    store.save_template_version(conn, office, builtin=False)
    store.retire_template(conn, "workshop")
    result = store.install_builtin_templates(conn)
    assert result["office"] == "kept_local" and result["workshop"] == "retired"
    assert store.template_versions(conn, "office")[0].version == 2


@pytest.mark.parametrize("key", store.BUILTIN_KEYS)
def test_every_builtin_validates_and_is_bilingual(key: str) -> None:
    template = store.load_builtin(key)
    validate_template(template)
    assert template.builtin
    assert template.name_nb and template.name_en
    assert template.description_nb and template.description_en
    assert template.item_count() >= 15
    for section in template.sections:
        assert section.title_nb.strip() and section.title_en.strip()
        assert section.title_nb != section.title_en or section.title_nb == "Laser"
        for item in section.items:
            assert item.text_nb.strip() and item.text_en.strip(), item.code
            assert item.text_nb != item.text_en, item.code
            assert bool(item.guidance_nb) == bool(item.guidance_en), item.code
            if item.value_kind != ValueKind.NONE:
                assert item.value_label_nb and item.value_label_en, item.code
            assert item.code.startswith(f"{_prefix(key)}."), item.code
    raw = json.loads(resource_path("checklists", f"{key}.json").read_text(encoding="utf-8"))
    assert raw["format"] == "vernetool.checklist" and raw["format_version"] == 1


def _prefix(key: str) -> str:
    return {"office": "office", "laboratory": "lab", "workshop": "ws",
            "storage_common": "common", "psychosocial": "psy"}[key]


def test_builtin_laboratory_conditions_follow_the_room_card() -> None:
    lab = store.load_builtin("laboratory")
    plain = {i.code for i in applicable_items(lab, RoomType.LAB, room_facts(RoomCard()))}
    assert "lab.fumehood.airflow" in plain
    assert not any(code.startswith(("lab.gas.", "lab.rad.", "lab.laser.", "lab.bio."))
                   for code in plain)
    card = RoomCard(gas_max_cylinders=6, special_hazards="Radioaktive isotoper, klasse 4 laser")
    full = {i.code for i in applicable_items(lab, RoomType.LAB, room_facts(card))}
    assert {"lab.gas.secured", "lab.rad.registered", "lab.laser.goggles"} <= full
    assert "lab.bio.containment" not in full
    greenhouse = {i.code for i in applicable_items(lab, RoomType.GREENHOUSE, frozenset())}
    assert "lab.greenhouse.pesticides" in greenhouse and "lab.greenhouse.pesticides" not in full

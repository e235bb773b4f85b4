"""The demo database: a realistic, deterministic university in Norwegian."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from vernetool.db.connection import connect, integrity_ok
from vernetool.db.migrations import latest_version, schema_version
from vernetool.db.organisation.persons import list_persons
from vernetool.db.organisation.responsibilities import current, history
from vernetool.db.organisation.room_cards import get_card
from vernetool.db.organisation.rooms import list_rooms
from vernetool.demo.builder import build_demo
from vernetool.domain.organisation import GHS_PICTOGRAMS, ResponsibilityKind, Role, RoomType

TODAY = dt.date(2025, 3, 14)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    return path, build_demo(path, seed=2024, today=TODAY)


@pytest.fixture
def demo_conn(demo: tuple[Path, dict[str, int]]) -> Iterator[sqlite3.Connection]:
    conn = connect(demo[0], read_only=True)
    yield conn
    conn.close()


def test_counts_are_those_of_a_small_university(demo: tuple[Path, dict[str, int]],
                                                demo_conn: sqlite3.Connection) -> None:
    _, summary = demo
    assert 250 <= summary["rooms"] <= 350
    assert 80 <= summary["persons"] <= 130
    assert 12 <= summary["buildings"] <= 15
    assert summary["campuses"] >= 5
    assert summary["room_cards"] >= 50
    assert len(list_rooms(demo_conn)) == summary["rooms"]
    assert len(list_persons(demo_conn)) == summary["persons"]
    table_count = demo_conn.execute("SELECT count(*) FROM room_responsibility").fetchone()[0]
    assert table_count == summary["responsibilities"]


def test_store_is_migrated_and_intact(demo_conn: sqlite3.Connection,
                                      demo: tuple[Path, dict[str, int]]) -> None:
    assert schema_version(demo_conn) == latest_version()
    assert integrity_ok(demo_conn)
    assert demo_conn.execute("PRAGMA foreign_key_check").fetchall() == []
    leftovers = [p.name for p in demo[0].parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_every_room_type_and_role_is_present(demo_conn: sqlite3.Connection) -> None:
    rooms = list_rooms(demo_conn)
    assert {room.type for room in rooms} == set(RoomType)
    persons = list_persons(demo_conn)
    assert set().union(*(p.roles for p in persons)) == set(Role)
    assert any(not p.active for p in persons)


def test_units_form_a_hierarchy(demo_conn: sqlite3.Connection) -> None:
    parent = demo_conn.execute(
        "SELECT p.code FROM unit u JOIN unit p ON p.id = u.parent_id WHERE u.code = 'IKJ'"
    ).fetchone()
    assert parent["code"] == "NV"


def test_text_is_norwegian_with_aeoeaa(demo_conn: sqlite3.Connection) -> None:
    names = " ".join(p.name for p in list_persons(demo_conn))
    rooms = " ".join(f"{r.name} {r.building_name} {r.campus}" for r in list_rooms(demo_conn))
    for letter in "æøå":
        assert letter in names.casefold()
        assert letter in rooms.casefold()
    assert "Gløshaugen" in rooms and "Ålesund" in rooms
    emails = [p.email for p in list_persons(demo_conn)]
    assert all(e and e.isascii() and e.endswith("@uni.example.no") for e in emails)
    assert len(set(emails)) == len(emails)


def test_special_rooms_have_a_current_responsible(demo_conn: sqlite3.Connection) -> None:
    labs = [r for r in list_rooms(demo_conn) if r.type is RoomType.LAB]
    assert labs
    persons = {p.id: p for p in list_persons(demo_conn)}
    with_deputy = 0
    for room in labs:
        assert room.id is not None
        now = current(demo_conn, room.id, TODAY)
        responsible = now[ResponsibilityKind.RESPONSIBLE]
        assert persons[responsible.person_id].active
        with_deputy += ResponsibilityKind.DEPUTY in now
    assert with_deputy >= len(labs) // 2


def test_some_rooms_have_history_with_people_who_left(demo_conn: sqlite3.Connection) -> None:
    persons = {p.id: p for p in list_persons(demo_conn)}
    ended = []
    for room in list_rooms(demo_conn):
        assert room.id is not None
        ended += [h for h in history(demo_conn, room.id) if h.valid_to is not None]
    assert len(ended) >= 10
    assert all(h.valid_to is not None and h.valid_to < TODAY for h in ended)
    assert any(not persons[h.person_id].active for h in ended)


def test_room_cards_of_labs_and_stores(demo_conn: sqlite3.Connection) -> None:
    cards = {r.name: get_card(demo_conn, r.id) for r in list_rooms(demo_conn)
             if r.id is not None and r.type in (RoomType.LAB, RoomType.STORAGE)}
    store = cards["Kjemikalielager"]
    assert store.flammable_cat1_max_litres and store.flammable_cat2_max_litres
    assert "GHS02" in store.pictograms
    assert cards["Gasslager"].gas_max_cylinders
    assert "stråling" in cards["Isotoplab"].special_hazards
    for card in cards.values():
        assert set(card.pictograms) <= set(GHS_PICTOGRAMS)
    offices = [r for r in list_rooms(demo_conn) if r.type is RoomType.OFFICE]
    assert all(get_card(demo_conn, r.id).is_empty() for r in offices if r.id is not None)


def _dump(path: Path) -> list[tuple[object, ...]]:
    conn = connect(path, read_only=True)
    try:
        rows: list[tuple[object, ...]] = []
        for table, columns in (
            ("unit", "code, name, parent_id"), ("building", "code, name, campus_id"),
            ("room", "building_id, number, name, type, floor, area_m2, unit_id"),
            ("person", "name, email, phone, unit_id, active"),
            ("person_role", "person_id, role"),
            ("room_responsibility", "room_id, person_id, kind, valid_from, valid_to"),
            ("room_card", "room_id, activity_type, gas_max_cylinders, pictograms, "
                          "flammable_cat2_max_litres"),
        ):
            rows += [(table, *row) for row in
                     conn.execute(f"SELECT {columns} FROM {table} ORDER BY 1, 2")]
        return rows
    finally:
        conn.close()


def test_deterministic_for_a_seed(tmp_path: Path, demo: tuple[Path, dict[str, int]]) -> None:
    again = tmp_path / "again.sqlite"
    other = tmp_path / "other.sqlite"
    assert build_demo(again, seed=2024, today=TODAY) == demo[1]
    build_demo(other, seed=7, today=TODAY)
    assert _dump(again) == _dump(demo[0])
    assert _dump(other) != _dump(demo[0])


def test_refuses_to_overwrite(demo: tuple[Path, dict[str, int]]) -> None:
    with pytest.raises(FileExistsError):
        build_demo(demo[0])

"""Rooms, persons and room responsibilities in the store."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from vernetool.db import audit
from vernetool.db.organisation import persons, responsibilities, room_cards, rooms
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import (
    Person,
    ResponsibilityKind,
    Role,
    Room,
    RoomCard,
    RoomType,
)


def _room(conn: sqlite3.Connection, number: str = "301", name: str = "Syntese-lab") -> int:
    room_id, _ = rooms.save_room(conn, Room("K5", number, RoomType.LAB, name, unit_code="IKJ",
                                            building_name="Kjemiblokk 5", campus="Gløshaugen"))
    return room_id


def _person(conn: sqlite3.Connection, name: str, email: str) -> int:
    person_id, _ = persons.save_person(
        conn, Person(name, email, roles=frozenset({Role.ROOM_RESPONSIBLE})))
    return person_id


def test_filter_matches_norwegian_letters_in_any_case(conn: sqlite3.Connection) -> None:
    _room(conn, "101", "Øvingslab for ÆRØ")
    _room(conn, "102", "Kontor")
    found = rooms.list_rooms(conn, rooms.RoomFilter("øvingslab ærø"))
    assert [r.number for r in found] == ["101"]
    assert rooms.count_rooms(conn, rooms.RoomFilter("KJEMIBLOKK")) == 2
    assert rooms.count_rooms(conn, rooms.RoomFilter("100%")) == 0


def test_saving_the_same_room_twice_changes_nothing(conn: sqlite3.Connection) -> None:
    room_id = _room(conn)
    assert rooms.save_room(conn, rooms.get_room(conn, room_id)) == (room_id, False)  # type: ignore[arg-type]


def test_negative_area_is_refused_naming_the_field(conn: sqlite3.Connection) -> None:
    with pytest.raises(ValidationError) as info:
        rooms.save_room(conn, Room("K5", "1", RoomType.LAB, area_m2=-1))
    assert info.value.field == "area_m2"
    assert rooms.count_rooms(conn) == 0


def test_email_is_the_natural_key_and_cannot_be_taken_twice(conn: sqlite3.Connection) -> None:
    ola = _person(conn, "Ola", "ola@uni.example.no")
    same, changed = persons.save_person(conn, Person("Ola Nordmann", "OLA@uni.example.no"))
    assert (same, changed) == (ola, True)
    kari = _person(conn, "Kari", "kari@uni.example.no")
    with pytest.raises(ValidationError) as info:
        persons.save_person(conn, Person("Kari", "ola@uni.example.no", id=kari))
    assert info.value.field == "email"
    assert persons.get_person(conn, kari).email == "kari@uni.example.no"  # type: ignore[union-attr]
    assert persons.count_persons(conn) == 2


def test_new_responsible_ends_the_previous_one_and_history_is_kept(
        conn: sqlite3.Connection) -> None:
    room_id = _room(conn)
    kari = _person(conn, "Kari Nordmann", "kari@uni.example.no")
    per = _person(conn, "Per Ås", "per@uni.example.no")
    responsibilities.assign(conn, room_id, kari, ResponsibilityKind.RESPONSIBLE,
                            dt.date(2023, 1, 1), "test")
    responsibilities.assign(conn, room_id, per, ResponsibilityKind.RESPONSIBLE,
                            dt.date(2025, 3, 1), "test")
    history = responsibilities.history(conn, room_id)
    assert [(h.person_name, h.valid_from, h.valid_to) for h in history] == [
        ("Per Ås", dt.date(2025, 3, 1), None),
        ("Kari Nordmann", dt.date(2023, 1, 1), dt.date(2025, 2, 28)),
    ]
    now = responsibilities.current(conn, room_id, dt.date(2025, 6, 1))
    assert now[ResponsibilityKind.RESPONSIBLE].person_name == "Per Ås"
    then = responsibilities.current(conn, room_id, dt.date(2024, 6, 1))
    assert then[ResponsibilityKind.RESPONSIBLE].person_name == "Kari Nordmann"
    assert [e.action for e in audit.history(conn, "room_responsibility", history[0].id or 0)
            ] == ["assign"]


def test_responsibility_end_before_start_is_refused(conn: sqlite3.Connection) -> None:
    room_id = _room(conn)
    kari = _person(conn, "Kari", "kari@uni.example.no")
    with pytest.raises(ValidationError) as info:
        responsibilities.assign(conn, room_id, kari, ResponsibilityKind.DEPUTY,
                                dt.date(2025, 1, 1), "t", valid_to=dt.date(2024, 1, 1))
    assert info.value.field == "valid_to"
    assert responsibilities.history(conn, room_id) == []


def test_room_card_round_trip_and_audit(conn: sqlite3.Connection) -> None:
    room_id = _room(conn)
    card = RoomCard(activity_type="Isotoplager", gas_max_cylinders=4, central_gas_supply=True,
                    pictograms=("GHS02", "GHS06"))
    assert room_cards.save_card(conn, room_id, card, "kari") is True
    assert room_cards.get_card(conn, room_id) == card
    assert room_cards.save_card(conn, room_id, card, "kari") is False
    with pytest.raises(ValidationError):
        room_cards.save_card(conn, room_id, RoomCard(pictograms=("GHS10",)), "kari")
    assert [e.actor for e in audit.history(conn, "room_card", room_id)] == ["kari"]


def test_assigning_a_room_gives_the_room_responsible_role(conn: sqlite3.Connection) -> None:
    room_id = _room(conn)
    ola, _ = persons.save_person(conn, Person("Ola", "ola@uni.example.no",
                                              roles=frozenset({Role.LINE_MANAGER})))
    responsibilities.assign(conn, room_id, ola, ResponsibilityKind.DEPUTY, dt.date(2025, 1, 1),
                            "test")
    roles = persons.get_person(conn, ola).roles  # type: ignore[union-attr]
    assert roles == {Role.LINE_MANAGER, Role.ROOM_RESPONSIBLE}

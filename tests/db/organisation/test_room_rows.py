"""The rooms table query (today's responsible per row) and the audited room save."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from vernetool.db import audit
from vernetool.db.organisation import persons, responsibilities, rooms
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import Person, ResponsibilityKind, Room, RoomType

DAY = dt.date(2025, 6, 1)


def test_rows_carry_the_responsible_of_the_day(conn: sqlite3.Connection) -> None:
    a, _ = rooms.save_room(conn, Room("K1", "101", RoomType.LAB, "Lab A"))
    b, _ = rooms.save_room(conn, Room("K1", "102", RoomType.LAB, "Lab B"))
    c, _ = rooms.save_room(conn, Room("K1", "103", RoomType.OFFICE, "Kontor"))
    ola, _ = persons.save_person(conn, Person("Ola", "ola@x.no"))
    kari, _ = persons.save_person(conn, Person("Kari", "kari@x.no"))
    per, _ = persons.save_person(conn, Person("Per", "per@x.no"))
    responsibilities.assign(conn, a, ola, ResponsibilityKind.RESPONSIBLE, dt.date(2024, 1, 1), "t")
    responsibilities.assign(conn, a, kari, ResponsibilityKind.RESPONSIBLE, dt.date(2025, 1, 1), "t")
    responsibilities.assign(conn, a, per, ResponsibilityKind.DEPUTY, dt.date(2024, 1, 1), "t")
    responsibilities.assign(conn, b, per, ResponsibilityKind.RESPONSIBLE, dt.date(2026, 1, 1), "t")
    rid = responsibilities.assign(conn, c, ola, ResponsibilityKind.RESPONSIBLE,
                                  dt.date(2024, 1, 1), "t")
    responsibilities.end(conn, rid, dt.date(2025, 5, 31), "t")

    rows = rooms.list_room_rows(conn, today=DAY.isoformat())
    assert [(r.room.number, r.responsible) for r in rows] == [
        ("101", "Kari"),  # not Ola (ended), not Per (deputy)
        ("102", ""),      # Per starts later
        ("103", ""),      # ended the day before
    ]
    by_person = rooms.list_room_rows(conn, order="responsible", descending=True,
                                     today="2026-06-01")
    assert [r.responsible for r in by_person] == ["Per", "Kari", ""]
    page = rooms.list_room_rows(conn, rooms.RoomFilter(type=RoomType.LAB), offset=1, limit=1)
    assert [r.room.number for r in page] == ["102"]
    assert rooms.list_room_rows(conn, order="no such column; DROP TABLE room")  # whitelisted


def test_save_room_edit_audits_and_refuses_a_taken_number(conn: sqlite3.Connection) -> None:
    new_id = rooms.save_room_edit(conn, Room("K1", "101", RoomType.LAB, "Lab A"), "Åse")
    rooms.save_room_edit(conn, Room("K1", "102", RoomType.LAB, "Lab B"), "Åse")
    with pytest.raises(ValidationError) as err:
        rooms.save_room_edit(conn, Room("K1", "101", RoomType.OFFICE, "Overwrite"), "Åse")
    assert err.value.field == "room"
    with pytest.raises(ValidationError):
        rooms.save_room_edit(conn, Room("K1", "102", id=new_id), "Åse")  # onto another room
    edited = Room("K1", "101", RoomType.LAB, "Lab A", area_m2=20.5, id=new_id)
    assert rooms.save_room_edit(conn, edited, "Åse") == new_id
    rooms.save_room_edit(conn, edited, "Åse")  # unchanged: no audit entry
    entries = audit.history(conn, "room", new_id)
    assert [(e.action, e.actor) for e in entries] == [("create", "Åse"), ("update", "Åse")]
    room = rooms.get_room(conn, new_id)
    assert room is not None and (room.name, room.area_m2) == ("Lab A", 20.5)


def test_the_filter_finds_a_room_by_its_responsibles_name(conn: sqlite3.Connection) -> None:
    """Issue 8, point 10: the column shows the responsible, so the filter finds them too."""
    a, _ = rooms.save_room(conn, Room("K1", "101", RoomType.LAB, "Lab A"))
    b, _ = rooms.save_room(conn, Room("K1", "102", RoomType.LAB, "Lab B"))
    c, _ = rooms.save_room(conn, Room("K2", "201", RoomType.OFFICE, "Kontor"))
    oystein, _ = persons.save_person(conn, Person("Øystein Ås", "oas@uni.no", unit_code="IKJ"))
    kari, _ = persons.save_person(conn, Person("Kari Nordmann", "kari@uni.no"))
    responsibilities.assign(conn, a, oystein, ResponsibilityKind.RESPONSIBLE,
                            dt.date(2024, 1, 1), "t")
    responsibilities.assign(conn, b, kari, ResponsibilityKind.DEPUTY, dt.date(2024, 1, 1), "t")
    ended = responsibilities.assign(conn, c, kari, ResponsibilityKind.RESPONSIBLE,
                                    dt.date(2024, 1, 1), "t")
    responsibilities.end(conn, ended, dt.date(2025, 5, 31), "t")

    def found(text: str) -> list[str]:
        flt = rooms.RoomFilter(text=text)
        numbers = [r.room.number for r in rooms.list_room_rows(conn, flt, today=DAY.isoformat())]
        assert rooms.count_rooms(conn, flt) == len(numbers)  # the count agrees with the list
        return numbers

    assert found("øystein") == ["101"]          # not ASCII: Python's casefold, not SQLite's
    assert found("ÅS") == ["101"]
    assert found("Øystein lab") == ["101"]      # every word, from the room or the person
    assert found("Øystein kontor") == []
    assert found("nordmann") == []               # a deputy, and an ended responsibility
    assert found("uni.no") == []                 # the name, not the e-mail or the unit
    assert found("ikj") == []
    assert found("lab") == ["101", "102"]        # the room's own words still work

"""Rooms from and to files: the canonical rooms file of DESIGN.md.

Columns: ``building`` (code), ``building_name``, ``campus``, ``room`` (number), ``name``,
``type``, ``floor``, ``area_m2``, ``unit`` (code). Only ``building`` and ``room`` are
required; Norwegian headers (``Bygg``, ``Romnr``, ``Romtype``, ``Areal (m²)`` ...) and
room-type words (``Laboratorium``, ``Kontor``, ``common area`` ...) are accepted.

Matching and updating:

- A row is matched on its natural key, building + room number (case-insensitive like the
  store); an unknown one is created, with its building, campus and unit when new.
- A column the file does not have leaves the stored value alone (a file with only
  ``Bygg;Romnr;Romnavn`` does not wipe areas); an empty cell in a column it has clears the
  value (an empty ``type`` means ``other``). An empty building name or campus never clears
  the building's.
- A room that appears twice in one file is an error on the later row; so is a building
  given another name or campus than in an earlier row.
- A row identical to what is stored writes nothing (re-importing a file changes nothing).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from vernetool.db.organisation.buildings import ensure_building
from vernetool.db.organisation.rooms import list_rooms, save_room
from vernetool.db.organisation.units import ensure_unit
from vernetool.domain.errors import Phrase, ValidationError
from vernetool.domain.organisation import Room, RoomType, search_key
from vernetool.exchange.importing import Cancel, Checker, Progress, checked_texts, import_file
from vernetool.exchange.result import ImportResult
from vernetool.exchange.tabular import (
    UNIT_HEADERS,
    Schema,
    TableRow,
    alias_table,
    nocase,
    parse_choice,
    parse_decimal,
    value_key,
)
from vernetool.exchange.writers import write_records

COLUMNS = ("building", "building_name", "campus", "room", "name", "type", "floor", "area_m2",
           "unit")

SCHEMA = Schema({
    "building": ("Bygg", "Byggkode", "Bygningskode", "Bygning", "Byggnr", "Bygg nr",
                 "Building code"),
    "building_name": ("Byggnavn", "Bygningsnavn", "Navn på bygg"),
    "campus": ("Kampus", "Studiested"),
    "room": ("Romnr", "Romnummer", "Rom", "Rom nr", "Room number", "Room no", "Nummer",
             "Number"),
    "name": ("Romnavn", "Navn", "Room name", "Betegnelse", "Rombetegnelse"),
    "type": ("Romtype", "Room type", "Romkategori", "Rom type"),
    "floor": ("Etasje", "Etg", "Level", "Plan"),
    "area_m2": ("Areal", "Area", "Areal m2", "Area m2", "Kvm", "Nettoareal", "Bruksareal"),
    "unit": UNIT_HEADERS,
}, required=("building", "room"))

ROOM_TYPES: dict[str, RoomType] = alias_table({
    **{t.value: t for t in RoomType},
    "kontor": RoomType.OFFICE, "kontorrom": RoomType.OFFICE, "cellekontor": RoomType.OFFICE,
    "kontorlandskap": RoomType.OFFICE, "office": RoomType.OFFICE,
    "open office": RoomType.OFFICE,
    "lab": RoomType.LAB, "laboratorium": RoomType.LAB, "laboratorie": RoomType.LAB,
    "laboratory": RoomType.LAB, "labrom": RoomType.LAB, "laboratorierom": RoomType.LAB,
    "verksted": RoomType.WORKSHOP, "mekanisk verksted": RoomType.WORKSHOP,
    "lager": RoomType.STORAGE, "lagerrom": RoomType.STORAGE, "depot": RoomType.STORAGE,
    "store": RoomType.STORAGE, "store room": RoomType.STORAGE, "storeroom": RoomType.STORAGE,
    "eksamen/behandling": RoomType.EXAM_TREATMENT,
    "undersøkelse/behandling": RoomType.EXAM_TREATMENT,
    "undersøkelsesrom": RoomType.EXAM_TREATMENT, "behandlingsrom": RoomType.EXAM_TREATMENT,
    "exam treatment": RoomType.EXAM_TREATMENT, "exam/treatment": RoomType.EXAM_TREATMENT,
    "examination/treatment": RoomType.EXAM_TREATMENT,
    "examination room": RoomType.EXAM_TREATMENT, "treatment room": RoomType.EXAM_TREATMENT,
    "dyrerom": RoomType.ANIMAL_ROOM, "dyrestall": RoomType.ANIMAL_ROOM,
    "dyreavdeling": RoomType.ANIMAL_ROOM, "animal room": RoomType.ANIMAL_ROOM,
    "animal facility": RoomType.ANIMAL_ROOM,
    "veksthus": RoomType.GREENHOUSE, "drivhus": RoomType.GREENHOUSE,
    "fellesareal": RoomType.COMMON_AREA, "fellesrom": RoomType.COMMON_AREA,
    "felles": RoomType.COMMON_AREA, "common": RoomType.COMMON_AREA,
    "common area": RoomType.COMMON_AREA,
    "annet": RoomType.OTHER, "andre": RoomType.OTHER, "øvrig": RoomType.OTHER,
    "ukjent": RoomType.OTHER,
})
_ALLOWED_TYPES = Phrase("value.choices.room_types")  # the words people write, in their language


class _TypeCache(dict[str, RoomType]):
    """Room type by the text of the cell, as parse_choice finds it (a column repeats a few
    words thousands of times)."""

    def __missing__(self, text: str) -> RoomType | None:
        found = ROOM_TYPES.get(value_key(text))
        if found is not None and len(self) < 10_000:
            self[text] = found
        return found


ROOM_TYPES_BY_TEXT = _TypeCache()

_LIMITS = {"building": 40, "building_name": 200, "campus": 100, "room": 40, "name": 200,
           "floor": 20, "unit": 40}


class _Stored(NamedTuple):  # a tuple: made once per row of a big file
    name: str
    type: RoomType
    floor: str
    area_m2: float | None
    unit_code: str | None

    def same(self, other: _Stored) -> bool:
        return (self.name, self.type, self.floor, self.area_m2) == (
            other.name, other.type, other.floor, other.area_m2) and nocase(
            self.unit_code) == nocase(other.unit_code)


_STORED = ("SELECT b.code, r.number, r.name, r.type, r.floor, r.area_m2, u.code FROM room r "
           "JOIN building b ON b.id = r.building_id LEFT JOIN unit u ON u.id = r.unit_id")


class _RoomRows:
    """Prepares each row against what the store holds, read once at the start."""

    def __init__(self, conn: sqlite3.Connection, table_has: Callable[[str], bool]) -> None:
        self.conn = conn
        self.absent = [attr for column, attr in (
            ("name", "name"), ("type", "type"), ("floor", "floor"), ("area_m2", "area_m2"),
            ("unit", "unit_code")) if not table_has(column)]
        self.rooms: dict[tuple[str, str], _Stored] = {}
        self.buildings: dict[str, tuple[str, str]] = {}
        types = {t.value: t for t in RoomType}
        for code, number, name, type_, floor, area, unit in conn.execute(_STORED):
            self.rooms[(nocase(code), nocase(number))] = _Stored(name, types[type_], floor,
                                                                  area, unit)
        for row in conn.execute("SELECT b.code, b.name, c.name AS campus FROM building b "
                                "LEFT JOIN campus c ON c.id = b.campus_id"):
            self.buildings[nocase(row["code"])] = (row["name"], row["campus"] or "")
        self.seen: dict[tuple[str, str], int] = {}
        self.named: dict[tuple[str, str], tuple[str, int]] = {}  # first name/campus per file

    def prepare(self, row: TableRow) -> _RoomWrite | None:
        check = Checker()
        text = checked_texts(check, row, _LIMITS)
        values = row.values
        building, number = text["building"], text["room"]
        if not values.get("building"):
            check.add("building", "room.building_missing")
        if not values.get("room"):
            check.add("room", "room.number_missing")
        room_type = RoomType.OTHER
        given_type = values.get("type")
        if given_type:
            room_type = ROOM_TYPES_BY_TEXT[given_type] or check.run(
                lambda: parse_choice(given_type, "type", ROOM_TYPES, _ALLOWED_TYPES),
                RoomType.OTHER)
        area = None
        if values.get("area_m2"):
            try:
                area = parse_decimal(values["area_m2"], "area_m2", minimum=0,
                                     units=("m²", "m2", "kvm"))
            except ValidationError as exc:
                check.add(exc.field, exc.code, **exc.params)
        folded = nocase(building)
        key = (folded, nocase(number))
        if building and number and key in self.seen:
            check.add("room", "room.twice", room=f"{building}:{number}", row=self.seen[key])
        named = self.named
        for field in ("building_name", "campus"):  # one building, one name in a file
            if text[field]:
                earlier = named.get((field, folded))
                if earlier is None:
                    continue
                if earlier[0] != text[field]:
                    check.add(field, f"building.other_{field}", building=building,
                              value=earlier[0], row=earlier[1])
        check.raise_if_any()
        self.seen[key] = row.number
        for field in ("building_name", "campus"):
            if text[field]:
                named.setdefault((field, folded), (text[field], row.number))

        stored = self.rooms.get(key)
        new = _Stored(text["name"], room_type, text["floor"], area, text["unit"] or None)
        if stored is not None and self.absent:  # columns the file lacks keep what is stored
            new = new._replace(**{attr: getattr(stored, attr) for attr in self.absent})
        old_name, old_campus = self.buildings.get(folded, ("", ""))
        building_name = text["building_name"] or old_name
        campus = text["campus"] or old_campus
        building_changed = (folded not in self.buildings or building_name != old_name
                            or nocase(campus) != nocase(old_campus))
        if stored is not None and stored.same(new) and not building_changed:
            return None
        # What this row will have done, for the rows after it (all are prepared first).
        self.rooms[key] = new
        self.buildings[folded] = (building_name, campus)
        return _RoomWrite(self.conn, building, number, new, text["building_name"],
                          text["campus"], folded, nocase(new.unit_code))

    def write_many(self, writes: Sequence[Callable[[], bool]]) -> None:
        """Every prepared row at once: buildings and units first, then the rooms with one
        prepared ``executemany`` (insert, or update the room with that building + number)."""
        rooms = [w for w in writes if isinstance(w, _RoomWrite)]
        if len(rooms) != len(writes):  # not ours: one by one
            for write in writes:
                write()
            return
        given: dict[str, list[str]] = {}  # building → [code, name, campus] the file gives
        units: dict[str, int] = {}
        for write in rooms:
            about = given.get(write.building_key)
            if about is None:
                about = given[write.building_key] = [write.building, "", ""]
            if not about[1] or not about[2]:  # one name per building in a file
                about[1] = about[1] or write.building_name
                about[2] = about[2] or write.campus
            unit = write.room.unit_code
            if unit and write.unit_key not in units:
                units[write.unit_key] = ensure_unit(self.conn, unit)
        buildings = {folded: ensure_building(self.conn, *about)
                     for folded, about in given.items()}
        named = {row[0]: (row[1], row[2]) for row in self.conn.execute(
            "SELECT id, code, name FROM building")}
        values = []
        for write in rooms:
            room = write.room
            building_id = buildings[write.building_key]
            code, building_name = named[building_id]
            unit = room.unit_code
            values.append((building_id, write.number, room.name, room.type.value, room.floor,
                           room.area_m2, units[write.unit_key] if unit else None,
                           search_key(code, building_name, write.number, room.name, unit)))
        self.conn.executemany(_UPSERT, values)


_UPSERT = (
    "INSERT INTO room (building_id, number, name, type, floor, area_m2, unit_id, search_text) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (building_id, number) DO UPDATE SET "
    "name = excluded.name, type = excluded.type, floor = excluded.floor, "
    "area_m2 = excluded.area_m2, unit_id = excluded.unit_id, "
    "search_text = excluded.search_text, "
    "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
    "WHERE room.name IS NOT excluded.name OR room.type IS NOT excluded.type "
    "OR room.floor IS NOT excluded.floor OR room.area_m2 IS NOT excluded.area_m2 "
    "OR room.unit_id IS NOT excluded.unit_id OR room.search_text IS NOT excluded.search_text")


class _RoomWrite:
    """One prepared room (text trimmed): written alone by calling it, or with the others by
    ``write_many``. A plain class with slots: one is made per row of a big file."""

    __slots__ = ("building", "building_key", "building_name", "campus", "conn", "number",
                 "room", "unit_key")

    def __init__(self, conn: sqlite3.Connection, building: str, number: str, room: _Stored,
                 building_name: str, campus: str, building_key: str, unit_key: str) -> None:
        self.conn = conn
        self.building = building
        self.number = number
        self.room = room
        self.building_name = building_name
        self.campus = campus
        self.building_key = building_key  # nocase(building code), nocase(unit code)
        self.unit_key = unit_key

    def __call__(self) -> bool:
        room = self.room
        save_room(self.conn, Room(
            building_code=self.building, number=self.number, type=room.type, name=room.name,
            floor=room.floor, area_m2=room.area_m2, unit_code=room.unit_code,
            building_name=self.building_name, campus=self.campus))
        return True


def import_rooms(conn: sqlite3.Connection, path: Path | str, *, strict: bool = False,
                 actor: str, progress: Progress | None = None,
                 cancel: Cancel | None = None) -> ImportResult:
    """Import a rooms CSV/XLSX file (see the module docstring); raises ``ImportFileError``
    when the file as a whole is unusable and ``ImportCancelled`` when ``cancel()`` said so."""
    return import_file(conn, path, SCHEMA, lambda has: _RoomRows(conn, has), entity="room",
                       strict=strict, actor=actor, progress=progress, cancel=cancel)


def room_records(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every room as a dict with the canonical field names, in building/room order."""
    return [{"building": r.building_code, "building_name": r.building_name,
             "campus": r.campus, "room": r.number, "name": r.name, "type": r.type.value,
             "floor": r.floor, "area_m2": r.area_m2, "unit": r.unit_code}
            for r in list_rooms(conn)]


def export_rooms(conn: sqlite3.Connection, out: Path | str, fmt: str, *,
                 include_personal_data: bool = False) -> int:
    """Write every room to ``out`` as csv, xlsx or json; returns the number of rooms.

    Rooms hold no personal data, so ``include_personal_data`` changes nothing here.
    """
    return write_records(out, fmt, COLUMNS, room_records(conn), sheet_title="Rooms")

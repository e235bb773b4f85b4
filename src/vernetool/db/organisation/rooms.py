"""Rooms: lookup, saving, and the paged, filtered listing behind the rooms table."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from vernetool.db import audit
from vernetool.db.connection import atomic
from vernetool.db.organisation.buildings import ensure_building
from vernetool.db.organisation.units import ensure_unit
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import Room, RoomType, search_key, validate_room

_SELECT = (
    "SELECT r.id, b.code AS building_code, b.name AS building_name, c.name AS campus, "
    "r.number, r.name, r.type, r.floor, r.area_m2, u.code AS unit_code "
    "FROM room r JOIN building b ON b.id = r.building_id "
    "LEFT JOIN campus c ON c.id = b.campus_id LEFT JOIN unit u ON u.id = r.unit_id "
)


# Rooms whose responsible today (the rooms table's column) has a name containing a word.
# casefold() is Python's, registered on the connection by _searchable: SQLite's lower() and
# LIKE fold ASCII only, and a name like "Øystein Ås" must be found by "øystein" and "ås".
# The person's search_text (name, e-mail, phone and unit, case-folded) is tested first, in
# C, so casefold() runs only for the few people whose text holds the word at all; the
# people are read first (CROSS JOIN), then their responsibilities by index.
_RESPONSIBLE_MATCH = (
    "SELECT rr.room_id FROM person p CROSS JOIN room_responsibility rr "
    "ON rr.person_id = p.id WHERE p.search_text LIKE ? ESCAPE '\\' "
    "AND casefold(p.name) LIKE ? ESCAPE '\\' AND rr.kind = 'responsible' "
    "AND rr.valid_from <= ? AND (rr.valid_to IS NULL OR rr.valid_to >= ?)"
)


def _searchable(conn: sqlite3.Connection) -> sqlite3.Connection:
    conn.create_function("casefold", 1, lambda text: None if text is None else
                         str(text).casefold(), deterministic=True)
    return conn


@dataclass(frozen=True)
class RoomFilter:
    """What the rooms table shows: free text (any word, in any order, found in the room's
    building, number, name and unit or in the name of its responsible today) and
    optional type, unit and building."""

    text: str = ""
    type: RoomType | None = None
    unit_code: str | None = None
    building_code: str | None = None

    def where(self, today: str | None = None) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        day = today or dt.date.today().isoformat()
        for word in self.text.casefold().split():
            pattern = "%" + _escape_like(word) + "%"
            clauses.append("(r.search_text LIKE ? ESCAPE '\\' "
                           f"OR r.id IN ({_RESPONSIBLE_MATCH}))")
            params += [pattern, pattern, pattern, day, day]
        if self.type is not None:
            clauses.append("r.type = ?")
            params.append(self.type.value)
        if self.unit_code:
            clauses.append("r.unit_id = (SELECT id FROM unit WHERE code = ?)")
            params.append(self.unit_code)
        if self.building_code:
            clauses.append("r.building_id = (SELECT id FROM building WHERE code = ?)")
            params.append(self.building_code)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _room(row: sqlite3.Row) -> Room:
    return Room(
        building_code=row["building_code"], number=row["number"], type=RoomType(row["type"]),
        name=row["name"], floor=row["floor"], area_m2=row["area_m2"],
        unit_code=row["unit_code"], id=row["id"], building_name=row["building_name"],
        campus=row["campus"] or "",
    )


def count_rooms(conn: sqlite3.Connection, flt: RoomFilter = RoomFilter()) -> int:
    where, params = flt.where()
    return int(_searchable(conn).execute(f"SELECT count(*) FROM room r{where}",
                                         params).fetchone()[0])


def list_rooms(conn: sqlite3.Connection, flt: RoomFilter = RoomFilter(), *,
               offset: int = 0, limit: int = -1) -> list[Room]:
    """A page of rooms in building/room-number order."""
    where, params = flt.where()
    rows = _searchable(conn).execute(
        f"{_SELECT}{where} ORDER BY b.code, r.number LIMIT ? OFFSET ?",
        [*params, limit, offset]).fetchall()
    return [_room(r) for r in rows]


def get_room(conn: sqlite3.Connection, room_id: int) -> Room | None:
    row = conn.execute(f"{_SELECT} WHERE r.id = ?", (room_id,)).fetchone()
    return _room(row) if row else None


def find_room(conn: sqlite3.Connection, building_code: str, number: str) -> Room | None:
    row = conn.execute(f"{_SELECT} WHERE b.code = ? AND r.number = ?",
                       (building_code.strip(), number.strip())).fetchone()
    return _room(row) if row else None


def save_room(conn: sqlite3.Connection, room: Room) -> tuple[int, bool]:
    """Insert or update the room keyed on building + number; returns (id, changed)."""
    validate_room(room)
    building_id = ensure_building(conn, room.building_code, room.building_name, room.campus)
    building = conn.execute("SELECT code, name FROM building WHERE id = ?",
                            (building_id,)).fetchone()
    unit_id = ensure_unit(conn, room.unit_code) if room.unit_code else None
    search = search_key(building["code"], building["name"], room.number, room.name,
                        room.unit_code)
    values = (room.name.strip(), room.type.value, room.floor.strip(), room.area_m2, unit_id,
              search)
    existing = conn.execute(
        "SELECT id, name, type, floor, area_m2, unit_id, search_text FROM room "
        "WHERE building_id = ? AND number = ?", (building_id, room.number.strip())).fetchone()
    if room.id is not None and existing is not None and existing["id"] != room.id:
        raise ValidationError("room.exists", "room", label=room.label)
    if existing is None and room.id is not None:
        conn.execute(
            "UPDATE room SET building_id = ?, number = ?, name = ?, type = ?, floor = ?, "
            "area_m2 = ?, unit_id = ?, search_text = ?, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
            (building_id, room.number.strip(), *values, room.id))
        # the room's label is in its chemical holdings' search text
        from vernetool.db.chemicals.holdings_search import refresh

        refresh(conn, room_ids=[room.id])
        return room.id, True
    if existing is None:
        cur = conn.execute(
            "INSERT INTO room (building_id, number, name, type, floor, area_m2, unit_id, "
            "search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (building_id, room.number.strip(), *values))
        return int(cur.lastrowid or 0), True
    current = (existing["name"], existing["type"], existing["floor"], existing["area_m2"],
               existing["unit_id"], existing["search_text"])
    if current == values:
        return int(existing["id"]), False
    conn.execute(
        "UPDATE room SET name = ?, type = ?, floor = ?, area_m2 = ?, unit_id = ?, "
        "search_text = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
        (*values, existing["id"]))
    return int(existing["id"]), True


@dataclass(frozen=True)
class RoomRow:
    """One line of the rooms table: the room and who is responsible for it today."""

    room: Room
    responsible: str = ""


# Sort keys the rooms table offers; r.id last keeps pages stable when values tie.
_ROW_ORDER = {
    "building": "b.code {d}, r.number {d}",
    "room": "r.number {d}, b.code {d}",
    "name": "r.name COLLATE NOCASE {d}",
    "type": "r.type {d}",
    "floor": "r.floor {d}",
    "area": "r.area_m2 {d}",
    "unit": "u.code {d}",
    "responsible": "responsible COLLATE NOCASE {d}",
}


def list_room_rows(conn: sqlite3.Connection, flt: RoomFilter = RoomFilter(), *,
                   offset: int = 0, limit: int = -1, order: str = "building",
                   descending: bool = False, today: str | None = None) -> list[RoomRow]:
    """A page of rooms with today's responsible person, in one query.

    The responsible comes from a correlated subquery on ``room_responsibility(room_id, ...)``
    (indexed), evaluated only for the rows of the page unless the page is sorted by it.
    """
    day = today or dt.date.today().isoformat()
    where, params = flt.where(day)
    direction = "DESC" if descending else "ASC"
    order_by = _ROW_ORDER.get(order, _ROW_ORDER["building"]).format(d=direction)
    rows = _searchable(conn).execute(
        "SELECT r.id, b.code AS building_code, b.name AS building_name, c.name AS campus, "
        "r.number, r.name, r.type, r.floor, r.area_m2, u.code AS unit_code, "
        "(SELECT p.name FROM room_responsibility rr JOIN person p ON p.id = rr.person_id "
        " WHERE rr.room_id = r.id AND rr.kind = 'responsible' AND rr.valid_from <= ? "
        " AND (rr.valid_to IS NULL OR rr.valid_to >= ?) "
        " ORDER BY rr.valid_from DESC, rr.id DESC LIMIT 1) AS responsible "
        "FROM room r JOIN building b ON b.id = r.building_id "
        "LEFT JOIN campus c ON c.id = b.campus_id LEFT JOIN unit u ON u.id = r.unit_id "
        f"{where} ORDER BY {order_by}, r.id {direction} LIMIT ? OFFSET ?",
        [day, day, *params, limit, offset]).fetchall()
    return [RoomRow(_room(r), r["responsible"] or "") for r in rows]


def save_room_edit(conn: sqlite3.Connection, room: Room, actor: str) -> int:
    """Save a room edited by a person, all or nothing, with an audit entry; returns its id.

    Unlike ``save_room`` (the importer's upsert on building + number), a new room whose
    building and number are taken, or an edit onto another room's number, is refused.
    """
    clash = find_room(conn, room.building_code, room.number)
    if clash is not None and clash.id != room.id:
        raise ValidationError("room.exists", "room", label=clash.label)
    with atomic(conn):
        room_id, changed = save_room(conn, room)
        if changed:
            audit.record(conn, actor, "room", room_id,
                         "update" if room.id is not None else "create",
                         {"building": room.building_code.strip(), "room": room.number.strip(),
                          "name": room.name.strip(), "type": room.type.value,
                          "floor": room.floor.strip(), "area_m2": room.area_m2,
                          "unit": room.unit_code})
    return room_id

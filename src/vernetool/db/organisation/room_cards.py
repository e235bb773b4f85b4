"""Room cards (romkort): the door-sign fields kept per room."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, fields

from vernetool.db import audit
from vernetool.domain.organisation import RoomCard, validate_room_card

_BOOLS = {"central_gas_supply", "gas_alarm", "shared_with_other_org"}
_COLUMNS = [f.name for f in fields(RoomCard)]


def get_card(conn: sqlite3.Connection, room_id: int) -> RoomCard:
    row = conn.execute("SELECT * FROM room_card WHERE room_id = ?", (room_id,)).fetchone()
    if row is None:
        return RoomCard()
    values = {}
    for name in _COLUMNS:
        value = row[name]
        if name in _BOOLS:
            value = bool(value)
        elif name == "pictograms":
            value = tuple(code for code in value.split(",") if code)
        values[name] = value
    return RoomCard(**values)


def save_card(conn: sqlite3.Connection, room_id: int, card: RoomCard, actor: str) -> bool:
    """Store the card; returns False when nothing changed."""
    validate_room_card(card)
    if get_card(conn, room_id) == card:
        return False
    values = asdict(card)
    values["pictograms"] = ",".join(card.pictograms)
    for name in _BOOLS:
        values[name] = int(values[name])
    columns = ", ".join(_COLUMNS)
    marks = ", ".join("?" for _ in _COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS)
    conn.execute(
        f"INSERT INTO room_card (room_id, {columns}) VALUES (?, {marks}) "
        f"ON CONFLICT (room_id) DO UPDATE SET {updates}, "
        "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
        [room_id, *(values[c] for c in _COLUMNS)])
    audit.record(conn, actor, "room_card", room_id, "update", values)
    return True

"""What the printed room card reads besides the card itself: when the stored card was last
changed, and the name of the room's unit."""

from __future__ import annotations

import sqlite3


def card_changed_at(conn: sqlite3.Connection, room_id: int) -> str | None:
    """The stored card's ``updated_at`` (UTC, ``YYYY-MM-DDTHH:MM:SSZ``); None without a card."""
    row = conn.execute("SELECT updated_at FROM room_card WHERE room_id = ?",
                       (room_id,)).fetchone()
    return None if row is None else str(row[0])


def unit_name(conn: sqlite3.Connection, code: str) -> str:
    """The unit's name ("" for an unknown code or a unit without a name)."""
    row = conn.execute("SELECT name FROM unit WHERE code = ?", (code,)).fetchone()
    return "" if row is None or row[0] is None else str(row[0])

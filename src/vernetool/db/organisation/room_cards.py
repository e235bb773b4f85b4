"""Room cards (romkort): the door-sign fields kept per room."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, fields, replace

from vernetool.db import audit
from vernetool.domain.organisation import RoomCard, ordered_signs, validate_room_card
from vernetool.domain.room_card_proposal import CardHolding

_BOOLS = {"central_gas_supply", "gas_alarm", "shared_with_other_org"}
_LISTS = {"pictograms", "warning_signs"}  # comma-separated in the table
_COLUMNS = [f.name for f in fields(RoomCard)]
_SELECT = f"SELECT room_id, {', '.join(_COLUMNS)} FROM room_card"


def _card(row: sqlite3.Row | tuple[object, ...]) -> RoomCard:
    values: dict[str, object] = {}
    for name, value in zip(_COLUMNS, tuple(row)[1:], strict=True):
        if name in _BOOLS:
            value = bool(value)
        elif name in _LISTS:
            value = tuple(code for code in str(value).split(",") if code)
        values[name] = value
    return RoomCard(**values)  # type: ignore[arg-type]


def get_card(conn: sqlite3.Connection, room_id: int) -> RoomCard:
    row = conn.execute(f"{_SELECT} WHERE room_id = ?", (room_id,)).fetchone()
    return RoomCard() if row is None else _card(row)


def has_card(conn: sqlite3.Connection, room_id: int) -> bool:
    return conn.execute("SELECT 1 FROM room_card WHERE room_id = ?",
                        (room_id,)).fetchone() is not None


def cards(conn: sqlite3.Connection, room_ids: set[int] | None = None) -> dict[int, RoomCard]:
    """The stored cards by room id (of the rooms named, or every card): one query per 500."""
    if room_ids is None:
        return {int(row[0]): _card(row) for row in conn.execute(_SELECT)}
    found: dict[int, RoomCard] = {}
    ids = sorted(room_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found.update((int(row[0]), _card(row)) for row in conn.execute(
            f"{_SELECT} WHERE room_id IN ({marks})", chunk))
    return found


def save_card(conn: sqlite3.Connection, room_id: int, card: RoomCard, actor: str, *,
              action: str = "update", extra: dict[str, object] | None = None) -> bool:
    """Store the card; returns False when nothing changed. The audit entry is ``action`` with
    the stored values and ``extra`` (e.g. the fields of an accepted proposal)."""
    validate_room_card(card)
    card = replace(card, warning_signs=ordered_signs(card.warning_signs))
    if get_card(conn, room_id) == card:
        return False
    values = asdict(card)
    for name in _LISTS:
        values[name] = ",".join(getattr(card, name))
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
    audit.record(conn, actor, "room_card", room_id, action, {**(extra or {}), **values})
    return True


def card_holdings(conn: sqlite3.Connection, room_id: int | None = None
                  ) -> dict[int, list[CardHolding]]:
    """The holdings in use by room id (of one room, or every room), as much of them as the
    card proposal needs: two queries, however many rooms (the checks over a university)."""
    codes: dict[int, list[str]] = {}
    in_room = ("" if room_id is None else
               "AND s.product_id IN (SELECT h.product_id FROM chemical_holding h "
               "WHERE h.status = 'in_use' AND h.room_id = :room) ")
    for pid, code in conn.execute(
            "SELECT s.product_id, s.code FROM chemical_statement s WHERE s.kind = 'H' "
            f"{in_room}ORDER BY s.product_id, s.position", {"room": room_id}):
        codes.setdefault(pid, []).append(code)
    shared = {pid: tuple(found) for pid, found in codes.items()}
    found: dict[int, list[CardHolding]] = {}
    none: tuple[str, ...] = ()
    # the columns are INTEGER/REAL/TEXT in a STRICT table: no conversions per row
    for hid, rid, pid, quantity, unit, containers in conn.execute(
            "SELECT h.id, h.room_id, h.product_id, h.quantity, h.unit, h.containers "
            "FROM chemical_holding h WHERE h.status = 'in_use' "
            "AND (:room IS NULL OR h.room_id = :room)", {"room": room_id}):
        holding = CardHolding(hid, shared.get(pid, none), quantity, unit or "", containers)
        rows = found.get(rid)
        if rows is None:
            found[rid] = [holding]
        else:
            rows.append(holding)
    return found

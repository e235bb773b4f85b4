"""Room responsibilities: who is responsible or deputy for a room, with full history."""

from __future__ import annotations

import datetime as dt
import sqlite3

from vernetool.db import audit
from vernetool.db.connection import atomic
from vernetool.domain.organisation import (
    Responsibility,
    ResponsibilityKind,
    validate_responsibility,
)

_SELECT = (
    "SELECT rr.id, rr.room_id, rr.person_id, rr.kind, rr.valid_from, rr.valid_to, "
    "p.name AS person_name, p.phone AS person_phone, coalesce(p.email, '') AS person_email "
    "FROM room_responsibility rr JOIN person p ON p.id = rr.person_id "
)


def _responsibility(row: sqlite3.Row) -> Responsibility:
    return Responsibility(
        room_id=row["room_id"], person_id=row["person_id"],
        kind=ResponsibilityKind(row["kind"]),
        valid_from=dt.date.fromisoformat(row["valid_from"]),
        valid_to=dt.date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
        id=row["id"], person_name=row["person_name"], person_phone=row["person_phone"],
        person_email=row["person_email"],
    )


def history(conn: sqlite3.Connection, room_id: int) -> list[Responsibility]:
    """Every responsibility the room has had, newest first."""
    rows = conn.execute(f"{_SELECT} WHERE rr.room_id = ? ORDER BY rr.valid_from DESC, rr.id DESC",
                        (room_id,)).fetchall()
    return [_responsibility(r) for r in rows]


def current(conn: sqlite3.Connection, room_id: int, today: dt.date | None = None
            ) -> dict[ResponsibilityKind, Responsibility]:
    day = (today or dt.date.today()).isoformat()
    rows = conn.execute(
        f"{_SELECT} WHERE rr.room_id = ? AND rr.valid_from <= ? "
        "AND (rr.valid_to IS NULL OR rr.valid_to >= ?) ORDER BY rr.valid_from",
        (room_id, day, day)).fetchall()
    return {r.kind: r for r in map(_responsibility, rows)}


def rooms_of_person(conn: sqlite3.Connection, person_id: int, today: dt.date | None = None
                    ) -> list[tuple[int, ResponsibilityKind]]:
    day = (today or dt.date.today()).isoformat()
    rows = conn.execute(
        "SELECT room_id, kind FROM room_responsibility WHERE person_id = ? AND valid_from <= ? "
        "AND (valid_to IS NULL OR valid_to >= ?)", (person_id, day, day)).fetchall()
    return [(r["room_id"], ResponsibilityKind(r["kind"])) for r in rows]


def assign(conn: sqlite3.Connection, room_id: int, person_id: int, kind: ResponsibilityKind,
           valid_from: dt.date, actor: str, valid_to: dt.date | None = None) -> int:
    """Make the person responsible (or deputy) from ``valid_from``.

    The responsibility of the same kind that is open at that date is ended the day before,
    so the history keeps who had it; nothing is deleted. The person gets the role
    ``room_responsible`` if they lack it (a deputy stands in for the responsible). All or
    nothing.
    """
    validate_responsibility(valid_from, valid_to)
    start = valid_from.isoformat()
    with atomic(conn):
        open_rows = conn.execute(
            "SELECT id, person_id, valid_from FROM room_responsibility WHERE room_id = ? "
            "AND kind = ? AND (valid_to IS NULL OR valid_to >= ?) AND valid_from <= ?",
            (room_id, kind.value, start, start)).fetchall()
        for row in open_rows:
            if row["person_id"] == person_id and valid_to is None:
                return int(row["id"])  # already in place: nothing to change
            end = max(dt.date.fromisoformat(row["valid_from"]), valid_from - dt.timedelta(days=1))
            conn.execute("UPDATE room_responsibility SET valid_to = ? WHERE id = ?",
                         (end.isoformat(), row["id"]))
        cur = conn.execute(
            "INSERT INTO room_responsibility (room_id, person_id, kind, valid_from, valid_to) "
            "VALUES (?, ?, ?, ?, ?)",
            (room_id, person_id, kind.value, start, valid_to.isoformat() if valid_to else None))
        new_id = int(cur.lastrowid or 0)
        conn.execute("INSERT INTO person_role (person_id, role) VALUES (?, 'room_responsible') "
                     "ON CONFLICT DO NOTHING", (person_id,))
        audit.record(conn, actor, "room_responsibility", new_id, "assign",
                     {"room_id": room_id, "person_id": person_id, "kind": kind.value,
                      "valid_from": start, "valid_to": valid_to})
    return new_id


def end(conn: sqlite3.Connection, responsibility_id: int, valid_to: dt.date, actor: str) -> None:
    row = conn.execute("SELECT valid_from FROM room_responsibility WHERE id = ?",
                       (responsibility_id,)).fetchone()
    if row is None:
        raise LookupError(f"no responsibility {responsibility_id}")
    validate_responsibility(dt.date.fromisoformat(row["valid_from"]), valid_to)
    with atomic(conn):
        conn.execute("UPDATE room_responsibility SET valid_to = ? WHERE id = ?",
                     (valid_to.isoformat(), responsibility_id))
        audit.record(conn, actor, "room_responsibility", responsibility_id, "end",
                     {"valid_to": valid_to.isoformat()})

"""A deviation's measures (tiltak) and their progress notes."""

from __future__ import annotations

import datetime as dt
import sqlite3

from vernetool.db import audit
from vernetool.db.connection import atomic
from vernetool.db.deviations.records import change_status, get_deviation
from vernetool.db.deviations.sql import NOW_SQL, date_or_none, iso
from vernetool.domain.deviations.rules import (
    FINISHED_STATUSES,
    Action,
    ActionNote,
    ActionStatus,
    DeviationStatus,
    StatusChange,
)
from vernetool.domain.errors import ValidationError

# --- measures -------------------------------------------------------------------------

def _validate_action(conn: sqlite3.Connection, action: Action) -> tuple[str, int | None]:
    if not action.description.strip():
        raise ValidationError("action.description_missing", "description")
    name = action.responsible_name.strip()
    person_id = action.responsible_person_id
    if person_id is not None:
        row = conn.execute("SELECT name FROM person WHERE id = ?", (person_id,)).fetchone()
        if row is None:
            raise ValidationError("person.no_such_id", "responsible", person_id=person_id)
        name = name or row["name"]
    if not name:
        raise ValidationError("action.responsible_missing", "responsible")
    return name, person_id


def add_action(conn: sqlite3.Connection, deviation_id: int, action: Action, *,
               actor: str, today: dt.date | None = None) -> int:
    """Add a measure. An ``accepted`` deviation moves to ``in_progress`` with it."""
    with atomic(conn):
        dev = get_deviation(conn, deviation_id)
        if dev is None:
            raise ValidationError("deviation.no_such_id", "id", deviation_id=deviation_id)
        if dev.status in FINISHED_STATUSES:
            raise ValidationError("action.deviation_finished", "status", status=dev.status.value)
        name, person_id = _validate_action(conn, action)
        done_at = iso(action.done_at or today or dt.date.today()) \
            if action.status is ActionStatus.DONE else None
        cur = conn.execute(
            "INSERT INTO deviation_action (deviation_id, description, responsible_person_id, "
            "responsible_name, deadline, status, done_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (deviation_id, action.description.strip(), person_id, name, iso(action.deadline),
             action.status.value, done_at))
        action_id = int(cur.lastrowid or 0)
        audit.record(conn, actor, "deviation_action", action_id, "create",
                     {"deviation_id": deviation_id, "description": action.description.strip(),
                      "deadline": iso(action.deadline)})
        if dev.status is DeviationStatus.ACCEPTED:
            change_status(conn, deviation_id,
                          StatusChange(DeviationStatus.IN_PROGRESS), actor=actor,
                          today=today, source="measure")
    return action_id


def update_action(conn: sqlite3.Connection, action: Action, *, actor: str,
                  today: dt.date | None = None) -> None:
    """Save a measure's description, responsible, deadline and status."""
    if action.id is None:
        raise ValueError("update_action needs an action with an id")
    with atomic(conn):
        row = conn.execute("SELECT status, done_at FROM deviation_action WHERE id = ?",
                           (action.id,)).fetchone()
        if row is None:
            raise ValidationError("action.no_such_id", "id", action_id=action.id)
        name, person_id = _validate_action(conn, action)
        done_at: str | None = None
        if action.status is ActionStatus.DONE:
            done_at = iso(action.done_at) or row["done_at"] or iso(today or dt.date.today())
        conn.execute(
            f"UPDATE deviation_action SET description = ?, responsible_person_id = ?, "
            f"responsible_name = ?, deadline = ?, status = ?, done_at = ?, updated_at = {NOW_SQL} "
            f"WHERE id = ?",
            (action.description.strip(), person_id, name, iso(action.deadline),
             action.status.value, done_at, action.id))
        audit.record(conn, actor, "deviation_action", action.id, "update",
                     {"description": action.description.strip(),
                      "deadline": iso(action.deadline), "status": action.status.value})


def set_action_status(conn: sqlite3.Connection, action_id: int, status: ActionStatus, *,
                      actor: str, note: str = "", today: dt.date | None = None) -> None:
    """Mark a measure open / in progress / done, with an optional progress note."""
    with atomic(conn):
        row = conn.execute("SELECT status FROM deviation_action WHERE id = ?",
                           (action_id,)).fetchone()
        if row is None:
            raise ValidationError("action.no_such_id", "id", action_id=action_id)
        done_at = iso(today or dt.date.today()) if status is ActionStatus.DONE else None
        conn.execute(f"UPDATE deviation_action SET status = ?, done_at = ?, updated_at = {NOW_SQL} "
                     "WHERE id = ?", (status.value, done_at, action_id))
        if note.strip():
            add_action_note(conn, action_id, note, actor=actor)
        audit.record(conn, actor, "deviation_action", action_id, "status",
                     {"from": row["status"], "to": status.value})


def add_action_note(conn: sqlite3.Connection, action_id: int, note: str, *, actor: str) -> int:
    if not note.strip():
        raise ValidationError("action.note_empty", "note")
    if conn.execute("SELECT 1 FROM deviation_action WHERE id = ?",
                    (action_id,)).fetchone() is None:
        raise ValidationError("action.no_such_id", "id", action_id=action_id)
    cur = conn.execute("INSERT INTO deviation_action_note (action_id, actor, note) "
                       "VALUES (?, ?, ?)", (action_id, actor, note.strip()))
    return int(cur.lastrowid or 0)


def list_actions(conn: sqlite3.Connection, deviation_id: int) -> list[Action]:
    """The deviation's measures in the order they were added, each with its notes."""
    rows = conn.execute("SELECT * FROM deviation_action WHERE deviation_id = ? ORDER BY id",
                        (deviation_id,)).fetchall()
    notes: dict[int, list[ActionNote]] = {}
    for n in conn.execute(
            "SELECT n.* FROM deviation_action_note n JOIN deviation_action a "
            "ON a.id = n.action_id WHERE a.deviation_id = ? ORDER BY n.id", (deviation_id,)):
        notes.setdefault(n["action_id"], []).append(
            ActionNote(n["note"], n["at"], n["actor"], n["id"]))
    return [Action(r["description"], r["responsible_name"], r["responsible_person_id"],
                   date_or_none(r["deadline"]), ActionStatus(r["status"]),
                   date_or_none(r["done_at"]),
                   notes.get(r["id"], []), r["deviation_id"], r["id"]) for r in rows]


def action_deviation_id(conn: sqlite3.Connection, action_id: int) -> int | None:
    """The deviation a measure belongs to (``None`` when there is no such measure)."""
    row = conn.execute("SELECT deviation_id FROM deviation_action WHERE id = ?",
                       (action_id,)).fetchone()
    return int(row["deviation_id"]) if row else None

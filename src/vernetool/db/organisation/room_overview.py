"""The room view's lists that no register service gives per room: the room's open deviations
and its open round findings (both on indexed ``room_id`` columns)."""

from __future__ import annotations

import sqlite3
from typing import Any

# Deviations still being dealt with: not closed, rejected or passed on to another unit.
_DONE_DEVIATIONS = ("closed", "rejected", "transferred")


def open_deviations(conn: sqlite3.Connection, room_id: int) -> list[dict[str, Any]]:
    """The room's open deviations, newest report first: id, type, title, status, reported_on,
    closing_deadline (ISO dates or None)."""
    rows = conn.execute(
        "SELECT id, type, title, status, reported_at, closing_deadline FROM deviation "
        "WHERE room_id = ? AND status NOT IN (?, ?, ?) ORDER BY reported_at DESC, id DESC",
        (room_id, *_DONE_DEVIATIONS)).fetchall()
    return [{"id": r["id"], "type": r["type"], "title": r["title"], "status": r["status"],
             "reported_on": r["reported_at"], "closing_deadline": r["closing_deadline"]}
            for r in rows]


def open_findings(conn: sqlite3.Connection, room_id: int) -> list[dict[str, Any]]:
    """The room's open round findings, oldest round first: id, round (id, title, start
    date), description, severity, action, responsible, deadline, action_status, register
    (the entry it concerns: kind, id and the label kept with the finding, which stays when
    the entry is later disposed of or deleted; None when none)."""
    rows = conn.execute(
        "SELECT f.id, f.round_id, r.title AS round_title, r.start_date, f.description, "
        "f.severity, f.action, COALESCE(p.name, f.responsible_name) AS responsible, "
        "f.deadline, f.action_status, f.register_kind, f.register_id, f.register_label "
        "FROM round_finding f "
        "JOIN hse_round r ON r.id = f.round_id LEFT JOIN person p ON p.id = f.responsible_id "
        "WHERE f.room_id = ? AND f.status = 'open' ORDER BY r.start_date, f.id",
        (room_id,)).fetchall()
    return [{"id": r["id"], "round_id": r["round_id"], "round_title": r["round_title"],
             "round_start": r["start_date"], "description": r["description"],
             "severity": r["severity"], "action": r["action"], "responsible": r["responsible"],
             "deadline": r["deadline"], "action_status": r["action_status"],
             "register": None if r["register_kind"] is None else {
                 "kind": r["register_kind"], "id": r["register_id"],
                 "label": r["register_label"]}} for r in rows]

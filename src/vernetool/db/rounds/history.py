"""Placing a round's timestamps in the past: for rounds entered after the fact (a round walked
on paper and typed in later) and for the demo's round from last year.

Answers, visits, findings and re-checks get times spread over the round's day in walking
order, so "newest edit wins" and the report's dates stay consistent.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from vernetool.db.connection import atomic


def _stamp(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def backdate_round(conn: sqlite3.Connection, round_id: int, start: dt.datetime,
                   end: dt.datetime) -> None:
    """Spread the round's edits between ``start`` and ``end`` (UTC), in walking order."""
    with atomic(conn):
        answers = conn.execute(
            "SELECT a.id, a.round_room_id FROM round_answer a JOIN round_room rr "
            "ON rr.id = a.round_room_id WHERE rr.round_id = ? ORDER BY rr.position, a.id",
            (round_id,)).fetchall()
        step = (end - start) / max(len(answers) + 1, 1)
        first_in_room: dict[int, dt.datetime] = {}
        last_in_room: dict[int, dt.datetime] = {}
        for n, row in enumerate(answers, start=1):
            when = start + step * n
            first_in_room.setdefault(row["round_room_id"], when)
            last_in_room[row["round_room_id"]] = when
            conn.execute("UPDATE round_answer SET answered_at = ? WHERE id = ?",
                         (_stamp(when), row["id"]))
        for room_id, when in first_in_room.items():
            conn.execute("UPDATE round_room SET visited_at = ?, updated_at = ? WHERE id = ?",
                         (_stamp(when), _stamp(last_in_room[room_id]), room_id))
        for row in conn.execute("SELECT id, round_room_id FROM round_finding WHERE round_id = ?",
                                (round_id,)).fetchall():
            when = last_in_room.get(row["round_room_id"], end)
            conn.execute("UPDATE round_finding SET created_at = ?, updated_at = ? WHERE id = ?",
                         (_stamp(when), _stamp(when), row["id"]))
        for row in conn.execute(
                "SELECT c.id, c.finding_id, f.room_id FROM finding_recheck c JOIN round_finding f "
                "ON f.id = c.finding_id WHERE c.round_id = ?", (round_id,)).fetchall():
            rr = conn.execute("SELECT id FROM round_room WHERE round_id = ? AND room_id IS ?",
                              (round_id, row["room_id"])).fetchone()
            when = last_in_room.get(rr["id"] if rr else 0, end)
            conn.execute("UPDATE finding_recheck SET checked_at = ? WHERE id = ?",
                         (_stamp(when), row["id"]))
            conn.execute("UPDATE round_finding SET updated_at = ?, closed_at = CASE WHEN "
                         "closed_round_id = ? THEN ? ELSE closed_at END WHERE id = ?",
                         (_stamp(when), round_id, _stamp(when)[:19] + "Z", row["finding_id"]))
        conn.execute(
            "UPDATE hse_round SET started_at = CASE WHEN started_at IS NULL THEN NULL ELSE ? END,"
            " completed_at = CASE WHEN completed_at IS NULL THEN NULL ELSE ? END, "
            "reported_at = CASE WHEN reported_at IS NULL THEN NULL ELSE ? END, "
            "created_at = ?, updated_at = ? WHERE id = ?",
            (_stamp(start), _stamp(end), _stamp(end), _stamp(start)[:19] + "Z",
             _stamp(end)[:19] + "Z", round_id))


def backdate_closing(conn: sqlite3.Connection, finding_id: int, closed_at: dt.datetime) -> None:
    """When a finding closed outside a round was really closed."""
    conn.execute("UPDATE round_finding SET closed_at = ?, updated_at = ? WHERE id = ? "
                 "AND status = 'closed'",
                 (_stamp(closed_at)[:19] + "Z", _stamp(closed_at), finding_id))

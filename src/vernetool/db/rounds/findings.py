"""Findings of HSE rounds with their actions (tiltak), carry-forward and re-checks, photos."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from dataclasses import dataclass

from vernetool.db import audit
from vernetool.db.connection import atomic
from vernetool.db.rounds import registers
from vernetool.domain.errors import ValidationError
from vernetool.domain.rounds import (
    ActionStatus,
    Finding,
    FindingStatus,
    RecheckOutcome,
    Severity,
    validate_finding,
)

_SELECT = (
    "SELECT f.*, b.code || ':' || r.number AS room_label, "
    "coalesce(i.text_nb, '') AS item_text_nb, coalesce(i.text_en, '') AS item_text_en, "
    "(urr.id IS NOT NULL AND urr.room_id IS NULL) AS unit_wide "
    "FROM round_finding f LEFT JOIN room r ON r.id = f.room_id "
    "LEFT JOIN building b ON b.id = r.building_id "
    "LEFT JOIN checklist_item i ON i.id = f.item_id "
    "LEFT JOIN round_room urr ON urr.id = f.round_room_id "
)


def _stored_date(value: str | None) -> dt.date | None:
    """A stored deadline; a text that is no date (an older merge of a crafted bundle) reads
    as none, so the action plan and the report still open."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _finding(row: sqlite3.Row, lang: str = "nb") -> Finding:
    return Finding(
        description=row["description"], severity=Severity(row["severity"]),
        action=row["action"], responsible_name=row["responsible_name"],
        responsible_id=row["responsible_id"],
        deadline=_stored_date(row["deadline"]),
        action_status=ActionStatus(row["action_status"]), status=FindingStatus(row["status"]),
        round_id=row["round_id"], round_room_id=row["round_room_id"], room_id=row["room_id"],
        item_id=row["item_id"], id=row["id"], uid=row["uid"],
        follow_up_notes=row["follow_up_notes"], carried_from_id=row["carried_from_id"],
        closed_at=row["closed_at"], room_label=row["room_label"] or "",
        item_text=row["item_text_en"] if lang == "en" else row["item_text_nb"],
        deviation_id=row["deviation_id"], unit_wide=bool(row["unit_wide"]),
        register_kind=row["register_kind"], register_id=row["register_id"],
        register_label=row["register_label"])


def save_finding(conn: sqlite3.Connection, finding: Finding, actor: str) -> int:
    """Create or update a finding; the room comes from its round room."""
    validate_finding(finding)
    if finding.responsible_id is not None and not finding.responsible_name:
        row = conn.execute("SELECT name FROM person WHERE id = ?",
                           (finding.responsible_id,)).fetchone()
        finding.responsible_name = row["name"] if row else ""
    deadline = finding.deadline.isoformat() if finding.deadline else None
    if finding.register_kind is None:
        finding.register_id, finding.register_label = None, ""
    elif finding.register_id is not None:
        # the entry's label as it is now, kept with the finding (the entry may go later)
        label = registers.entry_label(conn, finding.register_kind, finding.register_id)
        finding.register_label = label if label is not None else finding.register_label
    with atomic(conn):
        if finding.id is None:
            if finding.round_room_id is None and finding.round_id is None:
                raise ValidationError("finding.needs_round", "round")
            if finding.round_room_id is not None:
                rr = conn.execute("SELECT round_id, room_id FROM round_room WHERE id = ?",
                                  (finding.round_room_id,)).fetchone()
                if rr is None:
                    raise ValidationError("finding.room_not_in_round", "room")
                finding.round_id, finding.room_id = rr["round_id"], rr["room_id"]
            finding.uid = finding.uid or str(uuid.uuid4())
            cur = conn.execute(
                "INSERT INTO round_finding (uid, round_id, round_room_id, room_id, item_id, "
                "description, severity, action, responsible_id, responsible_name, deadline, "
                "action_status, status, carried_from_id, follow_up_notes, register_kind, "
                "register_id, register_label) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (finding.uid, finding.round_id, finding.round_room_id, finding.room_id,
                 finding.item_id, finding.description.strip(), finding.severity.value,
                 finding.action.strip(), finding.responsible_id, finding.responsible_name,
                 deadline, finding.action_status.value, finding.status.value,
                 finding.carried_from_id, finding.follow_up_notes, finding.register_kind,
                 finding.register_id, finding.register_label))
            finding.id = int(cur.lastrowid or 0)
            audit.record(conn, actor, "round_finding", finding.id, "create",
                         {"description": finding.description})
        else:
            conn.execute(
                "UPDATE round_finding SET description = ?, severity = ?, action = ?, "
                "responsible_id = ?, responsible_name = ?, deadline = ?, action_status = ?, "
                "follow_up_notes = ?, register_kind = ?, register_id = ?, register_label = ?, "
                "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
                (finding.description.strip(), finding.severity.value, finding.action.strip(),
                 finding.responsible_id, finding.responsible_name, deadline,
                 finding.action_status.value, finding.follow_up_notes, finding.register_kind,
                 finding.register_id, finding.register_label, finding.id))
            audit.record(conn, actor, "round_finding", finding.id, "update",
                         {"action_status": finding.action_status.value, "deadline": deadline})
    return finding.id


def get_finding(conn: sqlite3.Connection, finding_id: int, lang: str = "nb") -> Finding:
    row = conn.execute(f"{_SELECT} WHERE f.id = ?", (finding_id,)).fetchone()
    if row is None:
        raise LookupError(f"no finding {finding_id}")
    return _finding(row, lang)


def findings_for_round(conn: sqlite3.Connection, round_id: int, lang: str = "nb"
                       ) -> list[Finding]:
    """The round's own findings, in walking order (the action plan)."""
    rows = conn.execute(
        f"{_SELECT} LEFT JOIN round_room rr ON rr.id = f.round_room_id WHERE f.round_id = ? "
        "ORDER BY rr.position, f.id", (round_id,)).fetchall()
    return [_finding(r, lang) for r in rows]


def findings_for_room(conn: sqlite3.Connection, round_room_id: int, lang: str = "nb"
                      ) -> list[Finding]:
    rows = conn.execute(f"{_SELECT} WHERE f.round_room_id = ? ORDER BY f.id",
                        (round_room_id,)).fetchall()
    return [_finding(r, lang) for r in rows]


def carried_findings(conn: sqlite3.Connection, round_id: int, room_id: int | None,
                     lang: str = "nb") -> list[Finding]:
    """Open findings of this room from earlier rounds, to be re-checked in this one.

    ``room_id`` None: the findings of the unit-wide checklist of earlier rounds of the same
    unit. Findings re-checked in this round stay listed (with their outcome) so the walk and
    the report show what was looked at again.
    """
    start = conn.execute("SELECT start_date, unit_id FROM hse_round WHERE id = ?",
                         (round_id,)).fetchone()
    if start is None:
        raise LookupError(f"no round with id {round_id}")
    if room_id is None:
        where: tuple[str, object] = (
            "f.room_id IS NULL AND urr.id IS NOT NULL AND urr.room_id IS NULL "
            "AND fr.unit_id IS ?", start["unit_id"])
    else:
        where = ("f.room_id = ?", room_id)
    rows = conn.execute(
        f"{_SELECT} JOIN hse_round fr ON fr.id = f.round_id WHERE {where[0]} "
        "AND f.round_id <> ? AND (fr.start_date < ? OR (fr.start_date = ? AND fr.id < ?)) "
        "AND (f.status = 'open' OR f.closed_round_id = ? OR EXISTS (SELECT 1 FROM "
        "finding_recheck c WHERE c.finding_id = f.id AND c.round_id = ?)) "
        "ORDER BY fr.start_date, f.id",
        (where[1], round_id, start["start_date"], start["start_date"], round_id, round_id,
         round_id)).fetchall()
    return [_finding(r, lang) for r in rows]


@dataclass(frozen=True)
class Recheck:
    finding_id: int
    round_id: int
    outcome: RecheckOutcome
    note: str
    checked_by: str
    checked_at: str


def recheck(conn: sqlite3.Connection, finding_id: int, round_id: int,
            outcome: RecheckOutcome, actor: str, note: str = "") -> None:
    """Record that an earlier finding was looked at again: closed, or kept open."""
    with atomic(conn):
        conn.execute(
            "INSERT INTO finding_recheck (finding_id, round_id, outcome, note, checked_by) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (finding_id, round_id) DO UPDATE SET "
            "outcome = excluded.outcome, note = excluded.note, checked_by = excluded.checked_by,"
            " checked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            (finding_id, round_id, outcome.value, note, actor))
        if outcome is RecheckOutcome.CLOSED:
            conn.execute(
                "UPDATE round_finding SET status = 'closed', action_status = 'done', "
                "closed_at = coalesce(closed_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), "
                "closed_round_id = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                "WHERE id = ?", (round_id, finding_id))
        else:
            conn.execute(
                "UPDATE round_finding SET status = 'open', closed_at = NULL, "
                "closed_round_id = NULL, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                "WHERE id = ? AND closed_round_id = ?", (finding_id, round_id))
        audit.record(conn, actor, "round_finding", finding_id, "recheck",
                     {"round_id": round_id, "outcome": outcome.value, "note": note})


def rechecks_for_round(conn: sqlite3.Connection, round_id: int) -> dict[int, Recheck]:
    rows = conn.execute("SELECT * FROM finding_recheck WHERE round_id = ?",
                        (round_id,)).fetchall()
    return {r["finding_id"]: Recheck(r["finding_id"], r["round_id"],
                                     RecheckOutcome(r["outcome"]), r["note"], r["checked_by"],
                                     r["checked_at"]) for r in rows}


def close_finding(conn: sqlite3.Connection, finding_id: int, actor: str,
                  note: str = "") -> None:
    """Close a finding whose action is done (follow-up outside a round)."""
    with atomic(conn):
        conn.execute(
            "UPDATE round_finding SET status = 'closed', action_status = 'done', "
            "closed_at = coalesce(closed_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), "
            "follow_up_notes = CASE WHEN ? = '' THEN follow_up_notes ELSE "
            "trim(follow_up_notes || char(10) || ?) END, "
            "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
            (note, note, finding_id))
        audit.record(conn, actor, "round_finding", finding_id, "close", {"note": note})


def reopen_finding(conn: sqlite3.Connection, finding_id: int, actor: str) -> None:
    with atomic(conn):
        conn.execute(
            "UPDATE round_finding SET status = 'open', closed_at = NULL, closed_round_id = NULL,"
            " action_status = CASE WHEN action_status = 'done' THEN 'in_progress' "
            "ELSE action_status END, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
            "WHERE id = ?", (finding_id,))
        audit.record(conn, actor, "round_finding", finding_id, "reopen", {})


def open_findings_for_unit(conn: sqlite3.Connection, unit_code: str | None,
                           before: dt.date | None = None, lang: str = "nb") -> list[Finding]:
    """Open findings in the unit's rooms from earlier rounds: the pre-meeting's status list."""
    clauses = ["f.status = 'open'"]
    params: list[object] = []
    if unit_code:
        clauses.append("(r.unit_id = (SELECT id FROM unit WHERE code = ?) OR f.round_id IN "
                       "(SELECT id FROM hse_round WHERE unit_id = (SELECT id FROM unit "
                       "WHERE code = ?)))")
        params += [unit_code, unit_code]
    if before is not None:
        clauses.append("f.round_id IN (SELECT id FROM hse_round WHERE start_date < ?)")
        params.append(before.isoformat())
    rows = conn.execute(f"{_SELECT} WHERE {' AND '.join(clauses)} "
                        "ORDER BY f.deadline IS NULL, f.deadline, f.id", params).fetchall()
    return [_finding(r, lang) for r in rows]


def overdue_findings(conn: sqlite3.Connection, today: dt.date, lang: str = "nb"
                     ) -> list[Finding]:
    rows = conn.execute(
        f"{_SELECT} WHERE f.status = 'open' AND f.action_status <> 'done' "
        "AND f.deadline IS NOT NULL AND f.deadline < ? ORDER BY f.deadline",
        (today.isoformat(),)).fetchall()
    return [_finding(r, lang) for r in rows]


def link_deviation(conn: sqlite3.Connection, finding_id: int, deviation_id: int) -> None:
    conn.execute("UPDATE round_finding SET deviation_id = ? WHERE id = ?",
                 (deviation_id, finding_id))


# -- photos -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Photo:
    id: int
    round_room_id: int
    sha256: str
    extension: str
    original_name: str
    caption: str
    item_id: int | None
    finding_id: int | None


def add_photo(conn: sqlite3.Connection, round_room_id: int, sha256: str, extension: str,
              original_name: str, size_bytes: int, *, caption: str = "",
              item_id: int | None = None, finding_id: int | None = None) -> int:
    with atomic(conn):
        conn.execute("INSERT INTO attachment (sha256, extension, original_name, size_bytes) "
                     "VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                     (sha256, extension, original_name, size_bytes))
        conn.execute(
            "INSERT INTO round_photo (round_room_id, item_id, finding_id, sha256, caption) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (round_room_id, sha256) DO UPDATE SET "
            "item_id = coalesce(excluded.item_id, item_id), "
            "finding_id = coalesce(excluded.finding_id, finding_id), "
            "caption = CASE WHEN excluded.caption = '' THEN caption ELSE excluded.caption END",
            (round_room_id, item_id, finding_id, sha256, caption))
        row = conn.execute("SELECT id FROM round_photo WHERE round_room_id = ? AND sha256 = ?",
                           (round_room_id, sha256)).fetchone()
    return int(row["id"])


def photos_for_room(conn: sqlite3.Connection, round_room_id: int) -> list[Photo]:
    rows = conn.execute(
        "SELECT p.*, a.extension, a.original_name FROM round_photo p JOIN attachment a "
        "ON a.sha256 = p.sha256 WHERE p.round_room_id = ? ORDER BY p.id",
        (round_room_id,)).fetchall()
    return [Photo(r["id"], r["round_room_id"], r["sha256"], r["extension"], r["original_name"],
                  r["caption"], r["item_id"], r["finding_id"]) for r in rows]


def remove_photo(conn: sqlite3.Connection, photo_id: int) -> None:
    """Unlink the photo from the room; the stored file stays (other links may use it)."""
    conn.execute("DELETE FROM round_photo WHERE id = ?", (photo_id,))

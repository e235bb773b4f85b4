"""The deviation log's store: recording, workflow with audit trail, measures, attachments,
and the filtered, sorted, paged list behind the deviations table.

For the UI (one call per slot):

* record / edit: ``create_deviation(conn, dev, actor=)`` → id; ``update_deviation(conn, dev,
  actor=)``; ``get_deviation(conn, id)``; ``find_by_source_finding(conn, finding_id)``.
* workflow: ``allowed_transitions(dev.status)`` (domain) for the buttons;
  ``change_status(conn, id, StatusChange(...), actor=)`` → the updated ``Deviation``;
  ``status_history(conn, id)``.
* measures: ``add_action``, ``update_action``, ``set_action_status``, ``add_action_note``,
  ``list_actions`` (with their notes).
* attachments: ``add_attachment(conn, data_dir, id, path, actor=)``, ``list_attachments``,
  ``attachment_path(data_dir, attachment)`` (the shared store of ``vernetool.attachments``).
* the list: ``query_deviations(conn, DeviationFilter(...), sort=, descending=, offset=,
  limit=)`` → ``DeviationRow`` items; ``count_deviations``; ``status_counts`` for the header.
* settings kept in the database: ``list_categories`` / ``add_category`` /
  ``set_category_active``; ``get_hours_worked`` / ``set_hours_worked``;
  ``get_risk_matrix`` / ``set_risk_matrix``.

Every change is written at once (autocommit) or, when it touches several rows, in one
transaction; each goes to ``audit_log`` too.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, fields
from enum import StrEnum
from pathlib import Path
from typing import Any

from vernetool.attachments import (
    AttachmentError,
    StoredFile,
    path_for,
    safe_extension,
    store_bytes,
    store_file,
)
from vernetool.db import audit
from vernetool.db.connection import transaction
from vernetool.domain.deviations import (
    FINISHED_STATUSES,
    Absence,
    Action,
    ActionNote,
    ActionStatus,
    Deviation,
    DeviationStatus,
    DeviationType,
    Injury,
    RiskMatrix,
    StatusChange,
    TriState,
    apply_status_change,
    validate_deviation,
)
from vernetool.domain.errors import ValidationError

ENTITY = "deviation"
_NOW = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
_FINISHED_SQL = ", ".join(f"'{s.value}'" for s in sorted(FINISHED_STATUSES))


# --- conversions ----------------------------------------------------------------------

def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def _datetime(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    return dt.datetime.fromisoformat(value) if len(value) > 10 else \
        dt.datetime.combine(dt.date.fromisoformat(value), dt.time())


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _iso_minutes(value: dt.datetime | None) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M") if value is not None else None


_SELECT = (
    "SELECT d.*, CASE WHEN r.id IS NULL THEN '' ELSE b.code || ':' || r.number END "
    "AS room_label, coalesce(u.code, '') AS unit_code, "
    "i.deviation_id AS injury_id, i.nav_reported, i.absence, i.medical_treatment, "
    "i.reassigned, i.fatality "
    "FROM deviation d LEFT JOIN room r ON r.id = d.room_id "
    "LEFT JOIN building b ON b.id = r.building_id LEFT JOIN unit u ON u.id = d.unit_id "
    "LEFT JOIN deviation_injury i ON i.deviation_id = d.id "
)


def _deviation(row: sqlite3.Row) -> Deviation:
    injury = None
    if row["injury_id"] is not None:
        injury = Injury(bool(row["nav_reported"]), Absence(row["absence"]),
                        TriState(row["medical_treatment"]), TriState(row["reassigned"]),
                        bool(row["fatality"]))
    return Deviation(
        type=DeviationType(row["type"]), title=row["title"],
        reported_at=dt.date.fromisoformat(row["reported_at"]),
        description=row["description"], occurred_at=_datetime(row["occurred_at"]),
        room_id=row["room_id"], room_text=row["room_text"], unit_id=row["unit_id"],
        reporter=row["reporter"], category=row["category"], subcategory=row["subcategory"],
        actual_consequence=row["actual_consequence"],
        potential_consequence=row["potential_consequence"], probability=row["probability"],
        immediate_action=row["immediate_action"], cause=row["cause"],
        status=DeviationStatus(row["status"]), closing_deadline=_date(row["closing_deadline"]),
        rejected_reason=row["rejected_reason"], transferred_to=row["transferred_to"],
        closed_at=_date(row["closed_at"]), source_finding_id=row["source_finding_id"],
        external_id=row["external_id"], injury=injury, id=row["id"],
        room_label=row["room_label"], unit_code=row["unit_code"],
        created_at=row["created_at"], updated_at=row["updated_at"],
    )


def _columns(dev: Deviation) -> dict[str, Any]:
    """The stored columns of a deviation (not its status fields, which the workflow owns)."""
    return {
        "type": dev.type.value, "title": dev.title.strip(), "description": dev.description,
        "reported_at": dev.reported_at.isoformat(), "occurred_at": _iso_minutes(dev.occurred_at),
        "room_id": dev.room_id, "room_text": dev.room_text.strip(), "unit_id": dev.unit_id,
        "reporter": (dev.reporter or "").strip() or None, "category": dev.category.strip(),
        "subcategory": dev.subcategory.strip(), "actual_consequence": dev.actual_consequence,
        "potential_consequence": dev.potential_consequence, "probability": dev.probability,
        "immediate_action": dev.immediate_action, "cause": dev.cause,
        "source_finding_id": dev.source_finding_id,
        "external_id": (dev.external_id or "").strip() or None,
    }


def _status_columns(dev: Deviation) -> dict[str, Any]:
    return {
        "status": dev.status.value, "closing_deadline": _iso(dev.closing_deadline),
        "rejected_reason": dev.rejected_reason, "transferred_to": dev.transferred_to,
        "closed_at": _iso(dev.closed_at),
    }


def _save_injury(conn: sqlite3.Connection, deviation_id: int, injury: Injury | None) -> None:
    if injury is None:
        conn.execute("DELETE FROM deviation_injury WHERE deviation_id = ?", (deviation_id,))
        return
    conn.execute(
        "INSERT INTO deviation_injury (deviation_id, nav_reported, absence, medical_treatment, "
        "reassigned, fatality) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (deviation_id) DO UPDATE "
        "SET nav_reported = excluded.nav_reported, absence = excluded.absence, "
        "medical_treatment = excluded.medical_treatment, reassigned = excluded.reassigned, "
        "fatality = excluded.fatality",
        (deviation_id, int(injury.nav_reported), injury.absence.value,
         injury.medical_treatment.value, injury.reassigned.value, int(injury.fatality)))


def _check_references(conn: sqlite3.Connection, dev: Deviation) -> None:
    if dev.room_id is not None and conn.execute(
            "SELECT 1 FROM room WHERE id = ?", (dev.room_id,)).fetchone() is None:
        raise ValidationError("room", f"there is no room with id {dev.room_id}")
    if dev.unit_id is not None and conn.execute(
            "SELECT 1 FROM unit WHERE id = ?", (dev.unit_id,)).fetchone() is None:
        raise ValidationError("unit", f"there is no unit with id {dev.unit_id}")
    if dev.external_id:
        row = conn.execute("SELECT id FROM deviation WHERE external_id = ?",
                           (dev.external_id.strip(),)).fetchone()
        if row is not None and row["id"] != dev.id:
            raise ValidationError("external_id", f"external id '{dev.external_id}' is used by "
                                  f"deviation {row['id']}")


# --- recording ------------------------------------------------------------------------

def create_deviation(conn: sqlite3.Connection, dev: Deviation, *, actor: str,
                     source: str = "") -> int:
    """Insert a new deviation (with its injury) and its first history entry; returns the id.

    The status is normally ``registered``; imports may give another one (historical data).
    ``source`` says how it came about for the history: ``""`` by hand, ``"import"``,
    ``"finding"`` (the finding is ``dev.source_finding_id``).
    """
    validate_deviation(dev)
    with transaction(conn):
        _check_references(conn, dev)
        values = {**_columns(dev), **_status_columns(dev)}
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cur = conn.execute(f"INSERT INTO deviation ({names}) VALUES ({marks})",
                           list(values.values()))
        deviation_id = int(cur.lastrowid or 0)
        _save_injury(conn, deviation_id, dev.injury)
        conn.execute("INSERT INTO deviation_status_history (deviation_id, from_status, "
                     "to_status, actor, source, finding_id, closing_deadline, reason, "
                     "transferred_to) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?)",
                     (deviation_id, dev.status.value, actor, source,
                      dev.source_finding_id if source == "finding" else None,
                      _iso(dev.closing_deadline), dev.rejected_reason, dev.transferred_to))
        audit.record(conn, actor, ENTITY, deviation_id, "create",
                     {"type": dev.type.value, "title": dev.title, "status": dev.status.value})
    return deviation_id


def update_deviation(conn: sqlite3.Connection, dev: Deviation, *, actor: str) -> bool:
    """Save the edited fields and injury (not the status: use ``change_status``).

    Returns whether anything changed; the audit entry lists the changed fields.
    """
    if dev.id is None:
        raise ValueError("update_deviation needs a deviation with an id")
    validate_deviation(dev)
    with transaction(conn):
        current = get_deviation(conn, dev.id)
        if current is None:
            raise ValidationError("id", f"there is no deviation {dev.id}")
        if current.status is not dev.status:
            raise ValidationError("status", "the status is changed through the workflow")
        _check_references(conn, dev)
        old, new = _columns(current), _columns(dev)
        changed = {k: new[k] for k in new if new[k] != old[k]}
        if dev.status in (DeviationStatus.ACCEPTED, DeviationStatus.IN_PROGRESS) and \
                dev.closing_deadline != current.closing_deadline:
            if dev.closing_deadline is None:
                raise ValidationError("closing_deadline", "an accepted deviation needs a "
                                      "closing deadline")
            changed["closing_deadline"] = dev.closing_deadline.isoformat()
        injury_changed = dev.injury != current.injury
        if changed:
            sets = ", ".join(f"{k} = ?" for k in changed)
            conn.execute(f"UPDATE deviation SET {sets}, updated_at = {_NOW} WHERE id = ?",
                         [*changed.values(), dev.id])
        if injury_changed:
            _save_injury(conn, dev.id, dev.injury)
            if not changed:
                conn.execute(f"UPDATE deviation SET updated_at = {_NOW} WHERE id = ?",
                             (dev.id,))
        if changed or injury_changed:
            details: dict[str, Any] = dict(changed)
            if injury_changed:
                details["injury"] = None if dev.injury is None else {
                    f.name: getattr(dev.injury, f.name) for f in fields(dev.injury)}
            details.pop("reporter", None)  # personal data stays out of the audit details
            audit.record(conn, actor, ENTITY, dev.id, "update", details)
    return bool(changed or injury_changed)


def get_deviation(conn: sqlite3.Connection, deviation_id: int) -> Deviation | None:
    row = conn.execute(f"{_SELECT} WHERE d.id = ?", (deviation_id,)).fetchone()
    return _deviation(row) if row else None


def find_by_source_finding(conn: sqlite3.Connection, finding_id: int) -> list[Deviation]:
    """Deviations made from a round finding (the link back from the finding)."""
    rows = conn.execute(f"{_SELECT} WHERE d.source_finding_id = ? ORDER BY d.id",
                        (finding_id,)).fetchall()
    return [_deviation(r) for r in rows]


_FINDING_SEVERITY = {"low": 2, "medium": 3, "high": 4}


def create_from_finding(conn: sqlite3.Connection, finding_id: int, *, actor: str,
                        today: dt.date | None = None) -> int:
    """Turn a round finding into a hazard deviation, linked both ways; returns its id.

    The deviation gets the finding's room (and the room's unit), its description, a
    potential consequence from its severity (low 2, medium 3, high 4) and its photos. The
    proposed action is not copied as a measure: measures follow the deviation's acceptance.
    """
    from vernetool.db import findings  # the rounds store (schema 2)

    with transaction(conn):
        try:
            finding = findings.get_finding(conn, finding_id)
        except LookupError:
            raise ValidationError("finding", f"there is no finding {finding_id}") from None
        if finding.deviation_id is not None:
            raise ValidationError("finding", f"finding {finding_id} is already deviation "
                                  f"{finding.deviation_id}")
        unit_id = None
        if finding.room_id is not None:
            row = conn.execute("SELECT unit_id FROM room WHERE id = ?",
                               (finding.room_id,)).fetchone()
            unit_id = row["unit_id"] if row else None
        first_line = finding.description.strip().splitlines()[0]
        title = first_line if len(first_line) <= 120 else first_line[:117].rstrip() + "…"
        description = finding.description.strip()
        if finding.item_text:
            description += f"\n\n({finding.item_text})"
        if finding.action:
            description += f"\n\nForeslått tiltak: {finding.action}"
        dev = Deviation(DeviationType.HAZARD, title, today or dt.date.today(),
                        description=description, room_id=finding.room_id, unit_id=unit_id,
                        potential_consequence=_FINDING_SEVERITY.get(finding.severity.value),
                        source_finding_id=finding_id)
        deviation_id = create_deviation(conn, dev, actor=actor,
                                        source="finding")
        findings.link_deviation(conn, finding_id, deviation_id)
        for photo in conn.execute(
                "SELECT a.sha256, a.extension, a.original_name, a.size_bytes FROM round_photo p "
                "JOIN attachment a ON a.sha256 = p.sha256 WHERE p.finding_id = ?",
                (finding_id,)).fetchall():
            name = photo["original_name"] or "photo"
            if photo["extension"] and not name.lower().endswith(photo["extension"]):
                name += photo["extension"]
            _link(conn, deviation_id, StoredFile(photo["sha256"], photo["extension"], name,
                                                 photo["size_bytes"]), actor=actor)
    return deviation_id


def find_by_external_id(conn: sqlite3.Connection, external_id: str) -> Deviation | None:
    row = conn.execute(f"{_SELECT} WHERE d.external_id = ?", (external_id.strip(),)).fetchone()
    return _deviation(row) if row else None


# --- workflow -------------------------------------------------------------------------

@dataclass(frozen=True)
class StatusHistoryEntry:
    """One status change. What it carried is data (deadline, reason, to whom, source) for
    the reader's language; ``note`` is the user's own words."""

    from_status: DeviationStatus | None
    to_status: DeviationStatus
    at: str
    actor: str
    note: str
    source: str = ""                          # "", "import", "finding" or "measure"
    finding_id: int | None = None
    closing_deadline: dt.date | None = None   # set when accepted
    reason: str = ""                          # set when rejected
    transferred_to: str = ""                  # set when transferred


def open_action_count(conn: sqlite3.Connection, deviation_id: int) -> int:
    return int(conn.execute("SELECT count(*) FROM deviation_action WHERE deviation_id = ? "
                            "AND status <> 'done'", (deviation_id,)).fetchone()[0])


def change_status(conn: sqlite3.Connection, deviation_id: int, change: StatusChange, *,
                  actor: str, today: dt.date | None = None, source: str = "") -> Deviation:
    """Move a deviation through the workflow (rules in the domain); history + audit kept.

    ``source`` is ``"measure"`` when adding a measure started the work (for the history)."""
    with transaction(conn):
        current = get_deviation(conn, deviation_id)
        if current is None:
            raise ValidationError("id", f"there is no deviation {deviation_id}")
        updated = apply_status_change(current, change,
                                      open_actions=open_action_count(conn, deviation_id),
                                      today=today)
        values = _status_columns(updated)
        sets = ", ".join(f"{k} = ?" for k in values)
        conn.execute(f"UPDATE deviation SET {sets}, updated_at = {_NOW} WHERE id = ?",
                     [*values.values(), deviation_id])
        note = change.note.strip()
        target = updated.status
        conn.execute("INSERT INTO deviation_status_history (deviation_id, from_status, "
                     "to_status, actor, source, closing_deadline, reason, transferred_to, note) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (deviation_id, current.status.value, target.value, actor, source,
                      _iso(updated.closing_deadline)
                      if target is DeviationStatus.ACCEPTED else None,
                      updated.rejected_reason if target is DeviationStatus.REJECTED else "",
                      updated.transferred_to if target is DeviationStatus.TRANSFERRED else "",
                      note))
        audit.record(conn, actor, ENTITY, deviation_id, "status",
                     {"from": current.status.value, "to": target.value,
                      "note": note, **{k: v for k, v in values.items() if k != "status"}})
    result = get_deviation(conn, deviation_id)
    assert result is not None
    return result


def import_status(conn: sqlite3.Connection, deviation_id: int, dev: Deviation, *,
                  actor: str) -> bool:
    """Set the status fields an imported file gives (historical data, no workflow rules).

    ``dev`` must be valid as a whole (``validate_deviation``). Returns whether anything
    changed; a status change gets a history entry with source ``import``.
    """
    validate_deviation(dev)
    with transaction(conn):
        current = get_deviation(conn, deviation_id)
        if current is None:
            raise ValidationError("id", f"there is no deviation {deviation_id}")
        old, new = _status_columns(current), _status_columns(dev)
        changed = {k: v for k, v in new.items() if v != old[k]}
        if not changed:
            return False
        sets = ", ".join(f"{k} = ?" for k in changed)
        conn.execute(f"UPDATE deviation SET {sets}, updated_at = {_NOW} WHERE id = ?",
                     [*changed.values(), deviation_id])
        if current.status is not dev.status:
            conn.execute("INSERT INTO deviation_status_history (deviation_id, from_status, "
                         "to_status, actor, source, closing_deadline, reason, transferred_to) "
                         "VALUES (?, ?, ?, ?, 'import', ?, ?, ?)",
                         (deviation_id, current.status.value, dev.status.value, actor,
                          _iso(dev.closing_deadline), dev.rejected_reason, dev.transferred_to))
        audit.record(conn, actor, ENTITY, deviation_id, "status",
                     {"from": current.status.value, "source": "import", **changed})
    return True


def status_history(conn: sqlite3.Connection, deviation_id: int) -> list[StatusHistoryEntry]:
    rows = conn.execute("SELECT from_status, to_status, at, actor, note, source, finding_id, "
                        "closing_deadline, reason, transferred_to FROM "
                        "deviation_status_history WHERE deviation_id = ? ORDER BY id",
                        (deviation_id,)).fetchall()
    return [StatusHistoryEntry(DeviationStatus(r["from_status"]) if r["from_status"] else None,
                               DeviationStatus(r["to_status"]), r["at"], r["actor"], r["note"],
                               source=r["source"], finding_id=r["finding_id"],
                               closing_deadline=_date(r["closing_deadline"]),
                               reason=r["reason"], transferred_to=r["transferred_to"])
            for r in rows]


# --- measures -------------------------------------------------------------------------

def _validate_action(conn: sqlite3.Connection, action: Action) -> tuple[str, int | None]:
    if not action.description.strip():
        raise ValidationError("description", "describe the measure")
    name = action.responsible_name.strip()
    person_id = action.responsible_person_id
    if person_id is not None:
        row = conn.execute("SELECT name FROM person WHERE id = ?", (person_id,)).fetchone()
        if row is None:
            raise ValidationError("responsible", f"there is no person with id {person_id}")
        name = name or row["name"]
    if not name:
        raise ValidationError("responsible", "a measure needs a named responsible")
    return name, person_id


def add_action(conn: sqlite3.Connection, deviation_id: int, action: Action, *,
               actor: str, today: dt.date | None = None) -> int:
    """Add a measure. An ``accepted`` deviation moves to ``in_progress`` with it."""
    with transaction(conn):
        dev = get_deviation(conn, deviation_id)
        if dev is None:
            raise ValidationError("id", f"there is no deviation {deviation_id}")
        if dev.status in FINISHED_STATUSES:
            raise ValidationError("status", f"the deviation is {dev.status.value}; reopen it "
                                  "before adding measures")
        name, person_id = _validate_action(conn, action)
        done_at = _iso(action.done_at or today or dt.date.today()) \
            if action.status is ActionStatus.DONE else None
        cur = conn.execute(
            "INSERT INTO deviation_action (deviation_id, description, responsible_person_id, "
            "responsible_name, deadline, status, done_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (deviation_id, action.description.strip(), person_id, name, _iso(action.deadline),
             action.status.value, done_at))
        action_id = int(cur.lastrowid or 0)
        audit.record(conn, actor, "deviation_action", action_id, "create",
                     {"deviation_id": deviation_id, "description": action.description.strip(),
                      "deadline": _iso(action.deadline)})
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
    with transaction(conn):
        row = conn.execute("SELECT status, done_at FROM deviation_action WHERE id = ?",
                           (action.id,)).fetchone()
        if row is None:
            raise ValidationError("id", f"there is no measure {action.id}")
        name, person_id = _validate_action(conn, action)
        done_at: str | None = None
        if action.status is ActionStatus.DONE:
            done_at = _iso(action.done_at) or row["done_at"] or _iso(today or dt.date.today())
        conn.execute(
            f"UPDATE deviation_action SET description = ?, responsible_person_id = ?, "
            f"responsible_name = ?, deadline = ?, status = ?, done_at = ?, updated_at = {_NOW} "
            f"WHERE id = ?",
            (action.description.strip(), person_id, name, _iso(action.deadline),
             action.status.value, done_at, action.id))
        audit.record(conn, actor, "deviation_action", action.id, "update",
                     {"description": action.description.strip(),
                      "deadline": _iso(action.deadline), "status": action.status.value})


def set_action_status(conn: sqlite3.Connection, action_id: int, status: ActionStatus, *,
                      actor: str, note: str = "", today: dt.date | None = None) -> None:
    """Mark a measure open / in progress / done, with an optional progress note."""
    with transaction(conn):
        row = conn.execute("SELECT status FROM deviation_action WHERE id = ?",
                           (action_id,)).fetchone()
        if row is None:
            raise ValidationError("id", f"there is no measure {action_id}")
        done_at = _iso(today or dt.date.today()) if status is ActionStatus.DONE else None
        conn.execute(f"UPDATE deviation_action SET status = ?, done_at = ?, updated_at = {_NOW} "
                     "WHERE id = ?", (status.value, done_at, action_id))
        if note.strip():
            add_action_note(conn, action_id, note, actor=actor)
        audit.record(conn, actor, "deviation_action", action_id, "status",
                     {"from": row["status"], "to": status.value})


def add_action_note(conn: sqlite3.Connection, action_id: int, note: str, *, actor: str) -> int:
    if not note.strip():
        raise ValidationError("note", "the note is empty")
    if conn.execute("SELECT 1 FROM deviation_action WHERE id = ?",
                    (action_id,)).fetchone() is None:
        raise ValidationError("id", f"there is no measure {action_id}")
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
                   _date(r["deadline"]), ActionStatus(r["status"]), _date(r["done_at"]),
                   notes.get(r["id"], []), r["deviation_id"], r["id"]) for r in rows]


# --- attachments ----------------------------------------------------------------------

@dataclass(frozen=True)
class Attachment:
    id: int
    deviation_id: int
    sha256: str
    original_name: str
    media_type: str
    size_bytes: int
    added_at: str
    added_by: str


def attachment_path(data_dir: Path, attachment: Attachment) -> Path:
    """Where the attachment's content lives in the shared store (``vernetool.attachments``):
    ``<data_dir>/attachments/ab/<sha256><.ext>``."""
    return path_for(data_dir, attachment.sha256, safe_extension(attachment.original_name))


def _link(conn: sqlite3.Connection, deviation_id: int, stored: StoredFile, *,
          actor: str) -> Attachment:
    media = mimetypes.guess_type(f"x{stored.extension}")[0] or ""
    with transaction(conn):
        conn.execute(
            "INSERT INTO deviation_attachment (deviation_id, sha256, original_name, media_type, "
            "size_bytes, added_by) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (deviation_id, sha256) DO NOTHING",
            (deviation_id, stored.sha256, stored.original_name, media, stored.size_bytes,
             actor))
        row = conn.execute("SELECT * FROM deviation_attachment WHERE deviation_id = ? AND "
                           "sha256 = ?", (deviation_id, stored.sha256)).fetchone()
        audit.record(conn, actor, ENTITY, deviation_id, "attach",
                     {"sha256": stored.sha256, "name": stored.original_name})
    return _attachment(row)


def _check_deviation(conn: sqlite3.Connection, deviation_id: int) -> None:
    if conn.execute("SELECT 1 FROM deviation WHERE id = ?",
                    (deviation_id,)).fetchone() is None:
        raise ValidationError("id", f"there is no deviation {deviation_id}")


def add_attachment_bytes(conn: sqlite3.Connection, data_dir: Path, deviation_id: int,
                         name: str, data: bytes, *, actor: str) -> Attachment:
    """Store ``data`` content-addressed (the file name never becomes a path) and link it."""
    _check_deviation(conn, deviation_id)
    safe = name.replace("\\", "/").rsplit("/", 1)[-1]
    try:
        stored = store_bytes(data_dir, data, safe)
    except AttachmentError as exc:
        raise ValidationError("attachment", str(exc)) from None
    return _link(conn, deviation_id, stored, actor=actor)


def add_attachment(conn: sqlite3.Connection, data_dir: Path, deviation_id: int, source: Path,
                   *, actor: str) -> Attachment:
    """Copy a file (e.g. a photo) into the attachment store and link it to the deviation."""
    _check_deviation(conn, deviation_id)
    try:
        stored = store_file(data_dir, source)
    except AttachmentError as exc:
        raise ValidationError("attachment", str(exc)) from None
    return _link(conn, deviation_id, stored, actor=actor)


def _attachment(row: sqlite3.Row) -> Attachment:
    return Attachment(row["id"], row["deviation_id"], row["sha256"], row["original_name"],
                      row["media_type"], row["size_bytes"], row["added_at"], row["added_by"])


def list_attachments(conn: sqlite3.Connection, deviation_id: int) -> list[Attachment]:
    rows = conn.execute("SELECT * FROM deviation_attachment WHERE deviation_id = ? ORDER BY id",
                        (deviation_id,)).fetchall()
    return [_attachment(r) for r in rows]


def export_attachment(data_dir: Path, attachment: Attachment, target: Path) -> Path:
    shutil.copyfile(attachment_path(data_dir, attachment), target)
    return target


# --- the list -------------------------------------------------------------------------

class DeviationSort(StrEnum):
    REPORTED_AT = "reported_at"
    TYPE = "type"
    TITLE = "title"
    STATUS = "status"
    CATEGORY = "category"
    SEVERITY = "severity"
    RISK = "risk"
    ROOM = "room"
    UNIT = "unit"
    CLOSING_DEADLINE = "closing_deadline"
    ID = "id"


_SORT_SQL: dict[DeviationSort, tuple[str, ...]] = {
    DeviationSort.REPORTED_AT: ("d.reported_at",),
    DeviationSort.TYPE: ("d.type",),
    DeviationSort.TITLE: ("d.title COLLATE NOCASE",),
    DeviationSort.STATUS: ("d.status",),
    DeviationSort.CATEGORY: ("d.category COLLATE NOCASE", "d.subcategory COLLATE NOCASE"),
    DeviationSort.SEVERITY: ("coalesce(d.potential_consequence, 0)",),
    DeviationSort.RISK: ("coalesce(d.potential_consequence * d.probability, 0)",),
    DeviationSort.ROOM: ("room_label COLLATE NOCASE",),
    DeviationSort.UNIT: ("unit_code COLLATE NOCASE",),
    DeviationSort.CLOSING_DEADLINE: ("coalesce(d.closing_deadline, '9999')",),
    DeviationSort.ID: ("d.id",),
}


def fts_query(text: str) -> str:
    """User words → an FTS5 query: every word must match, each as a prefix ("brann*")."""
    words = [w for w in text.replace('"', " ").split() if w]
    return " ".join(f'"{w}"*' for w in words)


@dataclass(frozen=True)
class DeviationFilter:
    """What the deviations list shows. Empty tuples / None mean "any".

    ``text`` is a full-text search (prefix per word) in title, description, cause and
    immediate action. ``overdue_only`` keeps unfinished deviations past their closing
    deadline or with a measure past its deadline (as of ``today``, default the real today).
    """

    statuses: tuple[DeviationStatus, ...] = ()
    types: tuple[DeviationType, ...] = ()
    category: str | None = None
    subcategory: str | None = None
    severities: tuple[int, ...] = ()
    min_severity: int | None = None
    room_id: int | None = None
    unit_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""
    overdue_only: bool = False
    open_only: bool = False
    source_finding_id: int | None = None

    def where(self, today: dt.date) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []

        def among(column: str, values: Iterable[Any]) -> None:
            items = list(values)
            if items:
                clauses.append(f"{column} IN ({', '.join('?' for _ in items)})")
                params.extend(items)

        among("d.status", [s.value for s in self.statuses])
        among("d.type", [t.value for t in self.types])
        among("d.potential_consequence", self.severities)
        for column, value in (("d.category", self.category),
                              ("d.subcategory", self.subcategory),
                              ("d.room_id", self.room_id), ("d.unit_id", self.unit_id),
                              ("d.source_finding_id", self.source_finding_id)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.min_severity is not None:
            clauses.append("d.potential_consequence >= ?")
            params.append(self.min_severity)
        if self.date_from is not None:
            clauses.append("d.reported_at >= ?")
            params.append(self.date_from.isoformat())
        if self.date_to is not None:
            clauses.append("d.reported_at <= ?")
            params.append(self.date_to.isoformat())
        query = fts_query(self.text)
        if query:
            clauses.append("d.id IN (SELECT rowid FROM deviation_fts WHERE deviation_fts "
                           "MATCH ?)")
            params.append(query)
        if self.open_only:
            clauses.append(f"d.status NOT IN ({_FINISHED_SQL})")
        if self.overdue_only:
            clauses.append(_OVERDUE_SQL)
            params.extend([today.isoformat(), today.isoformat()])
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


_OVERDUE_SQL = (
    f"(d.status NOT IN ({_FINISHED_SQL}) AND ((d.closing_deadline IS NOT NULL "
    "AND d.closing_deadline < ?) OR EXISTS (SELECT 1 FROM deviation_action a "
    "WHERE a.deviation_id = d.id AND a.status <> 'done' AND a.deadline < ?)))"
)


@dataclass(frozen=True)
class DeviationRow:
    """One line of the deviations list."""

    id: int
    reported_at: dt.date
    type: DeviationType
    title: str
    status: DeviationStatus
    category: str
    subcategory: str
    potential_consequence: int | None
    probability: int | None
    room_label: str
    unit_code: str
    closing_deadline: dt.date | None
    closed_at: dt.date | None
    overdue: bool
    open_actions: int
    has_injury: bool
    external_id: str | None = None


_LIST_SELECT = (
    "SELECT d.id, d.reported_at, d.type, d.title, d.status, d.category, d.subcategory, "
    "d.potential_consequence, d.probability, d.closing_deadline, d.closed_at, d.external_id, "
    "d.room_text, CASE WHEN r.id IS NULL THEN d.room_text ELSE b.code || ':' || r.number END "
    "AS room_label, coalesce(u.code, '') AS unit_code, "
    f"{_OVERDUE_SQL} AS overdue, "
    "(SELECT count(*) FROM deviation_action a WHERE a.deviation_id = d.id "
    "AND a.status <> 'done') AS open_actions, "
    "EXISTS (SELECT 1 FROM deviation_injury i WHERE i.deviation_id = d.id) AS has_injury "
    "FROM deviation d LEFT JOIN room r ON r.id = d.room_id "
    "LEFT JOIN building b ON b.id = r.building_id LEFT JOIN unit u ON u.id = d.unit_id"
)


def query_deviations(conn: sqlite3.Connection, flt: DeviationFilter = DeviationFilter(), *,
                     sort: DeviationSort = DeviationSort.REPORTED_AT, descending: bool = True,
                     offset: int = 0, limit: int = -1, today: dt.date | None = None
                     ) -> list[DeviationRow]:
    """A page of the list, newest first by default (ties broken by id)."""
    day = (today or dt.date.today()).isoformat()
    where, params = flt.where(dt.date.fromisoformat(day))
    direction = "DESC" if descending else "ASC"
    order = ", ".join(f"{part} {direction}" for part in _SORT_SQL[sort])
    rows = conn.execute(f"{_LIST_SELECT}{where} ORDER BY {order}, d.id {direction} "
                        "LIMIT ? OFFSET ?", [day, day, *params, limit, offset]).fetchall()
    return [DeviationRow(
        r["id"], dt.date.fromisoformat(r["reported_at"]), DeviationType(r["type"]), r["title"],
        DeviationStatus(r["status"]), r["category"], r["subcategory"],
        r["potential_consequence"], r["probability"], r["room_label"], r["unit_code"],
        _date(r["closing_deadline"]), _date(r["closed_at"]), bool(r["overdue"]),
        r["open_actions"], bool(r["has_injury"]), r["external_id"]) for r in rows]


def count_deviations(conn: sqlite3.Connection, flt: DeviationFilter = DeviationFilter(), *,
                     today: dt.date | None = None) -> int:
    where, params = flt.where(today or dt.date.today())
    return int(conn.execute(f"SELECT count(*) FROM deviation d{where}", params).fetchone()[0])


def status_counts(conn: sqlite3.Connection, flt: DeviationFilter = DeviationFilter(), *,
                  today: dt.date | None = None) -> dict[str, int]:
    """Counts for the list header under ``flt`` without its status choice.

    Keys: every status value, ``total``, ``open`` (not closed/rejected/transferred) and
    ``overdue``.
    """
    day = today or dt.date.today()
    base = DeviationFilter(**{**{f.name: getattr(flt, f.name) for f in fields(flt)},
                              "statuses": (), "overdue_only": False, "open_only": False})
    where, params = base.where(day)
    counts: dict[str, int] = {s.value: 0 for s in DeviationStatus}
    for row in conn.execute(f"SELECT d.status, count(*) AS n FROM deviation d{where} "
                            "GROUP BY d.status", params):
        counts[row["status"]] = row["n"]
    counts["total"] = sum(counts[s.value] for s in DeviationStatus)
    counts["open"] = counts["total"] - sum(counts[s.value] for s in FINISHED_STATUSES)
    overdue_where, overdue_params = DeviationFilter(
        **{**{f.name: getattr(base, f.name) for f in fields(base)}, "overdue_only": True}
    ).where(day)
    counts["overdue"] = int(conn.execute(f"SELECT count(*) FROM deviation d{overdue_where}",
                                         overdue_params).fetchone()[0])
    return counts


# --- settings kept with the data -------------------------------------------------------

@dataclass(frozen=True)
class Category:
    id: int
    name: str
    name_en: str
    active: bool
    subcategories: tuple[Category, ...] = ()

    def label(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name


def list_categories(conn: sqlite3.Connection, *, include_inactive: bool = False
                    ) -> list[Category]:
    """Main categories in their order, each with its subcategories."""
    rows = conn.execute("SELECT * FROM deviation_category ORDER BY sort_order, name").fetchall()
    children: dict[int, list[Category]] = {}
    for r in rows:
        if r["parent_id"] is not None and (include_inactive or r["active"]):
            children.setdefault(r["parent_id"], []).append(
                Category(r["id"], r["name"], r["name_en"], bool(r["active"])))
    return [Category(r["id"], r["name"], r["name_en"], bool(r["active"]),
                     tuple(children.get(r["id"], [])))
            for r in rows if r["parent_id"] is None and (include_inactive or r["active"])]


def add_category(conn: sqlite3.Connection, name: str, *, parent_id: int | None = None,
                 name_en: str = "", actor: str) -> int:
    if not name.strip():
        raise ValidationError("name", "the category name is missing")
    try:
        cur = conn.execute(
            "INSERT INTO deviation_category (parent_id, name, name_en, sort_order) VALUES "
            "(?, ?, ?, (SELECT coalesce(max(sort_order), 0) + 1 FROM deviation_category "
            "WHERE parent_id IS ?))", (parent_id, name.strip(), name_en.strip(), parent_id))
    except sqlite3.IntegrityError as exc:
        raise ValidationError("name", f"the category '{name.strip()}' exists already") from exc
    category_id = int(cur.lastrowid or 0)
    audit.record(conn, actor, "deviation_category", category_id, "create", {"name": name})
    return category_id


def set_category_active(conn: sqlite3.Connection, category_id: int, active: bool, *,
                        actor: str) -> None:
    """Hide or show a category in choices (deviations keep the names they have)."""
    conn.execute("UPDATE deviation_category SET active = ? WHERE id = ?",
                 (int(active), category_id))
    audit.record(conn, actor, "deviation_category", category_id, "active", {"active": active})


def get_hours_worked(conn: sqlite3.Connection, year: int) -> float | None:
    row = conn.execute("SELECT hours FROM hours_worked WHERE year = ?", (year,)).fetchone()
    return float(row["hours"]) if row else None


def set_hours_worked(conn: sqlite3.Connection, year: int, hours: float | None, *,
                     actor: str) -> None:
    """Record (or with ``None`` remove) the hours worked in a year, the H1/H2 denominator."""
    if hours is None:
        conn.execute("DELETE FROM hours_worked WHERE year = ?", (year,))
    else:
        if hours <= 0:
            raise ValidationError("hours_worked", "hours worked must be more than 0")
        if not 1900 <= year <= 2999:
            raise ValidationError("year", f"{year} is not a plausible year")
        conn.execute(f"INSERT INTO hours_worked (year, hours) VALUES (?, ?) ON CONFLICT (year) "
                     f"DO UPDATE SET hours = excluded.hours, updated_at = {_NOW}",
                     (year, float(hours)))
    audit.record(conn, actor, "hours_worked", year, "set", {"hours": hours})


_MATRIX_KEYS = ("deviation.risk.yellow_from", "deviation.risk.red_from")


def get_risk_matrix(conn: sqlite3.Connection) -> RiskMatrix:
    values = dict(conn.execute("SELECT key, value FROM app_meta WHERE key IN (?, ?)",
                               _MATRIX_KEYS).fetchall())
    default = RiskMatrix()
    try:
        return RiskMatrix(int(values.get(_MATRIX_KEYS[0], default.yellow_from)),
                          int(values.get(_MATRIX_KEYS[1], default.red_from)))
    except (ValueError, ValidationError):
        return default


def set_risk_matrix(conn: sqlite3.Connection, matrix: RiskMatrix, *, actor: str) -> None:
    with transaction(conn):
        for key, value in zip(_MATRIX_KEYS, (matrix.yellow_from, matrix.red_from),
                              strict=True):
            conn.execute("INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) "
                         "DO UPDATE SET value = excluded.value", (key, str(value)))
        audit.record(conn, actor, "risk_matrix", None, "set",
                     {"yellow_from": matrix.yellow_from, "red_from": matrix.red_from})

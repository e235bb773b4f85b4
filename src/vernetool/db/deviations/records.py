"""The deviation log's records: recording and editing, the link from round findings, and the
workflow (status changes with their history). Every change goes to ``audit_log`` too.

The rest of the deviation store: measures in ``deviation_actions``, files in
``deviation_attachments``, the list and its filters in ``deviation_queries``, categories /
hours worked / risk matrix in ``deviation_settings``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, fields
from typing import Any

from vernetool.attachments import StoredFile
from vernetool.db import audit
from vernetool.db.connection import atomic
from vernetool.db.deviations.attachments import link_stored
from vernetool.db.deviations.sql import (
    ENTITY,
    NOW_SQL,
    date_or_none,
    datetime_or_none,
    iso,
    iso_minutes,
)
from vernetool.domain.deviations.rules import (
    Absence,
    Deviation,
    DeviationStatus,
    DeviationType,
    Injury,
    StatusChange,
    TriState,
    apply_status_change,
    validate_deviation,
)
from vernetool.domain.errors import ValidationError

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
        description=row["description"], occurred_at=datetime_or_none(row["occurred_at"]),
        room_id=row["room_id"], room_text=row["room_text"], unit_id=row["unit_id"],
        reporter=row["reporter"], category=row["category"], subcategory=row["subcategory"],
        actual_consequence=row["actual_consequence"],
        potential_consequence=row["potential_consequence"], probability=row["probability"],
        immediate_action=row["immediate_action"], cause=row["cause"],
        status=DeviationStatus(row["status"]),
        closing_deadline=date_or_none(row["closing_deadline"]),
        rejected_reason=row["rejected_reason"], transferred_to=row["transferred_to"],
        closed_at=date_or_none(row["closed_at"]), source_finding_id=row["source_finding_id"],
        external_id=row["external_id"], injury=injury, id=row["id"],
        room_label=row["room_label"], unit_code=row["unit_code"],
        created_at=row["created_at"], updated_at=row["updated_at"],
    )


def _columns(dev: Deviation) -> dict[str, Any]:
    """The stored columns of a deviation (not its status fields, which the workflow owns)."""
    return {
        "type": dev.type.value, "title": dev.title.strip(), "description": dev.description,
        "reported_at": dev.reported_at.isoformat(), "occurred_at": iso_minutes(dev.occurred_at),
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
        "status": dev.status.value, "closing_deadline": iso(dev.closing_deadline),
        "rejected_reason": dev.rejected_reason, "transferred_to": dev.transferred_to,
        "closed_at": iso(dev.closed_at),
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
        raise ValidationError("room.no_such_id", "room", room_id=dev.room_id)
    if dev.unit_id is not None and conn.execute(
            "SELECT 1 FROM unit WHERE id = ?", (dev.unit_id,)).fetchone() is None:
        raise ValidationError("unit.no_such_id", "unit", unit_id=dev.unit_id)
    if dev.external_id:
        row = conn.execute("SELECT id FROM deviation WHERE external_id = ?",
                           (dev.external_id.strip(),)).fetchone()
        if row is not None and row["id"] != dev.id:
            raise ValidationError("deviation.external_id_used", "external_id",
                                  external_id=dev.external_id, id=row['id'])


# --- recording ------------------------------------------------------------------------

def create_deviation(conn: sqlite3.Connection, dev: Deviation, *, actor: str,
                     source: str = "") -> int:
    """Insert a new deviation (with its injury) and its first history entry; returns the id.

    The status is normally ``registered``; imports may give another one (historical data).
    ``source`` says how it came about for the history: ``""`` by hand, ``"import"``,
    ``"finding"`` (the finding is ``dev.source_finding_id``).
    """
    validate_deviation(dev)
    with atomic(conn):
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
                      iso(dev.closing_deadline), dev.rejected_reason, dev.transferred_to))
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
    with atomic(conn):
        current = get_deviation(conn, dev.id)
        if current is None:
            raise ValidationError("deviation.no_such_id", "id", deviation_id=dev.id)
        if current.status is not dev.status:
            raise ValidationError("deviation.status_by_workflow", "status")
        _check_references(conn, dev)
        old, new = _columns(current), _columns(dev)
        changed = {k: new[k] for k in new if new[k] != old[k]}
        if dev.status in (DeviationStatus.ACCEPTED, DeviationStatus.IN_PROGRESS) and \
                dev.closing_deadline != current.closing_deadline:
            if dev.closing_deadline is None:
                raise ValidationError("deviation.accepted_needs_deadline", "closing_deadline")
            changed["closing_deadline"] = dev.closing_deadline.isoformat()
        injury_changed = dev.injury != current.injury
        if changed:
            sets = ", ".join(f"{k} = ?" for k in changed)
            conn.execute(f"UPDATE deviation SET {sets}, updated_at = {NOW_SQL} WHERE id = ?",
                         [*changed.values(), dev.id])
        if injury_changed:
            _save_injury(conn, dev.id, dev.injury)
            if not changed:
                conn.execute(f"UPDATE deviation SET updated_at = {NOW_SQL} WHERE id = ?",
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
    from vernetool.db.rounds import findings  # the rounds store (schema 2)

    with atomic(conn):
        try:
            finding = findings.get_finding(conn, finding_id)
        except LookupError:
            raise ValidationError("finding.no_such_id", "finding", finding_id=finding_id) from None
        if finding.deviation_id is not None:
            raise ValidationError("finding.already_deviation", "finding", finding_id=finding_id,
                                  deviation_id=finding.deviation_id)
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
            link_stored(conn, deviation_id, StoredFile(photo["sha256"], photo["extension"], name,
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
    with atomic(conn):
        current = get_deviation(conn, deviation_id)
        if current is None:
            raise ValidationError("deviation.no_such_id", "id", deviation_id=deviation_id)
        updated = apply_status_change(current, change,
                                      open_actions=open_action_count(conn, deviation_id),
                                      today=today)
        values = _status_columns(updated)
        sets = ", ".join(f"{k} = ?" for k in values)
        conn.execute(f"UPDATE deviation SET {sets}, updated_at = {NOW_SQL} WHERE id = ?",
                     [*values.values(), deviation_id])
        note = change.note.strip()
        target = updated.status
        conn.execute("INSERT INTO deviation_status_history (deviation_id, from_status, "
                     "to_status, actor, source, closing_deadline, reason, transferred_to, note) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (deviation_id, current.status.value, target.value, actor, source,
                      iso(updated.closing_deadline)
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
    with atomic(conn):
        current = get_deviation(conn, deviation_id)
        if current is None:
            raise ValidationError("deviation.no_such_id", "id", deviation_id=deviation_id)
        old, new = _status_columns(current), _status_columns(dev)
        changed = {k: v for k, v in new.items() if v != old[k]}
        if not changed:
            return False
        sets = ", ".join(f"{k} = ?" for k in changed)
        conn.execute(f"UPDATE deviation SET {sets}, updated_at = {NOW_SQL} WHERE id = ?",
                     [*changed.values(), deviation_id])
        if current.status is not dev.status:
            conn.execute("INSERT INTO deviation_status_history (deviation_id, from_status, "
                         "to_status, actor, source, closing_deadline, reason, transferred_to) "
                         "VALUES (?, ?, ?, ?, 'import', ?, ?, ?)",
                         (deviation_id, current.status.value, dev.status.value, actor,
                          iso(dev.closing_deadline), dev.rejected_reason, dev.transferred_to))
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
                               closing_deadline=date_or_none(r["closing_deadline"]),
                               reason=r["reason"], transferred_to=r["transferred_to"])
            for r in rows]

"""The audit trail: who changed what, and when."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AuditEntry:
    at: str
    actor: str
    entity: str
    entity_id: int | None
    action: str
    details: dict[str, Any]


def record(
    conn: sqlite3.Connection,
    actor: str,
    entity: str,
    entity_id: int | None,
    action: str,
    details: dict[str, Any] | None = None,
) -> None:
    conn.execute(
        "INSERT INTO audit_log (actor, entity, entity_id, action, details) VALUES (?, ?, ?, ?, ?)",
        (actor, entity, entity_id, action, json.dumps(details or {}, ensure_ascii=False,
                                                      default=str)),
    )


def history(conn: sqlite3.Connection, entity: str, entity_id: int) -> list[AuditEntry]:
    rows = conn.execute(
        "SELECT at, actor, entity, entity_id, action, details FROM audit_log "
        "WHERE entity = ? AND entity_id = ? ORDER BY id",
        (entity, entity_id),
    ).fetchall()
    return [
        AuditEntry(r["at"], r["actor"], r["entity"], r["entity_id"], r["action"],
                   json.loads(r["details"]))
        for r in rows
    ]

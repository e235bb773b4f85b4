"""The reads of the payload builders: the changed records of each kind, by id, in bulk.

The deviation reads name their columns one by one and never select what identifies a person
(``reporter``, ``transferred_to``, the measures' ``responsible_*``, notes, the history's
``actor`` and ``note``, attachments): a deviation payload cannot carry what was never read.
Ids go in as one JSON array (``json_each``), so 10,000 ids are one statement, not 10,000.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection
from typing import Any


def _ids(ids: Collection[int]) -> str:
    return json.dumps(sorted(ids))


def _dicts(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


_IN = "IN (SELECT value FROM json_each(?))"

_DEVIATIONS = (
    "SELECT d.id, d.external_id, d.type, d.title, d.description, d.reported_at, "
    "d.occurred_at, CASE WHEN r.id IS NULL THEN d.room_text ELSE b.code || ':' || r.number END "
    "AS room, coalesce(u.code, '') AS unit, d.category, d.subcategory, d.actual_consequence, "
    "d.potential_consequence, d.probability, d.immediate_action, d.cause, d.status, "
    "d.closing_deadline, d.rejected_reason, d.closed_at, d.updated_at, "
    "i.deviation_id IS NOT NULL AS injury, i.nav_reported, i.absence, i.medical_treatment, "
    "i.reassigned, i.fatality "
    "FROM deviation d LEFT JOIN room r ON r.id = d.room_id "
    "LEFT JOIN building b ON b.id = r.building_id LEFT JOIN unit u ON u.id = d.unit_id "
    "LEFT JOIN deviation_injury i ON i.deviation_id = d.id "
    f"WHERE d.id {_IN} ORDER BY d.id")


def deviations(conn: sqlite3.Connection, ids: Collection[int]) -> list[dict[str, Any]]:
    """The deviations with these ids (those still stored), without personal columns."""
    return _dicts(conn.execute(_DEVIATIONS, (_ids(ids),)))


def deviation_measures(conn: sqlite3.Connection, ids: Collection[int]
                       ) -> list[dict[str, Any]]:
    """The measures of these deviations: what, by when, how far — not who."""
    return _dicts(conn.execute(
        "SELECT id, deviation_id, description, deadline, status, done_at "
        f"FROM deviation_action WHERE deviation_id {_IN} ORDER BY deviation_id, id",
        (_ids(ids),)))


def deviation_history(conn: sqlite3.Connection, ids: Collection[int]
                      ) -> list[dict[str, Any]]:
    """The status history of these deviations: when, from, to, deadline, reason — not who
    and not the person's own note."""
    return _dicts(conn.execute(
        "SELECT deviation_id, at, from_status, to_status, closing_deadline, reason, source "
        f"FROM deviation_status_history WHERE deviation_id {_IN} ORDER BY deviation_id, id",
        (_ids(ids),)))


def holdings_of_products(conn: sqlite3.Connection, product_ids: Collection[int]) -> set[int]:
    """The holdings of these products (a product's facts changed: its holdings go again)."""
    return {r[0] for r in conn.execute(
        f"SELECT id FROM chemical_holding WHERE product_id {_IN}", (_ids(product_ids),))}


def round_rows(conn: sqlite3.Connection, ids: Collection[int]) -> list[dict[str, Any]]:
    """The rounds with these ids (whatever their status)."""
    return _dicts(conn.execute(
        "SELECT h.id, h.uid, h.title, coalesce(u.code, '') AS unit, h.start_date, h.end_date, "
        "h.status, h.completed_at, h.reported_at, h.updated_at "
        "FROM hse_round h LEFT JOIN unit u ON u.id = h.unit_id "
        f"WHERE h.id {_IN} ORDER BY h.id", (_ids(ids),)))


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?",
                        (name,)).fetchone() is not None


def table_rows(conn: sqlite3.Connection, table: str, ids: Collection[int]
               ) -> list[dict[str, Any]]:
    """Every column of the rows of ``table`` (a name the caller chose, never user text) with
    these rowids, plus ``_rowid`` — for a table another issue owns (the annual answers)."""
    if not table.isidentifier():
        raise ValueError(f"not a table name: {table!r}")
    return _dicts(conn.execute(
        f'SELECT *, rowid AS _rowid FROM "{table}" WHERE rowid {_IN} ORDER BY rowid',
        (_ids(ids),)))


def deleted_at(conn: sqlite3.Connection, entity: str, ids: Collection[int], since_seq: int,
               upto_seq: int) -> dict[int, str]:
    """When each of these records was deleted: its last ``delete`` entry in the range."""
    return {int(r[0]): str(r[1]) for r in conn.execute(
        "SELECT entity_id, max(at) FROM change_log WHERE entity = ? AND op = 'delete' "
        f"AND seq > ? AND seq <= ? AND entity_id {_IN} GROUP BY entity_id",
        (entity, since_seq, upto_seq, _ids(ids)))}

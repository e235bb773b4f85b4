"""``change_log``: which records of a kind changed in a range of the log.

The triggers of migration 11 log every insert, update and delete of a sent record (a child
row as its parent); a bundle covers ``(since_seq, upto_seq]``. For each record the LAST entry
in the range decides: ``upsert`` → send its current state, ``delete`` → a tombstone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    """The records of one entity changed in a range: ids to send, ids deleted."""

    entity: str
    upserts: tuple[int, ...] = ()      # ascending
    deletes: tuple[int, ...] = ()      # ascending (tombstones)

    def __bool__(self) -> bool:
        return bool(self.upserts or self.deletes)


def last_seq(conn: sqlite3.Connection) -> int:
    """The newest entry's seq (0 for an empty log)."""
    return int(conn.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0])


def _marks(entities: Sequence[str]) -> str:
    return ", ".join("?" * len(entities))


def has_changes(conn: sqlite3.Connection, entities: Sequence[str], since_seq: int,
                upto_seq: int | None = None) -> bool:
    """Any entry for ``entities`` in ``(since_seq, upto_seq]`` (no upper end: None)?"""
    top = upto_seq if upto_seq is not None else -1
    return conn.execute(
        f"SELECT 1 FROM change_log WHERE entity IN ({_marks(entities)}) AND seq > ? "
        "AND (? < 0 OR seq <= ?) LIMIT 1", (*entities, since_seq, top, top)
    ).fetchone() is not None


def changes(conn: sqlite3.Connection, entity: str, since_seq: int, upto_seq: int, *,
            tombstones: bool | None = None) -> Changes:
    """The ids of ``entity`` changed in ``(since_seq, upto_seq]``, each by its last entry.

    ``tombstones`` (default: only when ``since_seq > 0``): a first bundle (since 0) goes to a
    system that has seen none of these records, so deletions are left out of it.
    """
    if tombstones is None:
        tombstones = since_seq > 0
    rows = conn.execute(
        "SELECT c.entity_id, c.op FROM change_log c JOIN ("
        "  SELECT entity_id, max(seq) AS seq FROM change_log "
        "  WHERE entity = ? AND seq > ? AND seq <= ? GROUP BY entity_id"
        ") last ON last.seq = c.seq ORDER BY c.entity_id",
        (entity, since_seq, upto_seq)).fetchall()
    upserts = tuple(int(r[0]) for r in rows if r[1] == "upsert")
    deletes = tuple(int(r[0]) for r in rows if r[1] == "delete") if tombstones else ()
    return Changes(entity, upserts, deletes)

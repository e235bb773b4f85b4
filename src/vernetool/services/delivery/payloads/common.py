"""What every builder does around its own records: the window of the change log, the
database's id, tombstones with their dates, the payload."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Sequence

from vernetool.db import meta
from vernetool.db.delivery import changes as db_changes
from vernetool.db.delivery import payload_reads as reads
from vernetool.db.delivery.changes import Changes
from vernetool.services.delivery.payloads.files import record_id
from vernetool.services.delivery.types import Payload, PayloadFile

DATABASE_ID = "database_id"   # app_meta key (migration 11 makes it; services.delivery.targets)


def database_id(conn: sqlite3.Connection) -> str:
    """The database's uuid (made here, in the caller's write, if a database lost it)."""
    found = meta.get_meta(conn, DATABASE_ID)
    if not found:
        found = str(uuid.uuid4())
        meta.set_meta(conn, DATABASE_ID, found)
    return found


def window(conn: sqlite3.Connection, entity: str, since_seq: int, upto_seq: int) -> Changes:
    """``entity``'s records changed in ``(since_seq, upto_seq]``, each by its last entry
    (no tombstones in a first bundle: its receiver has seen none of the records)."""
    return db_changes.changes(conn, entity, since_seq, upto_seq)


def tombstones_of(conn: sqlite3.Connection, db_id: str, changes: Changes, since_seq: int,
                  upto_seq: int) -> list[tuple[str, str]]:
    """The deleted records of ``changes`` as (``record_id``, when deleted)."""
    if not changes.deletes:
        return []
    when = reads.deleted_at(conn, changes.entity, changes.deletes, since_seq, upto_seq)
    return [(record_id(db_id, i), when.get(i, "")) for i in changes.deletes]


def payload(files: Sequence[PayloadFile], records: int, deleted: int) -> Payload:
    """The payload; no files at all when there is nothing to send (rows 0: no bundle)."""
    rows = records + deleted
    return Payload(list(files) if rows else [], rows)

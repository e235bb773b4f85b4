"""The annual HSE answers (issue 13 builds them): the stored answers changed since the last
receipt, each as the unit's answers file of DESIGN.md ("Annual HSE reporting").

Until a database has the answers table (``annual_answers``, logged in the change log under
that name), there is nothing to send: the builder returns no files and 0 rows, so no bundle
is made — never made-up answers. Once the table exists, each changed row goes as
``annual/<id>.json``: its columns, with a column ending in ``_json`` parsed (``answers_json``
→ ``answers``), plus ``id`` (``<database uuid>:<row id>``); ``deleted.json`` lists rows
deleted since the last receipt. The answers name the line manager and the safety rep who
gave them: DESIGN asks for both names.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection
from typing import Any

from vernetool.db.delivery import payload_reads as reads
from vernetool.domain.delivery.model import Target
from vernetool.services.delivery.payloads import common
from vernetool.services.delivery.payloads.files import (
    TOMBSTONES,
    json_bytes,
    record_id,
    tombstones,
)
from vernetool.services.delivery.types import Payload, PayloadFile

KIND = "annual"
TABLE = "annual_answers"


def records(conn: sqlite3.Connection, database_id: str, ids: Collection[int]
            ) -> list[dict[str, Any]]:
    """The stored answers with ``ids``; none while the table does not exist."""
    if not ids or not reads.has_table(conn, TABLE):
        return []
    out = []
    for row in reads.table_rows(conn, TABLE, ids):
        local = row.pop("_rowid")
        record: dict[str, Any] = {}
        for key, value in row.items():
            if key.endswith("_json") and isinstance(value, str):
                record[key[:-len("_json")]] = json.loads(value)
            else:
                record[key] = value
        record["id"] = record_id(database_id, local)
        record["_local_id"] = local
        out.append(record)
    return out


def build(conn: sqlite3.Connection, target: Target, since_seq: int, upto_seq: int
          ) -> Payload:
    """The stored annual answers changed in ``(since_seq, upto_seq]``; nothing (rows 0, no
    bundle) while the database has no answers table."""
    if not reads.has_table(conn, TABLE):
        return common.payload([], 0, 0)
    changed = common.window(conn, TABLE, since_seq, upto_seq)
    db_id = common.database_id(conn)
    recs = records(conn, db_id, changed.upserts)
    deleted = common.tombstones_of(conn, db_id, changed, since_seq, upto_seq)
    return common.payload(payload_files(recs, deleted), len(recs), len(deleted))


def payload_files(recs: list[dict[str, Any]], deleted: list[tuple[str, str]]
                  ) -> list[PayloadFile]:
    files = [PayloadFile(f"annual/{r['_local_id']}.json",
                         json_bytes({k: v for k, v in r.items() if k != "_local_id"}), 1)
             for r in recs]
    if deleted:
        files.append(PayloadFile(TOMBSTONES, tombstones(KIND, deleted), len(deleted)))
    return files

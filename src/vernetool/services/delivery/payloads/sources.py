"""Radiation sources changed since the last receipt, in DSA's notification layout.

The rows are ``exchange.sources_io``'s ``--format dsa`` rows (DSA's Norwegian headers and
words, the notifiable sources only), with two differences a delivery needs: a source that
left (sold, returned, condemned … — ``disposed_on`` set) is sent too, with its DSA status
and the date, so DSA hears it is gone; and each row carries ``id``
(``<database uuid>:<source id>``, the tombstone's id when a source is deleted). ``Ansvarlig``
is the responsible person DSA's form asks for. Files: ``sources.csv``, ``sources.json``,
``deleted.json`` for sources deleted since the last receipt.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Collection
from typing import Any

from vernetool.domain.delivery.model import Target
from vernetool.services.delivery.payloads import common
from vernetool.services.delivery.payloads.files import (
    TOMBSTONES,
    json_bytes,
    record_id,
    table_csv,
    tombstones,
)
from vernetool.services.delivery.payloads.mapping import FieldMapping, mapping_for
from vernetool.services.delivery.types import Payload, PayloadFile

KIND = "sources"
ENTITY = "radiation_source"
FIELDS = ("id", "dsa_id", "kind", "make", "model", "serial_number",
          "technical_specification", "year", "dealer", "use", "location", "nuclide",
          "activity", "activity_unit", "reference_date", "laser_class", "responsible",
          "dsa_status", "notifiable_reason", "disposed_on")


def records(conn: sqlite3.Connection, database_id: str, source_ids: Collection[int],
            today: dt.date | None = None) -> list[dict[str, Any]]:
    from vernetool.exchange.sources_io import dsa_rows, source_records

    rows = dsa_rows(source_records(conn, today or dt.date.today(), source_ids),
                    include_disposed=True)
    return [{**r, "id": record_id(database_id, r["source_id"])} for r in rows]


def build(conn: sqlite3.Connection, target: Target, since_seq: int, upto_seq: int
          ) -> Payload:
    """The notifiable sources changed in ``(since_seq, upto_seq]``, in DSA's layout."""
    changed = common.window(conn, ENTITY, since_seq, upto_seq)
    db_id = common.database_id(conn)
    recs = records(conn, db_id, changed.upserts) if changed.upserts else []
    deleted = common.tombstones_of(conn, db_id, changed, since_seq, upto_seq)
    files = payload_files(mapping_for(KIND, target.mapping), recs, deleted)
    return common.payload(files, len(recs), len(deleted))


def payload_files(mapping: FieldMapping, recs: list[dict[str, Any]],
                  deleted: list[tuple[str, str]]) -> list[PayloadFile]:
    files = [PayloadFile("sources.csv", table_csv(mapping, FIELDS, recs), len(recs)),
             PayloadFile("sources.json", json_bytes({
                 "schema": "vernetool.dsa-sources/1",
                 "sources": [mapping.apply(r) for r in recs]}), len(recs))]
    if deleted:
        files.append(PayloadFile(TOMBSTONES, tombstones(KIND, deleted), len(deleted)))
    return files

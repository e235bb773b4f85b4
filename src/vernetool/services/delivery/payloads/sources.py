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

from vernetool.services.delivery.payloads.files import (
    TOMBSTONES,
    json_bytes,
    record_id,
    table_csv,
    tombstones,
)
from vernetool.services.delivery.payloads.mapping import FieldMapping

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


def payload_files(mapping: FieldMapping, recs: list[dict[str, Any]],
                  deleted: list[tuple[str, str]]) -> list[tuple[str, bytes]]:
    files = [("sources.csv", table_csv(mapping, FIELDS, recs)),
             ("sources.json", json_bytes({"schema": "vernetool.dsa-sources/1",
                                          "sources": [mapping.apply(r) for r in recs]}))]
    if deleted:
        files.append((TOMBSTONES, tombstones(KIND, deleted)))
    return files

"""Chemical holdings changed since the last receipt, for the central chemical register.

One row per holding in the canonical chemicals file's columns, as
``exchange.chemicals_io`` exports them (room, place, product, supplier, CAS, hazard
statements, signal word, quantity, unit, containers, SDS link/file/revision/language,
status — disposed ones included, with the date —, pictograms, exposure register), plus
``id`` (``<database uuid>:<holding id>``), ``product_id`` and ``updated_at``. A product
whose facts changed (name, statements, SDS …) sends every holding of it again. The register
holds no personal data. Files: ``chemicals.csv``, ``chemicals.json``, and ``deleted.json``
for holdings deleted since the last receipt.
"""

from __future__ import annotations

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

KIND = "chemicals"
HOLDING = "chemical_holding"
PRODUCT = "chemical_product"
FIELDS = ("id", "room", "place", "product", "supplier", "cas", "hazard_statements",
          "signal_word", "quantity", "unit", "containers", "sds_url", "sds_file",
          "sds_revised", "sds_language", "status", "disposed_on", "pictograms",
          "exposure_register", "product_id", "updated_at")


def records(conn: sqlite3.Connection, database_id: str, holding_ids: Collection[int]
            ) -> list[dict[str, Any]]:
    from vernetool.exchange.chemicals_io import chemical_records

    out = []
    for r in chemical_records(conn, holding_ids):
        out.append({**r, "id": record_id(database_id, r["holding_id"]),
                    "product_id": record_id(database_id, r["product_id"])})
    return out


def payload_files(mapping: FieldMapping, recs: list[dict[str, Any]],
                  deleted: list[tuple[str, str]]) -> list[tuple[str, bytes]]:
    files = [("chemicals.csv", table_csv(mapping, FIELDS, recs)),
             ("chemicals.json", json_bytes({"schema": "vernetool.chemicals/1",
                                            "holdings": [mapping.apply(r) for r in recs]}))]
    if deleted:
        files.append((TOMBSTONES, tombstones(KIND, deleted)))
    return files

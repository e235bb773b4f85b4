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

from vernetool.db.delivery import payload_reads as reads
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


def build(conn: sqlite3.Connection, target: Target, since_seq: int, upto_seq: int
          ) -> Payload:
    """The holdings changed in ``(since_seq, upto_seq]`` (and those of changed products)."""
    holdings = common.window(conn, HOLDING, since_seq, upto_seq)
    products = common.window(conn, PRODUCT, since_seq, upto_seq)
    ids = set(holdings.upserts)
    if products.upserts:
        ids |= reads.holdings_of_products(conn, products.upserts)
    db_id = common.database_id(conn)
    recs = records(conn, db_id, ids) if ids else []
    deleted = common.tombstones_of(conn, db_id, holdings, since_seq, upto_seq)
    files = payload_files(mapping_for(KIND, target.mapping), recs, deleted)
    return common.payload(files, len(recs), len(deleted))


def payload_files(mapping: FieldMapping, recs: list[dict[str, Any]],
                  deleted: list[tuple[str, str]]) -> list[PayloadFile]:
    files = [PayloadFile("chemicals.csv", table_csv(mapping, FIELDS, recs), len(recs)),
             PayloadFile("chemicals.json", json_bytes({
                 "schema": "vernetool.chemicals/1",
                 "holdings": [mapping.apply(r) for r in recs]}), len(recs))]
    if deleted:
        files.append(PayloadFile(TOMBSTONES, tombstones(KIND, deleted), len(deleted)))
    return files

"""Deviations for the central deviation system, without personal data.

What goes out, field by field (docs/delivery-mappings.md has the reasons):

- kept: ``id`` (``<database uuid>:<row id>``, stable for the record's life, the tombstone's
  id too), ``external_id`` (the case number it had in the file it was imported from, e.g.
  EQS), type, title, description, reported_at, occurred_at, room (``B:R``, or the place as
  written when it is not in the room register), unit (code), category, subcategory, actual
  and potential consequence, probability, ``risk`` (green/yellow/red by this database's risk
  matrix), immediate_action, cause, status, closing_deadline, rejected_reason, closed_at,
  updated_at, the injury fields (``injury`` yes/no, nav_reported, absence,
  medical_treatment, reassigned, fatality); measures: id, description, deadline, status,
  done_at; status history: at, from, to, closing_deadline, reason, source.
- left out: ``reporter`` (a name, or empty when anonymous), ``transferred_to`` (may name a
  person), the measures' responsible (person id and name) and their notes (free text by and
  about people, with the writer's name), the history's ``actor`` and ``note``, attachments
  (photos of people, file names, who added them), ``source_finding_id`` (a local id).
  Title, description, cause, immediate action and the rejection reason are the case itself
  and go as written: whoever writes them is told not to name people there.

Files: ``deviations.csv`` (one row per deviation), ``measures.csv``, ``history.csv`` (keyed
by ``deviation_id``), ``deviations.json`` (nested: each deviation with its ``measures`` and
``history``), and ``deleted.json`` when deviations were deleted since the last receipt.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Mapping
from typing import Any

from vernetool.db.delivery import payload_reads as reads
from vernetool.db.deviations.settings import get_risk_matrix
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

KIND = "deviations"
ENTITY = "deviation"
FIELDS = ("id", "external_id", "type", "title", "description", "reported_at", "occurred_at",
          "room", "unit", "category", "subcategory", "actual_consequence",
          "potential_consequence", "probability", "risk", "immediate_action", "cause",
          "status", "closing_deadline", "rejected_reason", "closed_at", "updated_at",
          "injury", "nav_reported", "absence", "medical_treatment", "reassigned", "fatality")
MEASURE_FIELDS = ("id", "deviation_id", "description", "deadline", "status", "done_at")
HISTORY_FIELDS = ("deviation_id", "at", "from_status", "to_status", "closing_deadline",
                  "reason", "source")
_INJURY = ("nav_reported", "absence", "medical_treatment", "reassigned", "fatality")


def records(conn: sqlite3.Connection, database_id: str, ids: Collection[int]
            ) -> list[dict[str, Any]]:
    """The deviations with ``ids`` in the payload's shape (canonical field names), each with
    its ``measures`` and ``history`` lists."""
    matrix = get_risk_matrix(conn)
    measures: dict[int, list[dict[str, Any]]] = {}
    for m in reads.deviation_measures(conn, ids):
        local = m["deviation_id"]
        measures.setdefault(local, []).append(
            {**m, "id": record_id(database_id, m["id"]),
             "deviation_id": record_id(database_id, local)})
    history: dict[int, list[dict[str, Any]]] = {}
    for h in reads.deviation_history(conn, ids):
        local = h["deviation_id"]
        history.setdefault(local, []).append({**h, "deviation_id": record_id(database_id,
                                                                             local)})
    out = []
    for row in reads.deviations(conn, ids):
        local = row["id"]
        record = {**row, "id": record_id(database_id, local), "injury": bool(row["injury"]),
                  "risk": _risk(matrix, row)}
        if record["injury"]:
            record["nav_reported"] = bool(row["nav_reported"])
            record["fatality"] = bool(row["fatality"])
        else:
            record.update(dict.fromkeys(_INJURY))
        record["measures"] = measures.get(local, [])
        record["history"] = history.get(local, [])
        out.append(record)
    return out


def _risk(matrix: Any, row: Mapping[str, Any]) -> str | None:
    level = matrix.level_or_none(row["potential_consequence"], row["probability"])
    return None if level is None else str(level.value)


def build(conn: sqlite3.Connection, target: Target, since_seq: int, upto_seq: int
          ) -> Payload:
    """The deviations changed in ``(since_seq, upto_seq]`` under ``target``'s mapping."""
    changed = common.window(conn, ENTITY, since_seq, upto_seq)
    db_id = common.database_id(conn)
    recs = records(conn, db_id, changed.upserts) if changed.upserts else []
    deleted = common.tombstones_of(conn, db_id, changed, since_seq, upto_seq)
    files = payload_files(mapping_for(KIND, target.mapping), recs, deleted)
    return common.payload(files, len(recs), len(deleted))


def payload_files(mapping: FieldMapping, recs: list[dict[str, Any]],
                  deleted: list[tuple[str, str]]) -> list[PayloadFile]:
    """The files of a deviations payload (``deleted``: tombstone ids with when)."""
    measures = [m for r in recs for m in r["measures"]]
    history = [h for r in recs for h in r["history"]]
    files = [
        PayloadFile("deviations.csv", table_csv(mapping, FIELDS, recs), len(recs)),
        PayloadFile("measures.csv", table_csv(mapping, MEASURE_FIELDS, measures, "measures."),
                    len(measures)),
        PayloadFile("history.csv", table_csv(mapping, HISTORY_FIELDS, history, "history."),
                    len(history)),
        PayloadFile("deviations.json", json_bytes({
            "schema": "vernetool.deviations/1",
            "deviations": [_nested(mapping, r) for r in recs]}), len(recs)),
    ]
    if deleted:
        files.append(PayloadFile(TOMBSTONES, tombstones(KIND, deleted), len(deleted)))
    return files


def _nested(mapping: FieldMapping, record: dict[str, Any]) -> dict[str, Any]:
    out = mapping.apply(record)
    if "measures" in mapping.names:
        out[mapping.names["measures"]] = [mapping.apply(m, "measures.")
                                          for m in record["measures"]]
    if "history" in mapping.names:
        out[mapping.names["history"]] = [mapping.apply(h, "history.")
                                         for h in record["history"]]
    return out

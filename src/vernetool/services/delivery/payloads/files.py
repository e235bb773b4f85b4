"""The files of a payload, as bytes: CSV and JSON under a target's mapping, tombstones.

Every text value of every file — CSV cells and JSON strings alike — goes through
``exchange.writers.safe_text`` (a leading ``=``, ``+``, ``-``, ``@``, tab or CR gets an
apostrophe): what leaves for another system may end up in a spreadsheet there, whichever
format carried it. CSV is UTF-8 with BOM and the mapping's separator (``;`` by default, with
decimal commas); JSON is UTF-8, keys in the mapping's names.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from vernetool.exchange.writers import csv_bytes, safe_text
from vernetool.services.delivery.payloads.mapping import FieldMapping

TOMBSTONES = "deleted.json"


def record_id(database_id: str, local_id: int) -> str:
    """A record's id outside this database, stable for its life: the database's uuid and the
    row's id (a deleted row's tombstone carries the same id, from the change log alone)."""
    return f"{database_id}:{local_id}"


def table_csv(mapping: FieldMapping, fields: Sequence[str],
              records: Iterable[Mapping[str, Any]], prefix: str = "") -> bytes:
    """``records`` (canonical ``fields``, relative to ``prefix``) as CSV under ``mapping``."""
    header = mapping.header([prefix + f for f in fields])
    rows = (mapping.apply(r, prefix) for r in records)
    data, _ = csv_bytes(header, rows, delimiter=mapping.delimiter)
    return data


def safe_json(value: Any) -> Any:
    """``value`` with every string value neutralised, recursively (keys are ours or the
    mapping's names, neutralised when the mapping is read)."""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, dict):
        return {k: safe_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [safe_json(v) for v in value]
    return value


def json_bytes(value: Any) -> bytes:
    """Compact UTF-8 JSON (one line: the C encoder, ten times faster than indented)."""
    return (json.dumps(safe_json(value), ensure_ascii=False, separators=(",", ":"))
            + "\n").encode("utf-8")


def tombstones(kind: str, deleted: Sequence[tuple[str, str]]) -> bytes:
    """``deleted.json``: the ids (``record_id``) deleted since the last receipt, with when."""
    return json_bytes({"schema": "vernetool.deleted/1", "kind": kind,
                       "deleted": [{"id": i, "deleted_at": at} for i, at in deleted]})

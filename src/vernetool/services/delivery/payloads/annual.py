"""The annual HSE answers: each unit's report submitted (or submitted anew) since the last
receipt, as the unit's answers file of DESIGN.md ("Annual HSE reporting").

The change log holds a report (``annual_report``, schema 12) only when it is submitted — a
draft, or an answer changed after submitting, is never sent. What goes is the file as it was
submitted (``annual_report.submitted_json``: the answers to the questions asked, both names,
the time), as ``annual/<year>-<unit code>.json``; a report deleted since the last receipt is
listed in ``deleted.json`` by its id (``<database uuid>:<report id>``). Rows = reports.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Collection
from typing import Any

from vernetool.db.annual import reports as db_reports
from vernetool.domain.delivery.model import Target
from vernetool.services.delivery.payloads import common
from vernetool.services.delivery.payloads.files import TOMBSTONES, json_bytes, tombstones
from vernetool.services.delivery.types import Payload, PayloadFile

KIND = "annual"
ENTITY = "annual_report"
_UNSAFE = re.compile(r"[^0-9A-Za-z._-]+")


def file_name(year: int, unit_code: str) -> str:
    """``annual/2024-IKJ.json``; a character a file name cannot hold becomes ``_``."""
    return f"annual/{year}-{_UNSAFE.sub('_', unit_code.strip()) or '_'}.json"


def records(conn: sqlite3.Connection, ids: Collection[int]) -> list[tuple[str, dict[str, Any]]]:
    """(path, answers file) of the submitted reports among ``ids``."""
    out = []
    for report in db_reports.reports_by_id(conn, ids):
        if report.submitted_json is None:
            continue
        data: dict[str, Any] = json.loads(report.submitted_json)
        out.append((file_name(report.year, str(data["unit"]["code"])), data))
    return out


def build(conn: sqlite3.Connection, target: Target, since_seq: int, upto_seq: int
          ) -> Payload:
    """The reports submitted in ``(since_seq, upto_seq]``, one answers file each."""
    changed = common.window(conn, ENTITY, since_seq, upto_seq)
    recs = records(conn, changed.upserts) if changed.upserts else []
    db_id = common.database_id(conn)
    deleted = common.tombstones_of(conn, db_id, changed, since_seq, upto_seq)
    return common.payload(payload_files(recs, deleted), len(recs), len(deleted))


def payload_files(recs: list[tuple[str, dict[str, Any]]], deleted: list[tuple[str, str]]
                  ) -> list[PayloadFile]:
    files = [PayloadFile(path, json_bytes(data), 1) for path, data in recs]
    if deleted:
        files.append(PayloadFile(TOMBSTONES, tombstones(KIND, deleted), len(deleted)))
    return files

"""Rounds completed or reported since the last receipt, for the HSE section: per round the
report (PDF, ``reports.round_report`` as the Rounds screen prints it) and the action plan as
XLSX and CSV (``exchange.action_plan_io``), in the mapping's language (nb by default), and
an index of the rounds sent (``rounds.csv``, ``rounds.json``) naming each round's files.

A round's files are ``rounds/<uid>/report.pdf``, ``action_plan.xlsx`` and
``action_plan.csv`` (``uid`` is the id the laptops of one round share). A round edited again
after it was reported goes again, whole; one that went back to in progress is listed in the
index with its status and no files (the report the receiver has is no longer final).
``deleted.json`` lists rounds deleted since the
last receipt. The action plan names each action's responsible: the HSE section follows the
plan up with them.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import tempfile
from collections.abc import Collection
from pathlib import Path
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

KIND = "rounds"
ENTITY = "hse_round"
FIELDS = ("id", "uid", "title", "unit", "start_date", "end_date", "status", "completed_at",
          "reported_at", "updated_at", "actions", "report", "action_plan_xlsx",
          "action_plan_csv")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")
_SENT = ("completed", "reported")


def folder_name(uid: str, local_id: int) -> str:
    """A path part that cannot leave ``rounds/``: the uid's safe characters, else the id."""
    safe = _UNSAFE.sub("_", uid).strip("._")
    return safe[:80] or str(local_id)


def build(conn: sqlite3.Connection, target: Target, since_seq: int, upto_seq: int
          ) -> Payload:
    """The rounds completed, reported or changed after that in ``(since_seq, upto_seq]``."""
    changed = common.window(conn, ENTITY, since_seq, upto_seq)
    db_id = common.database_id(conn)
    mapping = mapping_for(KIND, target.mapping)
    recs, files = (round_files(conn, db_id, changed.upserts, mapping.lang,
                               reopened=since_seq > 0)
                   if changed.upserts else ([], []))
    deleted = common.tombstones_of(conn, db_id, changed, since_seq, upto_seq)
    return common.payload(payload_files(mapping, recs, files, deleted), len(recs),
                          len(deleted))


def round_files(conn: sqlite3.Connection, database_id: str, round_ids: Collection[int],
                lang: str = "nb", today: dt.date | None = None, *, reopened: bool = True
                ) -> tuple[list[dict[str, Any]], list[PayloadFile]]:
    """The index records and the files (report, action plan) of the completed or reported
    rounds among ``round_ids``. A round among them that went back (in progress again) is an
    index record with its status and no files when ``reopened`` (its receiver has the
    report that is no longer final), else left out."""
    from vernetool.exchange.action_plan_io import export_action_plan
    from vernetool.reports.round_report import write_round_report

    recs: list[dict[str, Any]] = []
    files: list[PayloadFile] = []
    with tempfile.TemporaryDirectory(prefix="vernetool-round-") as temp:
        work = Path(temp)
        for row in reads.round_rows(conn, round_ids):
            local = row["id"]
            record = {**row, "id": record_id(database_id, local), "actions": None,
                      "report": "", "action_plan_xlsx": "", "action_plan_csv": ""}
            if row["status"] not in _SENT:
                if reopened:
                    recs.append(record)
                continue
            base = f"rounds/{folder_name(row['uid'], local)}"
            pdf, xlsx, csv = work / f"{local}.pdf", work / f"{local}.xlsx", work / f"{local}.csv"
            write_round_report(conn, local, pdf, lang, None, today)
            actions = export_action_plan(conn, local, xlsx, "xlsx", lang, today)
            export_action_plan(conn, local, csv, "csv", lang, today)
            paths = {"report": f"{base}/report.pdf",
                     "action_plan_xlsx": f"{base}/action_plan.xlsx",
                     "action_plan_csv": f"{base}/action_plan.csv"}
            files += [PayloadFile(paths["report"], pdf.read_bytes(), 1),
                      PayloadFile(paths["action_plan_xlsx"], xlsx.read_bytes(), actions),
                      PayloadFile(paths["action_plan_csv"], csv.read_bytes(), actions)]
            recs.append({**record, "actions": actions, **paths})
    return recs, files


def payload_files(mapping: FieldMapping, recs: list[dict[str, Any]],
                  round_files: list[PayloadFile],
                  deleted: list[tuple[str, str]]) -> list[PayloadFile]:
    files = [PayloadFile("rounds.csv", table_csv(mapping, FIELDS, recs), len(recs)),
             PayloadFile("rounds.json", json_bytes({
                 "schema": "vernetool.rounds/1",
                 "rounds": [mapping.apply(r) for r in recs]}), len(recs)),
             *round_files]
    if deleted:
        files.append(PayloadFile(TOMBSTONES, tombstones(KIND, deleted), len(deleted)))
    return files

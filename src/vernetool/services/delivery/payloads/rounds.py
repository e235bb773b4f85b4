"""Rounds completed or reported since the last receipt, for the HSE section: per round the
report (PDF, ``reports.round_report`` as the Rounds screen prints it) and the action plan as
XLSX and CSV (``exchange.action_plan_io``), in the mapping's language (nb by default), and
an index of the rounds sent (``rounds.csv``, ``rounds.json``) naming each round's files.

A round's files are ``rounds/<uid>/report.pdf``, ``action_plan.xlsx`` and
``action_plan.csv`` (``uid`` is the id the laptops of one round share). A round edited again
after it was reported goes again, whole. ``deleted.json`` lists rounds deleted since the
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
from vernetool.services.delivery.payloads.files import (
    TOMBSTONES,
    json_bytes,
    record_id,
    table_csv,
    tombstones,
)
from vernetool.services.delivery.payloads.mapping import FieldMapping

KIND = "rounds"
ENTITY = "hse_round"
FIELDS = ("id", "uid", "title", "unit", "start_date", "end_date", "status", "completed_at",
          "reported_at", "updated_at", "actions", "report", "action_plan_xlsx",
          "action_plan_csv")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def folder_name(uid: str, local_id: int) -> str:
    """A path part that cannot leave ``rounds/``: the uid's safe characters, else the id."""
    safe = _UNSAFE.sub("_", uid).strip("._")
    return safe[:80] or str(local_id)


def round_files(conn: sqlite3.Connection, database_id: str, round_ids: Collection[int],
                lang: str = "nb", today: dt.date | None = None
                ) -> tuple[list[dict[str, Any]], list[tuple[str, bytes]]]:
    """The index records and the files (report, action plan) of the completed or reported
    rounds among ``round_ids``."""
    from vernetool.exchange.action_plan_io import export_action_plan
    from vernetool.reports.round_report import write_round_report

    recs: list[dict[str, Any]] = []
    files: list[tuple[str, bytes]] = []
    with tempfile.TemporaryDirectory(prefix="vernetool-round-") as temp:
        work = Path(temp)
        for row in reads.round_rows(conn, round_ids):
            local = row["id"]
            base = f"rounds/{folder_name(row['uid'], local)}"
            pdf, xlsx, csv = work / f"{local}.pdf", work / f"{local}.xlsx", work / f"{local}.csv"
            write_round_report(conn, local, pdf, lang, None, today)
            actions = export_action_plan(conn, local, xlsx, "xlsx", lang, today)
            export_action_plan(conn, local, csv, "csv", lang, today)
            paths = {"report": f"{base}/report.pdf",
                     "action_plan_xlsx": f"{base}/action_plan.xlsx",
                     "action_plan_csv": f"{base}/action_plan.csv"}
            files += [(paths["report"], pdf.read_bytes()),
                      (paths["action_plan_xlsx"], xlsx.read_bytes()),
                      (paths["action_plan_csv"], csv.read_bytes())]
            recs.append({**row, "id": record_id(database_id, local), "actions": actions,
                         **paths})
    return recs, files


def payload_files(mapping: FieldMapping, recs: list[dict[str, Any]],
                  round_files: list[tuple[str, bytes]],
                  deleted: list[tuple[str, str]]) -> list[tuple[str, bytes]]:
    files = [("rounds.csv", table_csv(mapping, FIELDS, recs)),
             ("rounds.json", json_bytes({"schema": "vernetool.rounds/1",
                                         "rounds": [mapping.apply(r) for r in recs]})),
             *round_files]
    if deleted:
        files.append((TOMBSTONES, tombstones(KIND, deleted)))
    return files

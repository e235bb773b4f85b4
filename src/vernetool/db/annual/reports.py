"""``annual_report`` and ``annual_answer``: a unit's report for a year and its answers."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from vernetool.db import audit

AUDIT_ENTITY = "annual_report"


@dataclass(frozen=True)
class UnitRow:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class ReportRow:
    id: int
    year: int
    unit_id: int
    unit_code: str
    unit_name: str
    line_manager: str
    safety_rep: str
    status: str
    submitted_at: str | None
    submitted_json: str | None
    updated_at: str


@dataclass(frozen=True)
class AnswerRow:
    question: str
    answer: str
    prefill_answer: str | None
    prefill_reason: str | None
    prefill_params: dict[str, Any] | None
    confirmed: bool
    changed: bool
    answered_at: str
    answered_by: str


_REPORT = ("SELECT r.id, r.year, r.unit_id, u.code AS unit_code, u.name AS unit_name, "
           "r.line_manager, r.safety_rep, r.status, r.submitted_at, r.submitted_json, "
           "r.updated_at FROM annual_report r JOIN unit u ON u.id = r.unit_id ")


def _report(row: sqlite3.Row) -> ReportRow:
    return ReportRow(int(row["id"]), int(row["year"]), int(row["unit_id"]), row["unit_code"],
                     row["unit_name"], row["line_manager"], row["safety_rep"], row["status"],
                     row["submitted_at"], row["submitted_json"], row["updated_at"])


def unit_by_code(conn: sqlite3.Connection, code: str) -> UnitRow | None:
    row = conn.execute("SELECT id, code, name FROM unit WHERE code = ?",
                       (code.strip(),)).fetchone()
    return None if row is None else UnitRow(int(row["id"]), row["code"], row["name"])


def units(conn: sqlite3.Connection) -> list[UnitRow]:
    return [UnitRow(int(r["id"]), r["code"], r["name"])
            for r in conn.execute("SELECT id, code, name FROM unit ORDER BY code")]


def get_report(conn: sqlite3.Connection, year: int, unit_id: int) -> ReportRow | None:
    row = conn.execute(_REPORT + "WHERE r.year = ? AND r.unit_id = ?",
                       (year, unit_id)).fetchone()
    return None if row is None else _report(row)


def reports_of_year(conn: sqlite3.Connection, year: int) -> list[ReportRow]:
    return [_report(r) for r in conn.execute(_REPORT + "WHERE r.year = ? ORDER BY u.code",
                                             (year,))]


def reports_by_id(conn: sqlite3.Connection, ids: Collection[int]) -> list[ReportRow]:
    """The reports with ``ids`` (in id order); a missing id is left out."""
    found: list[ReportRow] = []
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), 500):
        chunk = ordered[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found += [_report(r) for r in conn.execute(
            _REPORT + f"WHERE r.id IN ({marks}) ORDER BY r.id", chunk)]
    return found


def answers_of_year(conn: sqlite3.Connection, year: int) -> dict[int, dict[str, str]]:
    """Every report of ``year``: its answers (question → answer), by report id."""
    out: dict[int, dict[str, str]] = {}
    for row in conn.execute("SELECT a.report_id, a.question, a.answer FROM annual_answer a "
                            "JOIN annual_report r ON r.id = a.report_id WHERE r.year = ?",
                            (year,)):
        out.setdefault(int(row["report_id"]), {})[row["question"]] = row["answer"]
    return out


def ensure_report(conn: sqlite3.Connection, year: int, unit_id: int, actor: str) -> int:
    """The id of the unit's report for ``year``, made (a draft, audited) if there is none."""
    row = conn.execute("SELECT id FROM annual_report WHERE year = ? AND unit_id = ?",
                       (year, unit_id)).fetchone()
    if row is not None:
        return int(row["id"])
    report_id = int(conn.execute("INSERT INTO annual_report (year, unit_id) VALUES (?, ?)",
                                 (year, unit_id)).lastrowid or 0)
    audit.record(conn, actor, AUDIT_ENTITY, report_id, "create",
                 {"year": year, "unit_id": unit_id})
    return report_id


def answers(conn: sqlite3.Connection, report_id: int) -> dict[str, AnswerRow]:
    out: dict[str, AnswerRow] = {}
    for r in conn.execute("SELECT question, answer, prefill_answer, prefill_reason, "
                          "prefill_params, confirmed, changed, answered_at, answered_by "
                          "FROM annual_answer WHERE report_id = ? ORDER BY question",
                          (report_id,)):
        params = json.loads(r["prefill_params"]) if r["prefill_params"] else None
        out[r["question"]] = AnswerRow(r["question"], r["answer"], r["prefill_answer"],
                                       r["prefill_reason"], params, bool(r["confirmed"]),
                                       bool(r["changed"]), r["answered_at"], r["answered_by"])
    return out


def put_answer(conn: sqlite3.Connection, report_id: int, question: str, answer: str,
               prefill: tuple[str | None, str, dict[str, Any]] | None, actor: str) -> None:
    """Store (insert or replace) one answer with the proposal it was given against
    (``prefill`` = (answer or None, reason code, params)); audited."""
    pre_answer = pre_reason = pre_params = None
    if prefill is not None:
        pre_answer, pre_reason = prefill[0], prefill[1]
        pre_params = json.dumps(prefill[2], ensure_ascii=False, sort_keys=True, default=str)
    confirmed = pre_answer is not None and answer == pre_answer
    changed = pre_answer is not None and answer != pre_answer
    conn.execute(
        "INSERT INTO annual_answer (report_id, question, answer, prefill_answer, "
        "prefill_reason, prefill_params, confirmed, changed, answered_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (report_id, question) DO UPDATE SET "
        "answer = excluded.answer, prefill_answer = excluded.prefill_answer, "
        "prefill_reason = excluded.prefill_reason, prefill_params = excluded.prefill_params, "
        "confirmed = excluded.confirmed, changed = excluded.changed, "
        "answered_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), "
        "answered_by = excluded.answered_by",
        (report_id, question, answer, pre_answer, pre_reason, pre_params, int(confirmed),
         int(changed), actor))
    audit.record(conn, actor, AUDIT_ENTITY, report_id, "answer",
                 {"question": question, "answer": answer,
                  "prefill": pre_answer, "confirmed": confirmed})


def delete_answer(conn: sqlite3.Connection, report_id: int, question: str, actor: str) -> bool:
    gone = conn.execute("DELETE FROM annual_answer WHERE report_id = ? AND question = ?",
                        (report_id, question)).rowcount > 0
    if gone:
        audit.record(conn, actor, AUDIT_ENTITY, report_id, "clear_answer",
                     {"question": question})
    return gone


def set_names(conn: sqlite3.Connection, report_id: int, line_manager: str, safety_rep: str,
              actor: str) -> None:
    conn.execute("UPDATE annual_report SET line_manager = ?, safety_rep = ?, "
                 "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                 (line_manager, safety_rep, report_id))
    audit.record(conn, actor, AUDIT_ENTITY, report_id, "names",
                 {"line_manager": line_manager, "safety_rep": safety_rep})


def set_status(conn: sqlite3.Connection, report_id: int, status: str) -> None:
    """'draft' (changed since submitted) or back to 'submitted' (the file is as submitted
    again): no new submission, nothing logged for delivery."""
    conn.execute("UPDATE annual_report SET status = ?, "
                 "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                 "WHERE id = ? AND status <> ?", (status, report_id, status))


def submit(conn: sqlite3.Connection, report_id: int, submitted_at: str, file: dict[str, Any],
           actor: str) -> None:
    """Mark the report submitted with its answers file (the change log's trigger queues it
    for delivery); audited."""
    conn.execute("UPDATE annual_report SET status = 'submitted', submitted_at = ?, "
                 "submitted_by = ?, submitted_json = ?, "
                 "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                 (submitted_at, actor, json.dumps(file, ensure_ascii=False, sort_keys=True),
                  report_id))
    audit.record(conn, actor, AUDIT_ENTITY, report_id, "submit",
                 {"submitted_at": submitted_at, "answers": len(file.get("answers", {}))})

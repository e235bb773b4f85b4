"""Schema 12: the annual reports and their answers — a schema-11 database keeps its data, the
checks refuse what cannot be, and only a submission reaches the change log."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from vernetool.db.connection import connect, integrity_ok
from vernetool.db.delivery.changes import last_seq
from vernetool.db.migrations import build_schema, latest_version, migrate, schema_version


def _log(conn: sqlite3.Connection, after: int) -> list[tuple[str, int, str]]:
    return [(r[0], r[1], r[2]) for r in conn.execute(
        "SELECT entity, entity_id, op FROM change_log WHERE seq > ? ORDER BY seq", (after,))]


def _unit(conn: sqlite3.Connection, code: str = "IKJ") -> int:
    return int(conn.execute("INSERT INTO unit (code, name) VALUES (?, 'Kjemi')",
                            (code,)).lastrowid or 0)


def test_a_schema_11_database_migrates_keeping_its_data(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    conn = connect(db)
    build_schema(conn, 11)
    with conn:
        unit = _unit(conn)
        conn.execute("INSERT INTO deviation (type, title, reported_at, unit_id) "
                     "VALUES ('hazard', 'Glass i vasken', '2024-03-02', ?)", (unit,))
        conn.execute("INSERT INTO hse_round (uid, title, unit_id, start_date, status) "
                     "VALUES ('r1', 'Vårrunde', ?, '2024-03-12', 'completed')", (unit,))
    seq = last_seq(conn)
    assert schema_version(conn) == 11
    assert migrate(conn, db) == latest_version() - 11
    assert conn.execute("SELECT title FROM deviation").fetchone()[0] == "Glass i vasken"
    assert conn.execute("SELECT title FROM hse_round").fetchone()[0] == "Vårrunde"
    assert conn.execute("SELECT count(*) FROM annual_report").fetchone()[0] == 0
    assert last_seq(conn) == seq, "nothing new is logged by the migration"
    assert integrity_ok(conn)
    assert list((tmp_path / "backups").glob("old-v11-*.sqlite"))
    conn.close()


def test_a_draft_is_never_logged_a_submission_is_and_so_is_a_new_one(
        conn: sqlite3.Connection) -> None:
    unit = _unit(conn)
    start = last_seq(conn)
    report = int(conn.execute("INSERT INTO annual_report (year, unit_id) VALUES (2024, ?)",
                              (unit,)).lastrowid or 0)
    conn.execute("INSERT INTO annual_answer (report_id, question, answer) "
                 "VALUES (?, '2', 'yes')", (report,))
    conn.execute("UPDATE annual_report SET line_manager = 'Kari', safety_rep = 'Per' "
                 "WHERE id = ?", (report,))
    assert _log(conn, start) == []
    file = json.dumps({"answers": {"2": "yes"}})
    conn.execute("UPDATE annual_report SET status = 'submitted', submitted_at = "
                 "'2024-11-20T10:00:00Z', submitted_json = ? WHERE id = ?", (file, report))
    assert _log(conn, start) == [("annual_report", report, "upsert")]
    # changed after submitting: a draft again, not logged; back as it was: not logged either
    mark = last_seq(conn)
    conn.execute("UPDATE annual_answer SET answer = 'no' WHERE report_id = ?", (report,))
    conn.execute("UPDATE annual_report SET status = 'draft' WHERE id = ?", (report,))
    conn.execute("UPDATE annual_report SET status = 'submitted' WHERE id = ?", (report,))
    assert _log(conn, mark) == []
    conn.execute("UPDATE annual_report SET submitted_at = '2024-11-21T09:00:00Z', "
                 "submitted_json = ? WHERE id = ?", (json.dumps({"answers": {}}), report))
    assert _log(conn, mark) == [("annual_report", report, "upsert")]
    conn.execute("DELETE FROM annual_report WHERE id = ?", (report,))
    assert _log(conn, mark)[-1] == ("annual_report", report, "delete")
    assert conn.execute("SELECT count(*) FROM annual_answer").fetchone()[0] == 0


@pytest.mark.parametrize("sql", [
    "INSERT INTO annual_report (year, unit_id) VALUES (1024, {unit})",
    "INSERT INTO annual_report (year, unit_id, status) VALUES (2024, {unit}, 'sent')",
    # submitted needs the time, the file and both names
    "INSERT INTO annual_report (year, unit_id, status) VALUES (2024, {unit}, 'submitted')",
    "INSERT INTO annual_report (year, unit_id, status, submitted_at, submitted_json) "
    "VALUES (2024, {unit}, 'submitted', '2024-11-20T10:00:00Z', '{{}}')",
    "INSERT INTO annual_report (year, unit_id) VALUES (2024, 999)",
    "INSERT INTO annual_answer (report_id, question, answer) VALUES ({report}, '7A', 'yes')",
    "INSERT INTO annual_answer (report_id, question, answer) VALUES ({report}, '2', ' ')",
    "INSERT INTO annual_answer (report_id, question, answer, prefill_answer, prefill_reason, "
    "confirmed) VALUES ({report}, '10', 'no', 'yes', 'annual.prefill.rounds_found', 1)",
    "INSERT INTO annual_answer (report_id, question, answer, changed) "
    "VALUES ({report}, '10', 'no', 1)",
    "INSERT INTO annual_answer (report_id, question, answer, prefill_answer) "
    "VALUES ({report}, '10', 'no', 'yes')",
])
def test_the_checks_refuse_what_cannot_be(conn: sqlite3.Connection, sql: str) -> None:
    unit = _unit(conn)
    report = int(conn.execute("INSERT INTO annual_report (year, unit_id) VALUES (2023, ?)",
                              (unit,)).lastrowid or 0)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(sql.format(unit=unit, report=report))


def test_one_report_per_unit_and_year(conn: sqlite3.Connection) -> None:
    unit = _unit(conn)
    conn.execute("INSERT INTO annual_report (year, unit_id) VALUES (2024, ?)", (unit,))
    conn.execute("INSERT INTO annual_report (year, unit_id) VALUES (2023, ?)", (unit,))
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO annual_report (year, unit_id) VALUES (2024, ?)", (unit,))

"""The demo's annual reports: last year's submitted for most units, this year's started for a
few (pre-filled, some proposals confirmed, some changed, names set), deterministic by seed."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from vernetool.context import AppContext
from vernetool.db.connection import connect
from vernetool.demo.builder import build_demo
from vernetool.domain.annual.answers import answers_from_json, problems
from vernetool.services.annual.questionnaires import questionnaire_for
from vernetool.settings import Settings

TODAY = dt.date(2025, 3, 14)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo(path, seed=2024, today=TODAY)
    return path


@pytest.fixture
def conn(demo: Path) -> Iterator[sqlite3.Connection]:
    connection = connect(demo, read_only=True)
    yield connection
    connection.close()


def _reports(conn: sqlite3.Connection, year: int) -> list[sqlite3.Row]:
    return conn.execute("SELECT r.*, u.code FROM annual_report r JOIN unit u "
                        "ON u.id = r.unit_id WHERE r.year = ? ORDER BY u.code",
                        (year,)).fetchall()


def test_last_year_is_submitted_for_most_units_as_valid_files(
        conn: sqlite3.Connection) -> None:
    units = conn.execute("SELECT count(*) FROM unit").fetchone()[0]
    last = _reports(conn, 2024)
    assert units * 0.6 <= len(last) < units
    questionnaire = questionnaire_for(2024)
    codes: set[str] = set()
    for row in last:
        assert row["status"] == "submitted" and row["submitted_at"].startswith("2024-11-")
        file = answers_from_json(json.loads(row["submitted_json"]))
        assert file.line_manager and file.safety_rep and file.unit_code == row["code"]
        assert problems(questionnaire, file.answers) == []
        assert file.answers["1"] == "yes"
        codes |= set(file.answers.values())
    assert {"yes", "no", "3", "4", "dont_know"} <= codes, "the answers vary"
    changed = conn.execute("SELECT count(*) FROM annual_answer a JOIN annual_report r "
                           "ON r.id = a.report_id WHERE r.year = 2024 AND a.changed = 1"
                           ).fetchone()[0]
    assert changed > 0


def test_this_year_is_started_for_a_few_with_proposals_confirmed_and_changed(
        demo: Path, conn: sqlite3.Connection, tmp_path: Path) -> None:
    started = _reports(conn, 2025)
    assert 2 <= len(started) <= 6 and "IKJ" in [r["code"] for r in started]
    assert all(r["status"] == "draft" and r["line_manager"] for r in started)
    flags = conn.execute("SELECT sum(confirmed), sum(changed) FROM annual_answer a "
                         "JOIN annual_report r ON r.id = a.report_id WHERE r.year = 2025"
                         ).fetchone()
    assert flags[0] > 0 and flags[1] > 0
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(demo.read_bytes())
    ctx = AppContext.open(copy, Settings(tmp_path / "s.json"))
    try:
        form = ctx.services.annual.form(2025, "IKJ")
        assert form.status == "draft" and form.unanswered
        assert form.answers["25"].answer == "yes" and form.answers["25"].prefill is not None
        statuses = {r.status for r in ctx.services.annual.overview(2025)}
        assert statuses == {"draft", "not_started"}
    finally:
        ctx.close()


def test_the_same_seed_gives_the_same_answers(demo: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.sqlite"
    build_demo(again, seed=2024, today=TODAY)

    def answers(path: Path) -> list[tuple[object, ...]]:
        c = connect(path, read_only=True)
        try:
            return [tuple(r) for r in c.execute(
                "SELECT r.year, r.unit_id, r.line_manager, a.question, a.answer, a.confirmed "
                "FROM annual_answer a JOIN annual_report r ON r.id = a.report_id "
                "ORDER BY r.year, r.unit_id, a.question")]
        finally:
            c.close()

    assert answers(again) == answers(demo)

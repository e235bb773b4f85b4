"""The rounds payload: for a completed or reported round, its report (PDF) and action plan
(XLSX and CSV), and an index; a round still being walked sends nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.db.round_fixtures import make_rooms, make_round, make_template
from tests.services.delivery.payload_fixtures import (
    files_of,
    read_csv,
    read_json,
    read_pdf,
    read_xlsx,
)
from vernetool.db.migrations import open_store
from vernetool.domain.rounds import Finding, RoundStatus, Severity
from vernetool.services import Services, Store
from vernetool.services.delivery.payloads import rounds
from vernetool.services.delivery.payloads.mapping import mapping_for

DB_ID = "5a0c2b3d-1111-4222-8333-444455556666"


@pytest.fixture
def services(db_path: Path) -> Iterator[Services]:
    conn = open_store(db_path)
    yield Services(Store(conn, db_path, lambda: "tester"))
    conn.close()


def _round(services: Services, title: str, uid: str) -> int:
    with services.store.write() as conn:
        template = make_template(conn)
        rooms = make_rooms(conn, 2, building=f"B{uid[-1]}")
        round_id = make_round(conn, rooms, template, title=title, uid=uid)
    room = services.rounds.round_rooms(round_id)[0]
    services.findings.save(Finding("=Skitten vask", Severity.HIGH, action="Vask vasken",
                                   responsible_name="Driftsleder",
                                   deadline=dt.date(2026, 4, 1), round_room_id=room.id))
    return round_id


def test_a_completed_round_sends_its_report_and_action_plan(services: Services) -> None:
    done = _round(services, "HMS-runde vår 2026", "round-uid-1")
    walking = _round(services, "HMS-runde høst 2026", "round-uid-2")
    services.rounds.set_status(done, RoundStatus.IN_PROGRESS)
    services.rounds.set_status(done, RoundStatus.COMPLETED)
    services.rounds.set_status(walking, RoundStatus.IN_PROGRESS)
    with services.store.read() as conn:
        recs, round_files = rounds.round_files(conn, DB_ID, [done, walking],
                                               today=dt.date(2026, 11, 20), reopened=False)
    files = files_of(rounds.payload_files(mapping_for("rounds"), recs, round_files, []))
    assert sorted(files) == ["rounds.csv", "rounds.json", "rounds/round-uid-1/action_plan.csv",
                             "rounds/round-uid-1/action_plan.xlsx",
                             "rounds/round-uid-1/report.pdf"]
    [index] = read_csv(files["rounds.csv"])
    assert (index["id"], index["uid"], index["title"], index["status"], index["actions"],
            index["report"]) == (f"{DB_ID}:{done}", "round-uid-1", "HMS-runde vår 2026",
                                 "completed", "1", "rounds/round-uid-1/report.pdf")
    assert read_json(files["rounds.json"])["rounds"][0]["action_plan_xlsx"] == (
        "rounds/round-uid-1/action_plan.xlsx")
    text = read_pdf(files["rounds/round-uid-1/report.pdf"])
    assert "HMS-runde vår 2026" in text and "Vask vasken" in text
    sheet = read_xlsx(files["rounds/round-uid-1/action_plan.xlsx"])
    assert sheet[0][0] == "Tiltak" and sheet[1][0] == "Vask vasken"
    assert sheet[1][4] == "'=Skitten vask"                  # the formula neutralised
    [plan] = read_csv(files["rounds/round-uid-1/action_plan.csv"])
    assert (plan["Tiltak"], plan["Ansvarlig"]) == ("Vask vasken", "Driftsleder")


def test_a_hostile_uid_cannot_leave_the_rounds_folder() -> None:
    assert rounds.folder_name("../../etc/passwd", 7) == "etc_passwd"
    assert rounds.folder_name("..", 7) == "7"


def test_build_sends_a_completed_round_and_then_its_reopening(services: Services) -> None:
    from vernetool.db.delivery.changes import last_seq
    from vernetool.domain.delivery.kinds import Sends, TargetKind
    from vernetool.domain.delivery.model import Target

    target = Target(1, "hms", TargetKind.FOLDER, "/x", "", (Sends.ROUNDS,), "", False,
                    {"rounds": {"lang": "en"}}, "")
    done = _round(services, "Round spring 2026", "round-uid-1")
    services.rounds.set_status(done, RoundStatus.IN_PROGRESS)
    with services.store.read() as conn:
        assert rounds.build(conn, target, 0, last_seq(conn)).rows == 0   # being walked
    services.rounds.set_status(done, RoundStatus.COMPLETED)
    with services.store.read() as conn:
        mark = last_seq(conn)
        built = rounds.build(conn, target, 0, mark)
    files = files_of(built.files)
    assert built.rows == 1 and len(files) == 5
    assert read_csv(files["rounds/round-uid-1/action_plan.csv"])[0]["Action"] == "Vask vasken"
    services.rounds.set_status(done, RoundStatus.IN_PROGRESS)
    with services.store.read() as conn:
        again = rounds.build(conn, target, mark, last_seq(conn))
    files = files_of(again.files)
    assert sorted(files) == ["rounds.csv", "rounds.json"]
    [index] = read_csv(files["rounds.csv"])
    assert (index["status"], index["report"]) == ("in_progress", "")

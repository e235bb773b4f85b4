"""Every problem carries what to open to fix it (its target) and its unit's code; the
reminders beyond DESIGN's codes (overdue leak tests, cabinet certifications) are produced by
a fixture built for them, go when the cause is fixed, and stay out of the default list (the
``check`` JSON)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.services.checks.conftest import AS_OF
from tests.services.checks.test_checks import CASES
from vernetool.context import AppContext
from vernetool.domain.checks import ALL_CODES, CODES, EXTRA_CODES, TARGET_KINDS, Problem
from vernetool.i18n import render
from vernetool.settings import Settings

Run = Callable[..., list[Problem]]
DB = tuple[Path, sqlite3.Connection]

#: code → the target kind its problem opens
KINDS = {
    "sds_missing": "product", "sds_old": "product", "sds_language": "product",
    "exposure_missing": "exposure", "roomcard_missing": "room_card",
    "roomcard_stale": "room_card", "source_not_notified": "source",
    "source_missing": "source", "bio_notification_missing": "agent",
    "bio_register_missing": "bio_workers", "vaccine_offer_missing": "bio_worker",
    "responsible_missing": "room", "round_missing": "unit", "action_overdue": "measure",
    "leak_test_overdue": "source", "cabinet_certification_overdue": "cabinet",
}

EXTRA_CASES: dict[str, tuple[str, str]] = {
    "leak_test_overdue": (
        "INSERT INTO radiation_source (id, kind, nuclide, room_id, dsa_id, dsa_status,"
        " notifiable_stated, leak_test_last, leak_test_interval_months)"
        " VALUES (4, 'sealed_source', 'Cs-137', 1, 'K-4', 'in_use', 1, '2025-01-10', 12);",
        "UPDATE radiation_source SET leak_test_last = '2026-01-12';"),
    "cabinet_certification_overdue": (
        "INSERT INTO bio_cabinet (id, room_id, make, model, serial_number)"
        " VALUES (1, 1, 'Scanlaf', 'Mars', 'S-1');"
        "INSERT INTO bio_cabinet_certification (cabinet_id, certified_on, certifier)"
        " VALUES (1, '2025-03-01', 'Certa AS');",
        "INSERT INTO bio_cabinet_certification (cabinet_id, certified_on, certifier)"
        " VALUES (1, '2026-03-01', 'Certa AS');"),
}


@pytest.fixture
def run_all(check_db: DB, tmp_path: Path) -> Run:
    path, _conn = check_db

    def run(room: int | None = None, extras: bool = True) -> list[Problem]:
        ctx = AppContext.open(path, Settings(tmp_path / "settings.json"))
        try:
            return ctx.services.checks.problems(room, AS_OF, extras=extras, with_units=True,
                                                own_connection=True)
        finally:
            ctx.close()
    return run


def test_every_code_has_a_target_kind() -> None:
    assert set(KINDS) == {c.value for c in ALL_CODES}
    assert set(KINDS.values()) <= set(TARGET_KINDS)
    assert set(EXTRA_CODES).isdisjoint(CODES)


@pytest.mark.parametrize("code", list(CASES))
def test_each_problem_has_its_target_and_unit(code: str, check_db: DB, run_all: Run) -> None:
    conn = check_db[1]
    conn.executescript(CASES[code][0])
    [problem] = run_all()
    assert problem.code.value == code
    target = problem.target
    assert target is not None and target.kind == KINDS[code]
    assert problem.unit == "U1"
    if code == "round_missing":
        assert (target.id, target.code, target.room_id) == (1, "U1", None)
    else:
        assert target.room_id == 1
    expected_id = {"sds_missing": 2, "exposure_missing": 3, "sds_old": 1, "sds_language": 1,
                   "roomcard_missing": 1, "roomcard_stale": 1, "responsible_missing": 1,
                   "source_not_notified": 1, "source_missing": 2,
                   "bio_notification_missing": 1, "bio_register_missing": 2,
                   "vaccine_offer_missing": 7, "action_overdue": 1}
    if code in expected_id:
        assert target.id == expected_id[code]
    if code == "action_overdue":
        assert target.parent_id == 1     # the measure's deviation


def test_an_overdue_finding_opens_its_round(check_db: DB, run_all: Run) -> None:
    check_db[1].executescript(
        "INSERT INTO round_finding (id, uid, round_id, room_id, description, action, deadline)"
        " VALUES (5, 'f1', 1, 2, 'Mangler spillbakke', 'Kjøp spillbakke', '2026-05-15');")
    [problem] = run_all()
    assert problem.target is not None
    assert (problem.target.kind, problem.target.id, problem.target.parent_id,
            problem.target.room_id, problem.unit) == ("finding", 5, 1, 2, "U1")


def test_a_deviation_without_a_room_takes_its_units_code(check_db: DB, run_all: Run) -> None:
    check_db[1].executescript(
        "INSERT INTO deviation (id, type, title, reported_at, unit_id, status)"
        " VALUES (3, 'hazard', 'Glatt trapp', '2026-02-01', 1, 'in_progress');"
        "INSERT INTO deviation_action (id, deviation_id, description, deadline, status)"
        " VALUES (4, 3, 'Strø', '2026-05-01', 'open');")
    [problem] = run_all()
    assert problem.room == "" and problem.unit == "U1"
    assert problem.target is not None and problem.target.room_id is None
    assert (problem.target.kind, problem.target.id, problem.target.parent_id) == (
        "measure", 4, 3)


@pytest.mark.parametrize("code", list(EXTRA_CASES))
def test_a_reminder_is_produced_and_fixed(code: str, check_db: DB, run_all: Run) -> None:
    conn = check_db[1]
    cause, fix = EXTRA_CASES[code]
    conn.executescript(cause)
    [problem] = run_all()
    assert problem.code.value == code and problem.room == "B:101" and problem.unit == "U1"
    assert problem.target is not None and problem.target.kind == KINDS[code]
    assert "2026-01-10" in render(problem.message_code, **problem.params) or \
        "2026-03-01" in render(problem.message_code, **problem.params)
    assert run_all(extras=False) == []          # not a check code: not in the JSON
    conn.executescript(fix)
    assert run_all() == []


def test_never_tested_and_never_certified_have_their_own_words(check_db: DB,
                                                               run_all: Run) -> None:
    check_db[1].executescript(
        "INSERT INTO radiation_source (id, kind, nuclide, room_id, dsa_id, dsa_status,"
        " notifiable_stated) VALUES (4, 'sealed_source', 'Am-241', 1, 'K-4', 'in_use', 1);"
        "INSERT INTO bio_cabinet (id, room_id, make) VALUES (1, 1, 'Scanlaf');")
    problems = run_all()
    assert sorted(p.message_code for p in problems) == [
        "check.cabinet_certification_never", "check.leak_test_never"]
    assert all("{" not in render(p.message_code, **p.params) for p in problems)


def test_a_disposed_source_and_a_removed_cabinet_need_nothing(check_db: DB,
                                                              run_all: Run) -> None:
    conn = check_db[1]
    conn.executescript(EXTRA_CASES["leak_test_overdue"][0]
                       + EXTRA_CASES["cabinet_certification_overdue"][0])
    assert len(run_all()) == 2
    conn.executescript("UPDATE radiation_source SET disposed_on = '2026-05-01';"
                       "UPDATE bio_cabinet SET removed_on = '2026-05-01';")
    assert run_all() == []

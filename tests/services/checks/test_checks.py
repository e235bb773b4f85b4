"""Every check code, produced by a fixture built for it and gone when the cause is fixed;
the clean rooms produce nothing."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from vernetool.domain.checks import CODES, CheckCode, Problem
from vernetool.i18n import render, using_language

Run = Callable[..., list[Problem]]
DB = tuple[Path, sqlite3.Connection]

# code → (SQL that causes it, SQL that fixes it)
CASES: dict[str, tuple[str, str]] = {
    "sds_missing": (
        "INSERT INTO chemical_product (id, name, pictograms) VALUES (2, 'Aceton', 'GHS02');"
        "INSERT INTO chemical_holding (product_id, room_id, quantity, unit)"
        " VALUES (2, 1, 1, 'L');",
        "INSERT INTO chemical_sds (product_id, url, revised_on, language)"
        " VALUES (2, 'https://example.org/a.pdf', '2025-05-01', 'en');"),
    "sds_old": ("UPDATE chemical_sds SET revised_on = '2022-01-01';",
                "UPDATE chemical_sds SET revised_on = '2025-01-01';"),
    "sds_language": ("UPDATE chemical_sds SET language = 'de';",
                     "UPDATE chemical_sds SET language = 'en';"),
    "exposure_missing": (
        "INSERT INTO chemical_product (id, name, pictograms, exposure_register)"
        " VALUES (3, 'Benzen', 'GHS02', 1);"
        "INSERT INTO chemical_sds (product_id, url, revised_on, language)"
        " VALUES (3, 'https://example.org/b.pdf', '2025-05-01', 'nb');"
        "INSERT INTO chemical_holding (product_id, room_id, quantity, unit)"
        " VALUES (3, 1, 100, 'mL');",
        "INSERT INTO exposure_entry (product_id, person, route, exposure_start)"
        " VALUES (3, 'Per Person', 'inhalation', '2026-01-05');"),
    "roomcard_missing": ("DELETE FROM room_card;",
                         "INSERT INTO room_card (room_id, flammable_cat2_max_litres, pictograms)"
                         " VALUES (1, 5, 'GHS07,GHS02');"),
    "roomcard_stale": ("UPDATE room_card SET pictograms = 'GHS07';",
                       "UPDATE room_card SET pictograms = 'GHS02,GHS07,GHS08';"),
    "source_not_notified": (
        "INSERT INTO radiation_source (id, kind, laser_class, room_id)"
        " VALUES (1, 'laser', '4', 1);",
        "UPDATE radiation_source SET dsa_id = 'L-2026-00001', dsa_status = 'in_use';"),
    "source_missing": (
        "INSERT INTO radiation_source (id, kind, nuclide, room_id, dsa_id, dsa_status,"
        " notifiable_stated) VALUES (2, 'sealed_source', 'Cs-137', 1, 'K-1', 'stolen', 1);",
        "UPDATE radiation_source SET dsa_status = 'stored';"),
    "bio_notification_missing": (
        "INSERT INTO bio_agent (id, name, agent_type, risk_group)"
        " VALUES (1, 'Staphylococcus aureus', 'bacterium', 2);"
        "INSERT INTO bio_agent_use (agent_id, room_id, notified_at, first_use)"
        " VALUES (1, 1, '2026-01-20', '2026-02-01');",
        "UPDATE bio_agent_use SET notified_at = '2025-12-01';"),
    "bio_register_missing": (
        "INSERT INTO bio_agent (id, name, agent_type, risk_group)"
        " VALUES (2, 'Mycobacterium tuberculosis', 'bacterium', 3);"
        "INSERT INTO bio_agent_use (agent_id, room_id, notified_at, first_use)"
        " VALUES (2, 1, '2025-11-01', '2026-02-01');",
        "INSERT INTO bio_worker (person, agent_id) VALUES ('Wenche Worker', 2);"),
    "vaccine_offer_missing": (
        "INSERT INTO bio_agent (id, name, agent_type, risk_group, notes)"
        " VALUES (3, 'Hepatitis B virus', 'virus', 2, 'V');"
        "INSERT INTO bio_agent_use (agent_id, room_id, notified_at, first_use)"
        " VALUES (3, 1, '2025-11-01', '2026-02-01');"
        "INSERT INTO bio_worker (id, person, agent_id) VALUES (7, 'Vera Vaksine', 3);",
        "INSERT INTO bio_vaccination_offer (worker_id, offered_at) VALUES (7, '2026-01-10');"),
    "responsible_missing": ("UPDATE room_responsibility SET valid_to = '2026-01-01';",
                            "UPDATE room_responsibility SET valid_to = NULL;"),
    "round_missing": ("UPDATE hse_round SET start_date = '2025-03-01';",
                      "UPDATE hse_round SET start_date = '2026-01-15';"),
    "action_overdue": (
        "INSERT INTO deviation (id, type, title, reported_at, room_id, status)"
        " VALUES (1, 'hazard', 'Blokkert nødutgang', '2026-02-01', 1, 'in_progress');"
        "INSERT INTO deviation_action (id, deviation_id, description, deadline, status)"
        " VALUES (1, 1, 'Rydd korridoren', '2026-05-01', 'open');",
        "UPDATE deviation_action SET status = 'done', done_at = '2026-05-20';"),
}


def codes(problems: list[Problem]) -> list[str]:
    return [p.code.value for p in problems]


def test_every_code_has_a_case() -> None:
    assert set(CASES) == {c.value for c in CODES}


def test_the_clean_database_has_no_problems(run_checks: Run) -> None:
    assert run_checks() == []
    assert run_checks(room=2) == []


@pytest.mark.parametrize("code", list(CASES))
def test_a_cause_gives_its_code_and_the_fix_removes_it(code: str, check_db: DB,
                                                       run_checks: Run) -> None:
    _path, conn = check_db
    cause, fix = CASES[code]
    conn.executescript(cause)
    found = run_checks()
    assert codes(found) == [code], found
    problem = found[0]
    assert problem.room == ("" if code == "round_missing" else "B:101")
    assert problem.subject
    assert all(p.room != "B:102" for p in found)
    conn.executescript(fix)
    assert run_checks() == []


def test_a_unit_problem_is_not_a_room_problem(check_db: DB, run_checks: Run) -> None:
    check_db[1].executescript(CASES["round_missing"][0])
    assert codes(run_checks()) == ["round_missing"]
    assert run_checks(room=1) == []


def test_the_card_litres_and_signs(check_db: DB, run_checks: Run) -> None:
    conn = check_db[1]
    conn.executescript("UPDATE chemical_holding SET quantity = 12500, unit = 'mL';")
    [stale] = run_checks()
    assert stale.code is CheckCode.ROOMCARD_STALE
    with using_language("en"):
        assert render(stale.message_code, **stale.params) == (
            "the room card of B:101 disagrees with the registers: 12.5 L of category 2 "
            "flammable liquids in use, above the card's maximum of 10 L")
    with using_language("nb"):
        assert "12,5 L brannfarlige væsker i kategori 2 i bruk, over kortets maksimum på " \
            "10 L" in render(stale.message_code, **stale.params)
    conn.executescript("UPDATE room_card SET flammable_cat2_max_litres = 15;"
                       "UPDATE room_card SET warning_signs = 'radiation,biohazard';"
                       + CASES["source_not_notified"][0] + CASES["source_not_notified"][1])
    [stale] = run_checks()
    with using_language("en"):
        assert str(stale.params["reasons"]) == "the card lacks the warning sign laser beam"
    conn.executescript("UPDATE room_card SET warning_signs = 'laser';")
    assert run_checks() == []


def test_a_product_without_a_pictogram_and_a_low_laser_ask_for_no_card(
        check_db: DB, run_checks: Run) -> None:
    conn = check_db[1]
    conn.executescript(
        "INSERT INTO chemical_product (id, name) VALUES (5, 'Natriumklorid');"
        "INSERT INTO chemical_sds (product_id, url, revised_on, language)"
        " VALUES (5, 'https://example.org/n.pdf', '2025-05-01', 'nb');"
        "INSERT INTO chemical_holding (product_id, room_id, quantity, unit)"
        " VALUES (5, 2, 1, 'kg');"
        "INSERT INTO radiation_source (kind, laser_class, room_id) VALUES ('laser', '2', 2);")
    # registers but nothing hazardous: no card needed, a responsible is
    assert codes(run_checks(room=2)) == ["responsible_missing"]


def test_late_notification_and_overdue_findings_follow_the_day(check_db: DB,
                                                               run_checks: Run) -> None:
    conn = check_db[1]
    conn.executescript(
        "INSERT INTO round_finding (uid, round_id, room_id, description, action, deadline)"
        " VALUES ('f1', 1, 1, 'Mangler spillbakke', 'Kjøp spillbakke', '2026-05-15');")
    assert run_checks(as_of=dt.date(2026, 5, 15)) == []
    [overdue] = run_checks(as_of=dt.date(2026, 5, 16))
    assert overdue.code is CheckCode.ACTION_OVERDUE and overdue.room == "B:101"
    assert overdue.params["deadline"] == "2026-05-15"
    conn.executescript("UPDATE round_finding SET status = 'closed', closed_at = '2026-05-16';")
    assert run_checks(as_of=dt.date(2026, 5, 16)) == []


def test_the_sds_age_is_the_configured_one(check_db: DB, run_checks: Run) -> None:
    conn = check_db[1]
    conn.executescript("UPDATE chemical_sds SET revised_on = '2024-01-01';")
    assert run_checks() == []
    conn.executescript("UPDATE app_meta SET value = '2' WHERE key = 'chemicals.sds_max_age_years';")
    [old] = run_checks()
    assert old.code is CheckCode.SDS_OLD and old.params["years"] == 2

"""A small database for the checks, written with SQL so each test can break one thing and
fix it again: unit U1 (with this year's round), lab B:101 with a responsible, a room card
that agrees with its registers, ethanol with a fresh Norwegian sheet, and an empty B:102."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from vernetool.context import AppContext
from vernetool.db.migrations import open_store
from vernetool.domain.checks import Problem
from vernetool.settings import Settings

AS_OF = dt.date(2026, 6, 1)

BASE = """
INSERT INTO unit (id, code, name) VALUES (1, 'U1', 'Unit one');
INSERT INTO building (id, code, name) VALUES (1, 'B', 'Building');
INSERT INTO room (id, building_id, number, type, unit_id) VALUES
    (1, 1, '101', 'lab', 1), (2, 1, '102', 'lab', 1);
INSERT INTO person (id, name, email) VALUES (1, 'Rita Romansvarlig', 'rita@example.org');
INSERT INTO room_responsibility (room_id, person_id, kind, valid_from)
    VALUES (1, 1, 'responsible', '2020-01-01');
INSERT INTO room_card (room_id, special_hazards, flammable_cat2_max_litres, pictograms,
                       warning_signs)
    VALUES (1, 'Laser klasse 4; radioaktive kilder; biologisk smitte', 10, 'GHS02,GHS07',
            'radiation,laser,biohazard');
INSERT INTO hse_round (id, uid, unit_id, start_date, status)
    VALUES (1, 'r1', 1, '2026-03-01', 'completed');
INSERT INTO chemical_product (id, name, pictograms) VALUES (1, 'Etanol', 'GHS02,GHS07');
INSERT INTO chemical_statement (product_id, position, kind, code) VALUES
    (1, 0, 'H', 'H225'), (1, 1, 'H', 'H319');
INSERT INTO chemical_sds (product_id, url, revised_on, language)
    VALUES (1, 'https://example.org/etanol.pdf', '2025-01-01', 'nb');
INSERT INTO chemical_holding (product_id, room_id, place, quantity, unit)
    VALUES (1, 1, 'Skap 1', 2, 'L');
"""


@pytest.fixture
def check_db(tmp_path: Path) -> Iterator[tuple[Path, sqlite3.Connection]]:
    path = tmp_path / "checks.sqlite"
    conn = open_store(path)
    with conn:
        conn.executescript(BASE)
    yield path, conn
    conn.close()


@pytest.fixture
def run_checks(check_db: tuple[Path, sqlite3.Connection], tmp_path: Path
               ) -> Callable[..., list[Problem]]:
    path, _conn = check_db

    def run(room: int | None = None, as_of: dt.date = AS_OF) -> list[Problem]:
        ctx = AppContext.open(path, Settings(tmp_path / "settings.json"))
        try:
            return ctx.services.checks.problems(room, as_of)
        finally:
            ctx.close()
    return run

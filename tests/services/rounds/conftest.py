"""A store with a small planned round, its services, and a record of the changes published."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.db.round_fixtures import make_rooms, make_round, make_template
from vernetool.db.migrations import open_store
from vernetool.services import Change, Services, Store


@dataclass
class Setup:
    services: Services
    changes: list[Change]
    round_id: int
    room_ids: list[int]
    template_id: int


@pytest.fixture
def setup(db_path: Path) -> Iterator[Setup]:
    conn = open_store(db_path)
    template_id = make_template(conn)
    room_ids = make_rooms(conn, 3)
    round_id = make_round(conn, room_ids, template_id)
    services = Services(Store(conn, db_path, lambda: "tester"))
    changes: list[Change] = []
    services.subscribe(changes.append)
    yield Setup(services, changes, round_id, room_ids, template_id)
    conn.close()

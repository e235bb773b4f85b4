"""What the deviation service tests share: the services of a fresh store and the change
notices they publish."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from vernetool.context import AppContext
from vernetool.services import Change, Services


@pytest.fixture
def services(ctx: AppContext) -> Services:
    return ctx.services


@pytest.fixture
def changes(services: Services) -> Iterator[list[Change]]:
    """Every change notice published while the test runs, in order."""
    seen: list[Change] = []
    unsubscribe = services.subscribe(seen.append)
    yield seen
    unsubscribe()


def count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

"""Test set-up: offscreen Qt, Agg charts, and data/config folders that are never the user's."""

from __future__ import annotations

import os
import tempfile

# Before anything imports Qt or matplotlib.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["MPLBACKEND"] = "Agg"
_session_dir = tempfile.mkdtemp(prefix="vernetool-tests-")
os.environ["VERNETOOL_DATA_DIR"] = os.path.join(_session_dir, "data")
os.environ["VERNETOOL_CONFIG_DIR"] = os.path.join(_session_dir, "config")

import sqlite3  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from vernetool.context import AppContext  # noqa: E402
from vernetool.db.migrations import open_store  # noqa: E402
from vernetool.settings import Settings  # noqa: E402


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.sqlite"


@pytest.fixture
def conn(db_path: Path) -> Iterator[sqlite3.Connection]:
    connection = open_store(db_path)
    yield connection
    connection.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "settings.json")


@pytest.fixture
def ctx(db_path: Path, settings: Settings) -> Iterator[AppContext]:
    context = AppContext.open(db_path, settings)
    yield context
    context.close()

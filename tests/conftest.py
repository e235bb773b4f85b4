"""Test set-up: offscreen Qt, Agg charts, and data/config folders that are never the user's."""

from __future__ import annotations

import json
import os
import tempfile

# Before anything imports Qt or matplotlib.
os.environ["MPLBACKEND"] = "Agg"
_session_dir = tempfile.mkdtemp(prefix="vernetool-tests-")
# Offscreen Qt with three screens side by side: a desktop (the primary, where tests open
# windows unless they ask otherwise), a 1366×768 laptop and a 1024×600 netbook, so the
# geometry tests open windows on real screens of those sizes (tests/ui/shell/test_geometry).
SCREENS = {"desktop": (0, 1920, 1080), "laptop": (1920, 1366, 768), "small": (3286, 1024, 600)}
_screens_file = os.path.join(_session_dir, "screens.json")
with open(_screens_file, "w", encoding="utf-8") as _file:
    json.dump({"screens": [{"name": name, "x": x, "y": 0, "width": w, "height": h,
                            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
                           for name, (x, w, h) in SCREENS.items()]}, _file)
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screens_file}"
os.environ["VERNETOOL_DATA_DIR"] = os.path.join(_session_dir, "data")
os.environ["VERNETOOL_CONFIG_DIR"] = os.path.join(_session_dir, "config")
# Never the developer's OS keyring (the identity vault's tests give theirs), nor a passphrase
# from their shell.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
os.environ.pop("VERNETOOL_PASSPHRASE", None)

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

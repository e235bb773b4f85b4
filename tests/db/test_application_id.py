"""Migration 4 marks a vernetool database with ``PRAGMA application_id``; opening refuses,
untouched, an SQLite file of another program (instead of adding our tables to it)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from vernetool.db.migrations import (
    APPLICATION_ID,
    ForeignDatabaseError,
    latest_version,
    open_store,
)

DATA = Path(__file__).parents[1] / "data"


@pytest.mark.parametrize("start", ["new", "schema1.sqlite", "schema3.sqlite"])
def test_every_vernetool_database_carries_the_application_id(tmp_path: Path,
                                                              start: str) -> None:
    db = tmp_path / "db.sqlite"
    if start != "new":
        shutil.copy(DATA / start, db)
        with closing(sqlite3.connect(db)) as raw:
            assert raw.execute("PRAGMA application_id").fetchone()[0] == 0  # written before
    with closing(open_store(db)) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    assert APPLICATION_ID.to_bytes(4, "big") == b"vntl"
    assert db.read_bytes()[68:72] == b"vntl"  # what `file` and a hex editor show


def _tables_without_version(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT)")
        conn.commit()


def _other_application(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA application_id = 1196444487")  # GeoPackage's "GPKG"
        conn.execute("CREATE TABLE gpkg_contents (table_name TEXT)")
        conn.commit()


def _our_version_without_our_id(path: Path) -> None:
    open_store(path).close()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA application_id = 0")
        conn.commit()


@pytest.mark.parametrize("make", [_tables_without_version, _other_application,
                                  _our_version_without_our_id])
def test_another_programs_database_is_refused_untouched(
        tmp_path: Path, make: Callable[[Path], None]) -> None:
    db = tmp_path / "other.sqlite"
    make(db)
    before = db.read_bytes()
    with pytest.raises(ForeignDatabaseError, match=r"another program|holds tables|without"):
        open_store(db)
    assert db.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_import_into_another_programs_database_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from vernetool.cli import main

    db = tmp_path / "other.sqlite"
    _tables_without_version(db)
    before = db.read_bytes()
    source = DATA / "import" / "rooms_semicolon_bom.csv"
    assert main(["import", "rooms", "--db", str(db), str(source)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a vernetool database" in err, err
    assert db.read_bytes() == before

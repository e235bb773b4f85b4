"""The store: migrations from every earlier schema, backups, newer-schema refusal, pragmas."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from vernetool.db.connection import StoreError, atomic, connect, integrity_ok
from vernetool.db.migrations import (
    NewerSchemaError,
    available_migrations,
    latest_version,
    open_store,
    schema_version,
)

DATA = Path(__file__).parents[1] / "data"


def test_new_database_gets_latest_schema_with_wal_and_foreign_keys(db_path: Path) -> None:
    conn = open_store(db_path)
    assert schema_version(conn) == latest_version() == len(available_migrations())
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert integrity_ok(conn)
    conn.close()


def test_schema1_database_migrates_keeping_its_data(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    shutil.copy(DATA / "schema1.sqlite", db)
    conn = open_store(db)
    assert schema_version(conn) == latest_version()
    room = conn.execute("SELECT r.name, r.area_m2, b.code FROM room r JOIN building b "
                        "ON b.id = r.building_id").fetchone()
    assert tuple(room) == ("Organisk syntese-lab", 48.5, "K5")
    assert conn.execute("SELECT name FROM person").fetchone()[0] == "Åse Ørnstad"
    assert conn.execute("SELECT pictograms FROM room_card").fetchone()[0] == "GHS02,GHS07"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert integrity_ok(conn)
    conn.close()
    backups = list((tmp_path / "backups").glob("old-v1-*.sqlite"))
    assert len(backups) == 1, "a backup is taken before migrating"
    with closing(sqlite3.connect(backups[0])) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
        assert old.execute("SELECT count(*) FROM room").fetchone()[0] == 1


def test_no_backup_for_a_new_file_or_an_up_to_date_one(db_path: Path) -> None:
    open_store(db_path).close()
    open_store(db_path).close()
    assert not (db_path.parent / "backups").exists()


def test_newer_database_is_refused_untouched(db_path: Path) -> None:
    open_store(db_path).close()
    with closing(sqlite3.connect(db_path)) as raw:
        raw.execute(f"PRAGMA user_version = {latest_version() + 1}")
    before = db_path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer version"):
        open_store(db_path)
    assert db_path.read_bytes() == before


def test_a_file_that_is_not_a_database_gives_a_store_error(tmp_path: Path) -> None:
    junk = tmp_path / "notes.sqlite"
    junk.write_text("this is not a database, just some notes " * 50)
    with pytest.raises(StoreError, match="not a vernetool database"):
        open_store(junk)


def test_failed_migration_leaves_the_version_unchanged(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from vernetool.db import migrations

    db = tmp_path / "broken.sqlite"
    shutil.copy(DATA / "schema1.sqlite", db)
    real = migrations.available_migrations()
    broken = [*real[:1], migrations.Migration(2, "broken", "CREATE TABLE x (a);\nNOT SQL;")]
    monkeypatch.setattr(migrations, "available_migrations", lambda: broken)
    with pytest.raises(sqlite3.OperationalError):
        open_store(db)
    with closing(sqlite3.connect(db)) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
        assert raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'x'"
                           ).fetchone()[0] == 0


def test_transaction_is_all_or_nothing(conn: sqlite3.Connection) -> None:
    with pytest.raises(RuntimeError), atomic(conn):
        conn.execute("INSERT INTO unit (code) VALUES ('A')")
        raise RuntimeError("boom")
    assert conn.execute("SELECT count(*) FROM unit").fetchone()[0] == 0
    with atomic(conn):
        conn.execute("INSERT INTO unit (code) VALUES ('B')")
        with pytest.raises(RuntimeError), atomic(conn):
            conn.execute("INSERT INTO unit (code) VALUES ('C')")
            raise RuntimeError("inner")
    codes = [r[0] for r in conn.execute("SELECT code FROM unit")]
    assert codes == ["B"]


def test_edit_outside_a_transaction_is_on_disk_at_once(db_path: Path) -> None:
    conn = open_store(db_path)
    conn.execute("INSERT INTO unit (code, name) VALUES ('X', 'Enhet X')")
    other = connect(db_path, read_only=True)
    assert other.execute("SELECT name FROM unit WHERE code = 'X'").fetchone()[0] == "Enhet X"
    other.close()
    conn.close()


def test_migrations_are_numbered_without_gaps() -> None:
    versions = [m.version for m in available_migrations()]
    assert versions == list(range(1, len(versions) + 1))


def _schema(conn: sqlite3.Connection) -> str:
    from tests.data.make_schema_sql import schema_sql

    return schema_sql(conn)


def test_schema3_database_migrates_keeping_rounds_and_deviations(tmp_path: Path) -> None:
    db = tmp_path / "v3.sqlite"
    shutil.copy(DATA / "schema3.sqlite", db)
    conn = open_store(db)
    try:
        assert schema_version(conn) == latest_version()
        assert conn.execute("SELECT comment FROM round_answer").fetchone()[0] == \
            "Kabler over gulvet"
        assert conn.execute("SELECT action FROM round_finding").fetchone()[0] == \
            "Legg kabelkanal"
        assert conn.execute("SELECT title FROM deviation").fetchone()[0] == \
            "Kuttskade ved glassbrudd"
        assert integrity_ok(conn)
    finally:
        conn.close()


@pytest.mark.parametrize("start", ["new", "schema1.sqlite", "schema3.sqlite"])
def test_every_path_through_the_migrations_gives_the_committed_schema(
        tmp_path: Path, start: str) -> None:
    """A released migration edited after the fact, or one that differs by path, shows here.
    After adding a migration, regenerate tests/data/schema.sql (make_schema_sql.py)."""
    db = tmp_path / "db.sqlite"
    if start != "new":
        shutil.copy(DATA / start, db)
    conn = open_store(db)
    try:
        assert _schema(conn) == (DATA / "schema.sql").read_text(encoding="utf-8")
    finally:
        conn.close()

"""Known SQLite problems become StoreError codes with words; everything else is a bug."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from vernetool import i18n
from vernetool.db.connection import atomic, connect
from vernetool.db.errors import StoreError, StoreProblem, classify, known_errors
from vernetool.i18n.store_errors import describe
from vernetool.paths import resource_path


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "store.sqlite"
    conn = connect(target)
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)")
    conn.close()
    return target


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


def _many_pages(target: Path) -> None:
    conn = connect(target)
    with atomic(conn):
        conn.executemany("INSERT INTO t (v) VALUES (?)",
                         [(f"row {n} " + "x" * 400,) for n in range(2000)])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def test_writing_through_a_read_only_connection(path: Path) -> None:
    conn = connect(path, read_only=True)
    try:
        with pytest.raises(StoreError) as caught, atomic(conn):
            conn.execute("INSERT INTO t (v) VALUES ('x')")
        assert caught.value.code is StoreProblem.READ_ONLY
        assert "readonly" in caught.value.detail
        assert isinstance(caught.value.__cause__, sqlite3.OperationalError)
        assert not conn.in_transaction
    finally:
        conn.close()


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    garbage = tmp_path / "notes.sqlite"
    garbage.write_bytes(b"shopping list: milk, bread, eggs\n" * 300)
    with pytest.raises(StoreError) as caught:
        connect(garbage)
    assert caught.value.code is StoreProblem.NOT_A_DATABASE
    assert caught.value.params == {"path": str(garbage)}


def test_a_damaged_database_is_corrupt_on_read(path: Path) -> None:
    _many_pages(path)
    size = path.stat().st_size
    assert size > 20 * 4096
    with path.open("r+b") as handle:  # wreck pages in the middle, keep the header intact
        handle.seek(size // 2 - (size // 2) % 4096)
        handle.write(b"\xff" * 4096 * 4)
    conn = connect(path)
    try:
        with pytest.raises(StoreError) as caught, known_errors():
            conn.execute("SELECT count(*), sum(length(v)) FROM t").fetchall()
        assert caught.value.code is StoreProblem.CORRUPT
    finally:
        conn.close()


def test_a_full_disk(path: Path) -> None:
    conn = connect(path)
    try:
        conn.execute("PRAGMA max_page_count = 8")
        with pytest.raises(StoreError) as caught, atomic(conn):
            conn.executemany("INSERT INTO t (v) VALUES (?)",
                             [(f"{n} " + "y" * 1000,) for n in range(200)])
        assert caught.value.code is StoreProblem.DISK_FULL
        assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0
    finally:
        conn.close()


def test_a_database_locked_by_another_connection(path: Path) -> None:
    holder, conn = connect(path), connect(path)
    try:
        holder.execute("BEGIN IMMEDIATE")
        conn.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(StoreError) as caught, atomic(conn):
            conn.execute("INSERT INTO t (v) VALUES ('x')")
        assert caught.value.code is StoreProblem.LOCKED
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        conn.close()


def test_a_folder_cannot_be_opened(tmp_path: Path) -> None:
    with pytest.raises(sqlite3.OperationalError) as raw:
        sqlite3.connect(tmp_path)
    known = classify(raw.value)
    assert known is not None and known.code is StoreProblem.CANNOT_OPEN
    assert known.__cause__ is raw.value
    with pytest.raises(StoreError) as caught:
        connect(tmp_path)
    assert caught.value.code is StoreProblem.CANNOT_OPEN


def test_an_io_error_by_its_extended_code() -> None:
    exc = sqlite3.OperationalError("disk I/O error")
    exc.sqlite_errorcode = 10 | (3 << 8)  # SQLITE_IOERR_WRITE
    known = classify(exc)
    assert known is not None and known.code is StoreProblem.IO_ERROR
    assert known.detail == "disk I/O error"


def test_a_constraint_violation_is_a_bug_not_a_known_problem(path: Path) -> None:
    conn = connect(path)
    try:
        conn.execute("INSERT INTO t (v) VALUES ('same')")
        with pytest.raises(sqlite3.IntegrityError) as caught, atomic(conn):
            conn.execute("INSERT INTO t (v) VALUES ('same')")
        assert classify(caught.value) is None
        assert not conn.in_transaction
    finally:
        conn.close()


def test_an_sql_mistake_is_a_bug(path: Path) -> None:
    conn = connect(path)
    try:
        with pytest.raises(sqlite3.OperationalError) as caught, atomic(conn):
            conn.execute("SELEC v FROM t")
        assert classify(caught.value) is None
    finally:
        conn.close()


def test_classify_other_exceptions() -> None:
    known = StoreError(StoreProblem.NEWER_SCHEMA, "schema 9")
    assert classify(known) is known
    assert classify(ValueError("no")) is None
    assert classify(sqlite3.Error("built by hand, no code")) is None


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("problem", list(StoreProblem))
def test_every_known_problem_has_a_sentence_in_both_languages(problem: StoreProblem) -> None:
    error = StoreError(problem, "sqlite's words")
    english = describe(error)
    assert english and "sqlite's words" not in english
    catalog: dict[str, str] = {}
    for file in resource_path("i18n", "nb").glob("*.json"):
        catalog.update(json.loads(file.read_text(encoding="utf-8")))
    assert catalog.get(english), f"no Bokmål for {english!r}"
    i18n.set_language("nb")
    norwegian = describe(error)
    assert norwegian == catalog[english] and norwegian != english

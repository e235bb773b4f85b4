"""atomic(): all or nothing, nested parts undone alone, a failed COMMIT never left open."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from vernetool.db.connection import atomic, connect
from vernetool.db.errors import StoreError, StoreProblem


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    conn = connect(tmp_path / "atomic.sqlite")
    conn.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
    conn.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, "
                 "parent_id INTEGER NOT NULL REFERENCES parent(id))")
    conn.execute("CREATE TABLE t (v TEXT)")
    yield conn
    conn.close()


def _values(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT v FROM t ORDER BY rowid")]


def test_the_block_is_committed_on_success(db: sqlite3.Connection, tmp_path: Path) -> None:
    with atomic(db) as conn:
        assert conn is db and db.in_transaction
        db.execute("INSERT INTO t VALUES ('a')")
    assert not db.in_transaction
    other = connect(tmp_path / "atomic.sqlite")
    try:
        assert _values(other) == ["a"]  # on disk, seen by another connection
    finally:
        other.close()


def test_a_nested_failure_rolls_back_only_the_inner_part(db: sqlite3.Connection) -> None:
    with atomic(db):
        db.execute("INSERT INTO t VALUES ('outer')")
        with pytest.raises(ValueError), atomic(db):
            db.execute("INSERT INTO t VALUES ('inner')")
            raise ValueError("inner")
        assert db.in_transaction  # the outer transaction carries on
        db.execute("INSERT INTO t VALUES ('after')")
    assert _values(db) == ["outer", "after"]


def test_an_outer_failure_rolls_back_everything(db: sqlite3.Connection) -> None:
    with pytest.raises(ValueError), atomic(db):
        db.execute("INSERT INTO t VALUES ('outer')")
        with atomic(db):
            db.execute("INSERT INTO t VALUES ('inner')")
        raise ValueError("outer")
    assert not db.in_transaction and _values(db) == []


def test_a_failed_commit_is_rolled_back(db: sqlite3.Connection) -> None:
    """A deferred foreign key is checked at COMMIT: the commit fails, nothing stays open."""
    db.execute("PRAGMA defer_foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY") as caught, atomic(db):
        db.execute("INSERT INTO t VALUES ('before')")
        db.execute("INSERT INTO child (id, parent_id) VALUES (1, 42)")  # no parent 42
    assert caught.value.__cause__ is None  # a bug comes out as it was, not as its own cause
    assert not db.in_transaction
    assert _values(db) == []
    assert db.execute("SELECT count(*) FROM child").fetchone()[0] == 0
    with atomic(db):  # the connection is usable again
        db.execute("INSERT INTO t VALUES ('next')")
    assert _values(db) == ["next"]


def test_a_transaction_sqlite_ended_itself_is_not_rolled_back_again(
        db: sqlite3.Connection) -> None:
    """SQLite ends the transaction on some errors; the original error must come out."""
    with pytest.raises(ValueError, match="the original"), atomic(db):
        db.execute("INSERT INTO t VALUES ('x')")
        db.execute("ROLLBACK")
        raise ValueError("the original")
    assert not db.in_transaction and _values(db) == []


@pytest.mark.parametrize("nested", [False, True])
def test_a_failing_rollback_does_not_hide_the_original_error(
        nested: bool, caplog: pytest.LogCaptureFixture) -> None:
    class Flaky:
        """A connection whose ROLLBACK fails (as it may after an I/O error)."""

        in_transaction = nested

        def execute(self, sql: str) -> None:
            if sql.startswith("BEGIN"):
                self.in_transaction = True
            if sql.startswith("ROLLBACK"):
                raise sqlite3.OperationalError("disk I/O error")

    flaky = Flaky()
    with pytest.raises(ValueError, match="the original"), atomic(flaky):  # type: ignore[arg-type]
        raise ValueError("the original")
    assert "disk I/O error" in caplog.text


def test_a_nested_block_after_sqlite_ended_the_transaction(db: sqlite3.Connection) -> None:
    with pytest.raises(ValueError, match="inner original"), atomic(db):
        db.execute("INSERT INTO t VALUES ('x')")
        with atomic(db):
            db.execute("ROLLBACK")
            raise ValueError("inner original")
    assert not db.in_transaction and _values(db) == []


def test_begin_on_a_locked_database_is_a_known_problem(db: sqlite3.Connection,
                                                       tmp_path: Path) -> None:
    holder = connect(tmp_path / "atomic.sqlite")
    try:
        holder.execute("BEGIN IMMEDIATE")
        db.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(StoreError) as caught, atomic(db):
            pytest.fail("the block must not run without the write lock")
        assert caught.value.code is StoreProblem.LOCKED
        assert isinstance(caught.value.__cause__, sqlite3.OperationalError)
        assert not db.in_transaction
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_known_problem_inside_the_block_comes_out_as_store_error(
        db: sqlite3.Connection) -> None:
    db.execute("PRAGMA max_page_count = 5")
    with pytest.raises(StoreError) as caught, atomic(db):
        db.execute("INSERT INTO t SELECT hex(randomblob(2000)) FROM "
                   "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                   "WHERE i < 200) SELECT i FROM n)")
    assert caught.value.code is StoreProblem.DISK_FULL
    assert not db.in_transaction and _values(db) == []


def test_a_bug_inside_the_block_is_re_raised_unchanged(db: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.OperationalError, match="syntax"), atomic(db):
        db.execute("INSERT INTO t VALUES ('x')")
        db.execute("INSERT INTO nowhere VALUE")
    assert _values(db) == []


def test_a_connected_file_is_durable(db: sqlite3.Connection) -> None:
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert db.isolation_level is None  # autocommit outside atomic()

"""Store: a write publishes its topics after the commit, once, and never when it fails."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from vernetool.db.connection import connect
from vernetool.services import Change, Services, Store, Topic
from vernetool.services.errors import StoreError, StoreProblem


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "store.sqlite"
    conn = connect(path)
    conn.execute("CREATE TABLE t (v TEXT)")
    yield Store(conn, path, lambda: "Kari")
    conn.close()


def _on_disk(store: Store) -> list[str]:
    """What another connection sees: only committed rows."""
    other = connect(store.db_path, read_only=True)
    try:
        return [r[0] for r in other.execute("SELECT v FROM t ORDER BY rowid")]
    finally:
        other.close()


def test_a_write_publishes_after_the_commit(store: Store) -> None:
    seen_by_listener: list[tuple[Change, list[str]]] = []
    store.notifier.subscribe(lambda c: seen_by_listener.append((c, _on_disk(store))))
    with store.write(Topic.ROOMS, Change(Topic.PERSONS, (7,))) as conn:
        conn.execute("INSERT INTO t VALUES ('a')")
        assert seen_by_listener == []  # not yet: still inside the transaction
    assert seen_by_listener == [(Change(Topic.ROOMS), ["a"]),
                                (Change(Topic.PERSONS, (7,)), ["a"])]


def test_a_failed_write_publishes_nothing_and_writes_nothing(store: Store) -> None:
    heard: list[Change] = []
    store.notifier.subscribe(heard.append)
    with pytest.raises(ValueError), store.write(Topic.ROOMS) as conn:
        conn.execute("INSERT INTO t VALUES ('a')")
        raise ValueError("half-way")
    assert heard == [] and _on_disk(store) == []
    assert not store.conn.in_transaction


def test_nested_writes_publish_once_at_the_outermost_commit(store: Store) -> None:
    heard: list[Change] = []
    store.notifier.subscribe(heard.append)
    with store.write(Topic.ROUNDS) as conn:
        conn.execute("INSERT INTO t VALUES ('outer')")
        with store.write(Topic.FINDINGS, Topic.ROUNDS) as inner:
            inner.execute("INSERT INTO t VALUES ('inner')")
        assert heard == []
    assert heard == [Change(Topic.FINDINGS), Change(Topic.ROUNDS)]  # each once
    assert _on_disk(store) == ["outer", "inner"]


def test_a_failed_inner_write_keeps_the_outer_and_publishes_it(store: Store) -> None:
    heard: list[Change] = []
    store.notifier.subscribe(heard.append)
    with store.write(Topic.ROUNDS) as conn:
        conn.execute("INSERT INTO t VALUES ('outer')")
        with pytest.raises(ValueError), store.write(Topic.FINDINGS) as inner:
            inner.execute("INSERT INTO t VALUES ('inner')")
            raise ValueError("inner only")
    assert heard == [Change(Topic.ROUNDS)] and _on_disk(store) == ["outer"]


def test_a_failed_outer_write_tells_nothing_of_its_inner_writes(store: Store) -> None:
    heard: list[Change] = []
    store.notifier.subscribe(heard.append)
    with pytest.raises(ValueError), store.write(Topic.ROUNDS) as conn:
        with store.write(Topic.FINDINGS) as inner:
            inner.execute("INSERT INTO t VALUES ('inner')")
        raise ValueError("outer")
    assert heard == [] and _on_disk(store) == []
    with store.write(Topic.PERSONS) as conn:  # nothing left over for the next write
        conn.execute("INSERT INTO t VALUES ('next')")
    assert heard == [Change(Topic.PERSONS)]


def test_a_known_problem_in_a_write_is_a_store_error(store: Store) -> None:
    holder = connect(store.db_path)
    heard: list[Change] = []
    store.notifier.subscribe(heard.append)
    try:
        holder.execute("BEGIN IMMEDIATE")
        store.conn.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(StoreError) as caught, store.write(Topic.ROOMS):
            pytest.fail("must not run without the write lock")
        assert caught.value.code is StoreProblem.LOCKED and heard == []
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_reader_is_read_only_and_closed_after(store: Store) -> None:
    with store.write() as conn:
        conn.execute("INSERT INTO t VALUES ('a')")
    with store.reader() as reader:
        assert reader is not store.conn
        assert [r[0] for r in reader.execute("SELECT v FROM t")] == ["a"]
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        reader.execute("SELECT 1")
    with pytest.raises(StoreError) as caught, store.reader() as writer:
        writer.execute("INSERT INTO t VALUES ('b')")
    assert caught.value.code is StoreProblem.READ_ONLY
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        writer.execute("SELECT 1")  # closed after a failure too
    assert _on_disk(store) == ["a"]


def test_read_turns_known_problems_into_store_errors(store: Store) -> None:
    store.conn.execute("PRAGMA query_only = ON")
    try:
        with pytest.raises(StoreError) as caught, store.read() as conn:
            conn.execute("INSERT INTO t VALUES ('x')")
        assert caught.value.code is StoreProblem.READ_ONLY
    finally:
        store.conn.execute("PRAGMA query_only = OFF")


def test_publish_outside_a_write_and_the_services_facade(store: Store) -> None:
    services = Services(store)
    heard: list[Change] = []
    unsubscribe = services.subscribe(heard.append)
    store.publish(Topic.DATABASE)
    assert heard == [Change(Topic.DATABASE)]
    assert services.actor == "Kari" and services.data_dir == store.db_path.parent
    unsubscribe()
    store.publish(Topic.ROOMS)
    assert heard == [Change(Topic.DATABASE)]

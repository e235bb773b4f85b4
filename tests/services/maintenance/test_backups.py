"""Backup, restore and the store checks behind the backup/restore/selftest commands."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from vernetool.db.migrations import open_store
from vernetool.db.organisation import rooms
from vernetool.domain.organisation import Room, RoomType
from vernetool.services.maintenance import backups
from vernetool.services.maintenance.backups import RestoreProblem, RestoreRefused
from vernetool.services.maintenance.opening import open_services


def _live(path: Path) -> Path:
    with closing(open_store(path)) as conn:
        rooms.save_room(conn, Room("K5", "301", RoomType.LAB, "Syntese"))
    return path


def test_backup_then_restore_brings_the_data_back(tmp_path: Path) -> None:
    live = _live(tmp_path / "live.sqlite")
    copy = tmp_path / "backups" / "copy.sqlite"
    backups.backup(live, copy)
    with closing(open_store(live)) as conn:
        conn.execute("DELETE FROM room")
    backups.check_backup(copy)
    backups.restore(copy, live)
    with open_services(live, lambda: "test") as services:
        assert [r.name for r in services.rooms.search()] == ["Syntese"]
        assert services.maintenance.healthy()


def test_a_backup_is_consistent_while_the_store_is_open(tmp_path: Path) -> None:
    live = tmp_path / "live.sqlite"
    with open_services(live, lambda: "test") as services:
        services.rooms.save(Room("K5", "302", RoomType.OFFICE, "Kontor"))  # in the WAL
        backups.backup(live, tmp_path / "copy.sqlite")
    with closing(open_store(tmp_path / "copy.sqlite")) as conn:
        assert [r.name for r in rooms.list_rooms(conn)] == ["Kontor"]


def test_restore_refuses_junk_and_newer_files(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"garbage" * 100)
    with pytest.raises(RestoreRefused) as info:  # not even an SQLite header
        backups.check_backup(junk)
    assert info.value.problem is RestoreProblem.NOT_SQLITE
    newer = _live(tmp_path / "newer.sqlite")
    with closing(sqlite3.connect(newer)) as raw:
        raw.execute("PRAGMA user_version = 999")
    with pytest.raises(RestoreRefused) as refused:
        backups.check_backup(newer)
    assert refused.value.problem is RestoreProblem.NEWER_SCHEMA

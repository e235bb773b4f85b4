"""``vernetool demo --db PATH``: builds the demo university, never overwrites by accident."""

from __future__ import annotations

from pathlib import Path

import pytest

from vernetool.cli import main
from vernetool.db.connection import connect
from vernetool.db.organisation.rooms import count_rooms


def test_demo_writes_a_database_and_says_what_is_in_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "sub" / "demo.sqlite"
    assert main(["demo", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert str(db) in out and "301 rooms" in out and "persons" in out
    conn = connect(db, read_only=True)
    try:
        assert count_rooms(conn) == 301
    finally:
        conn.close()
    assert not [p.name for p in db.parent.iterdir() if p.name.startswith(".")]  # no partial


def test_existing_file_is_kept_unless_forced(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.sqlite"
    db.write_text("my own notes, not a database")
    assert main(["demo", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "exists already" in err and "--force" in err
    assert db.read_text() == "my own notes, not a database"
    assert main(["demo", "--db", str(db), "--force", "--seed", "7"]) == 0
    assert db.read_bytes().startswith(b"SQLite format 3")


def test_demo_needs_a_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 1
    assert "--db PATH is required" in capsys.readouterr().err

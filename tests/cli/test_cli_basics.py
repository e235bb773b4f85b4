"""The command line: version, usage errors, handled errors as one line, backup and restore."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from vernetool import __version__
from vernetool.cli import main
from vernetool.db.migrations import open_store
from vernetool.db.organisation import rooms
from vernetool.domain.organisation import Room, RoomType


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "vernetool", *args], capture_output=True,
                          text=True, env=env, timeout=120, stdin=subprocess.DEVNULL)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"vernetool {__version__}"


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_missing_database_is_one_line_exit_1(tmp_path: Path) -> None:
    result = run_cli("backup", "--db", str(tmp_path / "nope.sqlite"), "--out",
                     str(tmp_path / "b.sqlite"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "no database at" in result.stderr


def test_newer_schema_database_is_refused_with_a_clear_line(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    open_store(db).close()
    with closing(sqlite3.connect(db)) as raw:
        raw.execute("PRAGMA user_version = 999")
    result = run_cli("export", "rooms", "--db", str(db), "--format", "json", "--out",
                     str(tmp_path / "x.json"))
    assert result.returncode == 1
    assert "newer" in result.stderr and "Traceback" not in result.stderr


def test_backup_then_restore_brings_back_the_data(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "live.sqlite"
    conn = open_store(db)
    rooms.save_room(conn, Room("K5", "301", RoomType.LAB, "Syntese"))
    conn.close()
    backup = tmp_path / "backup.sqlite"
    assert main(["backup", "--db", str(db), "--out", str(backup)]) == 0
    assert main(["backup", "--db", str(db), "--out", str(backup)]) == 1  # never overwrites
    conn = open_store(db)
    conn.execute("DELETE FROM room")
    conn.close()
    assert main(["restore", "--db", str(db), str(backup)]) == 0
    conn = open_store(db)
    assert [r.name for r in rooms.list_rooms(conn)] == ["Syntese"]
    conn.close()
    capsys.readouterr()


def test_restore_refuses_a_damaged_or_foreign_file(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"garbage" * 100)
    assert main(["restore", "--db", str(tmp_path / "db.sqlite"), str(junk)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("vernetool: ") and "not an SQLite database file" in err
    assert err.count("\n") == 1 and "nothing restored" in err
    assert not (tmp_path / "db.sqlite").exists()


@pytest.mark.slow
def test_selftest_prints_ok() -> None:
    result = run_cli("selftest")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "OK"


def test_window_options_parse_without_importing_commands() -> None:
    code = ("import sys; from vernetool import cli; a = cli.parse(['--db', 'x.sqlite', "
            "'--lang', 'en']); print(a.command, a.db, a.lang, "
            "any(m.startswith('vernetool.commands') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.split() == ["None", "x.sqlite", "en", "False"]


def test_every_command_module_registers_what_the_table_says() -> None:
    import argparse

    from vernetool.cli import COMMANDS, build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == set(COMMANDS)

"""``vernetool restore`` checks the candidate completely before it touches anything: a refused
restore exits 1 with one line and leaves the target byte for byte as it was (and its folder
as it was: no temporary file, no backup); a good backup goes in whole, after the current
database was kept in ``backups/``."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from vernetool.cli import main
from vernetool.db.connection import atomic
from vernetool.db.migrations import APPLICATION_ID, latest_version, open_store
from vernetool.db.organisation import rooms
from vernetool.domain.organisation import Room, RoomType

DATA = Path(__file__).parents[1] / "data"


def make_live(path: Path, n_rooms: int = 301) -> Path:
    """A database like the probe's: 301 rooms."""
    with closing(open_store(path)) as conn, atomic(conn):
        for n in range(n_rooms):
            rooms.save_room(conn, Room("K5", f"{n:03d}", RoomType.OFFICE, f"Kontor {n}"))
    return path


def state(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the sha256 of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def room_count(path: Path) -> int:
    with closing(open_store(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM room").fetchone()[0])


@pytest.fixture
def live(tmp_path: Path) -> Path:
    folder = tmp_path / "live"
    folder.mkdir()
    db = make_live(folder / "vernetool.sqlite")
    # as the app leaves it when closed: no WAL beside it
    assert sorted(p.name for p in folder.iterdir()) == ["vernetool.sqlite"]
    return db


def _restore(capsys: pytest.CaptureFixture[str], target: Path, candidate: Path,
             *extra: str) -> tuple[int, str, str]:
    code = main(["restore", "--db", str(target), str(candidate), *extra])
    out, err = capsys.readouterr()
    return code, out, err


# --- candidates that must be refused -----------------------------------------------------

def _empty(path: Path, _real: Path) -> None:
    path.write_bytes(b"")


def _text(path: Path, _real: Path) -> None:
    path.write_text("room;name\nK5:101;Lab\n" * 40, encoding="utf-8")


def _unrelated(path: Path, _real: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        conn.execute("INSERT INTO notes (text) VALUES ('handleliste')")
        conn.commit()


def _empty_sqlite(path: Path, _real: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA user_version = 0")
        conn.execute("VACUUM")  # writes the header: a valid, empty database


def _other_program(path: Path, real: Path) -> None:
    shutil.copy(real, path)
    _pragma(path, "application_id", 0x4750_4B47)  # GeoPackage's, say


def _pragma(path: Path, name: str, value: int) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA {name} = {value}")
        conn.commit()


def _version(value: int) -> Callable[[Path, Path], None]:
    def make(path: Path, real: Path) -> None:
        shutil.copy(real, path)
        _pragma(path, "user_version", value)
    return make


def _sql(*statements: str) -> Callable[[Path, Path], None]:
    def make(path: Path, real: Path) -> None:
        shutil.copy(real, path)
        with closing(sqlite3.connect(path)) as conn:
            for statement in statements:
                conn.execute(statement)
            conn.commit()
    return make


def _damaged(path: Path, real: Path) -> None:
    data = bytearray(real.read_bytes())
    page = len(data) // 4096 // 2
    data[page * 4096:page * 4096 + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))


def _truncated(path: Path, real: Path) -> None:
    data = real.read_bytes()
    path.write_bytes(data[:len(data) // 2])


def _header_only(path: Path, real: Path) -> None:
    path.write_bytes(real.read_bytes()[:100])


REFUSED: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "0-byte file": (_empty, "is empty (0 bytes)"),
    "text file": (_text, "is not an SQLite database file"),
    "unrelated SQLite file": (_unrelated, "another program's SQLite database"),
    "empty SQLite database": (_empty_sqlite, "has schema version 0"),
    "another program's application id": (_other_program, "another program's SQLite database"),
    "user_version 0": (_version(0), "has schema version 0"),
    "negative user_version": (_version(-3), "has schema version -3"),
    "newer user_version": (_version(latest_version() + 1), "written by a newer vernetool"),
    "missing table": (_sql("DROP TABLE room_card"), "lacks parts of a vernetool database of "
                      f"schema version {latest_version()} (table room_card)"),
    "missing column": (_sql("ALTER TABLE room DROP COLUMN area_m2"),
                       "(column room.area_m2)"),
    "missing trigger": (_sql("DROP TRIGGER deviation_fts_insert"),
                        "(trigger deviation_fts_insert)"),
    "broken reference": (_sql("PRAGMA foreign_keys = OFF",
                              "UPDATE room SET building_id = 999 WHERE id = 1"),
                         "is damaged"),
    "damaged file": (_damaged, "is damaged"),
    "truncated copy": (_truncated, "nothing restored"),
    "header only": (_header_only, "nothing restored"),
}


@pytest.mark.parametrize("kind", list(REFUSED))
def test_a_refused_restore_leaves_the_target_byte_identical(
        kind: str, live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make, words = REFUSED[kind]
    candidate = tmp_path / "candidate.sqlite"
    make(candidate, make_live(tmp_path / "real.sqlite", n_rooms=3))
    candidate_bytes = candidate.read_bytes()
    before = state(live.parent)
    code, out, err = _restore(capsys, live, candidate)
    assert code == 1 and out == ""
    assert err.startswith("vernetool: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "internal error" not in err
    assert words in err and err.rstrip().endswith("nothing restored"), err
    assert state(live.parent) == before  # no backup, no temporary file, the same bytes
    assert candidate.read_bytes() == candidate_bytes  # a restore only reads the candidate
    assert room_count(live) == 301


def test_the_refusals_follow_the_language(live: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    candidate = tmp_path / "tom.sqlite"
    candidate.write_bytes(b"")
    code, _, err = _restore(capsys, live, candidate, "--lang", "nb")
    assert code == 1
    assert err == f"vernetool: {candidate} er tom (0 byte); ingenting ble gjenopprettet\n"


# --- candidates that go in -----------------------------------------------------------

def test_a_good_backup_restores_exactly(live: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    backup = tmp_path / "backup.sqlite"
    assert main(["backup", "--db", str(live), "--out", str(backup)]) == 0
    capsys.readouterr()
    with closing(open_store(live)) as conn:
        conn.execute("DELETE FROM room WHERE number >= '100'")
    changed = room_count(live)
    assert changed == 100
    code, out, err = _restore(capsys, live, backup)
    assert (code, err) == (0, "")
    kept = sorted((live.parent / "backups").glob("vernetool-before-restore-*.sqlite"))
    assert len(kept) == 1
    assert out == (f"restored {live} from {backup}; the previous database is kept in "
                   f"{kept[0]}\n")
    assert live.read_bytes() == backup.read_bytes()  # exactly the backup, byte for byte
    assert sorted(p.name for p in live.parent.iterdir()) == ["backups", "vernetool.sqlite"]
    assert room_count(live) == 301
    assert room_count(kept[0]) == changed  # and what was there before is not lost


def test_a_backup_of_an_older_schema_is_brought_up_to_date(
        live: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _restore(capsys, live, DATA / "schema3.sqlite")
    assert (code, err) == (0, "")
    with closing(open_store(live)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("SELECT title FROM deviation").fetchone()[0] == \
            "Kuttskade ved glassbrudd"
    assert list((DATA).glob("schema3.sqlite-*")) == []  # the fixture was only read


def test_restore_into_a_new_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup = make_live(tmp_path / "b.sqlite", n_rooms=2)
    target = tmp_path / "new" / "vernetool.sqlite"
    code, out, _ = _restore(capsys, target, backup)
    assert code == 0 and out == f"restored {target} from {backup}\n"
    assert target.read_bytes() == backup.read_bytes()
    refused = tmp_path / "other" / "vernetool.sqlite"
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    assert _restore(capsys, refused, empty)[0] == 1
    assert not refused.parent.exists()  # a refused restore leaves no folder behind


def test_a_candidate_with_its_wal_restores_what_the_wal_holds(
        live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A copy of a database that was open (file + -wal) is restored with the WAL's rows."""
    source = tmp_path / "open" / "db.sqlite"
    conn = open_store(source)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    rooms.save_room(conn, Room("GL", "A-1", RoomType.LAB, "Bare i WAL"))
    copy = tmp_path / "copy.sqlite"
    shutil.copy(source, copy)
    shutil.copy(f"{source}-wal", f"{copy}-wal")
    conn.close()
    code, _, err = _restore(capsys, live, copy)
    assert (code, err) == (0, "")
    with closing(open_store(live)) as check:
        assert [r[0] for r in check.execute("SELECT name FROM room")] == ["Bare i WAL"]


def test_a_broken_target_with_a_stale_wal_is_replaced_and_kept(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    target = folder / "vernetool.sqlite"
    target.write_bytes(b"junk that was once a database" * 10)
    Path(f"{target}-wal").write_bytes(b"stale wal" * 100)
    backup = make_live(tmp_path / "b.sqlite", n_rooms=4)
    code, _, err = _restore(capsys, target, backup)
    assert (code, err) == (0, "")
    assert not Path(f"{target}-wal").exists()  # it would have been applied to the new file
    assert room_count(target) == 4
    kept = sorted(p.name for p in (folder / "backups").iterdir())
    assert len(kept) == 2 and kept[1].endswith("-wal")  # the junk, bytes as they were


def test_a_target_open_elsewhere_is_not_replaced(
        live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup = make_live(tmp_path / "b.sqlite", n_rooms=1)
    other = open_store(live)  # vernetool running on it
    try:
        other.execute("SELECT count(*) FROM room").fetchone()
        before = live.read_bytes()
        code, _, err = _restore(capsys, live, backup)
        assert code == 1 and err.count("\n") == 1
        assert "is open in another program" in err and err.rstrip().endswith("nothing restored")
        assert live.read_bytes() == before
        assert not (live.parent / "backups").exists()
        assert sorted(p.name for p in live.parent.iterdir() if ".restore-" in p.name) == []
    finally:
        other.close()
    assert room_count(live) == 301

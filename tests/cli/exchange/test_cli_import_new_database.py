"""``vernetool import KIND --db NEW.sqlite FILE`` creates a new, empty database (stderr says
so); a failed import into a new path leaves none behind; the read-only commands still refuse
a database file that does not exist."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vernetool.cli import main
from vernetool.db.migrations import latest_version, open_store, schema_version

DATA = Path(__file__).parents[2] / "data" / "import"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_into_a_new_path_creates_an_empty_database(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ny.sqlite"
    code, out, err = _run(capsys, "import", "rooms", "--db", str(db),
                          str(DATA / "rooms_semicolon_bom.csv"))
    assert code == 0, err
    assert json.loads(out) == {"imported": 9, "skipped": 0, "errors": []}
    assert err == f"vernetool: there was no database at {db}: created a new one\n"
    conn = open_store(db)
    try:
        assert schema_version(conn) == latest_version()
        assert conn.execute("SELECT count(*) FROM room").fetchone()[0] == 9
        assert conn.execute("SELECT count(*) FROM deviation").fetchone()[0] == 0  # no demo
    finally:
        conn.close()
    code, out, err = _run(capsys, "import", "rooms", "--db", str(db),
                          str(DATA / "rooms_semicolon_bom.csv"))
    assert (code, err) == (0, "")  # an existing database: nothing to say
    assert json.loads(out)["skipped"] == 9


def test_the_notice_follows_the_language(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ny.sqlite"
    code, _, err = _run(capsys, "import", "rooms", "--db", str(db), "--lang", "nb",
                        str(DATA / "rooms_semicolon_bom.csv"))
    assert code == 0
    assert err == f"vernetool: det fantes ingen database i {db}: opprettet en ny\n"


def test_a_failed_import_into_a_new_path_leaves_no_database(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ny.sqlite"
    code, out, err = _run(capsys, "import", "rooms", "--db", str(db), str(tmp_path / "nope.csv"))
    assert (code, out) == (1, "") and err.count("\n") == 1 and "no such file" in err
    unusable = tmp_path / "kolonner.csv"
    unusable.write_text("Navn;Etasje\nLab;1\n", encoding="utf-8")
    code, out, err = _run(capsys, "import", "rooms", "--db", str(db), str(unusable))
    assert (code, out) == (1, "") and err.count("\n") == 1 and "created" not in err
    strict = tmp_path / "feil.csv"
    strict.write_text("building;room;type\nK5;101;lab\nK5;102;romvesen\n", encoding="utf-8")
    code, out, err = _run(capsys, "import", "rooms", "--db", str(db), "--strict", str(strict))
    assert code == 1 and json.loads(out)["imported"] == 0 and err == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feil.csv", "kolonner.csv"]


READ_ONLY = [
    ["export", "rooms", "--format", "json", "--out", "{tmp}/x.json"],
    ["report", "round", "--round", "latest", "--out", "{tmp}/r.pdf"],
    ["report", "deviations", "--year", "2024", "--out", "{tmp}/d.pdf"],
    ["stats", "--year", "2024"],
    ["round", "export-bundle", "--round", "latest", "--out", "{tmp}/b.zip"],
    ["round", "action-plan", "--round", "latest", "--format", "csv", "--out", "{tmp}/a.csv"],
    ["template", "list"],
    ["backup", "--out", "{tmp}/copy.sqlite"],
]


@pytest.mark.parametrize("command", READ_ONLY, ids=lambda c: " ".join(c[:2]))
def test_read_only_commands_refuse_a_missing_database(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    db = tmp_path / "ingen.sqlite"
    args = [part.replace("{tmp}", str(tmp_path)) for part in command]
    code, out, err = _run(capsys, *args, "--db", str(db))
    assert (code, out) == (1, "")
    # the way to a real database, not to a demo full of invented data (issue 8, point 2)
    assert err == (f"vernetool: no database at {db} (check --db; 'vernetool import KIND "
                   f"--db {db} FILE' creates it from your own files)\n")
    assert "demo" not in err
    assert list(tmp_path.iterdir()) == []


def test_import_into_a_new_path_as_a_script_sees_it(tmp_path: Path) -> None:
    """The whole process: JSON on stdout, the notice as the only line on stderr."""
    db = tmp_path / "sub" / "ny.sqlite"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "vernetool", "import", "persons", "--db",
                           str(db), str(DATA / "persons.csv")], capture_output=True, text=True,
                          env=env, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["errors"] == []
    assert done.stderr.splitlines() == [f"vernetool: there was no database at {db}: "
                                        "created a new one"]
    assert db.is_file()

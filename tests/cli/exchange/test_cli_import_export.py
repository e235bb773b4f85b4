"""``vernetool import`` and ``vernetool export``: JSON on stdout, one line on stderr, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vernetool.cli import main
from vernetool.db.migrations import open_store

DATA = Path(__file__).parents[2] / "data" / "import"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite"
    open_store(path).close()
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_prints_the_result_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "import", "rooms", "--db", str(db),
                          str(DATA / "rooms_semicolon_bom.csv"))
    assert (code, err) == (0, "")
    assert json.loads(out) == {"imported": 9, "skipped": 0, "errors": []}
    code, out, _ = _run(capsys, "import", "rooms", "--db", str(db),
                        str(DATA / "rooms_semicolon_bom.csv"))
    assert code == 0 and json.loads(out) == {"imported": 0, "skipped": 9, "errors": []}
    code, out, _ = _run(capsys, "import", "persons", "--db", str(db), str(DATA / "persons.csv"))
    assert code == 0 and json.loads(out)["imported"] == 5


def test_row_errors_are_reported_with_exit_0(db: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Bygg;Romnr;Romtype\nA;1;Kontor\nA;2;Kjeller\n", encoding="utf-8")
    code, out, err = _run(capsys, "import", "rooms", "--db", str(db), str(bad))
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["imported"] == 1
    assert data["errors"] == [{"row": 3, "field": "type", "message": data["errors"][0]["message"]}]
    assert "'Kjeller'" in data["errors"][0]["message"]


def test_strict_rejection_prints_json_and_exits_1(db: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Bygg;Romnr;Areal\nA;1;10\nA;2;-5\n", encoding="utf-8")
    code, out, err = _run(capsys, "import", "rooms", "--db", str(db), str(bad), "--strict")
    assert code == 1 and err == ""
    data = json.loads(out)
    assert (data["imported"], data["skipped"]) == (0, 1)
    assert [(e["row"], e["field"]) for e in data["errors"]] == [(3, "area_m2")]
    code, out, _ = _run(capsys, "export", "rooms", "--db", str(db), "--format", "json",
                        "--out", str(tmp_path / "r.json"))
    assert json.loads(out)["exported"] == 0  # nothing was imported


def test_file_level_errors_are_one_line_exit_1(db: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    no_columns = tmp_path / "cols.csv"
    no_columns.write_text("Navn;Etasje\nx;1\n", encoding="utf-8")
    code, out, err = _run(capsys, "import", "rooms", "--db", str(db), str(no_columns))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("vernetool: row 1: missing columns")
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("Bygg;Romnr\nØ;1\n".encode("latin-1"))
    code, out, err = _run(capsys, "import", "rooms", "--db", str(db), str(latin))
    assert code == 1 and out == "" and "not UTF-8" in err and "row 2" in err


def test_export_formats(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "import", "persons", "--db", str(db), str(DATA / "persons.csv"))
    for fmt in ("csv", "xlsx", "json"):
        out_file = tmp_path / f"persons.{fmt}"
        code, out, err = _run(capsys, "export", "persons", "--db", str(db), "--format", fmt,
                              "--out", str(out_file))
        assert (code, err) == (0, "")
        assert json.loads(out) == {"exported": 5, "file": str(out_file)}
        assert out_file.stat().st_size > 0
    data = json.loads((tmp_path / "persons.json").read_text(encoding="utf-8"))
    assert "email" not in data[0]  # contact details only when asked
    code, _, _ = _run(capsys, "export", "persons", "--db", str(db), "--format", "json",
                      "--out", str(tmp_path / "full.json"), "--include-personal-data")
    full = json.loads((tmp_path / "full.json").read_text(encoding="utf-8"))
    assert code == 0 and full[0]["email"]


def test_export_into_a_missing_folder(db: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "export", "rooms", "--db", str(db), "--format", "csv",
                          "--out", str(tmp_path / "nope" / "r.csv"))
    assert code == 1 and out == "" and err.count("\n") == 1 and "nope" in err


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "vernetool", *args], capture_output=True,
                          text=True, env=env, timeout=120, stdin=subprocess.DEVNULL)


def test_bad_input_through_the_real_entry_point(db: Path, tmp_path: Path) -> None:
    not_db = tmp_path / "not-a-db.sqlite"
    not_db.write_text("this is a text file, not SQLite\n" * 50, encoding="utf-8")
    sample = str(DATA / "rooms_comma.csv")
    cases = [
        (["import", "rooms", "--db", str(db), str(tmp_path / "missing.csv")], 1,
         "no such file"),
        (["import", "rooms", "--db", str(not_db), sample], 1, "not a"),
        (["import", "chairs", "--db", str(db), sample], 2, "invalid choice"),
        (["export", "rooms", "--db", str(db), "--format", "pdf", "--out",
          str(tmp_path / "x.pdf")], 2, "invalid choice"),
    ]
    for args, code, text in cases:
        result = _cli(*args)
        assert result.returncode == code, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert text in result.stderr
        assert result.stdout == ""
        if code == 1:
            assert result.stderr.count("\n") == 1 and result.stderr.startswith("vernetool: ")
    ok = _cli("import", "rooms", "--db", str(db), sample)
    assert ok.returncode == 0 and json.loads(ok.stdout)["imported"] == 9

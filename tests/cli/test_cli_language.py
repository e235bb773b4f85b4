"""``--lang nb|en`` chooses the language of every command's messages; English by default."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from vernetool import i18n
from vernetool.cli import main
from vernetool.db.migrations import open_store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite"
    open_store(path).close()
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_row_errors_in_the_json_follow_lang(db: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Bygg;Romnr;Romtype\nA;1;Kontor\nA;2;Kjeller\n", encoding="utf-8")
    _, out, _ = _run(capsys, "import", "rooms", "--db", str(db), str(bad))
    english = json.loads(out)["errors"]
    assert english[0]["message"].startswith("'Kjeller' is not one of: ")
    _, out, _ = _run(capsys, "import", "rooms", "--db", str(db), str(bad), "--lang", "nb")
    data = json.loads(out)
    assert set(data) == {"imported", "skipped", "errors"}
    assert [(e["row"], e["field"]) for e in data["errors"]] == [(3, "type")]
    assert data["errors"][0]["message"].startswith(
        "«Kjeller» er ikke en gyldig verdi; bruk en av disse: ")
    assert i18n.language() == "en"  # main() leaves the process language as it found it


def test_one_line_errors_follow_lang(db: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.sqlite"
    code, _, err = _run(capsys, "backup", "--db", str(missing), "--out",
                        str(tmp_path / "b.sqlite"))
    assert code == 1 and err.startswith(f"vernetool: no database at {missing}")
    code, _, err = _run(capsys, "backup", "--db", str(missing), "--out",
                        str(tmp_path / "b.sqlite"), "--lang", "nb")
    assert code == 1 and err.startswith(f"vernetool: ingen database i {missing}")
    no_columns = tmp_path / "cols.csv"
    no_columns.write_text("Navn;Etasje\nx;1\n", encoding="utf-8")
    code, _, err = _run(capsys, "import", "rooms", "--db", str(db), str(no_columns),
                        "--lang", "nb")
    assert code == 1 and err.count("\n") == 1
    assert err.startswith("vernetool: rad 1: kolonnene ") and "mangler" in err
    code, _, err = _run(capsys, "stats", "--db", str(db), "--year", "1200", "--lang", "nb")
    assert code == 1 and err == "vernetool: --year 1200 er ikke et sannsynlig årstall\n"


def test_a_known_database_problem_is_described_in_lang(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "new.sqlite"
    open_store(db).close()
    with closing(sqlite3.connect(db)) as raw:
        raw.execute("PRAGMA user_version = 999")
    args = ["export", "rooms", "--db", str(db), "--format", "json", "--out",
            str(tmp_path / "x.json")]
    code, _, err = _run(capsys, *args)
    assert code == 1 and "newer version of vernetool" in err and err.count("\n") == 1
    code, _, err = _run(capsys, *args, "--lang", "nb")
    assert code == 1 and err.startswith("vernetool: ") and "nyere" in err, err

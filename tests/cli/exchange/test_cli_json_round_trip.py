"""Every register's JSON export reads back: `import KIND file.json` of what `export KIND
--format json` wrote changes nothing, and a JSON file that is not a list of records is a
one-line file error, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.exchange.test_cli_chemicals import ROOMS_CSV, ROWS, write_extract
from vernetool.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "store.sqlite"
    rooms = tmp_path / "rooms.csv"
    rooms.write_text(ROOMS_CSV, encoding="utf-8")
    assert run(capsys, "import", "rooms", "--db", str(path), str(rooms))[0] == 0
    extract = write_extract(tmp_path / "extract.xlsx", ROWS)
    code, result, err = run(capsys, "import", "chemicals", "--db", str(path), str(extract))
    assert code == 0 and result["imported"] == 12, (result, err)
    return path


@pytest.mark.parametrize("kind", ["rooms", "chemicals"])
def test_a_json_export_imports_back_unchanged(db: Path, tmp_path: Path, kind: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"{kind}.json"
    code, exported, _ = run(capsys, "export", kind, "--db", str(db), "--format", "json",
                            "--out", str(out))
    assert code == 0 and exported["exported"] > 0
    code, result, err = run(capsys, "import", kind, "--db", str(db), str(out))
    assert code == 0, err
    assert result == {"imported": 0, "skipped": exported["exported"], "errors": []}


def test_a_json_record_changed_by_hand_is_imported_and_its_error_names_the_csv_row(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "chemicals.json"
    run(capsys, "export", "chemicals", "--db", str(db), "--format", "json", "--out", str(out))
    records = json.loads(out.read_text(encoding="utf-8"))
    records[0]["quantity"] = 7
    records[1]["cas"] = "67-56-2"                      # a wrong check digit
    out.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    code, result, _ = run(capsys, "import", "chemicals", "--db", str(db), str(out))
    assert code == 0 and result["imported"] == 1
    assert [(e["row"], e["field"]) for e in result["errors"]] == [(3, "cas")]


@pytest.mark.parametrize(("text", "words"), [
    ('[{"building": "D2", "room": ', "not readable JSON"),
    ('{"building": "D2", "room": "142"}', "not a list of records"),
    ('[1, 2, 3]', "not a list of records"),
])
def test_a_json_file_that_is_not_records_is_refused_in_one_line(
        db: Path, tmp_path: Path, text: str, words: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "import", "rooms", "--db", str(db), str(bad))
    assert code == 1 and out is None and words in err
    assert err.count("\n") == 1 and "Traceback" not in err

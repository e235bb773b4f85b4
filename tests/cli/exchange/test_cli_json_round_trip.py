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


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_a_sheet_linked_on_screen_survives_export_and_import_unchanged(
        tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The SDS link lives on the sheet (as the screen and the demo store it), the export
    writes it in `sds_url`, and importing that export changes no product."""
    import datetime as dt

    from vernetool.context import AppContext
    from vernetool.domain.chemicals.model import HoldingInput, ProductInput
    from vernetool.settings import Settings

    db = tmp_path / "store.sqlite"
    rooms = tmp_path / "rooms.csv"
    rooms.write_text(ROOMS_CSV, encoding="utf-8")
    assert run(capsys, "import", "rooms", "--db", str(db), str(rooms))[0] == 0
    context = AppContext.open(db, Settings(tmp_path / "settings.json"))
    try:
        services = context.services
        room = services.rooms.find("D2", "142")
        assert room is not None and room.id is not None
        product = services.chemicals.save_product(ProductInput.with_cas(
            "Aceton", ["67-64-1"], supplier="VWR", statements=("H225, H319, H336",)))
        services.safety_data_sheets.link(product.id, "https://sds.example.com/aceton.pdf",
                                         dt.date(2024, 5, 2), "nb")
        services.chemicals.add_holding(HoldingInput(product.id, room.id, "Brannskap", 2.5, "L",
                                                    containers=1))
    finally:
        context.close()
    out = tmp_path / f"chemicals.{fmt}"
    assert run(capsys, "export", "chemicals", "--db", str(db), "--format", fmt,
               "--out", str(out))[0] == 0
    code, result, err = run(capsys, "import", "chemicals", "--db", str(db), str(out))
    assert code == 0 and result == {"imported": 0, "skipped": 1, "errors": []}, (result, err)

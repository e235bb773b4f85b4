"""``vernetool annual prefill``: the unit's answers file as the database has it (stored answers
over the data's proposals), written atomically, sources on stderr; clear errors, exit 1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.services.annual.annual_fixtures import make_unit
from vernetool.cli import main
from vernetool.context import AppContext
from vernetool.domain.annual.answers import answers_from_json
from vernetool.settings import Settings


@pytest.fixture
def db(tmp_path: Path, settings: Settings) -> Path:
    path = tmp_path / "hse.sqlite"
    ctx = AppContext.open(path, settings)
    try:
        make_unit(ctx)
        ctx.services.annual.set_answer(2024, "IKJ", "2", "yes")
        ctx.services.annual.set_answer(2024, "IKJ", "10", "dont_know")
        ctx.services.annual.set_names(2024, "IKJ", "Hallstein Hemmer", "")
    finally:
        ctx.close()
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def test_prefill_writes_the_file_with_its_sources_on_stderr(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "IKJ-2024.json"
    out.write_text("old", encoding="utf-8")
    code, summary, err = _run(capsys, "annual", "prefill", "--db", str(db), "--year", "2024",
                              "--unit", "IKJ", "--out", str(out), "--safety-rep",
                              "May Grete  Sætran", "--lang", "en")
    assert code == 0, err
    data = json.loads(out.read_text(encoding="utf-8"))
    parsed = answers_from_json(data)
    assert (parsed.unit_code, parsed.line_manager, parsed.safety_rep) == (
        "IKJ", "Hallstein Hemmer", "May Grete Sætran")
    assert parsed.submitted_at is None
    assert data["answers"] == {"2": "yes", "10": "dont_know", "24": "yes", "24c": "no",
                               "24d": "no", "24e": "yes", "25": "no", "26": "no"}
    lines = err.splitlines()
    assert lines[1].startswith("question 10: dont_know as answered (the data: 1 HSE round "
                               "in 2024")
    assert any(line.startswith("question 24e: yes from the data — 1 notifiable source, and it has")
               or line.startswith("question 24e: yes from the data — the notifiable")
               for line in lines)
    assert any(line.startswith("question 9: not answered — no deviation") for line in lines)
    assert summary["prefilled"] == ["24", "24c", "24d", "24e", "25", "26"]
    assert "24a" in summary["unanswered"] and "2" not in summary["unanswered"]
    assert not list(tmp_path.glob(".IKJ-2024.json.*")), "no temporary file left"
    ctx = AppContext.open(db, Settings(tmp_path / "s.json"))
    try:
        assert ctx.services.annual.form(2024, "IKJ").safety_rep == ""
    finally:
        ctx.close()


def test_prefill_in_bokmaal(db: Path, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "annual", "prefill", "--db", str(db), "--year", "2024",
                        "--unit", "IFY", "--out", str(tmp_path / "f.json"), "--lang", "nb")
    assert code == 0
    assert "spørsmål 10: no fra dataene — ingen HMS-runde registrert for 2024" in err


@pytest.mark.parametrize(("args", "words"), [
    (["--unit", "NOPE"], "NOPE"),
    (["--year", "1999"], "1999"),
])
def test_prefill_errors_are_one_line_and_exit_1(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
        words: str) -> None:
    base = {"--year": "2024", "--unit": "IKJ"}
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    out = tmp_path / "f.json"
    code, summary, err = _run(capsys, "annual", "prefill", "--db", str(db), "--out",
                              str(out), *[x for kv in base.items() for x in kv])
    assert code == 1 and summary is None
    assert len(err.strip().splitlines()) == 1 and words in err and "Traceback" not in err
    assert not out.exists()


def test_prefill_into_a_missing_folder_is_refused(db: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "annual", "prefill", "--db", str(db), "--year", "2024",
                        "--unit", "IKJ", "--out", str(tmp_path / "no" / "f.json"))
    assert code == 1 and "Traceback" not in err

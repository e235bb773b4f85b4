"""``vernetool check``: the JSON of DESIGN.md, --room, --as-of, --lang, bad input as one
line, and the demo's deliberate problems."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from tests.services.checks.conftest import BASE
from tests.services.checks.test_checks import CASES
from vernetool.cli import main
from vernetool.db.migrations import open_store
from vernetool.domain.checks import CODES


def check(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["check", *args]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "checks.sqlite"
    conn = open_store(path)
    conn.executescript(BASE + CASES["action_overdue"][0] + CASES["round_missing"][0]
                       + CASES["sds_old"][0])
    conn.close()
    return path


def test_the_json_shape_and_as_of(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = check(capsys, "--db", str(db), "--as-of", "2026-06-01", "--lang", "en")
    assert list(data) == ["as_of", "problems"]
    assert data["as_of"] == "2026-06-01"
    assert all(list(p) == ["code", "room", "subject", "message"] for p in data["problems"])
    assert [(p["code"], p["room"]) for p in data["problems"]] == [
        ("round_missing", ""), ("sds_old", "B:101"), ("action_overdue", "B:101")]
    messages = {p["code"]: p["message"] for p in data["problems"]}
    assert messages["round_missing"] == "unit U1 has no HSE round in 2026"
    assert "Rydd korridoren" in messages["action_overdue"]
    # the day decides: before the deadline nothing is overdue
    earlier = check(capsys, "--db", str(db), "--as-of", "2026-04-30")
    assert "action_overdue" not in {p["code"] for p in earlier["problems"]}


def test_one_room_and_the_language(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = check(capsys, "--db", str(db), "--room", "b:101", "--as-of", "2026-06-01",
                 "--lang", "nb")
    assert [p["code"] for p in data["problems"]] == ["sds_old", "action_overdue"]
    assert "eldre enn 3 år" in data["problems"][0]["message"]
    assert check(capsys, "--db", str(db), "--room", "B:102")["problems"] == []


@pytest.mark.parametrize(("args", "words"), [
    (["--room", "B101"], "BUILDING:ROOM"),
    (["--room", "B:999"], "no such room"),
])
def test_bad_input_is_one_line(db: Path, capsys: pytest.CaptureFixture[str],
                               args: list[str], words: str) -> None:
    assert main(["check", "--db", str(db), "--lang", "en", *args]) == 1
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1


def test_a_bad_date_is_a_usage_error(db: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--db", str(db), "--as-of", "1.6.2026"])
    assert exit_info.value.code == 2


def test_the_demo_shows_its_deliberate_problems(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    demo = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(demo)]) == 0
    capsys.readouterr()
    started = time.perf_counter()
    data = check(capsys, "--db", str(demo), "--lang", "en")
    assert time.perf_counter() - started < 5  # ~0.2 s measured; generous for a loaded box
    problems = data["problems"]
    assert {p["code"] for p in problems} <= {c.value for c in CODES}

    def of(code: str) -> list[dict[str, str]]:
        return [p for p in problems if p["code"] == code]

    [laser] = of("source_not_notified")
    assert "Chameleon" in laser["subject"]  # the class 4 laser without a DSA id
    [sars] = of("bio_notification_missing")
    assert sars["subject"] == "Severe acute respiratory syndrome coronavirus 2"
    assert "2020-11-20" in sars["message"]  # notified 11 days before first use
    [vaccine] = of("vaccine_offer_missing")
    assert "Mycobacterium tuberculosis" in vaccine["message"]
    assert of("exposure_missing") and of("action_overdue")

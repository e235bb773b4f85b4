"""``vernetool report roomcard``: the door sign of the room's stored card in Bokmål or
English; a stale card printed with a one-line warning on stderr; a room that does not exist,
is written wrongly or has no card is one line and exit 1; a missing option is exit 2."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from vernetool.context import AppContext
from vernetool.domain.chemicals.model import HoldingInput, ProductInput
from vernetool.domain.organisation import Person, ResponsibilityKind, Room, RoomCard, RoomType
from vernetool.settings import Settings


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "vernetool", *args], capture_output=True,
                          text=True, env=env, timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("roomcard")
    path = folder / "lab.sqlite"
    ctx = AppContext.open(path, Settings(folder / "settings.json"))
    try:
        s = ctx.services
        lab = s.rooms.save(Room("REALF", "D2-108", RoomType.LAB, "Synteselab"))
        s.rooms.save(Room("REALF", "D2-109", RoomType.LAB, "Uten kort"))
        stale = s.rooms.save(Room("REALF", "D2-110", RoomType.LAB, "Gammelt kort"))
        kari = s.persons.save(Person("Kari Nordmann", "kari@uni.example.no", "+47 900 00 001"))
        s.responsibilities.assign(lab, kari, ResponsibilityKind.RESPONSIBLE, dt.date(2025, 1, 1))
        s.room_cards.save(lab, RoomCard(activity_type="Syntese <b>", pictograms=("GHS02",),
                                        flammable_cat2_max_litres=10.0,
                                        warning_signs=("biohazard",)))
        s.room_cards.save(stale, RoomCard(activity_type="Syntese"))
        acetone = s.chemicals.save_product(ProductInput.with_cas(
            "Aceton", ["67-64-1"], statements=("H225 H319 H336",)))
        s.chemicals.add_holding(HoldingInput(acetone.id, stale, "Syreskap", 2, "L", 1))
    finally:
        ctx.close()
    return path


def _text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def test_the_card_in_bokmal_by_default(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "kort.pdf"
    result = run_cli("report", "roomcard", "--db", str(db), "--room", "realf:d2-108",
                     "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and str(out) in result.stdout and "REALF:D2-108" in result.stdout
    text = _text(out)
    assert "ROMKORT" in text and "REALF D2-108" in text and "Synteselab" in text
    assert "Syntese <b>" in text and "Kari Nordmann" in text and "Tlf. +47 900 00 001" in text
    assert "Brannfarlig" in text and "Biologisk fare" in text and "10 L" in text


def test_the_card_in_english(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "card.pdf"
    result = run_cli("report", "roomcard", "--db", str(db), "--room", "REALF:D2-108",
                     "--out", str(out), "--lang", "en")
    assert result.returncode == 0, result.stderr
    text = _text(out)
    assert "ROOM CARD" in text and "Biological hazard" in text and "ROOM RESPONSIBLE" in text
    assert "Romansvarlig" not in text


def test_a_stale_card_is_printed_with_a_warning(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "stale.pdf"
    result = run_cli("report", "roomcard", "--db", str(db), "--room", "REALF:D2-110",
                     "--out", str(out), "--lang", "en")
    assert result.returncode == 0, result.stderr
    [warning] = result.stderr.strip().splitlines()
    assert warning.startswith("vernetool: warning: the room card of REALF:D2-110 disagrees")
    assert "GHS02" in warning and "printed as stored" in warning.lower()
    text = _text(out)
    assert "Syntese" in text and "None on the card" in text   # the stored card: no GHS02


@pytest.mark.parametrize(("room", "words"), [
    ("REALF:X-1", "no such room"),
    ("REALF", "BUILDING:ROOM"),
    ("REALF:D2-109", "has no room card"),
])
def test_errors_are_one_line_and_exit_1(db: Path, tmp_path: Path, room: str,
                                        words: str) -> None:
    out = tmp_path / "none.pdf"
    result = run_cli("report", "roomcard", "--db", str(db), "--room", room, "--out", str(out),
                     "--lang", "en")
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr
    assert not out.exists()


def test_no_card_in_bokmal(db: Path, tmp_path: Path) -> None:
    result = run_cli("report", "roomcard", "--db", str(db), "--room", "REALF:D2-109",
                     "--out", str(tmp_path / "x.pdf"), "--lang", "nb")
    assert result.returncode == 1 and "REALF:D2-109 har ikke noe romkort" in result.stderr


def test_a_missing_option_is_a_usage_error(db: Path) -> None:
    result = run_cli("report", "roomcard", "--db", str(db), "--room", "REALF:D2-108")
    assert result.returncode == 2 and "--out" in result.stderr

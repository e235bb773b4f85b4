"""``vernetool report storage-place``: the PDF of one storage place or of every place of a
room, and one-line errors for a room or place that does not exist."""

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
from vernetool.domain.organisation import Room, RoomType
from vernetool.settings import Settings


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "vernetool", *args], capture_output=True,
                          text=True, env=env, timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "lab.sqlite"
    ctx = AppContext.open(path, Settings(tmp_path / "settings.json"))
    try:
        services = ctx.services
        lab = services.rooms.save(Room("REALF", "D2-108", RoomType.LAB, "Synteselab"))
        chemicals = services.chemicals
        methanol = chemicals.save_product(ProductInput.with_cas(
            "Metanol", ["67-56-1"], supplier="Sigma-Aldrich",
            statements=("H225 H301+H311+H331 H370",)))
        formalin = chemicals.save_product(ProductInput.with_cas(
            "Formaldehyd 37 %", ["50-00-0"], statements=("H301 H311 H314 H331 H341 H350",)))
        acetone = chemicals.save_product(ProductInput.with_cas(
            "Aceton", ["67-64-1"], statements=("H225 H319 H336",)))
        chemicals.add_holding(HoldingInput(methanol.id, lab, "Syreskap 1", 1, "L", 1))
        chemicals.add_holding(HoldingInput(formalin.id, lab, "Avtrekk", 0.5, "L", 1))
        gone = chemicals.add_holding(HoldingInput(acetone.id, lab, "Syreskap 1", 2, "L", 1))
        chemicals.dispose_holding(gone.id, dt.date(2026, 2, 1))
    finally:
        ctx.close()
    return path


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_one_place_in_english(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "place.pdf"
    result = run_cli("report", "storage-place", "--db", str(db), "--room", "REALF:D2-108",
                     "--place", "syreskap 1", "--out", str(out), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    text = _text(out)
    assert "Storage place: Syreskap 1" in text and "Metanol" in text
    assert "Formaldehyd" not in text and "Aceton" not in text


def test_every_place_of_the_room_in_bokmal(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "room.pdf"
    result = run_cli("report", "storage-place", "--db", str(db), "--room", "REALF:D2-108",
                     "--out", str(out), "--lang", "nb")
    assert result.returncode == 0, result.stderr
    text = _text(out)
    assert "Avtrekk" in text and "Syreskap 1" in text
    assert "Formaldehyd 37 %" in text and "Metanol" in text and "Aceton" not in text


@pytest.mark.parametrize(("room", "place", "words"), [
    ("REALF:X-1", None, "no such room"),
    ("REALF", None, "BUILDING:ROOM"),
    ("REALF:D2-108", "Kjøleskap", "Avtrekk, Syreskap 1"),
])
def test_a_room_or_place_that_does_not_exist_is_one_line(db: Path, tmp_path: Path, room: str,
                                                         place: str | None,
                                                         words: str) -> None:
    args = ["report", "storage-place", "--db", str(db), "--room", room,
            "--out", str(tmp_path / "x.pdf"), "--lang", "en"]
    if place is not None:
        args += ["--place", place]
    result = run_cli(*args)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert words in result.stderr
    assert not (tmp_path / "x.pdf").exists()

"""``vernetool report storage-place`` says what it wrote as a sentence, in the language asked
for: one place's list, every place's lists, or a room without products in use."""

from __future__ import annotations

from pathlib import Path

import pytest

from vernetool import i18n
from vernetool.cli import main
from vernetool.context import AppContext
from vernetool.domain.chemicals.model import HoldingInput, ProductInput
from vernetool.domain.organisation import Room, RoomType
from vernetool.settings import Settings


@pytest.fixture(autouse=True)
def english_afterwards() -> object:
    yield
    i18n.set_language("en")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "lab.sqlite"
    ctx = AppContext.open(path, Settings(tmp_path / "settings.json"))
    try:
        services = ctx.services
        lab = services.rooms.save(Room("KJ1", "204", RoomType.LAB, "Syntese"))
        services.rooms.save(Room("KJ1", "206", RoomType.LAB, "Tom lab"))
        acetone = services.chemicals.save_product(ProductInput("Aceton", "", (), ("H225",)))
        salt = services.chemicals.save_product(ProductInput("Natriumklorid", "", (), ()))
        services.chemicals.add_holding(HoldingInput(acetone.id, lab, "Brannskap 1", 1, "L"))
        services.chemicals.add_holding(HoldingInput(salt.id, lab, "Hylle", 1, "kg"))
    finally:
        ctx.close()
    return path


@pytest.mark.parametrize(("lang", "room", "place", "words"), [
    ("nb", "KJ1:204", "brannskap 1", "Lagerlisten for Brannskap 1 i KJ1:204 er skrevet til "),
    ("en", "KJ1:204", "Brannskap 1", "Storage list for Brannskap 1 in KJ1:204 written to "),
    ("nb", "KJ1:204", None,
     "Lagerlistene for KJ1:204 (2 lagringssteder) er skrevet til "),
    ("en", "KJ1:204", None, "Storage lists for KJ1:204 (2 storage places) written to "),
    ("nb", "KJ1:206", None, "Lagerlisten for KJ1:206 er skrevet til "),
    ("en", "KJ1:206", None, "Storage list for KJ1:206 written to "),
])
def test_the_message_is_a_sentence(db: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str], lang: str, room: str,
                                   place: str | None, words: str) -> None:
    out = tmp_path / "list.pdf"
    args = ["report", "storage-place", "--db", str(db), "--room", room, "--out", str(out),
            "--lang", lang]
    if place is not None:
        args += ["--place", place]
    assert main(args) == 0
    printed = capsys.readouterr().out.strip()
    assert printed.startswith(words + str(out)), printed
    assert printed[0].isupper() and out.exists()


def test_one_place_of_a_room_with_one_place(tmp_path: Path, db: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    ctx = AppContext.open(db, Settings(tmp_path / "settings.json"))
    try:
        room = ctx.services.rooms.find("KJ1", "206")
        assert room is not None and room.id is not None
        salt = ctx.services.chemicals.find_product("Natriumklorid")
        assert salt is not None
        ctx.services.chemicals.add_holding(HoldingInput(salt.id, room.id, "Hylle", 1, "kg"))
    finally:
        ctx.close()
    out = tmp_path / "one.pdf"
    assert main(["report", "storage-place", "--db", str(db), "--room", "KJ1:206",
                 "--out", str(out), "--lang", "nb"]) == 0
    assert capsys.readouterr().out.startswith(
        f"Lagerlisten for KJ1:206 (1 lagringssted) er skrevet til {out}")

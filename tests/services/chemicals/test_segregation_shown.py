"""Storage segregation where a room responsible looks: a place's problems grouped, the
register's "storage problems" filter (with text, room and CMR; kept current after writes,
here or by another connection), and the printed storage list's warning box."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from vernetool.db.chemicals.register import count_holdings
from vernetool.domain.chemicals.model import Component, HoldingInput, ProductInput
from vernetool.domain.chemicals.segregation import HazardClass
from vernetool.services import Services
from vernetool.services.chemicals.register import HoldingFilter

from .conftest import ACETONE, BENZENE, METHANOL, Labs

TODAY = dt.date(2026, 12, 2)
PERMANGANATE = ProductInput("Kaliumpermanganat", "Merck", (Component("7722-64-7"),),
                            ("H272, H302, H410",))
ODD_ACID = ProductInput("<b>Syre</b> & co", "Lab", (), ("H290 H314",))
LYE = ProductInput("Natronlut 50 %", "VWR", (Component("1310-73-2"),), ("H290, H314",))


@pytest.fixture
def ids(services: Services, labs: Labs) -> dict[str, int]:
    chemicals = services.chemicals
    found = {p.name: chemicals.save_product(p).id
             for p in (METHANOL, ACETONE, BENZENE, PERMANGANATE, ODD_ACID, LYE)}
    add = chemicals.add_holding
    for name, room, place in [
        ("Methanol", labs.synthesis, "Brannskap 1"),
        ("Aceton", labs.synthesis, "Brannskap 1"),
        ("Kaliumpermanganat", labs.synthesis, "Brannskap 1"),   # the oxidiser among them
        ("Benzen", labs.synthesis, "Avtrekk"),                  # CMR, quiet place
        ("<b>Syre</b> & co", labs.synthesis, "Syreskap"),
        ("Natronlut 50 %", labs.synthesis, "Syreskap"),          # acid beside base
        ("Aceton", labs.analysis, "Brannskap 1"),                # the same name, no oxidiser
    ]:
        found[f"{name}@{room}/{place}"] = add(HoldingInput(found[name], room, place, 1,
                                                           "L")).id
    return found


def _rows(services: Services, flt: HoldingFilter) -> list[str]:
    rows = services.chemical_register.page(flt, 0, 100)
    assert services.chemical_register.count(flt) == len(rows)
    return [f"{h.product_name}/{h.place}" for h in rows]


def test_a_place_and_a_room_grouped(services: Services, labs: Labs,
                                    ids: dict[str, int]) -> None:
    chemicals = services.chemicals
    groups = chemicals.place_segregation(labs.synthesis, "Brannskap 1")
    assert [(g.first, g.second, g.first_products, g.second_products) for g in groups] == [
        (HazardClass.OXIDISER, HazardClass.FLAMMABLE, ("Kaliumpermanganat",),
         ("Aceton", "Methanol"))]
    assert chemicals.place_segregation(labs.synthesis, "Avtrekk") == []
    assert chemicals.place_segregation(labs.analysis, "Brannskap 1") == []
    room = chemicals.room_segregation(labs.synthesis)
    assert list(room) == ["Brannskap 1", "Syreskap"]
    assert [(g.first, g.second) for g in room["Syreskap"]] == [
        (HazardClass.ACID, HazardClass.BASE)]
    assert chemicals.room_segregation(labs.analysis) == {}
    assert chemicals.segregation_holding_ids() == {
        ids[k] for k in ids if "@" in k and ("Brannskap" in k or "Syreskap" in k)
        and not k.endswith(f"@{labs.analysis}/Brannskap 1")}


def test_the_register_filter_keeps_the_holdings_in_conflict(
        services: Services, labs: Labs, ids: dict[str, int]) -> None:
    problems = HoldingFilter(storage_problems=True)
    assert _rows(services, problems) == [
        "<b>Syre</b> & co/Syreskap", "Aceton/Brannskap 1", "Kaliumpermanganat/Brannskap 1",
        "Methanol/Brannskap 1", "Natronlut 50 %/Syreskap"]
    assert _rows(services, HoldingFilter("aceton", storage_problems=True)) == [
        "Aceton/Brannskap 1"]                       # not the other room's acetone
    assert _rows(services, HoldingFilter(storage_problems=True, room_id=labs.analysis)) == []
    assert _rows(services, HoldingFilter(storage_problems=True, cmr_only=True)) == []
    assert len(_rows(services, HoldingFilter())) == 7   # off: everything in use


def test_the_filter_follows_changes_made_here_and_elsewhere(
        services: Services, labs: Labs, ids: dict[str, int], db_path: Path) -> None:
    problems = HoldingFilter(storage_problems=True)
    assert len(_rows(services, problems)) == 5
    services.chemicals.dispose_holding(
        ids[f"Kaliumpermanganat@{labs.synthesis}/Brannskap 1"], TODAY)
    assert _rows(services, problems) == ["<b>Syre</b> & co/Syreskap",
                                         "Natronlut 50 %/Syreskap"]
    # another connection (a second vernetool, a script) moves the lye to the other room
    other = sqlite3.connect(db_path)
    with other:
        other.execute("UPDATE chemical_holding SET room_id = ? WHERE id = ?",
                      (labs.analysis, ids[f"Natronlut 50 %@{labs.synthesis}/Syreskap"]))
    other.close()
    assert _rows(services, problems) == []
    # permanganate back, beside the analysis lab's acetone this time
    services.chemicals.add_holding(HoldingInput(ids["Kaliumpermanganat"], labs.analysis,
                                                "Brannskap 1", 100, "g"))
    assert _rows(services, problems) == ["Aceton/Brannskap 1",
                                         "Kaliumpermanganat/Brannskap 1"]


def test_the_db_filter_works_out_the_holdings_itself_when_not_given(
        services: Services, ids: dict[str, int]) -> None:
    with services.store.read() as conn:
        assert count_holdings(conn, HoldingFilter(storage_problems=True)) == 5
        assert count_holdings(conn, HoldingFilter(storage_problems=True),
                              problem_ids=()) == 0


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_the_printed_list_warns_under_the_place_heading(
        services: Services, labs: Labs, ids: dict[str, int], tmp_path: Path) -> None:
    out = services.storage_lists.write(labs.synthesis, None, tmp_path / "room.pdf", "en",
                                       today=TODAY)
    text = _text(out)
    assert text.count("Incompatible products are stored together here") == 2
    assert "Oxidiser beside flammable: Kaliumpermanganat / Aceton; Methanol" in text
    assert "Acid beside base: <b>Syre</b> & co / Natronlut 50 %" in text   # escaped
    assert "Store them apart" in text
    # under its place's heading, before the place's table
    brannskap = text.index("Brannskap 1 —")
    assert brannskap < text.index("Oxidiser beside flammable") < text.index("Syreskap —")
    assert text.index("Avtrekk —") < brannskap                 # Avtrekk first, no box
    assert "Incompatible" not in text[text.index("Avtrekk —"):brannskap]


def test_the_printed_list_in_bokmal_and_a_quiet_place(
        services: Services, labs: Labs, ids: dict[str, int], tmp_path: Path) -> None:
    out = services.storage_lists.write(labs.synthesis, "Brannskap 1", tmp_path / "p.pdf",
                                       "nb", today=TODAY)
    text = _text(out)
    assert "Uforenlige stoffer er lagret sammen her" in text
    assert "Oksiderende sammen med brannfarlig: Kaliumpermanganat / Aceton; Methanol" in text
    quiet = services.storage_lists.write(labs.analysis, "Brannskap 1", tmp_path / "q.pdf",
                                         "nb", today=TODAY)
    assert "Uforenlige" not in _text(quiet)


def test_a_long_side_is_cut_to_a_handful(services: Services, labs: Labs,
                                         tmp_path: Path) -> None:
    chemicals = services.chemicals
    oxidiser = chemicals.save_product(PERMANGANATE)
    chemicals.add_holding(HoldingInput(oxidiser.id, labs.analysis, "Skap", 1, "kg"))
    for n in range(12):
        solvent = chemicals.save_product(ProductInput(f"Løsemiddel {n:02d}", "", (),
                                                      ("H225",)))
        chemicals.add_holding(HoldingInput(solvent.id, labs.analysis, "Skap", 1, "L"))
    text = _text(services.storage_lists.write(labs.analysis, "Skap", tmp_path / "s.pdf",
                                              "en", today=TODAY))
    assert "Løsemiddel 07 and 4 more" in text.replace("\n", " ")

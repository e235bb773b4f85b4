"""ChemicalRegisterService: filter-as-you-type over holdings (product, supplier, CAS, H code,
room, place), paging and counting, and the search text kept current on edits."""

from __future__ import annotations

import datetime as dt

import pytest

from vernetool.domain.chemicals.model import HoldingInput, ProductInput
from vernetool.domain.organisation import Room, RoomType
from vernetool.services import Services
from vernetool.services.chemicals.register import HoldingFilter

from .conftest import ACETONE, BENZENE, METHANOL, TOLUENE, Labs


@pytest.fixture
def register(services: Services, labs: Labs) -> Services:
    ids = {p.name: services.chemicals.save_product(p).id
           for p in (METHANOL, ACETONE, BENZENE, TOLUENE)}
    add = services.chemicals.add_holding
    add(HoldingInput(ids["Methanol"], labs.synthesis, "Brannskap 1", 2.5, "L"))
    add(HoldingInput(ids["Aceton"], labs.synthesis, "Brannskap 1", 1, "L"))
    add(HoldingInput(ids["Benzen"], labs.synthesis, "Avtrekk Øst", 0.5, "L"))
    add(HoldingInput(ids["Toluen"], labs.analysis, "Syreskap", 1, "L"))
    gone = add(HoldingInput(ids["Aceton"], labs.analysis, "Hylle", 1, "L"))
    services.chemicals.dispose_holding(gone.id, dt.date(2026, 1, 5))
    return services


def _names(services: Services, flt: HoldingFilter) -> list[tuple[str, str]]:
    rows = services.chemical_register.page(flt, 0, 100)
    assert services.chemical_register.count(flt) == len(rows)
    return [(h.product_name, h.room_label) for h in rows]


@pytest.mark.parametrize(("text", "expected"), [
    ("", [("Aceton", "REALF:D2-108"), ("Benzen", "REALF:D2-108"),
          ("Methanol", "REALF:D2-108"), ("Toluen", "KJEMI:B3-201")]),
    ("metha", [("Methanol", "REALF:D2-108")]),              # product name
    ("SIGMA", [("Methanol", "REALF:D2-108")]),              # supplier, any case
    ("71-43-2", [("Benzen", "REALF:D2-108")]),              # CAS
    ("h350", [("Benzen", "REALF:D2-108")]),                 # H code
    ("h361d", [("Toluen", "KJEMI:B3-201")]),
    ("kjemi:b3", [("Toluen", "KJEMI:B3-201")]),             # building:room
    ("b3-201", [("Toluen", "KJEMI:B3-201")]),               # room number
    ("øst", [("Benzen", "REALF:D2-108")]),                  # place, non-ASCII folded
    ("brannskap h225", [("Aceton", "REALF:D2-108"), ("Methanol", "REALF:D2-108")]),
    ("100%_", []),                                          # LIKE wildcards are literal
])
def test_filter_finds_by_every_part(register: Services, text: str,
                                    expected: list[tuple[str, str]]) -> None:
    assert _names(register, HoldingFilter(text)) == expected


def test_disposed_room_and_cmr_filters(register: Services, labs: Labs) -> None:
    assert len(_names(register, HoldingFilter(include_disposed=True))) == 5
    assert _names(register, HoldingFilter("aceton", include_disposed=True)) == [
        ("Aceton", "KJEMI:B3-201"), ("Aceton", "REALF:D2-108")]
    assert _names(register, HoldingFilter(room_id=labs.analysis)) == [
        ("Toluen", "KJEMI:B3-201")]
    assert _names(register, HoldingFilter(cmr_only=True)) == [("Benzen", "REALF:D2-108")]


def test_pages_are_stable_and_complete(register: Services) -> None:
    flt = HoldingFilter(include_disposed=True)
    pages = [register.chemical_register.page(flt, offset, 2) for offset in (0, 2, 4, 6)]
    ids = [h.id for page in pages for h in page]
    assert [len(p) for p in pages] == [2, 2, 1, 0]
    assert len(set(ids)) == 5 == register.chemical_register.count(flt)


def test_search_text_follows_product_and_room_edits(register: Services, labs: Labs) -> None:
    methanol = register.chemicals.find_product("Methanol", "Sigma-Aldrich")
    assert methanol is not None
    register.chemicals.save_product(ProductInput(
        "Metanol", "Sigma-Aldrich", methanol.components, methanol.statements), methanol.id)
    assert _names(register, HoldingFilter("metanol")) == [("Metanol", "REALF:D2-108")]
    assert _names(register, HoldingFilter("methanol")) == []
    room = register.rooms.get(labs.analysis)
    assert room is not None
    register.rooms.save(Room("KJEMI", "B3-999", RoomType.LAB, room.name, id=room.id))
    assert _names(register, HoldingFilter("b3-999")) == [("Toluen", "KJEMI:B3-999")]
    assert _names(register, HoldingFilter("b3-201")) == []

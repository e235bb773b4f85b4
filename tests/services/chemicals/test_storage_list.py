"""The printable storage-place list: a real PDF read back with pypdf — the products in use of
the place (or of every place of the room), user text escaped, disposed holdings absent, the
pictograms drawn, the SDS state and the legend in the language asked for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from vernetool.domain.chemicals.model import HoldingInput, ProductInput
from vernetool.domain.errors import NotFoundError
from vernetool.services import Services

from .conftest import ACETONE, BENZENE, METHANOL, Labs

TODAY = dt.date(2026, 12, 2)
ESCAPED = ProductInput("<b>Syre</b> & base", "Lab <i>AS</i>", statements=("H314",))


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _images(path: Path) -> int:
    return sum(len(page.images) for page in PdfReader(path).pages)


@pytest.fixture
def stocked(services: Services, labs: Labs) -> Services:
    chemicals = services.chemicals
    methanol = chemicals.save_product(METHANOL)
    acetone = chemicals.save_product(ACETONE)
    benzene = chemicals.save_product(BENZENE)
    odd = chemicals.save_product(ESCAPED)
    services.safety_data_sheets.link(methanol.id, "https://example.org/methanol.pdf",
                                     dt.date(2020, 5, 4), "nb")
    chemicals.add_holding(HoldingInput(methanol.id, labs.synthesis, "Syreskap 1", 2.5, "L", 2))
    chemicals.add_holding(HoldingInput(odd.id, labs.synthesis, "Syreskap 1", 500, "mL", 1))
    gone = chemicals.add_holding(HoldingInput(acetone.id, labs.synthesis, "Syreskap 1", 1, "L"))
    chemicals.dispose_holding(gone.id, dt.date(2026, 1, 5))
    chemicals.add_holding(HoldingInput(benzene.id, labs.synthesis, "Hylle 2", 100, "mL", 1))
    chemicals.add_holding(HoldingInput(acetone.id, labs.analysis, "Syreskap 1", 5, "L", 1))
    return services


def test_one_place_lists_its_products_in_use_only(stocked: Services, labs: Labs,
                                                  tmp_path: Path) -> None:
    out = stocked.storage_lists.write(labs.synthesis, "Syreskap 1", tmp_path / "list.pdf",
                                      "en", today=TODAY)
    text = _text(out)
    assert "Storage place: Syreskap 1" in text
    assert "REALF:D2-108" in text and "Printed: 2026-12-02" in text
    assert "Methanol" in text and "Sigma-Aldrich" in text and "67-56-1" in text
    assert "<b>Syre</b> & base" in text and "Lab <i>AS</i>" in text  # escaped, as typed
    assert "Aceton" not in text          # disposed here; in use only in another room
    assert "Benzen" not in text          # another place of the room
    assert "2 containers" in text and "2.5 L" in text
    assert "2020-05-04" in text and "old" in text       # SDS older than 3 years
    assert "missing" in text                            # the odd product has no SDS
    assert "Legend" in text and "Flammable" in text and "H225" in text
    assert _images(out) >= 4             # GHS02/06/08 for methanol, GHS05 (and the legend)


def test_without_a_place_every_place_of_the_room_gets_a_section(stocked: Services,
                                                                labs: Labs,
                                                                tmp_path: Path) -> None:
    out = stocked.storage_lists.write(labs.synthesis, None, tmp_path / "room.pdf", "nb",
                                      today=TODAY)
    text = _text(out)
    assert "Lagringssteder i REALF:D2-108" in text
    assert "Hylle 2" in text and "Syreskap 1" in text
    assert "Benzen" in text and "Methanol" in text and "Aceton" not in text
    assert "Skrevet ut: 02.12.2026" in text and "Forklaring" in text
    assert "Fare" in text                # the signal word in Bokmål


def test_an_empty_place_and_an_unknown_room(stocked: Services, labs: Labs,
                                            tmp_path: Path) -> None:
    data = stocked.storage_lists.build(labs.synthesis, "Kjøleskap", today=TODAY)
    assert [len(s.rows) for s in data.sections] == [0]
    out = stocked.storage_lists.render(data, tmp_path / "empty.pdf", "en")
    assert "No products in use are stored here." in _text(out)
    with pytest.raises(NotFoundError):
        stocked.storage_lists.build(999_999)

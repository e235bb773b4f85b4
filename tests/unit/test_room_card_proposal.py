"""The room card the registers propose: pictograms from the products in use, the radiation,
laser and biohazard signs, flammable litres of category 1 (H224) and 2 (H225), gas
cylinders from H280/H281, and the hazard words."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from vernetool.domain.room_card_proposal import ProposalSource, propose_card


@dataclass(frozen=True)
class H:
    id: int
    hazard_codes: tuple[str, ...]
    quantity: float | None = 1.0
    unit: str = "L"
    status: str = "in_use"
    containers: int | None = 1


def test_an_empty_room_proposes_nothing() -> None:
    card = propose_card([], [], [])
    assert card.pictograms == () and card.hazards == ()
    assert not (card.radiation or card.laser or card.biohazard)
    assert (card.flammable_cat1_litres, card.flammable_cat2_litres, card.gas_cylinders) == (
        0.0, 0.0, 0)


def test_pictograms_are_the_union_of_the_products_in_use() -> None:
    card = propose_card([H(1, ("H225", "H319")), H(2, ("H314",)), H(3, ("H350",)),
                         H(4, ("H400",), status="disposed")], [], [])
    # acetone's GHS07 (from H319 alone) stays: article 26 is applied per product
    assert card.pictograms == ("GHS02", "GHS05", "GHS07", "GHS08")
    assert "GHS09" not in card.pictograms
    assert card.hazards == ("flammable", "cmr", "corrosive")


def test_litres_per_category_with_millilitres_converted() -> None:
    card = propose_card([H(1, ("H224",), 500, "mL"), H(2, ("H224",), 1.5, "L"),
                         H(3, ("H225", "H301"), 2500, "ml"), H(4, ("H225",), 3, "L"),
                         H(5, ("H226",), 10, "L"), H(6, ("H225",), 9, "L", "disposed")],
                        [], [])
    assert card.flammable_cat1_litres == pytest.approx(2.0)
    assert card.flammable_cat2_litres == pytest.approx(5.5)
    assert card.unconverted == ()


def test_mass_units_are_listed_unconverted_never_counted_as_litres() -> None:
    card = propose_card([H(7, ("H225",), 2, "kg"), H(8, ("H224",), None, "L"),
                         H(9, ("H225",), 1, "L")], [], [])
    assert card.flammable_cat2_litres == pytest.approx(1.0)
    assert card.flammable_cat1_litres == 0.0
    assert card.unconverted == (7, 8)


def test_gas_cylinders_are_the_containers_of_h280_and_h281_products() -> None:
    card = propose_card([H(1, ("H280",), 50, "L", containers=3), H(2, ("H220", "H280"),
                                                                   containers=None),
                         H(3, ("H281",), containers=2), H(4, ("H280",), status="disposed"),
                         H(5, ("H225",), containers=6)], [], [])
    assert card.gas_cylinders == 6
    assert "GHS04" in card.pictograms and "gas_under_pressure" in card.hazards


def test_radiation_laser_and_biohazard_signs() -> None:
    card = propose_card([H(1, ("H350",))],
                        [ProposalSource("sealed_source"), ProposalSource("laser", "4")], [2])
    assert card.pictograms == ("GHS08",)
    assert (card.radiation, card.laser, card.biohazard) == (True, True, True)
    assert card.hazards == ("cmr", "radiation", "laser", "biohazard")


@pytest.mark.parametrize(("sources", "radiation", "laser"), [
    ([ProposalSource("laser", "3B")], False, True),
    ([ProposalSource("laser", "3R")], False, False),
    ([ProposalSource("laser", None)], False, False),
    ([ProposalSource("xray")], True, False),
    ([ProposalSource("open_source")], True, False),
    ([ProposalSource("mri"), ProposalSource("ipl")], False, False),
])
def test_which_sources_give_which_sign(sources: list[ProposalSource], radiation: bool,
                                       laser: bool) -> None:
    card = propose_card([], sources, [])
    assert (card.radiation, card.laser) == (radiation, laser)


@pytest.mark.parametrize(("groups", "biohazard"), [([], False), ([1, 1], False), ([1, 2], True),
                                                   ([3], True), ([4], True)])
def test_biohazard_from_group_two_up(groups: list[int], biohazard: bool) -> None:
    assert propose_card([], [], groups).biohazard is biohazard

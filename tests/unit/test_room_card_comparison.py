"""The one comparison of a stored room card with the card the registers propose, and accepting
a proposal field by field (``domain.room_card_proposal.compare_card`` / ``accept_field``)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import GHS_PICTOGRAMS, WARNING_SIGNS, RoomCard
from vernetool.domain.room_card_proposal import (
    CardField,
    CardHolding,
    ProposalSource,
    ProposedCard,
    accept_field,
    compare_card,
    needs_card,
    propose_card,
)
from vernetool.i18n import render, using_language


def _words(phrase: object) -> str:
    assert phrase is not None
    return render(phrase.code, **phrase.params)  # type: ignore[attr-defined]


LAB = propose_card(
    [CardHolding(1, ("H225", "H319"), 12.2, "L"),            # ethanol, cat. 2
     CardHolding(2, ("H224",), 500, "mL"),                   # diethyl ether, cat. 1
     CardHolding(3, ("H350", "H340"), 100, "g"),             # a CMR solid
     CardHolding(4, ("H280",), 50, "L", containers=2)],      # gas
    [ProposalSource("sealed_source"), ProposalSource("laser", "4")], [2])


def test_every_field_the_registers_speak_about_is_compared_in_the_card_order() -> None:
    comparison = compare_card(RoomCard(), LAB)
    assert [f.field.value for f in comparison.fields] == [
        "pictograms", "warning_signs", "special_hazards", "flammable_cat1_max_litres",
        "flammable_cat2_max_litres", "gas_max_cylinders"]
    assert comparison.stale and not comparison.agrees
    assert comparison["pictograms"].lacking == ("GHS02", "GHS04", "GHS07", "GHS08")
    assert comparison["warning_signs"].lacking == ("radiation", "laser", "biohazard")
    assert comparison["special_hazards"].lacking == ("cmr",)
    assert comparison[CardField.FLAMMABLE_CAT1].proposed == pytest.approx(0.5)
    assert comparison[CardField.FLAMMABLE_CAT2].stored is None
    assert not comparison["gas_max_cylinders"].stale  # shown, but not what DESIGN calls stale


def test_a_card_that_carries_the_proposal_agrees_and_extras_are_kept() -> None:
    card = RoomCard(pictograms=("GHS02", "GHS04", "GHS05", "GHS07", "GHS08"),
                    warning_signs=("radiation", "laser", "biohazard"),
                    special_hazards="Kreftfremkallende stoffer; laser klasse 4",
                    flammable_cat1_max_litres=1, flammable_cat2_max_litres=20,
                    gas_max_cylinders=2)
    comparison = compare_card(card, LAB)
    assert comparison.agrees and not comparison.stale
    assert comparison.stale_reason() is None


def test_the_reasons_are_words_in_both_languages() -> None:
    card = RoomCard(pictograms=("GHS02", "GHS04", "GHS07", "GHS08"),
                    warning_signs=("radiation", "biohazard"), special_hazards="CMR",
                    flammable_cat1_max_litres=1, flammable_cat2_max_litres=10,
                    gas_max_cylinders=1)
    comparison = compare_card(card, LAB)
    with using_language("en"):
        assert _words(comparison.stale_reason()) == (
            "the card lacks the warning sign laser beam; 12.2 L of category 2 flammable "
            "liquids in use, above the card's maximum of 10 L")
        assert _words(comparison["gas_max_cylinders"].reason) == (
            "2 gas cylinders registered, more than the card's maximum of 1")
    with using_language("nb"):
        assert _words(comparison.stale_reason()) == (
            "kortet mangler varselskiltet laserstråle; 12,2 L brannfarlige væsker i kategori 2 "
            "i bruk, over kortets maksimum på 10 L")
    bare = compare_card(RoomCard(special_hazards="cmr"), LAB)
    with using_language("en"):
        assert _words(bare["pictograms"].reason) == (
            "the card lacks the pictograms GHS02 (flammable), GHS04 (gas under pressure), "
            "GHS07 (harmful / irritant) and GHS08 (serious health hazard)")
        assert _words(bare["flammable_cat1_max_litres"].reason) == (
            "0.5 L of category 1 flammable liquids in use, and the card gives no maximum")


def test_litres_within_the_maximum_or_none_in_use_agree() -> None:
    nothing = propose_card([], [], [])
    assert compare_card(RoomCard(), nothing).agrees
    assert not needs_card(nothing)
    exactly = ProposedCard(flammable_cat2_litres=10.0)
    assert compare_card(RoomCard(flammable_cat2_max_litres=10), exactly).agrees
    over = ProposedCard(flammable_cat2_litres=10.001)
    assert compare_card(RoomCard(flammable_cat2_max_litres=10), over).stale


@pytest.mark.parametrize("field", list(CardField))
def test_accepting_a_field_makes_it_agree_and_keeps_the_rest(field: CardField) -> None:
    card = RoomCard(activity_type="Syntese", pictograms=("GHS05",),
                    special_hazards="Høyt trykk", flammable_cat2_max_litres=5)
    accepted = accept_field(card, LAB, field)
    after = compare_card(accepted, LAB)
    assert after[field].agrees
    for other in CardField:
        if other is not field:
            assert after[other] == compare_card(card, LAB)[other]
    assert accepted.activity_type == "Syntese"


def test_what_accepting_writes() -> None:
    card = RoomCard(pictograms=("GHS05",), warning_signs=("biohazard",),
                    special_hazards="Høyt trykk.")
    assert accept_field(card, LAB, "pictograms").pictograms == (
        "GHS02", "GHS04", "GHS05", "GHS07", "GHS08")
    assert accept_field(card, LAB, "warning_signs").warning_signs == WARNING_SIGNS
    assert accept_field(card, LAB, "flammable_cat2_max_litres").flammable_cat2_max_litres == 13
    assert accept_field(card, LAB, "flammable_cat1_max_litres").flammable_cat1_max_litres == 1
    whole = ProposedCard(flammable_cat1_litres=4.0)
    assert accept_field(card, whole, "flammable_cat1_max_litres").flammable_cat1_max_litres == 4
    assert accept_field(card, LAB, "gas_max_cylinders").gas_max_cylinders == 2
    worded = accept_field(card, LAB, "special_hazards",
                          {"cmr": "CMR-stoffer (kreftfremkallende)"})
    assert worded.special_hazards == "Høyt trykk, CMR-stoffer (kreftfremkallende)"
    assert accept_field(RoomCard(), LAB, "special_hazards").special_hazards == "CMR"
    agreeing = RoomCard(flammable_cat2_max_litres=50)
    assert accept_field(agreeing, LAB, "flammable_cat2_max_litres") is agreeing
    with pytest.raises(ValidationError) as caught:
        accept_field(card, LAB, "toxic_liquids")
    assert caught.value.code == "room_card.unknown_field"


_CODES = st.lists(st.sampled_from(["H224", "H225", "H280", "H350", "H314", "H301", "H400",
                                   "H319", "H271", "H200"]), max_size=4)


@settings(max_examples=50, deadline=None)
@given(holdings=st.lists(st.tuples(_CODES, st.floats(0, 50), st.integers(0, 5)),
                         max_size=6),
       pictograms=st.sets(st.sampled_from(GHS_PICTOGRAMS)),
       signs=st.sets(st.sampled_from(WARNING_SIGNS)),
       laser=st.booleans(), groups=st.lists(st.integers(1, 4), max_size=2))
def test_accepting_every_field_leaves_nothing_stale(
        holdings: list[tuple[list[str], float, int]], pictograms: set[str], signs: set[str],
        laser: bool, groups: list[int]) -> None:
    proposal = propose_card(
        [CardHolding(i, tuple(codes), q, "L", containers=c)
         for i, (codes, q, c) in enumerate(holdings)],
        [ProposalSource("laser", "4")] if laser else [], groups)
    card = RoomCard(pictograms=tuple(p for p in GHS_PICTOGRAMS if p in pictograms),
                    warning_signs=tuple(s for s in WARNING_SIGNS if s in signs))
    for field in CardField:
        card = accept_field(card, proposal, field)
    assert compare_card(card, proposal).agrees
    assert set(pictograms) <= set(card.pictograms) and set(signs) <= set(card.warning_signs)


def test_the_room_of_the_issue_proposes_pictograms_and_every_sign() -> None:
    """CMR products, a Cs-137 source, a class 4 laser and a group 2 agent."""
    proposal = propose_card(
        [CardHolding(1, ("H350", "H225"), 2.5, "L"), CardHolding(2, ("H360FD",), 1, "L"),
         CardHolding(3, ("H224",), 750, "mL"), CardHolding(4, ("H225",), 1, "kg")],
        [ProposalSource("sealed_source"), ProposalSource("laser", "4")], [2, 1])
    assert proposal.pictograms == ("GHS02", "GHS08")
    assert (proposal.radiation, proposal.laser, proposal.biohazard) == (True, True, True)
    assert proposal.flammable_cat1_litres == pytest.approx(0.75)
    assert proposal.flammable_cat2_litres == pytest.approx(2.5)
    assert proposal.unconverted == (4,)
    assert needs_card(proposal)

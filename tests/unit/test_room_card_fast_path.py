"""The fast path of the room card checks (``services.checks.rooms``) never disagrees with the
one rule: ``propose_cards`` (every room at once) equals ``propose_card`` room by room, and
``card_is_stale`` gives ``compare_card``'s answer, on a ``RoomCard`` and on the light
``CardFacts`` the checks read."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vernetool.domain.organisation import GHS_PICTOGRAMS, WARNING_SIGNS, RoomCard
from vernetool.domain.room_card_proposal import (
    CardFacts,
    CardHolding,
    HeldRow,
    ProposalSource,
    ProposedCard,
    card_is_stale,
    compare_card,
    propose_card,
    propose_cards,
)

# H codes that put pictograms, hazards, gas and both flammable categories on a card, a
# combined code, codes of no hazard, and a product without codes
_CODES = st.lists(st.sampled_from(
    ["H224", "H225", "H226", "H280", "H281", "H350", "H341", "H360FD", "H314", "H301",
     "H330", "H400", "H410", "H319", "H335", "H271", "H200", "H300+H310", "EUH066", "P210"]),
    max_size=4, unique=True).map(tuple)
_UNITS = st.sampled_from(["L", "mL", "l", "dL", "g", "kg", "stk", "", "m3"])
_QUANTITY = st.none() | st.floats(0, 1000, allow_nan=False) | st.integers(0, 60).map(float)
_SOURCE = st.builds(ProposalSource, st.sampled_from(
    ["laser", "sealed_source", "open_source", "xray", "ipl", "mri"]),
    st.sampled_from([None, "1", "2", "3R", "3B", "4"]))


@st.composite
def _university(draw: st.DrawFn) -> tuple[list[HeldRow], dict[int, tuple[str, ...]],
                                            dict[int, list[ProposalSource]],
                                            dict[int, list[int]]]:
    products = draw(st.lists(_CODES, min_size=1, max_size=6))
    codes = {pid: found for pid, found in enumerate(products, start=1) if found}
    rows: list[HeldRow] = []
    for hid in range(1, draw(st.integers(0, 25)) + 1):
        rows.append((draw(st.integers(1, 6)), draw(st.integers(1, len(products))),
                     draw(_QUANTITY), draw(_UNITS), hid,
                     draw(st.none() | st.integers(0, 8))))
    sources = draw(st.dictionaries(st.integers(1, 8), st.lists(_SOURCE, max_size=3),
                                   max_size=4))
    groups = draw(st.dictionaries(st.integers(1, 8), st.lists(st.integers(1, 4), max_size=3),
                                  max_size=4))
    return rows, codes, sources, groups


@settings(max_examples=50, deadline=None)
@given(_university())
def test_propose_cards_is_propose_card_room_by_room(
        university: tuple[list[HeldRow], dict[int, tuple[str, ...]],
                          dict[int, list[ProposalSource]], dict[int, list[int]]]) -> None:
    rows, codes, sources, groups = university
    found = propose_cards(rows, codes, sources, groups)
    rooms = {row[0] for row in rows} | set(sources) | set(groups)
    assert set(found) == rooms
    for rid in rooms:
        held = [CardHolding(hid, codes.get(pid, ()), quantity, unit, containers)
                for room, pid, quantity, unit, hid, containers in rows if room == rid]
        # equal to the last bit: the litres are added in the same order
        assert found[rid] == propose_card(held, sources.get(rid, ()), groups.get(rid, ()))


_WORDS = st.sampled_from(["", "CMR", "Kreftfremkallende stoffer", "carcinogens in fume hood",
                          "REPROTOKSISK", "laser klasse 4", "cmr-stoffer", "mutagenic",
                          "Arvestoffskadelig", "toxic", "brannfarlig"])
_MAX = st.none() | st.floats(0, 60, allow_nan=False) | st.integers(0, 60).map(float)
_CARD = st.builds(
    RoomCard,
    pictograms=st.lists(st.sampled_from([*GHS_PICTOGRAMS, "GHS10"]), unique=True,
                        max_size=9).map(tuple),
    warning_signs=st.lists(st.sampled_from([*WARNING_SIGNS, "magnet"]), unique=True,
                           max_size=3).map(tuple),
    special_hazards=_WORDS, flammable_cat1_max_litres=_MAX, flammable_cat2_max_litres=_MAX,
    gas_max_cylinders=st.none() | st.integers(0, 5))
_LITRES = st.sampled_from([0.0, 1e-10, 0.5, 2.0, 12.2, 20.0]) | st.floats(0, 80,
                                                                            allow_nan=False)
_PROPOSAL = st.builds(
    ProposedCard,
    pictograms=st.lists(st.sampled_from(GHS_PICTOGRAMS), unique=True, max_size=5).map(
        lambda found: tuple(sorted(found))),
    radiation=st.booleans(), laser=st.booleans(), biohazard=st.booleans(),
    flammable_cat1_litres=_LITRES, flammable_cat2_litres=_LITRES,
    gas_cylinders=st.integers(0, 6),
    hazards=st.lists(st.sampled_from(["flammable", "cmr", "toxic", "radiation", "laser"]),
                     unique=True, max_size=3).map(tuple))


@settings(max_examples=50, deadline=None)
@given(card=_CARD, proposal=_PROPOSAL | st.builds(
    propose_card, st.lists(st.builds(CardHolding, st.integers(1, 99), _CODES, _QUANTITY,
                                     _UNITS, st.none() | st.integers(0, 4)), max_size=5),
    st.lists(_SOURCE, max_size=2), st.lists(st.integers(1, 4), max_size=2)))
def test_the_stale_test_gives_the_comparisons_answer(card: RoomCard,
                                                     proposal: ProposedCard) -> None:
    comparison = compare_card(card, proposal)
    facts = CardFacts(card.pictograms, card.warning_signs, card.special_hazards,
                      card.flammable_cat1_max_litres, card.flammable_cat2_max_litres)
    assert card_is_stale(card, proposal) is comparison.stale
    assert card_is_stale(facts, proposal) is comparison.stale
    assert (comparison.stale_reason() is None) is not comparison.stale


def test_each_way_a_card_goes_stale_is_seen_and_so_is_a_card_that_agrees() -> None:
    proposal = propose_card(
        [CardHolding(1, ("H225", "H350"), 12.2, "L"), CardHolding(2, ("H224",), 500, "mL")],
        [ProposalSource("sealed_source")], [2])
    agrees = RoomCard(pictograms=("GHS02", "GHS07", "GHS08"),
                      warning_signs=("radiation", "biohazard"),
                      special_hazards="Kreftfremkallende", flammable_cat1_max_litres=1,
                      flammable_cat2_max_litres=13)
    assert not compare_card(agrees, proposal).stale
    assert not card_is_stale(agrees, proposal)
    for stale in (RoomCard(**{**agrees.__dict__, "pictograms": ("GHS02", "GHS07")}),
                  RoomCard(**{**agrees.__dict__, "warning_signs": ("radiation",)}),
                  RoomCard(**{**agrees.__dict__, "special_hazards": ""}),
                  RoomCard(**{**agrees.__dict__, "flammable_cat1_max_litres": 0.4}),
                  RoomCard(**{**agrees.__dict__, "flammable_cat2_max_litres": None})):
        assert compare_card(stale, proposal).stale
        assert card_is_stale(stale, proposal)

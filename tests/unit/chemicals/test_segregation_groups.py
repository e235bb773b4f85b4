"""Storage problems grouped for people to read: one line per pair of classes in a place,
the same pairs as ``conflicts`` finds (checked against it), and the words nb and en."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.chemicals.products import (
    ACETONE,
    ETHANOL,
    NITRIC_ACID_65,
    SODIUM,
    SODIUM_HYDROXIDE,
    SULPHURIC_ACID_96,
)
from vernetool import i18n
from vernetool.domain.chemicals.model import Holding, HoldingStatus
from vernetool.domain.chemicals.segregation import (
    ConflictGroup,
    HazardClass,
    conflicting_classified,
    conflicting_ids,
    conflicts,
    conflicts_by_place,
    grouped_conflicts,
    hazard_classes,
)
from vernetool.domain.chemicals.statements import parse_statements
from vernetool.i18n.labels import (
    hazard_class_label,
    segregation_line,
    segregation_pair_label,
    some_names,
)

A, B, OX, F, W, Q = (HazardClass.ACID, HazardClass.BASE, HazardClass.OXIDISER,
                    HazardClass.FLAMMABLE, HazardClass.WATER_REACTIVE, HazardClass.AQUEOUS)
PERMANGANATE = ("Kaliumpermanganat", "H272, H302, H410")


def _h(id_: int, name: str, codes: str, place: str = "Brannskap 1") -> Holding:
    return Holding(id_, id_, name, "", 1, "KJ1:204", place, 1.0, "L", 1,
                   HoldingStatus.IN_USE, None, hazard_codes=tuple(parse_statements(codes)))


@pytest.fixture(autouse=True)
def english() -> object:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


def test_an_oxidiser_among_flammables_is_one_group_naming_every_product() -> None:
    cabinet = [_h(1, "Aceton", ACETONE), _h(2, *PERMANGANATE), _h(3, "Etanol", ETHANOL),
               _h(4, "Sitronsyre", "H319")]
    assert grouped_conflicts(cabinet) == [
        ConflictGroup(OX, F, ("Kaliumpermanganat",), ("Aceton", "Etanol"),
                      frozenset({1, 2, 3}))]
    assert conflicting_ids([cabinet]) == {1, 2, 3}       # the citric acid is not involved


def test_three_kinds_of_problem_in_the_classes_order() -> None:
    shelf = [_h(12, "Svovelsyre 96 %", SULPHURIC_ACID_96),
             _h(3, "Natriumhydroksid 1 M løsning", SODIUM_HYDROXIDE),
             _h(7, "Salpetersyre 65 %", NITRIC_ACID_65),
             _h(9, "Metanol", "H225, H301+H311+H331, H370"),
             _h(15, "Natrium", SODIUM)]
    groups = grouped_conflicts(shelf)
    assert [(g.first, g.second) for g in groups] == [(A, B), (OX, F), (W, Q)]
    assert groups[0].first_products == ("Salpetersyre 65 %", "Svovelsyre 96 %")
    assert groups[0].second_products == ("Natriumhydroksid 1 M løsning",)
    assert groups[2].first_products == ("Natrium",)


def test_one_product_of_both_classes_alone_is_no_problem() -> None:
    # nitric acid is an acid and an oxidiser; alone with itself it conflicts with nothing
    assert grouped_conflicts([_h(1, "Salpetersyre 65 % i vann", NITRIC_ACID_65)]) == []
    assert grouped_conflicts([]) == []
    # two holdings that are both oxidiser and flammable do conflict with each other
    both = "H242, H272"
    assert grouped_conflicts([_h(1, "A", both), _h(2, "B", both)])[0].holding_ids == {1, 2}
    assert grouped_conflicts([_h(1, "A", both)]) == []


def test_places_are_kept_apart() -> None:
    holdings = [_h(1, "Aceton", ACETONE, "Brannskap 1"), _h(2, *PERMANGANATE, "Hylle 2"),
                _h(3, "Etanol", ETHANOL, "Hylle 2")]
    found = conflicts_by_place(holdings)
    assert list(found) == ["Hylle 2"]
    assert found["Hylle 2"][0].second_products == ("Etanol",)


NAMES = [("Aceton", ACETONE), ("Etanol", ETHANOL), PERMANGANATE,
         ("Svovelsyre 96 %", SULPHURIC_ACID_96), ("Natronlut 50 %", "H290, H314"),
         ("Natrium", SODIUM), ("Destillert vann", ""), ("Sitronsyre", "H319"),
         ("Salpetersyre 65 %", NITRIC_ACID_65), ("A", "H242, H272")]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(range(len(NAMES))), max_size=12))
def test_the_groups_hold_exactly_the_pairs_conflicts_finds(picks: list[int]) -> None:
    place = [_h(n + 1, *NAMES[i]) for n, i in enumerate(picks)]
    pairs = conflicts(place)
    involved = {c.holding_id for c in pairs} | {c.other_holding_id for c in pairs}
    assert conflicting_ids([place]) == involved
    classified = [(h.id, hazard_classes(h.product_name, h.hazard_codes)) for h in place]
    assert conflicting_classified([classified]) == involved
    kinds = {frozenset({c.hazard, c.other_hazard}) for c in pairs}
    groups = grouped_conflicts(place)
    assert {frozenset({g.first, g.second}) for g in groups} == kinds


@pytest.mark.parametrize(("language", "line"), [
    ("en", "Oxidiser beside flammable: Kaliumpermanganat / Aceton; Etanol"),
    ("nb", "Oksiderende sammen med brannfarlig: Kaliumpermanganat / Aceton; Etanol"),
])
def test_a_group_in_words(language: str, line: str) -> None:
    i18n.set_language(language)
    assert segregation_line("oxidiser", "flammable", ["Kaliumpermanganat"],
                            ["Aceton", "Etanol"]) == line


def test_the_class_words_and_a_handful_of_names() -> None:
    i18n.set_language("nb")
    assert [hazard_class_label(c.value) for c in HazardClass] == [
        "syre", "base", "oksiderende", "brannfarlig", "vannreaktiv", "vandig løsning"]
    assert segregation_pair_label("water_reactive", "aqueous") == (
        "Vannreaktiv sammen med vandig løsning")
    assert some_names([f"P{n}" for n in range(8)], 5) == "P0; P1; P2; P3; P4 og 3 til"
    i18n.set_language("en")
    assert [hazard_class_label(c.value) for c in HazardClass] == [
        "acid", "base", "oxidiser", "flammable", "water-reactive", "aqueous solution"]
    assert segregation_pair_label("acid", "base") == "Acid beside base"
    assert some_names([f"P{n}" for n in range(8)], 5) == "P0; P1; P2; P3; P4 and 3 more"
    assert some_names(["P0"], 5) == "P0"

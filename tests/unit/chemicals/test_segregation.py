"""Storage segregation in one storage place, with the names real registers hold."""

from __future__ import annotations

import pytest

from tests.unit.chemicals.products import (
    ACETONE,
    ETHANOL,
    HYDROGEN_PEROXIDE_30,
    METHANOL,
    NITRIC_ACID_65,
    SODIUM,
    SODIUM_HYDROXIDE,
    SULPHURIC_ACID_96,
)
from vernetool.domain.chemicals.model import Holding, HoldingStatus
from vernetool.domain.chemicals.segregation import (
    HazardClass,
    SegregationConflict,
    conflicts,
    hazard_classes,
)
from vernetool.domain.chemicals.statements import parse_statements

A, B, OX, F, W, Q = (HazardClass.ACID, HazardClass.BASE, HazardClass.OXIDISER,
                    HazardClass.FLAMMABLE, HazardClass.WATER_REACTIVE, HazardClass.AQUEOUS)


@pytest.mark.parametrize(("name", "codes", "classes"), [
    ("Svovelsyre 96 %", SULPHURIC_ACID_96, {A}),
    ("Saltsyre 37 %", "H290, H314, H335", {A}),
    ("Hydrochloric acid, 1 M", "H290", {A}),
    ("Salpetersyre 65 %", NITRIC_ACID_65, {A, OX}),
    ("Acide nitrique 65%", NITRIC_ACID_65, {A, OX}),
    ("Eddiksyre 100 %", "H226, H314", {A, F}),
    ("Natriumhydroksid", SODIUM_HYDROXIDE, {B}),
    ("Sodium hydroxide solution 1 M", "H290, H314", {B, Q}),
    ("Natronlut 50 %", "H290, H314", {B}),
    ("Ammoniakk 25 %", "H314, H335, H400", {B}),       # aqueous, but the name does not say
    ("Ammonia solution 25%", "H290, H314, H335, H400", {B, Q}),
    ("Trietylamin", "H225, H302, H311+H331, H314, H335", {B, F}),
    ("Natriumhypokloritt 14 %", "H290, H314, H400, EUH031", {B}),
    ("Sitronsyre monohydrat", "H319", set()),               # an acid, but not corrosive
    ("L-Cystein (aminosyre)", "H314", set()),               # reads as both: neither
    ("Vitamin C", "", set()),
    ("Hydrogenperoksid 30 % vandig løsning", HYDROGEN_PEROXIDE_30, {Q}),
    ("Natrium", SODIUM, {W}),
    ("n-Butyllithium solution 2.5 M in hexanes", "H225, H250, H261, H304, H314, H336, H373",
     {F, W}),
    ("Natriumborhydrid-løsning i metanol", "H225, H260, H301, H314", {F, W}),
    ("Kaliumpermanganat", "H272, H302, H410", {OX}),
    ("Etanol absolutt", ETHANOL, {F}),
    ("Aceton", ACETONE, {F}),
    ("Destillert vann", "", {Q}),
    ("Kobbersulfat, vannfri", "H302, H315, H319, H410", set()),
    ("Sodium chloride solution 0.9 %", "", {Q}),
    ("Lithium aluminium hydride 1 M in THF", "H225, H260, H314, EUH014, EUH019", {F, W}),
])
def test_classes_of_real_products(name: str, codes: str, classes: set[HazardClass]) -> None:
    assert hazard_classes(name, parse_statements(codes)) == classes


def _h(id_: int, name: str, codes: str) -> Holding:
    return Holding(id_, id_, name, "", 1, "K1:101", "Syreskap", 1.0, "L", 1,
                   HoldingStatus.IN_USE, None, hazard_codes=tuple(parse_statements(codes)))


def test_one_storage_place_with_three_kinds_of_problem() -> None:
    place = [
        _h(12, "Svovelsyre 96 %", SULPHURIC_ACID_96),
        _h(3, "Natriumhydroksid 1 M løsning", SODIUM_HYDROXIDE),
        _h(7, "Salpetersyre 65 %", NITRIC_ACID_65),
        _h(9, "Metanol", METHANOL),
        _h(15, "Natrium", SODIUM),
        _h(20, "Sitronsyre", "H319"),
    ]
    assert conflicts(place) == [
        SegregationConflict(3, "Natriumhydroksid 1 M løsning", B, 7, "Salpetersyre 65 %", A),
        SegregationConflict(3, "Natriumhydroksid 1 M løsning", B, 12, "Svovelsyre 96 %", A),
        SegregationConflict(3, "Natriumhydroksid 1 M løsning", Q, 15, "Natrium", W),
        SegregationConflict(7, "Salpetersyre 65 %", OX, 9, "Metanol", F),
    ]


def test_tuples_do_as_well_and_a_quiet_shelf_has_none() -> None:
    assert conflicts([(1, "Aceton", parse_statements(ACETONE)),
                      (2, "Etanol", parse_statements(ETHANOL)),
                      (3, "Sitronsyre", ["H319"])]) == []
    assert conflicts([(1, "Kaliumpermanganat", ["H272", "H302", "H410"]),
                      (2, "Aceton", parse_statements(ACETONE))]) == [
        SegregationConflict(1, "Kaliumpermanganat", OX, 2, "Aceton", F)]
    assert conflicts([]) == []


def test_a_product_is_never_in_conflict_with_itself() -> None:
    assert conflicts([_h(1, "Salpetersyre 65 % i vann", NITRIC_ACID_65)]) == []

"""Units, quantities as register cells hold them, and flammable litres per room."""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.chemicals.products import ACETONE, DIETHYL_ETHER, ETHANOL, METHANOL
from vernetool.domain.chemicals.model import Holding, HoldingStatus
from vernetool.domain.chemicals.quantities import (
    FlammableTotals,
    flammable_category,
    flammable_litres,
    normalise_unit,
    parse_quantity,
    split_quantity,
    to_litres,
)
from vernetool.domain.chemicals.statements import parse_statements
from vernetool.domain.errors import ValidationError


@pytest.mark.parametrize(("text", "unit"), [
    ("L", "L"), ("l", "L"), ("liter", "L"), ("Litre", "L"), ("ltr.", "L"), ("ml", "mL"),
    ("mL", "mL"), ("ML", "mL"), ("µl", "µL"), ("μl", "µL"), ("ul", "µL"), ("cl", "cL"),
    ("dl", "dL"), ("m3", "m³"), ("m³", "m³"), ("g", "g"), ("gram", "g"), ("kg", "kg"),
    ("KG", "kg"), ("mg", "mg"), ("t", "t"), ("tonn", "t"), ("stk", "pcs"), ("Stk.", "pcs"),
    ("pcs", "pcs"), ("", ""), (" ", ""),
])
def test_units_are_normalised(text: str, unit: str) -> None:
    assert normalise_unit(text) == unit


def test_an_unknown_unit_is_named() -> None:
    with pytest.raises(ValidationError) as refused:
        normalise_unit("flasker")
    assert (refused.value.code, refused.value.params) == ("quantity.unit", {"unit": "flasker"})


@pytest.mark.parametrize(("quantity", "unit", "litres"), [
    (2.5, "L", 2.5), (500, "ml", 0.5), (250, "mL", 0.25), (1, "m³", 1000.0), (3, "dl", 0.3),
    (50, "cl", 0.5), (100, "µl", 1e-4), (5, "kg", None), (100, "g", None), (2, "stk", None),
    (1, "", None), (1, "gallon", None),
])
def test_to_litres_converts_volumes_only(quantity: float, unit: str,
                                         litres: float | None) -> None:
    result = to_litres(quantity, unit)
    assert result == pytest.approx(litres) if litres is not None else result is None


@pytest.mark.parametrize(("text", "number", "unit"), [
    ("48,5", 48.5, ""), ("1 000", 1000.0, ""), ("1\u00a0000,5", 1000.5, ""),
    ("2.5 L", 2.5, "L"), ("2,5l", 2.5, "L"), ("500 ml", 500.0, "mL"), ("1.000,5", 1000.5, ""),
    ("1,000.5", 1000.5, ""), ("0", 0.0, ""), (",5", 0.5, ""), ("25 kg", 25.0, "kg"),
    ("  12  ", 12.0, ""),
])
def test_quantities_as_cells_hold_them(text: str, number: float, unit: str) -> None:
    value, found_unit = split_quantity(text)
    assert value == pytest.approx(number)
    assert found_unit == unit
    assert parse_quantity(text) == pytest.approx(number)


@pytest.mark.parametrize("text", ["to flasker", "", "ca. 2 L", "en halv liter", "L"])
def test_words_are_not_a_number(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_quantity(text)
    assert (refused.value.code, refused.value.params) == ("quantity.not_a_number",
                                                          {"text": text.strip()})


def test_a_number_with_a_word_that_is_no_unit_names_the_word() -> None:
    with pytest.raises(ValidationError) as refused:
        parse_quantity("2 flasker")
    assert refused.value.code == "quantity.unit"


def test_a_negative_quantity_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        parse_quantity("-2")
    assert refused.value.code == "quantity.negative"


@pytest.mark.parametrize(("text", "category"), [
    (DIETHYL_ETHER, 1), (ACETONE, 2), (METHANOL, 2), (ETHANOL, 2), ("H224, H225", 1),
    ("H226", None), ("H228", None), ("", None),
])
def test_flammable_category(text: str, category: int | None) -> None:
    assert flammable_category(parse_statements(text)) == category


def _holding(id_: int, codes: str, quantity: float | None, unit: str,
             status: HoldingStatus = HoldingStatus.IN_USE) -> Holding:
    disposed = date(2026, 1, 1) if status is HoldingStatus.DISPOSED else None
    return Holding(id_, id_, f"product {id_}", "", 1, "A:1", "Brannskap", quantity, unit, 1,
                   status, disposed, hazard_codes=tuple(parse_statements(codes)))


def test_flammable_litres_per_room() -> None:
    holdings = [
        _holding(1, DIETHYL_ETHER, 2.5, "L"),
        _holding(2, DIETHYL_ETHER, 500, "ml"),
        _holding(3, ACETONE, 10, "l"),
        _holding(4, METHANOL, 2500, "mL"),
        _holding(5, METHANOL, 5, "kg"),            # a mass: flagged, not guessed
        _holding(6, ETHANOL, None, ""),             # no quantity: flagged
        _holding(7, ACETONE, 25, "L", HoldingStatus.DISPOSED),  # disposed: not counted
        _holding(8, "H226", 20, "L"),               # category 3: not counted
        _holding(9, "H290, H314", 5, "kg"),         # not flammable: not flagged either
    ]
    totals = flammable_litres(holdings)
    assert totals == FlammableTotals(3.0, 12.5, (5, 6))
    assert not totals.complete
    assert flammable_litres([]) == FlammableTotals(0.0, 0.0, ())
    assert flammable_litres([]).complete

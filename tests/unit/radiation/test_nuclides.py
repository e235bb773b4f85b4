"""Nuclide spellings are normalised and their half-lives come from the shipped reference data."""

from __future__ import annotations

import pytest

from vernetool.domain.errors import ValidationError
from vernetool.domain.radiation.nuclides import (
    half_life,
    half_life_seconds,
    known_nuclides,
    normalise_nuclide,
    parse_nuclide,
)

YEAR_S = 365.2422 * 86_400


@pytest.mark.parametrize("text", ["Cs-137", "137Cs", "Cs137", "cs-137", "Cs 137", "CS-137",
                                  "137-Cs", "¹³⁷Cs", "Cs–137", " cs 137 ", "137 Cs"])
def test_caesium_spellings(text: str) -> None:
    assert normalise_nuclide(text) == "Cs-137"


@pytest.mark.parametrize("text", ["Tc-99m", "99mTc", "99m-Tc", "Tc99m", "tc-99M", "⁹⁹ᵐTc"])
def test_metastable_technetium(text: str) -> None:
    assert normalise_nuclide(text) == "Tc-99m"


@pytest.mark.parametrize("text", ["H-3", "3H", "h3", "tritium", "Tritium"])
def test_tritium(text: str) -> None:
    assert normalise_nuclide(text) == "H-3"


def test_radiocarbon_and_two_letter_symbols() -> None:
    assert normalise_nuclide("radiocarbon") == "C-14"
    assert normalise_nuclide("14C") == "C-14"
    assert normalise_nuclide("am241") == "Am-241"
    assert normalise_nuclide("32P") == "P-32"


def test_a_reading_the_data_knows_wins_and_molybdenum_is_not_oxygen() -> None:
    assert parse_nuclide("99Mo") == "Mo-99"  # not O-99m
    with pytest.raises(ValidationError) as caught:
        normalise_nuclide("99Mo")
    assert caught.value.code == "nuclide.unknown"
    assert caught.value.params["nuclide"] == "Mo-99"


@pytest.mark.parametrize("text", ["", "caesium", "Cs-", "137", "Cs-137-Ba", "1234Cs"])
def test_not_a_nuclide(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_nuclide(text, field="Nuklide")
    assert caught.value.code == "nuclide.invalid"
    assert caught.value.field == "Nuklide"


def test_unknown_nuclide_names_it() -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_nuclide("Pu239")
    assert (caught.value.code, caught.value.params["nuclide"]) == ("nuclide.unknown", "Pu-239")


def test_half_lives_are_those_of_the_reference_data() -> None:
    cs = half_life("137Cs")
    assert (cs.value, cs.unit) == (30.08, "y")
    assert cs.seconds == pytest.approx(30.08 * YEAR_S, rel=1e-5)
    assert half_life_seconds("Am-241") == pytest.approx(432.6 * YEAR_S, rel=1e-5)
    assert half_life_seconds("P-32") == pytest.approx(14.268 * 86_400, rel=1e-5)
    assert half_life_seconds("Tc-99m") == pytest.approx(6.0067 * 3600, rel=1e-5)
    assert half_life_seconds("F-18") == pytest.approx(109.77 * 60, rel=1e-5)


def test_every_nuclide_of_the_file_is_known_by_its_canonical_name() -> None:
    nuclides = known_nuclides()
    assert len(nuclides) >= 27
    assert {"H-3", "C-14", "P-32", "S-35", "I-125", "Cs-137", "Am-241", "Tc-99m"} <= set(nuclides)
    assert all(normalise_nuclide(n) == n for n in nuclides)


def test_every_spelling_of_every_known_nuclide_comes_back() -> None:
    for nuclide in known_nuclides():
        symbol, mass = nuclide.split("-")
        number, state = mass.rstrip("m"), mass[len(mass.rstrip("m")):]
        for text in (f"{symbol}{mass}", f"{symbol.lower()}-{mass}", f"{symbol.upper()} {mass}",
                     f"{number}{state}{symbol}", f"{number}{state}-{symbol.lower()}"):
            assert normalise_nuclide(text) == nuclide, text

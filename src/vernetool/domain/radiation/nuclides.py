"""Nuclide names and half-lives: ``normalise_nuclide("137Cs")`` → ``"Cs-137"``.

Accepted spellings (case and spacing free): ``Cs-137``, ``Cs137``, ``cs-137``, ``Cs 137``,
``137Cs``, ``137-Cs``, ``¹³⁷Cs``; metastable states as ``Tc-99m``, ``Tc99m``, ``99mTc``,
``99m-Tc``, ``Tc-99M``; any dash (``-``, ``‐``, ``–``, ``—``); and the names ``tritium``
(H-3) and ``radiocarbon`` (C-14).
``D``/``deuterium`` and ``T`` as a symbol are not accepted (deuterium is stable; ``T`` is too
easily a typo). ``99Mo`` is molybdenum-99, not an isomer of oxygen: where a spelling can be
read two ways, the reading the reference data knows wins, then the one without an isomer
state. A spelling that does not name a nuclide is ``nuclide.invalid``; a nuclide
with no half-life in the reference data is ``nuclide.unknown``.

Half-lives: ``resources/refdata/radionuclide_half_lives.csv`` (IAEA LiveChart
of Nuclides / ENSDF; see resources/ATTRIBUTION.md), read once on first use. Its
``half_life_s`` column counts a year as 365.2422 days.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from vernetool.domain.errors import ValidationError
from vernetool.paths import resource_path

#: where the reference data lives (resources/refdata/, beside the statements)
HALF_LIFE_FILES: tuple[tuple[str, ...], ...] = (("refdata", "radionuclide_half_lives.csv"),)

_NAMES = {"tritium": "H-3", "radiocarbon": "C-14"}
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹ᵐ", "0123456789m")
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—−"})
_SYMBOL_FIRST = re.compile(r"^([A-Za-z]{1,2})\s*-?\s*(\d{1,3})\s*(m\d?)?$", re.IGNORECASE)
_MASS_FIRST = re.compile(r"^(\d{1,3})([A-Za-z]{1,3})$")


@dataclass(frozen=True, slots=True)
class HalfLife:
    """A nuclide's half-life as the reference data states it, and in seconds."""

    nuclide: str
    value: float
    unit: str  # as in the file: y, d, h, min, s
    seconds: float


def _canonical(symbol: str, mass: str, state: str | None) -> str:
    return f"{symbol[0].upper()}{symbol[1:].lower()}-{int(mass)}{(state or '').lower()}"


def _readings(text: str) -> list[str]:
    """Every canonical nuclide ``text`` can be read as, the likelier first."""
    cleaned = " ".join(str(text).translate(_SUPERSCRIPTS).translate(_DASHES).split())
    if cleaned.casefold() in _NAMES:
        return [_NAMES[cleaned.casefold()]]
    match = _SYMBOL_FIRST.match(cleaned)
    if match:
        return [_canonical(match.group(1), match.group(2), match.group(3))]
    match = _MASS_FIRST.match(cleaned.replace(" ", "").replace("-", ""))
    if not match:
        return []
    mass, rest = match.group(1), match.group(2)
    readings = [_canonical(rest, mass, None)] if len(rest) <= 2 else []
    if rest[0] in "mM" and len(rest) >= 2:  # 99mTc: the isomer state before the symbol
        readings.append(_canonical(rest[1:], mass, "m"))
    return readings


def parse_nuclide(text: str, field: str = "nuclide") -> str:
    """The canonical spelling of ``text`` (``"Cs-137"``), known half-life or not."""
    readings = _readings(text)
    if not readings:
        raise ValidationError("nuclide.invalid", field, text=str(text).strip())
    known = [reading for reading in readings if reading in _table()]
    return (known or readings)[0]


def normalise_nuclide(text: str, field: str = "nuclide") -> str:
    """The canonical spelling of a nuclide the reference data knows; raises otherwise."""
    nuclide = parse_nuclide(text, field)
    if nuclide not in _table():
        raise ValidationError("nuclide.unknown", field, nuclide=nuclide,
                              text=str(text).strip())
    return nuclide


def half_life(nuclide: str, field: str = "nuclide") -> HalfLife:
    """The half-life of ``nuclide`` (any accepted spelling)."""
    return _table()[normalise_nuclide(nuclide, field)]


def half_life_seconds(nuclide: str, field: str = "nuclide") -> float:
    return half_life(nuclide, field).seconds


def known_nuclides() -> tuple[str, ...]:
    """The nuclides with a half-life, in the reference file's order."""
    return tuple(_table())


def _half_life_file() -> Path:
    for parts in HALF_LIFE_FILES:
        path = resource_path(*parts)
        if path.exists():
            return path
    return resource_path(*HALF_LIFE_FILES[0])


@cache
def _table() -> dict[str, HalfLife]:
    return load_half_lives(_half_life_file())


def load_half_lives(path: Path) -> dict[str, HalfLife]:
    """Read a half-life file (columns ``nuclide``, ``half_life``, ``unit``, ``half_life_s``)."""
    table: dict[str, HalfLife] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            readings = _readings(row["nuclide"])
            if not readings:
                continue
            nuclide = readings[0]
            table[nuclide] = HalfLife(nuclide, float(row["half_life"]), row["unit"].strip(),
                                      float(row["half_life_s"]))
    return table

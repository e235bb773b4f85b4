"""Quantities and units of holdings, and the litres of flammable liquids in a room.

Units are normalised to one spelling each: volumes L, mL, µL, cL, dL, m³; masses kg, g, mg,
µg, t; counted items pcs. Only volumes convert to litres: a mass is never turned into
litres (that would need the density), so a holding in kg is *unconverted* and reported as
such. A holding's ``quantity`` is its whole amount (all its containers together).

Flammable liquids in the room card's categories: category 1 is H224 (flash point < 23 °C,
boiling point ≤ 35 °C), category 2 is H225 (flash point < 23 °C, boiling point > 35 °C).
H226 (category 3) is not counted. Only holdings in use count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from vernetool.domain.chemicals.statements import base_code, parts
from vernetool.domain.errors import ValidationError

_UNIT_WORDS = {
    "L": ("l", "liter", "litre", "liters", "litres", "ltr", "lt", "dm3", "dm³"),
    "mL": ("ml", "milliliter", "millilitre", "milliliters", "millilitres", "cm3", "cm³",
           "ccm", "cc"),
    "µL": ("µl", "μl", "ul", "mikroliter", "microliter", "microlitre"),
    "cL": ("cl", "centiliter", "centilitre"),
    "dL": ("dl", "desiliter", "deciliter", "decilitre"),
    "m³": ("m3", "m³", "kubikkmeter", "cubic metre", "cubic meter"),
    "kg": ("kg", "kilo", "kilogram", "kilograms", "kilogramme"),
    "g": ("g", "gr", "gram", "grams", "gramme"),
    "mg": ("mg", "milligram", "milligrams"),
    "µg": ("µg", "μg", "ug", "mikrogram", "microgram"),
    "t": ("t", "tonn", "tonne", "tonnes", "ton"),
    "pcs": ("pcs", "pc", "stk", "stykk", "piece", "pieces", "ea", "each", "units"),
}
_UNIT_OF = {word: unit for unit, words in _UNIT_WORDS.items() for word in words}
LITRES_PER_UNIT = {"L": 1.0, "mL": 1e-3, "µL": 1e-6, "cL": 1e-2, "dL": 1e-1, "m³": 1e3}
MASS_UNITS = frozenset({"kg", "g", "mg", "µg", "t"})


def normalise_unit(text: str, field: str = "unit") -> str:
    """The one spelling of a unit ("liter" → "L", "ul" → "µL", "Stk." → "pcs"); "" stays
    ""; anything else is ``quantity.unit`` naming it."""
    word = " ".join(text.split()).rstrip(".")
    if not word:
        return ""
    if word in _UNIT_WORDS:
        return word
    unit = _UNIT_OF.get(word.casefold())
    if unit is None:
        raise ValidationError("quantity.unit", field, unit=text.strip())
    return unit


def to_litres(quantity: float, unit: str) -> float | None:
    """``quantity`` in litres, None when the unit is not a volume (a mass, pieces, none)."""
    try:
        factor = LITRES_PER_UNIT.get(normalise_unit(unit))
    except ValidationError:
        return None
    return None if factor is None else quantity * factor


_QUANTITY = re.compile(
    r"(?P<number>[+-]?[.,]?\d(?:[\d\s\u00a0\u202f.,']*\d)?)\s*(?P<unit>\D.*)?", re.DOTALL)


def _number(digits: str, whole: str, field: str) -> float:
    digits = re.sub(r"[\s\u00a0\u202f']", "", digits)
    if "," in digits and "." in digits:  # the last one is the decimal mark
        thousands = "." if digits.rfind(",") > digits.rfind(".") else ","
        digits = digits.replace(thousands, "")
    try:
        value = float(digits.replace(",", "."))
    except ValueError:
        raise ValidationError("quantity.not_a_number", field, text=whole) from None
    if value < 0:
        raise ValidationError("quantity.negative", field, text=whole)
    return value


def split_quantity(text: str, field: str = "quantity") -> tuple[float, str]:
    """A number and an optional unit: "2.5 L" → (2.5, "L"), "48,5" → (48.5, ""),
    "1 000 ml" → (1000.0, "mL"). A comma or a dot alone is the decimal mark; where both
    appear the last one is; spaces and apostrophes group thousands. Words instead of a
    number ("to flasker") are ``quantity.not_a_number``; a number with a word that is not
    a unit ("2 flasker") is ``quantity.unit``."""
    whole = text.strip()
    match = _QUANTITY.fullmatch(whole)
    if not match:
        raise ValidationError("quantity.not_a_number", field, text=whole)
    unit = normalise_unit(match["unit"], field) if match["unit"] else ""
    return _number(match["number"], whole, field), unit


def parse_quantity(text: str, field: str = "quantity") -> float:
    """The number in a quantity cell ("48,5", "1 000", "2.5 L" → 2.5); see ``split_quantity``."""
    return split_quantity(text, field)[0]


def flammable_category(codes: Iterable[str]) -> Literal[1, 2] | None:
    """1 for H224, 2 for H225 (1 when both), None otherwise (H226 is category 3)."""
    bases = {base_code(part) for code in codes for part in parts(code)}
    if "H224" in bases:
        return 1
    return 2 if "H225" in bases else None


class FlammableHolding(Protocol):
    """What the litres need of a holding (``model.Holding`` has it)."""

    @property
    def id(self) -> int: ...
    @property
    def hazard_codes(self) -> Sequence[str]: ...
    @property
    def quantity(self) -> float | None: ...
    @property
    def unit(self) -> str: ...
    @property
    def status(self) -> str: ...


@dataclass(frozen=True)
class FlammableTotals:
    """Litres of category 1 and 2 flammable liquids in use, and the holdings of those
    categories that could not be counted (no quantity, or a mass or piece unit)."""

    cat1: float = 0.0
    cat2: float = 0.0
    unconverted: tuple[int, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.unconverted


def flammable_litres(items: Iterable[FlammableHolding]) -> FlammableTotals:
    """Sum the in-use holdings by flammable category (see the module docstring)."""
    litres = {1: 0.0, 2: 0.0}
    unconverted: list[int] = []
    for item in items:
        if str(item.status) != "in_use":
            continue
        category = flammable_category(item.hazard_codes)
        if category is None:
            continue
        amount = None if item.quantity is None else to_litres(item.quantity, item.unit)
        if amount is None:
            unconverted.append(item.id)
        else:
            litres[category] += amount
    return FlammableTotals(round(litres[1], 6), round(litres[2], 6), tuple(unconverted))

"""Activity: units, conversion to becquerel, and radioactive decay A = A0 · 2^(−t/T½).

Units: Bq, kBq, MBq, GBq, TBq and µCi, mCi, Ci, with 1 Ci = 3.7·10¹⁰ Bq exactly (so
1 mCi = 37 MBq and 1 µCi = 37 kBq). Conversions go through ``Decimal`` so that a stated value
converts exactly (2.5 mCi is 92,500,000 Bq, not 92,499,999.99…). Spellings: ``µCi`` (micro
sign), ``μCi`` (Greek mu) and ``uCi`` are one unit; case is free (``mbq`` is MBq: nobody
registers millibecquerel sources, and ``MCi`` is mCi for the same reason).

Decay counts elapsed time in whole days between the reference date and the as-of date (a
source's reference date has no time of day); ``decayed`` takes seconds for anything finer.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from vernetool.domain.errors import ValidationError
from vernetool.domain.radiation.nuclides import half_life_seconds

SECONDS_PER_DAY = 86_400
CURIE_BQ = Decimal("3.7E10")

#: canonical unit → becquerel per unit
UNITS: dict[str, Decimal] = {
    "Bq": Decimal(1),
    "kBq": Decimal("1E3"),
    "MBq": Decimal("1E6"),
    "GBq": Decimal("1E9"),
    "TBq": Decimal("1E12"),
    "µCi": CURIE_BQ / Decimal("1E6"),
    "mCi": CURIE_BQ / Decimal("1E3"),
    "Ci": CURIE_BQ,
}
_UNIT_KEYS: dict[str, str] = {
    **{unit.casefold(): unit for unit in UNITS},
    "uci": "µCi", "μci": "µCi", "microcurie": "µCi", "millicurie": "mCi", "curie": "Ci",
    "becquerel": "Bq", "kilobecquerel": "kBq", "megabecquerel": "MBq",
    "gigabecquerel": "GBq", "terabecquerel": "TBq",
}
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009'")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$", re.IGNORECASE)
_VALUE_AND_UNIT = re.compile(r"^\s*([-+]?[0-9][0-9\s\u00a0\u202f\u2009'.,]*(?:[eE][-+]?[0-9]+)?)"
                             r"\s*([^\W\d_].*?)\s*$")


@dataclass(frozen=True, slots=True)
class Activity:
    """An activity as stated: a number and its unit."""

    value: Decimal
    unit: str

    @property
    def bq(self) -> float:
        return to_bq(self.value, self.unit)


def normalise_unit(text: str, field: str = "activity_unit") -> str:
    """The canonical spelling of an activity unit (``"uCi"`` → ``"µCi"``)."""
    key = "".join(str(text).split()).casefold()
    unit = _UNIT_KEYS.get(key) or _UNIT_KEYS.get(key.removesuffix("s"))  # "millicuries"
    if unit is None:
        raise ValidationError("activity.unit_unknown", field, text=str(text).strip(),
                              allowed=", ".join(UNITS))
    return unit


def parse_number(text: str | float | Decimal, field: str = "activity") -> Decimal:
    """A number as people write it: ``1,5``, ``1.5``, ``1 500``, ``1 500,5``, ``3,7e10``.

    With both a comma and a full stop, the last of them is the decimal separator; spaces and
    apostrophes group thousands. A lone comma is a decimal comma (Norwegian style).
    """
    if isinstance(text, Decimal):
        return text
    if isinstance(text, (int, float)):
        return Decimal(repr(text)) if isinstance(text, float) else Decimal(text)
    raw = str(text).strip()
    cleaned = raw.translate(_SPACES)
    if "," in cleaned and "." in cleaned:
        thousands = "," if cleaned.rfind(".") > cleaned.rfind(",") else "."
        cleaned = cleaned.replace(thousands, "")
    if cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    if not _NUMBER.match(cleaned):
        raise ValidationError("activity.not_a_number", field, text=raw)
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        raise ValidationError("activity.not_a_number", field, text=raw) from None


def parse_activity(value: str | float | Decimal, unit: str | None = None,
                   field: str = "activity") -> Activity:
    """An activity from a value and a unit, or from one text such as ``"370 MBq"``."""
    if unit is None or not str(unit).strip():
        match = _VALUE_AND_UNIT.match(str(value)) if isinstance(value, str) else None
        if match is None:
            raise ValidationError("activity.unit_missing", field, text=str(value).strip())
        value, unit = match.group(1), match.group(2)
    number = parse_number(value, field)
    if number < 0:
        raise ValidationError("activity.negative", field, text=str(value).strip())
    return Activity(number, normalise_unit(unit, field + "_unit"))


def to_bq(value: float | Decimal | int, unit: str) -> float:
    """``value`` in ``unit`` as becquerel (exact for exactly stated values)."""
    return float(parse_number(value) * UNITS[normalise_unit(unit)])


def from_bq(bq: float | Decimal | int, unit: str) -> float:
    """``bq`` becquerel expressed in ``unit``."""
    return float(parse_number(bq) / UNITS[normalise_unit(unit)])


def decay_factor(half_life_s: float, elapsed_s: float) -> float:
    """2^(−t/T½): the fraction left after ``elapsed_s`` seconds."""
    return math.pow(2.0, -elapsed_s / half_life_s)


def decayed(a0_bq: float, half_life_s: float, elapsed_s: float) -> float:
    """A0 · 2^(−t/T½) with t and T½ in seconds."""
    return a0_bq * decay_factor(half_life_s, elapsed_s)


def elapsed_seconds(reference: dt.date, as_of: dt.date) -> float:
    """Seconds from the reference date to the as-of date (negative before the reference)."""
    return float((as_of - reference).days * SECONDS_PER_DAY)


def activity_at(a0_bq: float, nuclide: str, reference: dt.date, as_of: dt.date) -> float:
    """The activity in Bq on ``as_of`` of a source that had ``a0_bq`` on ``reference``."""
    return decayed(a0_bq, half_life_seconds(nuclide), elapsed_seconds(reference, as_of))


def current_activity(value: str | float | Decimal, unit: str, nuclide: str,
                     reference: dt.date, as_of: dt.date) -> float:
    """The activity in Bq on ``as_of`` of a source stated as ``value`` ``unit`` on
    ``reference`` (the ``activity_now_bq`` of exports and the room view)."""
    return activity_at(parse_activity(value, unit).bq, nuclide, reference, as_of)


def waste_activity_at_pickup(a0_bq: float, nuclide: str, reference: dt.date,
                             pickup: dt.date) -> float:
    """Open sources: what the waste holds on the pick-up date (Bq)."""
    return activity_at(a0_bq, nuclide, reference, pickup)


def days_to_reach(a0_bq: float, nuclide: str, limit_bq: float,
                  field: str = "limit") -> float:
    """Days of decay until the activity is down to ``limit_bq`` (0 when it already is)."""
    if limit_bq <= 0:
        raise ValidationError("activity.limit_not_positive", field)
    if a0_bq <= limit_bq:
        return 0.0
    seconds = half_life_seconds(nuclide) * math.log2(a0_bq / limit_bq)
    return seconds / SECONDS_PER_DAY


def date_below(a0_bq: float, nuclide: str, reference: dt.date, limit_bq: float,
               field: str = "limit") -> dt.date:
    """The first date on which the activity is at or below ``limit_bq``."""
    days = days_to_reach(a0_bq, nuclide, limit_bq, field)
    return reference + dt.timedelta(days=math.ceil(days - 1e-9))


def decayed_below_by(a0_bq: float, nuclide: str, reference: dt.date, limit_bq: float,
                     by: dt.date, field: str = "limit") -> bool:
    """Has the activity decayed to ``limit_bq`` or below by the date ``by``?"""
    return date_below(a0_bq, nuclide, reference, limit_bq, field) <= by

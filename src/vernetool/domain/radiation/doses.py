"""Individually measured doses: entries, the yearly sum per person, and the dose limits.

The limits per calendar year for workers over 18, as forskrift om tiltaks- og grenseverdier
§ 4-1 states them (text read on arbeidstilsynet.no; strålevernforskriften, FOR-2016-12-16-1659,
sets the same limits for occupationally exposed workers): effective dose 20 mSv; equivalent
dose to the lens of the eye 20 mSv (lowered from 150 mSv with the 2013/59/Euratom limits:
older guidance pages still say 150); skin, hands and feet 500 mSv. Apprentices aged 16-18
who use sources in their training: 5, 15 and 150 mSv.

What a dosimeter reading stands for:

* Hp(10) from a body dosimeter is the estimate of the effective dose.
* Hp(0.07) from a body dosimeter is the skin dose; without an eye dosimeter (Hp(3)) it is
  also the conservative estimate of the eye lens dose, so it is compared with both limits.
* Hp(0.07) from a ring or wrist dosimeter (``DosimeterPosition.EXTREMITY``) is the dose to
  the hands; it is compared with the extremity limit only, and its Hp(10), if any, is not
  added to the effective dose.
* An eye dosimeter (``DosimeterPosition.EYE``) reports Hp(3), kept in ``hp3_msv``; in a year
  with Hp(3) readings the eye lens sum is theirs, not the body dosimeters' Hp(0.07).

"Over the limit" means above it: the regulation says a dose shall not exceed the limit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from vernetool.domain.errors import ValidationError
from vernetool.domain.radiation.activity import parse_number

K = TypeVar("K", bound=Hashable)


class DosimeterPosition(StrEnum):
    BODY = "body"
    EXTREMITY = "extremity"
    EYE = "eye"


class DoseLimit(StrEnum):
    EFFECTIVE = "effective"
    EYE_LENS = "eye_lens"
    SKIN = "skin"
    EXTREMITIES = "extremities"


@dataclass(frozen=True, slots=True)
class DoseLimits:
    """Yearly limits in mSv."""

    effective: float = 20.0
    eye_lens: float = 20.0
    skin: float = 500.0
    extremities: float = 500.0

    def of(self, limit: DoseLimit) -> float:
        return float(getattr(self, limit.value))


WORKER_LIMITS = DoseLimits()
APPRENTICE_LIMITS = DoseLimits(effective=5.0, eye_lens=15.0, skin=150.0, extremities=150.0)


@dataclass(frozen=True, slots=True)
class DoseEntry:
    """One dosimeter reading for one period, dated by the period's end (mSv)."""

    date: dt.date
    hp10_msv: float | None = None
    hp007_msv: float | None = None
    position: DosimeterPosition = DosimeterPosition.BODY
    hp3_msv: float | None = None


def dose_entry(date: dt.date, hp10_msv: float | str | None, hp007_msv: float | str | None,
               position: DosimeterPosition = DosimeterPosition.BODY,
               hp3_msv: float | str | None = None) -> DoseEntry:
    """A checked entry: values as numbers or text (decimal comma), none negative, one given."""
    values = {name: _dose(value, name) for name, value in
              (("hp10_msv", hp10_msv), ("hp007_msv", hp007_msv), ("hp3_msv", hp3_msv))}
    if all(value is None for value in values.values()):
        raise ValidationError("dose.missing", "hp10_msv")
    return DoseEntry(date, values["hp10_msv"], values["hp007_msv"], position,
                     values["hp3_msv"])


def _dose(value: float | str | None, field: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(parse_number(value, field))
    except ValidationError:
        raise ValidationError("dose.not_a_number", field, text=str(value).strip()) from None
    if number < 0:
        raise ValidationError("dose.negative", field, text=str(value).strip())
    return number


@dataclass(frozen=True, slots=True)
class YearlyDose:
    """One person's doses summed over one calendar year (mSv)."""

    year: int
    effective: float = 0.0      # Hp(10), body dosimeters
    skin: float = 0.0           # Hp(0.07), body dosimeters
    eye_lens: float = 0.0       # Hp(3) where measured, else Hp(0.07) of body dosimeters
    extremities: float = 0.0    # Hp(0.07), extremity dosimeters
    entries: int = 0

    def of(self, limit: DoseLimit) -> float:
        return float(getattr(self, limit.value))

    def over(self, limits: DoseLimits = WORKER_LIMITS) -> tuple[DoseLimit, ...]:
        """The limits this year's doses exceed."""
        return tuple(limit for limit in DoseLimit if self.of(limit) > limits.of(limit))

    def fraction(self, limit: DoseLimit, limits: DoseLimits = WORKER_LIMITS) -> float:
        """The share of ``limit`` used (1.0 = at the limit)."""
        return self.of(limit) / limits.of(limit)


def yearly_doses(entries: Iterable[DoseEntry]) -> list[YearlyDose]:
    """One person's yearly sums, oldest year first."""
    sums: dict[int, dict[str, float]] = {}
    measured_eye: set[int] = set()
    for entry in entries:
        year = sums.setdefault(entry.date.year, dict.fromkeys(
            ("effective", "skin", "eye_body", "eye_measured", "extremities", "entries"), 0.0))
        year["entries"] += 1
        if entry.position is DosimeterPosition.EXTREMITY:
            year["extremities"] += entry.hp007_msv or 0.0
            continue
        if entry.position is DosimeterPosition.EYE:
            measured_eye.add(entry.date.year)
            year["eye_measured"] += entry.hp3_msv or entry.hp007_msv or 0.0
            continue
        year["effective"] += entry.hp10_msv or 0.0
        year["skin"] += entry.hp007_msv or 0.0
        year["eye_body"] += entry.hp007_msv or 0.0
        if entry.hp3_msv is not None:
            measured_eye.add(entry.date.year)
            year["eye_measured"] += entry.hp3_msv
    result = []
    for number, year in sorted(sums.items()):
        eye = year["eye_measured"] if number in measured_eye else year["eye_body"]
        result.append(YearlyDose(number, round(year["effective"], 6), round(year["skin"], 6),
                                 round(eye, 6), round(year["extremities"], 6),
                                 int(year["entries"])))
    return result


def yearly_doses_by_person(entries: Mapping[K, Iterable[DoseEntry]]) -> dict[K, list[YearlyDose]]:
    """Yearly sums for each person (any key: a person id, a name)."""
    return {person: yearly_doses(person_entries) for person, person_entries in entries.items()}


def over_limit(entries: Iterable[DoseEntry], year: int,
               limits: DoseLimits = WORKER_LIMITS) -> tuple[DoseLimit, ...]:
    """The limits one person's doses exceed in ``year`` (empty: none)."""
    for yearly in yearly_doses(entries):
        if yearly.year == year:
            return yearly.over(limits)
    return ()

"""Safety data sheet states (forskrift om utførelse av arbeid §2-3) and the revision date.

A product's sheet is *missing* when it has none; *old* when its revision date lies more than
``max_age_years`` (default 3, a register setting) before today — "old but valid": common
practice asks suppliers for a newer sheet, the old one still counts — or when the sheet has
no revision date at all (the age cannot be shown, so it is treated as old until someone
enters the date); *language* when it is not in Norwegian (nb, nn) or English, or its
language is not recorded. An empty set means the sheet is fine.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from vernetool.domain.errors import ValidationError

DEFAULT_MAX_AGE_YEARS = 3
ACCEPTED_LANGUAGES = frozenset({"nb", "nn", "en"})
LANGUAGES = ("nb", "nn", "en", "sv", "da", "de", "other")


class SdsState(StrEnum):
    MISSING = "missing"
    OLD = "old"
    LANGUAGE = "language"


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def sds_states(has_sds: bool, revised_on: date | None, language: str, today: date,
               max_age_years: int = DEFAULT_MAX_AGE_YEARS) -> frozenset[SdsState]:
    """What is wrong with a product's current sheet (empty: nothing)."""
    if not has_sds:
        return frozenset({SdsState.MISSING})
    states: set[SdsState] = set()
    if revised_on is None or revised_on < _years_before(today, max_age_years):
        states.add(SdsState.OLD)
    if language not in ACCEPTED_LANGUAGES:
        states.add(SdsState.LANGUAGE)
    return frozenset(states)


_LANGUAGE_WORDS = {
    "nb": ("nb", "no", "nob", "nor", "norsk", "bokmål", "bokmal", "norwegian", "norsk bokmål",
           "norwegian bokmål", "norsk (bokmål)"),
    "nn": ("nn", "nno", "nynorsk", "norsk nynorsk", "norwegian nynorsk"),
    "en": ("en", "eng", "engelsk", "english", "en-gb", "en-us", "britisk engelsk"),
    "sv": ("sv", "se", "swe", "svensk", "swedish", "svenska"),
    "da": ("da", "dk", "dan", "dansk", "danish"),
    "de": ("de", "ger", "deu", "tysk", "german", "deutsch"),
}
_LANGUAGE_OF = {word: code for code, words in _LANGUAGE_WORDS.items() for word in words}


def normalise_language(text: str) -> str:
    """A sheet's language as the register stores it: nb, nn, en, sv, da, de, other, or ""
    when nothing is given ("Norsk" → nb, "Engelsk" → en, "Finsk" → other)."""
    word = " ".join(text.split()).casefold()
    if not word:
        return ""
    return _LANGUAGE_OF.get(word, "other")


_MONTHS = {name: number for number, names in enumerate((
    ("januar", "january", "jan"), ("februar", "february", "feb"), ("mars", "march", "mar"),
    ("april", "apr"), ("mai", "may"), ("juni", "june", "jun"), ("juli", "july", "jul"),
    ("august", "aug"), ("september", "sep", "sept"), ("oktober", "october", "okt", "oct"),
    ("november", "nov"), ("desember", "december", "des", "dec")), start=1) for name in names}
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DAY_FIRST = re.compile(r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?!\d)")
_DAY_MONTH_NAME = re.compile(r"(?<!\d)(\d{1,2})\.?\s+([a-zæøå]+)\.?,?\s+(\d{4})(?!\d)")
_MONTH_NAME_DAY = re.compile(r"\b([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)")


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year  # an SDS revised in the 1900s is long gone


def _found(text: str) -> tuple[int, int, int] | None:
    if match := _ISO.search(text):
        return int(match[1]), int(match[2]), int(match[3])
    if match := _DAY_FIRST.search(text):
        return _year(match[3]), int(match[2]), int(match[1])
    if (match := _DAY_MONTH_NAME.search(text)) and match[2] in _MONTHS:
        return int(match[3]), _MONTHS[match[2]], int(match[1])
    if (match := _MONTH_NAME_DAY.search(text)) and match[1] in _MONTHS:
        return int(match[3]), _MONTHS[match[1]], int(match[2])
    return None


def parse_revision_date(text: str, field: str = "sds_revised") -> date:
    """The date in a sheet's revision line: "Revisjon: 05.11.2021", "Revisjonsdato 5/11/21",
    "Revision date: 2021-11-05", "5. november 2021", "November 5, 2021". Numbers are read
    day first (d.m.y, d/m/y: the Norwegian and European order); ``sds.revision_date``
    when no real date is there."""
    found = _found(text.casefold())
    if found is not None:
        try:
            return date(*found)
        except ValueError:
            pass
    raise ValidationError("sds.revision_date", field, text=text.strip())

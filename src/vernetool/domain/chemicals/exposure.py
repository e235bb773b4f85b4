"""The exposure register (arbeidsmiljøforskriften / forskrift om utførelse av arbeid §31-1):
which products call for it and how long an entry is kept.

It is required for carcinogens and mutagens of category 1A/1B (H340, H350, H350i) and, since
April 2024, for reprotoxic substances of category 1A/1B (H360 with any suffix: F, D, FD, Fd,
Df), also when the code is part of a combined code. Category 2 (H341, H351, H361*) and the
lactation hazard H362 do not call for it. An entry is kept at least 60 years after the
exposure ended for carcinogens/mutagens and 5 years for reprotoxic substances; a product
that is both takes 60.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from vernetool.domain.chemicals.statements import base_code, parts
from vernetool.domain.errors import Phrase, ValidationError

CARCINOGEN_OR_MUTAGEN_YEARS = 60
REPROTOXIC_YEARS = 5
_CARCINOGEN_OR_MUTAGEN = frozenset({"H340", "H350"})  # H350i has base H350
_REPROTOXIC = frozenset({"H360"})                     # every suffix has base H360


def _bases(codes: Iterable[str]) -> set[str]:
    return {base_code(part) for code in codes for part in parts(code)}


def triggers_exposure_register(codes: Iterable[str]) -> bool:
    """True when a code (also inside a combined code) calls for the §31-1 register."""
    return bool(_bases(codes) & (_CARCINOGEN_OR_MUTAGEN | _REPROTOXIC))


def retention_years(codes: Iterable[str]) -> int | None:
    """60 for carcinogens/mutagens (also when reprotoxic too), 5 for reprotoxic only, None
    for products outside the register."""
    bases = _bases(codes)
    if bases & _CARCINOGEN_OR_MUTAGEN:
        return CARCINOGEN_OR_MUTAGEN_YEARS
    if bases & _REPROTOXIC:
        return REPROTOXIC_YEARS
    return None


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def retain_until(codes: Iterable[str], exposure_end: date | None) -> date | None:
    """The last day the entry must be kept (the exposure end plus the retention years; it may
    be deleted from the day after); None while the exposure goes on (no end yet).

    An entry for a product whose codes no longer call for the register (the classification
    was edited, or the entry was made by choice) keeps the longest retention, 60 years: a
    legal record must not become deletable by an edit of the product.
    """
    if exposure_end is None:
        return None
    years = retention_years(codes) or CARCINOGEN_OR_MUTAGEN_YEARS
    return _add_years(exposure_end, years)


def check_deletion(retain_until: date | None, today: date, field: str = "retain_until") -> None:
    """Refuse (``exposure.retention``) to delete an entry on or before its retention end, or
    while the exposure goes on (``retain_until`` None)."""
    if retain_until is None:
        raise ValidationError("exposure.retention", field, until=Phrase("exposure.until_ended"))
    if today <= retain_until:
        raise ValidationError("exposure.retention", field, until=retain_until.isoformat())

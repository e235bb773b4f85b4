"""H values for injuries: H1 = (injuries with absence + fatalities) × 1,000,000 / hours
worked; H2 adds injuries without absence that led to medical treatment or
reassignment/reduced capacity (seed section 2.2, footnote 4). When that is unknown for some
injury, H2 is ``None`` with a reason (``HValues.h2_missing``), never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from vernetool.domain.deviations.rules import Injury
from vernetool.domain.errors import Phrase, ValidationError


@dataclass(frozen=True)
class H2Missing:
    """Why H2 cannot be computed: ``code`` is ``hours_unknown`` or ``treatment_unknown``."""

    code: str
    count: int = 0

    def message(self) -> str:
        """The reason in the current language (message codes ``h2.<code>``)."""
        return str(Phrase(f"h2.{self.code}", n=self.count))


@dataclass(frozen=True)
class HValues:
    injuries: int
    h1_count: int
    h2_count: int | None
    hours_worked: float | None
    h1: float | None
    h2: float | None
    h2_missing: H2Missing | None

    @property
    def h2_missing_reason(self) -> str | None:
        return self.h2_missing.message() if self.h2_missing else None


def h_values(injuries: Iterable[Injury], hours_worked: float | None, *,
             decimals: int = 1) -> HValues:
    """H1 and H2 per 1,000,000 hours worked, rounded as published (one decimal)."""
    items = list(injuries)
    h1_count = sum(1 for i in items if i.counts_in_h1)
    in_h2 = [i.counts_in_h2() for i in items]
    unknown = sum(1 for v in in_h2 if v is None)
    h2_count = None if unknown else sum(1 for v in in_h2 if v)
    if hours_worked is not None and hours_worked <= 0:
        raise ValidationError("hours_worked.not_positive", "hours_worked")
    if hours_worked is None:
        return HValues(len(items), h1_count, h2_count, None, None, None,
                       H2Missing("hours_unknown"))
    h1 = round(h1_count * 1_000_000 / hours_worked, decimals)
    if h2_count is None:
        return HValues(len(items), h1_count, None, hours_worked, h1, None,
                       H2Missing("treatment_unknown", unknown))
    h2 = round(h2_count * 1_000_000 / hours_worked, decimals)
    return HValues(len(items), h1_count, h2_count, hours_worked, h1, h2, None)

"""Calendar steps and the retention rule shared by the workers registers.

A register entry may be deleted only when its retention period has run out, counted from the
last known exposure (radiation §31-4: 60 years; biological agents §31-3: 10 years, 40 for
latent or persistent infections and serious late effects). While exposure goes on (no last
exposure date yet) the end is unknown, so deletion is refused too.
"""

from __future__ import annotations

import calendar
import datetime as dt

from vernetool.domain.errors import ValidationError


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` calendar months; the 31st becomes the month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` moved ``years`` years; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


def retain_until(last_exposure: dt.date | None, years: int) -> dt.date | None:
    """The last day the entry must be kept (it may be deleted from the day after, as in
    ``chemicals.exposure``); None while the exposure has not ended."""
    return None if last_exposure is None else add_years(last_exposure, years)


def check_deletion(last_exposure: dt.date | None, years: int, today: dt.date,
                   field: str = "last_exposure") -> None:
    """Raise unless ``today`` is past the retention end (``last_exposure`` None: still
    exposed, so the end is not known)."""
    until = retain_until(last_exposure, years)
    if until is None:
        raise ValidationError("retention.exposure_open", field, years=years)
    if today <= until:
        raise ValidationError("retention.not_expired", field, years=years,
                              until=until.isoformat())

"""SQL fragments and stored-value conversions shared by the deviation store modules."""

from __future__ import annotations

import datetime as dt

from vernetool.domain.deviations.rules import FINISHED_STATUSES

ENTITY = "deviation"
NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
FINISHED_SQL = ", ".join(f"'{s.value}'" for s in sorted(FINISHED_STATUSES))


def date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def datetime_or_none(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    return dt.datetime.fromisoformat(value) if len(value) > 10 else \
        dt.datetime.combine(dt.date.fromisoformat(value), dt.time())


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def iso_minutes(value: dt.datetime | None) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M") if value is not None else None

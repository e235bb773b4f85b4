"""The workers register for ionising radiation (forskrift om utførelse av arbeid § 31-4):
name, address, identity number, current work, date of employment and individually measured
doses. Kept at least 60 years after the last exposure; deletion before that is refused.

Arbeidstilsynet's commentary to § 31-4 cites strålevernforskriften § 33 for keeping dose reports
60 years; DSA's guidance says until the worker is (or would have been) 75 and at least 30 years
after the work ended. 60 years after the last exposure meets both for anyone exposed from the
age of 15."""

from __future__ import annotations

import datetime as dt

from vernetool.domain import retention

RETENTION_YEARS = 60


def retain_until(last_exposure: dt.date | None) -> dt.date | None:
    """The last day an entry must be kept (None while the person is still exposed)."""
    return retention.retain_until(last_exposure, RETENTION_YEARS)


def check_deletion(last_exposure: dt.date | None, today: dt.date,
                   field: str = "last_exposure") -> None:
    """Raise ``retention.not_expired`` / ``retention.exposure_open`` before 60 years."""
    retention.check_deletion(last_exposure, RETENTION_YEARS, today, field)

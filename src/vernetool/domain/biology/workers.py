"""The workers register for biological agents (forskrift om utførelse av arbeid § 31-3):
name, identity number, type of work, agent if known, accident and incident exposures, and the
written vaccination offers with date and answer. Kept at least 10 years after the last known
exposure; 40 years where the exposure may give an infection that is latent or persistent,
shows only years later, recurs, or has serious late effects. Deletion before that is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from vernetool.domain import retention
from vernetool.domain.errors import ValidationError

RETENTION_YEARS = 10
LONG_RETENTION_YEARS = 40


def retention_years(long_term: bool) -> int:
    """10 years, or 40 for latent/persistent infections and serious late effects."""
    return LONG_RETENTION_YEARS if long_term else RETENTION_YEARS


def retain_until(last_exposure: dt.date | None, long_term: bool) -> dt.date | None:
    return retention.retain_until(last_exposure, retention_years(long_term))


def check_deletion(last_exposure: dt.date | None, long_term: bool, today: dt.date,
                   field: str = "last_exposure") -> None:
    """Raise ``retention.not_expired`` / ``retention.exposure_open`` before the end."""
    retention.check_deletion(last_exposure, retention_years(long_term), today, field)


class VaccineAnswer(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    ALREADY_IMMUNE = "already_immune"
    NO_ANSWER = "no_answer"


@dataclass(frozen=True, slots=True)
class VaccineOffer:
    """A vaccination offer, made in writing, with the worker's answer."""

    offered_at: dt.date
    answer: VaccineAnswer = VaccineAnswer.NO_ANSWER
    answered_at: dt.date | None = None


def vaccine_offer(offered_at: dt.date | None, answer: VaccineAnswer = VaccineAnswer.NO_ANSWER,
                  answered_at: dt.date | None = None) -> VaccineOffer:
    """A checked offer: it has a date, and an answer does not come before the offer."""
    if offered_at is None:
        raise ValidationError("vaccine.offer_date_missing", "vaccine_offered_at")
    if answered_at is not None and answered_at < offered_at:
        raise ValidationError("vaccine.answer_before_offer", "answered_at",
                              offered=offered_at.isoformat(), answered=answered_at.isoformat())
    return VaccineOffer(offered_at, answer, answered_at)

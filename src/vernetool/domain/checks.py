"""Cross-register checks (``vernetool check``): the problem codes of DESIGN.md.

A ``Problem`` is plain data: its ``code`` (one of ``CheckCode``), the room it concerns as
``BUILDING:ROOM`` ("" for a unit's problem, e.g. ``round_missing``), the ``subject`` (the
product, source, agent, worker, unit or measure it is about) and the parameters of its
message (the words are ``check.<code>`` in resources/i18n/*/messages.json).

Whether a room card is stale is ``domain.room_card_proposal.compare_card`` (the one comparison
of a stored card with the card the registers propose; the room screen uses it too).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["CODES", "CheckCode", "Problem", "problem_order"]


class CheckCode(StrEnum):
    SDS_MISSING = "sds_missing"
    SDS_OLD = "sds_old"
    SDS_LANGUAGE = "sds_language"
    EXPOSURE_MISSING = "exposure_missing"
    ROOMCARD_MISSING = "roomcard_missing"
    ROOMCARD_STALE = "roomcard_stale"
    SOURCE_NOT_NOTIFIED = "source_not_notified"
    SOURCE_MISSING = "source_missing"
    BIO_NOTIFICATION_MISSING = "bio_notification_missing"
    BIO_REGISTER_MISSING = "bio_register_missing"
    VACCINE_OFFER_MISSING = "vaccine_offer_missing"
    RESPONSIBLE_MISSING = "responsible_missing"
    ROUND_MISSING = "round_missing"
    ACTION_OVERDUE = "action_overdue"


CODES = tuple(CheckCode)


@dataclass(frozen=True, slots=True)
class Problem:
    code: CheckCode
    room: str          # BUILDING:ROOM, "" for a unit's problem
    subject: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def message_code(self) -> str:
        return f"check.{self.code.value}"


def problem_order(problem: Problem) -> tuple[str, int, str]:
    """Room by room (unit problems first), then the codes in DESIGN's order, then subject."""
    return (problem.room.casefold(), CODES.index(problem.code), problem.subject.casefold())

"""Cross-register checks (``vernetool check``): the problem codes of DESIGN.md.

A ``Problem`` is plain data: its ``code`` (one of ``CheckCode``), the room it concerns as
``BUILDING:ROOM`` ("" for a unit's problem, e.g. ``round_missing``), the ``subject`` (the
product, source, agent, worker, unit or measure it is about) and the parameters of its
message (the words are ``check.<code>`` in resources/i18n/*/messages.json). Two more fields
serve the Needs-attention screen and are not part of the ``check`` JSON: the ``target`` (what
to open to fix it) and the ``unit`` (the unit's code, for grouping).

``CODES`` are DESIGN.md's fixed codes, the ones ``vernetool check`` reports. ``EXTRA_CODES``
(overdue leak tests of sealed sources and overdue biosafety-cabinet certifications) are
reminders the Needs-attention screen shows as well; they stay out of the ``check`` JSON.

Whether a room card is stale is ``domain.room_card_proposal.compare_card`` (the one comparison
of a stored card with the card the registers propose; the room screen uses it too).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["ALL_CODES", "CODES", "EXTRA_CODES", "TARGET_KINDS", "CheckCode", "Problem",
           "Target", "problem_order"]


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
    # reminders beyond DESIGN's list (the Needs-attention screen, not ``vernetool check``)
    LEAK_TEST_OVERDUE = "leak_test_overdue"
    CABINET_CERTIFICATION_OVERDUE = "cabinet_certification_overdue"


EXTRA_CODES = (CheckCode.LEAK_TEST_OVERDUE, CheckCode.CABINET_CERTIFICATION_OVERDUE)
#: DESIGN.md's codes, in its order: what ``vernetool check`` reports
CODES = tuple(c for c in CheckCode if c not in EXTRA_CODES)
ALL_CODES = tuple(CheckCode)

#: what a problem's target can be: the record to open to fix it
TARGET_KINDS = ("product", "exposure", "holding", "source", "agent", "cabinet",
                "radiation_worker", "bio_worker", "bio_workers", "room", "room_card",
                "room_screen", "unit",
                "round", "deviation", "measure", "finding")


@dataclass(frozen=True, slots=True)
class Target:
    """The place a problem is fixed: ``kind`` (one of ``TARGET_KINDS``) and the record's
    ``id``; ``room_id`` when the problem is about one room; ``parent_id`` the record it
    belongs to (a measure's deviation, a finding's round); ``code`` a natural key (a unit's
    code).

    Kinds: ``product`` (its holdings in the room; the safety data sheet), ``exposure`` (the
    product's exposure register entries), ``source``, ``agent``, ``cabinet`` (a biosafety
    cabinet), ``bio_worker`` (a workers register entry), ``bio_workers`` (the agent ``id``'s
    workers register), ``room`` (the Rooms area, where a responsible is appointed),
    ``room_card`` (the room screen's card), ``room_screen``, ``unit`` (plan a round), ``measure`` /
    ``deviation``, ``finding``."""

    kind: str
    id: int
    room_id: int | None = None
    parent_id: int | None = None
    code: str = ""


@dataclass(frozen=True, slots=True)
class Problem:
    code: CheckCode
    room: str          # BUILDING:ROOM, "" for a unit's problem
    subject: str
    params: Mapping[str, Any] = field(default_factory=dict)
    target: Target | None = None   # not in the check JSON
    unit: str = ""                 # the unit's code, "" when none; not in the check JSON

    @property
    def message_code(self) -> str:
        """``check.<code>``; a reminder about something never done (a leak test, a cabinet
        certification: ``params["never"]``) has its own words, ``check.<code>_never``."""
        if self.code in EXTRA_CODES and self.params.get("never"):
            return f"check.{self.code.value.removesuffix('_overdue')}_never"
        return f"check.{self.code.value}"


def problem_order(problem: Problem) -> tuple[str, int, str]:
    """Room by room (unit problems first), then the codes in DESIGN's order, then subject."""
    return (problem.room.casefold(), ALL_CODES.index(problem.code),
            problem.subject.casefold())

"""Cross-register checks (``vernetool check``): the problem codes of DESIGN.md and the
room-card comparison they use.

A ``Problem`` is plain data: its ``code`` (one of ``CheckCode``), the room it concerns as
``BUILDING:ROOM`` ("" for a unit's problem, e.g. ``round_missing``), the ``subject`` (the
product, source, agent, worker, unit or measure it is about) and the parameters of its
message (the words are ``check.<code>`` in resources/i18n/*/messages.json). Two more fields
serve the Needs-attention screen and are not part of the ``check`` JSON: the ``target`` (what
to open to fix it) and the ``unit`` (the unit's code, for grouping).

``CODES`` are DESIGN.md's fixed codes, the ones ``vernetool check`` reports. ``EXTRA_CODES``
(overdue leak tests of sealed sources and overdue biosafety-cabinet certifications) are
reminders the Needs-attention screen shows as well; they stay out of the ``check`` JSON.

The room card a room's registers propose, as far as the checks need it (a simple, documented
proposal):

- pictograms: the GHS pictograms of the products in use in the room;
- warning signs: ``radiation`` (a radioactive source, X-ray equipment, an accelerator …
  still held), ``laser`` (a class 3B or 4 laser) and ``biohazard`` (an agent of risk group
  2 or more in use). The stored card has no field of its own for these signs, so a sign
  counts as on the card when its special hazards, activity or other information name it
  (Norwegian or English words, see ``SIGN_WORDS``);
- flammable liquids: the litres of category 1 (H224) and 2 (H225) in use, against the card's
  maxima (a card with no maximum for a category that the room holds lacks it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from vernetool.domain.organisation import RoomCard

__all__ = ["ALL_CODES", "CODES", "EXTRA_CODES", "SIGN_WORDS", "TARGET_KINDS", "CardGap",
           "CheckCode", "Problem", "Target", "card_gaps", "problem_order"]


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
                "radiation_worker", "bio_worker", "bio_workers", "room", "room_card", "unit",
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
    workers register), ``room`` / ``room_card``, ``unit`` (plan a round), ``measure`` /
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


# -- the room card against the registers --------------------------------------------------
SIGNS = ("radiation", "laser", "biohazard")

#: words on a card (special hazards, activity, other information) that show a warning sign
SIGN_WORDS: dict[str, tuple[str, ...]] = {
    "radiation": ("radiation", "radioactiv", "ionising", "ionizing", "isotop", "x-ray",
                  "stråling", "strålekild", "radioaktiv", "røntgen"),
    "laser": ("laser",),
    "biohazard": ("biohazard", "biological", "biologisk", "smitte", "biosafety", "mikroorg"),
}


@dataclass(frozen=True, slots=True)
class CardGap:
    """What a stored card lacks against the registers (empty: the card agrees)."""

    pictograms: tuple[str, ...] = ()
    signs: tuple[str, ...] = ()
    #: (category, litres in use, the card's maximum or None)
    litres: tuple[tuple[int, float, float | None], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.pictograms or self.signs or self.litres)


def _shows_sign(card: RoomCard, sign: str) -> bool:
    text = " ".join((card.special_hazards, card.activity_type, card.other_info,
                     card.unsafe_after_incident)).casefold()
    return any(word in text for word in SIGN_WORDS[sign])


def card_gaps(card: RoomCard, pictograms: Iterable[str], signs: Iterable[str],
              cat1_litres: float, cat2_litres: float) -> CardGap:
    """The proposed pictograms and signs the card lacks, and the flammable categories whose
    litres in use exceed the card's maximum (or that the card gives no maximum for)."""
    lacking = tuple(sorted(set(pictograms) - set(card.pictograms)))
    missing_signs = tuple(s for s in SIGNS if s in set(signs) and not _shows_sign(card, s))
    litres: list[tuple[int, float, float | None]] = []
    for category, used, maximum in ((1, cat1_litres, card.flammable_cat1_max_litres),
                                    (2, cat2_litres, card.flammable_cat2_max_litres)):
        if used > 0 and (maximum is None or used > maximum + 1e-9):
            litres.append((category, round(used, 3), maximum))
    return CardGap(lacking, missing_signs, tuple(litres))

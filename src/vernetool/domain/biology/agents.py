"""Biological agents: type, risk group, notes A/D/T/V, containment, and the rules on them.

Forskrift om tiltaks- og grenseverdier vedlegg 2 (Directive 2000/54/EC Annex III) classifies
agents in risk groups 1-4 and marks them A (may cause allergic reactions), D (the list of
exposed workers is kept at least 10 years after the last known exposure), T (produces toxins)
and V (an effective vaccine exists). The rules (as DESIGN.md gives them from Arbeidstilsynet's
regulations; the workers register is forskrift om utførelse av arbeid § 31-3):

* planned use of a group 2, 3 or 4 agent is notified to Arbeidstilsynet at least 30 days
  before first use (``notification_check``);
* a workers register is kept for group 3 and 4 agents and agents marked D
  (``workers_register_required``), 10 years after the last exposure, 40 years where the
  infection can be latent or persistent or have serious late effects (``biology.workers``);
* a vaccine is offered in writing where the agent is marked V (``vaccine_offer_required``);
* the containment level should be at least the risk group (``containment_below_group``);
* biosafety cabinets are certified yearly (``cabinet_certification``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from vernetool.domain.errors import Phrase, ValidationError
from vernetool.domain.retention import add_months

NOTIFICATION_DAYS = 30
CABINET_INTERVAL_MONTHS = 12


class AgentType(StrEnum):
    BACTERIUM = "bacterium"
    VIRUS = "virus"
    PARASITE = "parasite"
    FUNGUS = "fungus"
    CELL_LINE = "cell_line"
    OTHER = "other"


class RiskGroup(IntEnum):
    ONE = 1
    TWO = 2
    THREE = 3
    FOUR = 4


class AgentNote(StrEnum):
    ALLERGENIC = "A"
    REGISTER_10_YEARS = "D"
    TOXIN = "T"
    VACCINE = "V"


def _key(text: str) -> str:
    return " ".join(str(text).casefold().replace("_", " ").replace("-", " ").split())


_TYPE_ALIASES: dict[str, AgentType] = {
    **{_key(t.value): t for t in AgentType},
    "bacteria": AgentType.BACTERIUM, "bakterie": AgentType.BACTERIUM,
    "bakterier": AgentType.BACTERIUM,
    "viruses": AgentType.VIRUS, "virus": AgentType.VIRUS, "viruset": AgentType.VIRUS,
    "parasitt": AgentType.PARASITE, "parasitter": AgentType.PARASITE,
    "parasites": AgentType.PARASITE,
    "fungi": AgentType.FUNGUS, "sopp": AgentType.FUNGUS, "gjærsopp": AgentType.FUNGUS,
    "mugg": AgentType.FUNGUS, "muggsopp": AgentType.FUNGUS, "yeast": AgentType.FUNGUS,
    "cell line": AgentType.CELL_LINE, "cellelinje": AgentType.CELL_LINE,
    "cellelinjer": AgentType.CELL_LINE, "cell lines": AgentType.CELL_LINE,
    "annet": AgentType.OTHER, "annen": AgentType.OTHER,
}
_GROUP = re.compile(r"^(?:smitterisikogruppe|risikogruppe|risk\s*group|gruppe|group|rg)?"
                    r"\s*(\d)$")
_LEVEL = re.compile(r"^(?:inneslutningsnivå|inneslutningsniva|containment\s*level|nivå|"
                    r"level|bsl|cl|p|bl)?\s*(\d)$")
_NOTE_ORDER = "ADTV"


def parse_agent_type(text: str, field: str = "agent_type") -> AgentType:
    """``"Bakterie"`` → ``AgentType.BACTERIUM``; the canonical values are accepted too."""
    agent_type = _TYPE_ALIASES.get(_key(text))
    if agent_type is None:
        raise ValidationError("agent.type_unknown", field, text=str(text).strip(),
                              allowed=", ".join(AgentType))
    return agent_type


def parse_risk_group(text: str | int, field: str = "risk_group") -> RiskGroup:
    """``3``, ``"3"``, ``"Gruppe 3"``, ``"smitterisikogruppe 3"``, ``"RG3"`` → ``RiskGroup``."""
    match = _GROUP.match(_key(str(text)))
    if match is None or not 1 <= int(match.group(1)) <= 4:
        raise ValidationError("agent.risk_group_invalid", field, text=str(text).strip())
    return RiskGroup(int(match.group(1)))


def parse_containment_level(text: str | int, field: str = "containment_level") -> int:
    """``2``, ``"BSL-2"``, ``"P2"``, ``"CL 2"``, ``"Nivå 2"`` → 2 (levels 1-4)."""
    match = _LEVEL.match(_key(str(text)).replace(" ", ""))
    if match is None or not 1 <= int(match.group(1)) <= 4:
        raise ValidationError("agent.containment_level_invalid", field, text=str(text).strip())
    return int(match.group(1))


def parse_notes(text: str | None, field: str = "notes") -> frozenset[AgentNote]:
    """``"A, D"``, ``"AD"``, ``"a d"``, ``"D, V"``, ``"T;V"``, ``""`` → the set of notes.

    Separators (commas, semicolons, slashes, spaces, ``og``/``and``) are ignored; the
    annex's airborne marks ``(*)`` / ``(**)`` are ignored too (they are not notes).
    """
    cleaned = re.sub(r"\(\*+\)|\*+|\b(og|and)\b", " ", str(text or ""), flags=re.IGNORECASE)
    letters = re.sub(r"[\s,;/+&.\-–—]", "", cleaned).upper()  # "-": no notes
    unknown = sorted({letter for letter in letters if letter not in _NOTE_ORDER})
    if unknown:
        raise ValidationError("agent.note_unknown", field, text=str(text).strip(),
                              notes="".join(unknown))
    return frozenset(AgentNote(letter) for letter in letters)


def format_notes(notes: frozenset[AgentNote] | set[AgentNote]) -> str:
    """The notes in the annex's order: ``"D, V"``."""
    return ", ".join(note.value for note in sorted(notes, key=lambda n: _NOTE_ORDER.index(n)))


# -- the rules ---------------------------------------------------------------------------
def notification_required(group: RiskGroup | int) -> bool:
    """Planned use of group 2-4 agents is notified to Arbeidstilsynet."""
    return int(group) >= 2


def workers_register_required(group: RiskGroup | int, notes: frozenset[AgentNote]) -> bool:
    """§ 31-3: a register of exposed workers for group 3 and 4 agents and those marked D."""
    return int(group) >= 3 or AgentNote.REGISTER_10_YEARS in notes


def vaccine_offer_required(notes: frozenset[AgentNote]) -> bool:
    """A vaccine is offered (in writing, the offer documented) where one exists (note V)."""
    return AgentNote.VACCINE in notes


def containment_below_group(group: RiskGroup | int, level: int | None) -> bool:
    """A room whose containment level is below the agent's risk group."""
    return level is not None and level < int(group)


class NotificationState(StrEnum):
    NOT_REQUIRED = "not_required"
    OK = "ok"
    MISSING = "missing"      # group 2-4 and no notification date
    LATE = "late"            # notified fewer than 30 days before first use


@dataclass(frozen=True, slots=True)
class NotificationCheck:
    state: NotificationState
    #: days short of the 30 (LATE only; notified after first use counts those days too)
    shortfall_days: int = 0
    #: the last day a notification is in time (None without a first-use date)
    notify_by: dt.date | None = None


def notification_check(group: RiskGroup | int, notified_at: dt.date | None,
                       first_use: dt.date | None) -> NotificationCheck:
    """Was the planned use notified at least 30 days before first use?

    Without a first-use date a notification on record is taken as in time (the use has not
    been planned to a day yet); without a notification a group 2-4 agent is MISSING.
    """
    if not notification_required(group):
        return NotificationCheck(NotificationState.NOT_REQUIRED)
    notify_by = None if first_use is None else first_use - dt.timedelta(days=NOTIFICATION_DAYS)
    if notified_at is None:
        return NotificationCheck(NotificationState.MISSING, notify_by=notify_by)
    if notify_by is not None and notified_at > notify_by:
        return NotificationCheck(NotificationState.LATE, (notified_at - notify_by).days,
                                 notify_by)
    return NotificationCheck(NotificationState.OK, notify_by=notify_by)


# -- biosafety cabinets -------------------------------------------------------------------
class CertificationState(StrEnum):
    OK = "ok"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NEVER = "never"


@dataclass(frozen=True, slots=True)
class CabinetCertification:
    state: CertificationState
    next_due: dt.date | None
    days_overdue: int = 0


def next_certification(last: dt.date, interval_months: int = CABINET_INTERVAL_MONTHS) -> dt.date:
    return add_months(last, interval_months)


def cabinet_certification(last: dt.date | None, as_of: dt.date,
                          next_due: dt.date | None = None,
                          interval_months: int = CABINET_INTERVAL_MONTHS,
                          warn_days: int = 30) -> CabinetCertification:
    """Where a biosafety cabinet's yearly certification stands on ``as_of``.

    ``next_due`` is the date the certifier wrote, when there is one; otherwise a year after
    the last certification. Due on the due date itself is not yet overdue.
    """
    if next_due is not None:
        due = next_due
    elif last is not None:
        due = next_certification(last, interval_months)
    else:
        return CabinetCertification(CertificationState.NEVER, None)
    if as_of > due:
        return CabinetCertification(CertificationState.OVERDUE, due, (as_of - due).days)
    if (due - as_of).days <= warn_days:
        return CabinetCertification(CertificationState.DUE_SOON, due)
    return CabinetCertification(CertificationState.OK, due)


def check_certifier(certifier: str | None, field: str = "certifier") -> str:
    """A certification names who certified the cabinet."""
    name = " ".join(str(certifier or "").split())
    if not name:
        raise ValidationError("cabinet.certifier_missing", field)
    return name


# -- words ------------------------------------------------------------------------------
def agent_type_phrase(agent_type: AgentType | str) -> Phrase:
    phrases = {
        AgentType.BACTERIUM: Phrase("agent_type.bacterium"),
        AgentType.VIRUS: Phrase("agent_type.virus"),
        AgentType.PARASITE: Phrase("agent_type.parasite"),
        AgentType.FUNGUS: Phrase("agent_type.fungus"),
        AgentType.CELL_LINE: Phrase("agent_type.cell_line"),
        AgentType.OTHER: Phrase("agent_type.other"),
    }
    return phrases[AgentType(agent_type)]


def agent_note_phrase(note: AgentNote | str) -> Phrase:
    phrases = {
        AgentNote.ALLERGENIC: Phrase("agent_note.a"),
        AgentNote.REGISTER_10_YEARS: Phrase("agent_note.d"),
        AgentNote.TOXIN: Phrase("agent_note.t"),
        AgentNote.VACCINE: Phrase("agent_note.v"),
    }
    return phrases[AgentNote(note)]

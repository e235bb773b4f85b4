"""The biological register's plain types (frozen dataclasses).

``*Input`` is what a person or an importer hands a service; the other types are what the
store gives back, with what the domain derives (the notification check, the certification
state, the retention end) and the labels a table shows (agent name, ``BUILDING:ROOM``).
Identity numbers appear only in ``BioWorkerInput`` (in clear, checked, then sealed) and are
kept out of every ``repr``; what the store gives back carries the mask only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from vernetool.domain.biology.agents import (
    AgentNote,
    AgentType,
    CabinetCertification,
    NotificationCheck,
    RiskGroup,
    cabinet_certification,
    containment_below_group,
    format_notes,
    notification_check,
    vaccine_offer_required,
    workers_register_required,
)
from vernetool.domain.biology.workers import VaccineAnswer

__all__ = ["Agent", "AgentInput", "AgentNote", "AgentState", "AgentType", "AgentUse",
           "AgentUseInput", "AgentUseState", "BioWorker", "BioWorkerInput", "Cabinet",
           "CabinetInput", "CatalogueEntry", "Certification", "CertificationInput", "Incident",
           "IncidentInput", "RiskGroup", "VaccinationOffer", "VaccinationOfferInput",
           "VaccineAnswer", "WorkerGap", "notes_letters"]


def notes_letters(notes: frozenset[AgentNote]) -> str:
    """The notes as the store keeps them: letters in the annex's order, ``"DV"``."""
    return "".join(note.value for note in AgentNote if note in notes)


# -- agents --------------------------------------------------------------------------------

@dataclass(frozen=True)
class AgentInput:
    """An agent as entered, picked from the catalogue or imported. Natural key: ``name``.

    ``long_retention`` None takes the built-in list's word for the agent (latent or
    persistent infection: its workers register is kept 40 years), False where it has none.
    ``catalogue_name`` names the catalogue entry it was picked from ('' when typed in).
    """

    name: str
    agent_type: AgentType
    risk_group: RiskGroup
    notes: frozenset[AgentNote] = frozenset()
    long_retention: bool | None = None
    catalogue_name: str = ""
    remarks: str = ""


@dataclass(frozen=True)
class Agent:
    id: int
    name: str
    agent_type: AgentType
    risk_group: RiskGroup
    notes: frozenset[AgentNote]
    long_retention: bool
    catalogue_name: str = ""          # the built-in entry it came from, '' if typed in
    remarks: str = ""
    rooms: int = 0                    # rooms using it now (uses not ended)
    workers: int = 0                  # rows in the workers register for it
    created_at: str = ""
    updated_at: str = ""

    @property
    def notes_text(self) -> str:
        return format_notes(self.notes)

    @property
    def workers_register_required(self) -> bool:
        return workers_register_required(self.risk_group, self.notes)

    @property
    def vaccine_offer_required(self) -> bool:
        return vaccine_offer_required(self.notes)


@dataclass(frozen=True)
class AgentState:
    """An agent as it was before a change (``bio_agent_history``)."""

    changed_at: str
    name: str
    agent_type: AgentType
    risk_group: RiskGroup
    notes: frozenset[AgentNote]
    long_retention: bool


@dataclass(frozen=True)
class CatalogueEntry:
    """An entry of the built-in list as this database offers it: the shipped entry, with
    the user's edit laid over it (``edited``), or an entry the user added (``builtin``
    False). The shipped list itself never changes."""

    name: str
    agent_type: AgentType
    risk_group: RiskGroup
    notes: frozenset[AgentNote]
    long_retention: bool
    builtin: bool = True
    edited: bool = False
    listed: bool = True               # in Annex III (False: our classification)
    not_airborne: bool = False
    aliases: tuple[str, ...] = ()
    remarks: str = ""

    @property
    def notes_text(self) -> str:
        return format_notes(self.notes)

    def as_input(self) -> AgentInput:
        return AgentInput(self.name, self.agent_type, self.risk_group, self.notes,
                          self.long_retention, self.name if self.builtin else "")


# -- agents in rooms -----------------------------------------------------------------------

@dataclass(frozen=True)
class AgentUseInput:
    """An agent used in a room. Natural key: agent + room."""

    agent_id: int
    room_id: int
    containment_level: int | None = None
    notified_at: dt.date | None = None        # notification to Arbeidstilsynet
    first_use: dt.date | None = None
    ended_on: dt.date | None = None


@dataclass(frozen=True)
class AgentUse:
    id: int
    agent_id: int
    agent_name: str
    agent_type: AgentType
    risk_group: RiskGroup
    notes: frozenset[AgentNote]
    room_id: int
    room_label: str                           # "BUILDING:ROOM"
    containment_level: int | None
    notified_at: dt.date | None
    first_use: dt.date | None
    ended_on: dt.date | None = None
    updated_at: str = ""

    @property
    def active(self) -> bool:
        return self.ended_on is None

    @property
    def notification(self) -> NotificationCheck:
        """Group 2-4: notified at least 30 days before first use? (the domain's check)"""
        return notification_check(self.risk_group, self.notified_at, self.first_use)

    @property
    def containment_too_low(self) -> bool:
        return containment_below_group(self.risk_group, self.containment_level)


@dataclass(frozen=True)
class AgentUseState:
    """A use as it was before a change (``bio_agent_use_history``)."""

    changed_at: str
    containment_level: int | None
    notified_at: dt.date | None
    first_use: dt.date | None
    ended_on: dt.date | None


# -- biosafety cabinets --------------------------------------------------------------------

@dataclass(frozen=True)
class CabinetInput:
    """A biosafety cabinet. Natural key: make + model + serial number."""

    room_id: int
    make: str = ""
    model: str = ""
    serial_number: str = ""
    remarks: str = ""
    removed_on: dt.date | None = None


@dataclass(frozen=True)
class CertificationInput:
    """A yearly certification: date, who certified, and the next due date they wrote
    (None: a year after the certification)."""

    certified_on: dt.date
    certifier: str
    next_due: dt.date | None = None
    remarks: str = ""


@dataclass(frozen=True)
class Certification:
    id: int
    cabinet_id: int
    certified_on: dt.date
    certifier: str
    next_due: dt.date                         # as written, or a year after certified_on
    remarks: str = ""
    recorded_at: str = ""


@dataclass(frozen=True)
class Cabinet:
    id: int
    room_id: int
    room_label: str
    make: str
    model: str
    serial_number: str
    remarks: str = ""
    removed_on: dt.date | None = None
    last_certified: dt.date | None = None     # the newest certification
    certifier: str = ""
    next_due: dt.date | None = None
    updated_at: str = ""

    @property
    def active(self) -> bool:
        return self.removed_on is None

    def certification(self, as_of: dt.date) -> CabinetCertification:
        """OK / due soon / overdue / never certified on ``as_of`` (the domain's rule)."""
        return cabinet_certification(self.last_certified, as_of, self.next_due)


# -- the workers register (§31-3) ----------------------------------------------------------

@dataclass(frozen=True)
class BioWorkerInput:
    """A person in the workers register for biological agents, for one agent (or an
    unknown one: ``agent_id`` None, what is known in ``agent_text``).

    ``identity_number``: fødselsnummer or D-nummer in clear, checked and only ever stored
    encrypted; on an update "" (or the mask) keeps the number the row has. ``long_term``
    None takes the agent's word (latent/persistent infection: kept 40 years, else 10).
    ``last_exposure`` None: exposure goes on (the retention end is not known yet).
    """

    person: str
    identity_number: str = ""
    work: str = ""
    agent_id: int | None = None
    agent_text: str = ""
    employed_from: dt.date | None = None
    last_exposure: dt.date | None = None
    long_term: bool | None = None
    person_id: int | None = None

    def __repr__(self) -> str:   # never the number in a log or a traceback
        return (f"BioWorkerInput(person={self.person!r}, identity_number=<hidden>, "
                f"agent_id={self.agent_id}, work={self.work!r})")


@dataclass(frozen=True)
class BioWorker:
    """A workers register row as the screen shows it: the identity number masked."""

    id: int
    person: str
    identity_masked: str                      # "010190*****", "" when none is recorded
    work: str
    agent_id: int | None
    agent_name: str                           # the register's agent, or agent_text
    long_term: bool
    retention_years: int                      # 10 or 40
    employed_from: dt.date | None = None
    last_exposure: dt.date | None = None
    retain_until: dt.date | None = None
    agent_text: str = ""
    person_id: int | None = None
    incidents: int = 0
    vaccination_offers: int = 0
    created_at: str = ""
    updated_at: str = ""

    @property
    def has_identity(self) -> bool:
        return bool(self.identity_masked)


@dataclass(frozen=True)
class IncidentInput:
    occurred_on: dt.date
    description: str


@dataclass(frozen=True)
class Incident:
    """An accident or incident exposure of a worker."""

    id: int
    worker_id: int
    occurred_on: dt.date
    description: str
    created_at: str = ""


@dataclass(frozen=True)
class VaccinationOfferInput:
    """A vaccination offer made in writing, with the answer when there is one."""

    offered_at: dt.date
    vaccine: str = ""                         # the vaccine, or the agent it protects against
    answer: VaccineAnswer = VaccineAnswer.NO_ANSWER
    answered_at: dt.date | None = None


@dataclass(frozen=True)
class VaccinationOffer:
    id: int
    worker_id: int
    offered_at: dt.date
    vaccine: str
    answer: VaccineAnswer
    answered_at: dt.date | None = None
    created_at: str = ""


@dataclass(frozen=True)
class WorkerGap:
    """An agent in use whose rule calls for something the register lacks: a workers
    register (group 3/4 or note D, ``worker_id`` None) or a worker's written vaccination
    offer (note V)."""

    agent_id: int
    agent_name: str
    worker_id: int | None = None
    person: str = ""
    rooms: tuple[str, ...] = field(default=())

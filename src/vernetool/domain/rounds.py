"""HSE rounds (HMS-runder): status flow, participants, findings and their actions.

Steps of a round: pre-meeting → walk → closing meeting → action plan (tiltak / ansvar / frist).
The line manager is responsible; the safety rep takes part in the whole round.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from vernetool.domain.actions import ActionStatus as ActionStatus  # shared with deviations
from vernetool.domain.errors import ValidationError
from vernetool.domain.room_registers import REGISTER_KINDS


class RoundStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    REPORTED = "reported"


# Which status changes a person may make. Starting to answer moves planned → in progress by
# itself; a completed round can be reopened while it is not reported yet.
ALLOWED_TRANSITIONS: dict[RoundStatus, frozenset[RoundStatus]] = {
    RoundStatus.PLANNED: frozenset({RoundStatus.IN_PROGRESS}),
    RoundStatus.IN_PROGRESS: frozenset({RoundStatus.COMPLETED}),
    RoundStatus.COMPLETED: frozenset({RoundStatus.IN_PROGRESS, RoundStatus.REPORTED}),
    RoundStatus.REPORTED: frozenset(),
}


def check_transition(current: RoundStatus, target: RoundStatus) -> None:
    if target not in ALLOWED_TRANSITIONS[current]:
        raise ValidationError("round.bad_transition", "status", current=current, target=target)


class ParticipantRole(StrEnum):
    LINE_MANAGER = "line_manager"
    SAFETY_REP = "safety_rep"
    HSE_COORDINATOR = "hse_coordinator"
    LAB_ENGINEER = "lab_engineer"
    RADIATION_COORDINATOR = "radiation_coordinator"
    OCCUPATIONAL_HEALTH = "occupational_health"
    OTHER = "other"


class VisitStatus(StrEnum):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"


class FindingSeverity(StrEnum):
    """How serious a round finding is, in three steps. Not a deviation's consequence scale
    (``domain.deviations.rules.Consequence``, 1-5): a finding becomes a deviation with a
    potential consequence derived from this."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


Severity = FindingSeverity  # the name the rounds code and its tests use

# Days until a new finding's proposed deadline: what is serious is put right sooner.
DEADLINE_DAYS: dict[FindingSeverity, int] = {
    FindingSeverity.HIGH: 14,
    FindingSeverity.MEDIUM: 30,
    FindingSeverity.LOW: 90,
}


def default_deadline(severity: FindingSeverity | str, today: dt.date) -> dt.date:
    """The deadline proposed for a new finding of this severity found ``today``."""
    return today + dt.timedelta(days=DEADLINE_DAYS[FindingSeverity(severity)])


class FindingStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class RecheckOutcome(StrEnum):
    CLOSED = "closed"
    KEPT = "kept"


@dataclass
class Participant:
    name: str
    role: ParticipantRole
    person_id: int | None = None
    id: int | None = None


@dataclass
class RoundPlan:
    """What a person fills in when planning a round."""

    title: str
    start_date: dt.date
    unit_code: str | None = None
    end_date: dt.date | None = None
    participants: list[Participant] = field(default_factory=list)
    room_ids: list[int] = field(default_factory=list)
    pre_meeting_notes: str = ""
    # room type → template id; missing types get the default template for that type
    templates: dict[str, int] = field(default_factory=dict)
    # the checklist answered once for the whole unit (psychosocial and organisational
    # working environment); None leaves it out of the round
    unit_template: int | None = None


def validate_plan(plan: RoundPlan) -> None:
    if not plan.title.strip():
        raise ValidationError("round.title_missing", "title")
    if plan.end_date is not None and plan.end_date < plan.start_date:
        raise ValidationError("round.end_before_start", "end_date")
    if not plan.room_ids:
        raise ValidationError("round.no_rooms", "rooms")
    if len(set(plan.room_ids)) != len(plan.room_ids):
        raise ValidationError("round.room_twice", "rooms")
    for index, participant in enumerate(plan.participants, start=1):
        if not participant.name.strip():
            raise ValidationError("round.participant_unnamed", "participants", index=index)
    roles = {p.role for p in plan.participants}
    if plan.participants and ParticipantRole.SAFETY_REP not in roles:
        raise ValidationError("round.safety_rep_missing", "participants")


@dataclass
class Round:
    id: int
    uid: str
    title: str
    start_date: dt.date
    status: RoundStatus
    unit_code: str | None = None
    unit_name: str = ""
    end_date: dt.date | None = None
    pre_meeting_notes: str = ""
    closing_notes: str = ""
    participants: list[Participant] = field(default_factory=list)
    completed_at: str | None = None


@dataclass
class Finding:
    description: str
    severity: FindingSeverity = FindingSeverity.MEDIUM
    action: str = ""
    responsible_name: str = ""
    responsible_id: int | None = None
    deadline: dt.date | None = None
    action_status: ActionStatus = ActionStatus.OPEN
    status: FindingStatus = FindingStatus.OPEN
    round_id: int | None = None
    round_room_id: int | None = None
    room_id: int | None = None
    item_id: int | None = None
    id: int | None = None
    uid: str = ""
    follow_up_notes: str = ""
    carried_from_id: int | None = None
    closed_at: str | None = None
    room_label: str = ""
    item_text: str = ""
    deviation_id: int | None = None
    unit_wide: bool = False      # made on the round's unit-wide checklist, not in a room
    # the register entry the finding concerns: holding | source | agent, its id, and its
    # label as it was when chosen (kept when the entry is later disposed of or deleted)
    register_kind: str | None = None
    register_id: int | None = None
    register_label: str = ""

    def is_overdue(self, today: dt.date) -> bool:
        return (self.deadline is not None and self.deadline < today
                and self.action_status is not ActionStatus.DONE
                and self.status is FindingStatus.OPEN)


def validate_finding(finding: Finding) -> None:
    if not finding.description.strip():
        raise ValidationError("finding.description_missing", "description")
    if finding.register_kind is not None and finding.register_kind not in REGISTER_KINDS:
        raise ValidationError("finding.register_kind_unknown", "register_kind",
                              kind=finding.register_kind)


#: the action plan's order: the most serious first
SEVERITY_RANK = {FindingSeverity.HIGH: 0, FindingSeverity.MEDIUM: 1, FindingSeverity.LOW: 2}


def action_plan_order(finding: Finding) -> tuple[int, bool, dt.date]:
    """Sort key of an action plan: severity (high first), then the deadline (soonest first,
    none last). ``sorted`` is stable, so findings alike keep the order they came in."""
    return (SEVERITY_RANK.get(finding.severity, len(SEVERITY_RANK)), finding.deadline is None,
            finding.deadline or dt.date.max)


def own_description(description: str, statements: tuple[str, ...]) -> str:
    """What a finding says beyond its checklist statement.

    Earlier versions of the walk prefilled a new finding with the item's statement ("Emergency
    exits are not locked"), which describes the *good* state. Such a finding's first line is
    the statement, maybe followed by the answer's comment on the next: the statement is the
    checkpoint, not what was found, so that line is cut off here; "" means the finding was
    never described. A description that only begins with the statement's words is kept.
    """
    text = description.strip()
    first, _, rest = text.partition("\n")
    wanted = {s.strip().casefold() for s in statements if s.strip()}
    return rest.strip() if first.strip().casefold() in wanted else text


@dataclass(frozen=True)
class Progress:
    rooms_done: int
    rooms_total: int
    items_answered: int
    items_total: int

    @property
    def fraction(self) -> float:
        return self.items_answered / self.items_total if self.items_total else 0.0

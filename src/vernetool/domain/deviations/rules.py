"""The deviation log's model and rules: types, workflow, risk matrix, injuries.

Plain Python (no Qt, no SQL). H1/H2 are in ``deviation_h_values``, the aliases accepted in
imported files in ``deviation_aliases``. The store is ``vernetool.db.deviations.records`` (and the
other ``vernetool.db.deviation_*`` modules); statistics are in
``vernetool.stats.deviation_stats``.

Workflow (``allowed_transitions``, ``apply_status_change``)::

    registered ──> accepted (needs a closing deadline) ──> in_progress ──> closed
        │      └─> rejected (needs a reason)      └───────────────────────^
        └────────> transferred (needs to whom)

* A deviation is only closed after a decision: from ``accepted`` or ``in_progress``.
* Closing while measures (actions) are not done needs a note saying why; the note is kept
  in the status history. With no measures at all it may be closed (the immediate action
  may have been enough).
* ``accepted`` may still be rejected (reason) or transferred (to whom).
* Reopening always needs a note: ``closed`` → ``in_progress``; ``rejected`` or
  ``transferred`` → ``registered``.
* Adding a measure to an ``accepted`` deviation moves it to ``in_progress`` (the store does
  this with a history entry).

Imports of historical data set the status they are given (the history says "imported");
the rules above are for changes made in vernetool.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import IntEnum, StrEnum

from vernetool.domain.actions import ActionStatus as ActionStatus  # shared with rounds
from vernetool.domain.errors import ValidationError


class DeviationType(StrEnum):
    IMPROVEMENT = "improvement"
    HAZARD = "hazard"
    NEAR_MISS = "near_miss"
    ACCIDENT = "accident"


class DeviationStatus(StrEnum):
    REGISTERED = "registered"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    TRANSFERRED = "transferred"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class Absence(StrEnum):
    NONE = "none"
    LE3 = "le3"            # absence of at most 3 days
    GT3 = "gt3"            # absence of more than 3 days
    UNKNOWN = "unknown"    # absence of unknown duration (still an absence)


class TriState(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class Consequence(IntEnum):
    """How serious the (actual or potential) consequence for people is, 1-5: the severity
    axis of the risk matrix. Not a round finding's three-step ``FindingSeverity``."""

    INSIGNIFICANT = 1
    MINOR = 2            # mindre alvorlig
    SERIOUS = 3          # alvorlig
    VERY_SERIOUS = 4     # svært alvorlig / kritisk
    CATASTROPHIC = 5     # katastrofal


class Probability(IntEnum):
    VERY_UNLIKELY = 1
    UNLIKELY = 2
    POSSIBLE = 3
    LIKELY = 4
    VERY_LIKELY = 5


class RiskLevel(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


# Statuses in which nothing more is expected of anyone (not counted as open or overdue).
FINISHED_STATUSES = frozenset({DeviationStatus.CLOSED, DeviationStatus.REJECTED,
                               DeviationStatus.TRANSFERRED})
# Potential consequence from which an event is listed in the yearly report (4 and 5).
SERIOUS_POTENTIAL = Consequence.VERY_SERIOUS


@dataclass(frozen=True)
class RiskMatrix:
    """The 5×5 matrix: risk = severity × probability (1..25), coloured by two thresholds.

    ``score < yellow_from`` is green, ``score >= red_from`` is red, yellow in between.
    """

    yellow_from: int = 5
    red_from: int = 15

    def __post_init__(self) -> None:
        if not 1 <= self.yellow_from <= self.red_from <= 26:
            raise ValidationError("risk_matrix.thresholds", "risk_matrix")

    @staticmethod
    def score(severity: int, probability: int) -> int:
        check_scale("potential_consequence", severity)
        check_scale("probability", probability)
        return severity * probability

    def level(self, severity: int, probability: int) -> RiskLevel:
        score = self.score(severity, probability)
        if score >= self.red_from:
            return RiskLevel.RED
        if score >= self.yellow_from:
            return RiskLevel.YELLOW
        return RiskLevel.GREEN

    def level_or_none(self, severity: int | None, probability: int | None) -> RiskLevel | None:
        if severity is None or probability is None:
            return None
        return self.level(severity, probability)

    def grid(self) -> list[list[RiskLevel]]:
        """Rows by probability 5..1 (top to bottom), columns by severity 1..5, for drawing."""
        return [[self.level(s, p) for s in range(1, 6)] for p in range(5, 0, -1)]


def check_scale(field_name: str, value: int | None) -> None:
    if value is not None and not (isinstance(value, int) and 1 <= value <= 5):
        raise ValidationError("value.not_scale", field_name, value=value)


@dataclass
class Injury:
    """A personal injury recorded on an accident (seed table 2 and footnote 4)."""

    nav_reported: bool = False
    absence: Absence = Absence.NONE
    medical_treatment: TriState = TriState.UNKNOWN
    reassigned: TriState = TriState.UNKNOWN
    fatality: bool = False

    @property
    def has_absence(self) -> bool:
        return self.absence is not Absence.NONE

    @property
    def counts_in_h1(self) -> bool:
        return self.has_absence or self.fatality

    def counts_in_h2(self) -> bool | None:
        """True/False, or None when it depends on treatment/reassignment nobody recorded."""
        if self.counts_in_h1:
            return True
        if TriState.YES in (self.medical_treatment, self.reassigned):
            return True
        if self.medical_treatment is TriState.NO and self.reassigned is TriState.NO:
            return False
        return None


@dataclass
class ActionNote:
    note: str
    at: str = ""
    actor: str = ""
    id: int | None = None


@dataclass
class Action:
    """A measure (tiltak) with a named responsible and a deadline."""

    description: str
    responsible_name: str = ""
    responsible_person_id: int | None = None
    deadline: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN
    done_at: dt.date | None = None
    notes: list[ActionNote] = field(default_factory=list)
    deviation_id: int | None = None
    id: int | None = None

    def is_overdue(self, today: dt.date) -> bool:
        return (self.status is not ActionStatus.DONE and self.deadline is not None
                and self.deadline < today)


@dataclass
class Deviation:
    """One report in the deviation log.

    ``room_id`` points into the room register; ``room_text`` names a place that is not in
    it. ``room_label`` and ``unit_code`` are filled when read from the store (display only).
    """

    type: DeviationType
    title: str
    reported_at: dt.date
    description: str = ""
    occurred_at: dt.datetime | None = None
    room_id: int | None = None
    room_text: str = ""
    unit_id: int | None = None
    reporter: str | None = None
    category: str = ""
    subcategory: str = ""
    actual_consequence: int | None = None
    potential_consequence: int | None = None
    probability: int | None = None
    immediate_action: str = ""
    cause: str = ""
    status: DeviationStatus = DeviationStatus.REGISTERED
    closing_deadline: dt.date | None = None
    rejected_reason: str = ""
    transferred_to: str = ""
    closed_at: dt.date | None = None
    source_finding_id: int | None = None
    external_id: str | None = None
    injury: Injury | None = None
    id: int | None = None
    room_label: str = ""
    unit_code: str = ""
    created_at: str = ""
    updated_at: str = ""

    def risk(self, matrix: RiskMatrix | None = None) -> RiskLevel | None:
        return (matrix or RiskMatrix()).level_or_none(self.potential_consequence,
                                                      self.probability)

    def is_overdue(self, today: dt.date, actions: Iterable[Action] = ()) -> bool:
        if self.status in FINISHED_STATUSES:
            return False
        if self.closing_deadline is not None and self.closing_deadline < today:
            return True
        return any(a.is_overdue(today) for a in actions)


def validate_deviation(dev: Deviation) -> None:
    """Field rules for saving a deviation (workflow rules are in ``apply_status_change``)."""
    if not dev.title.strip():
        raise ValidationError("deviation.title_missing", "title")
    if len(dev.title) > 300:
        raise ValidationError("deviation.title_too_long", "title")
    if not isinstance(dev.type, DeviationType):
        raise ValidationError("deviation.unknown_type", "type", type=dev.type)
    check_scale("actual_consequence", dev.actual_consequence)
    check_scale("potential_consequence", dev.potential_consequence)
    check_scale("probability", dev.probability)
    if dev.occurred_at is not None and dev.occurred_at.date() > dev.reported_at:
        raise ValidationError("deviation.occurred_after_reported", "occurred_at")
    if dev.injury is not None and dev.type is not DeviationType.ACCIDENT:
        raise ValidationError("deviation.injury_only_accident", "injury")
    if dev.subcategory and not dev.category:
        raise ValidationError("deviation.subcategory_needs_category", "category")
    if dev.status is DeviationStatus.CLOSED and dev.closed_at is None:
        raise ValidationError("deviation.closed_needs_date", "closed_at")
    if dev.status is not DeviationStatus.CLOSED and dev.closed_at is not None:
        raise ValidationError("deviation.not_closed_has_date", "closed_at", status=dev.status.value)
    if dev.closed_at is not None and dev.closed_at < dev.reported_at:
        raise ValidationError("deviation.closed_before_reported", "closed_at")


# --- workflow -------------------------------------------------------------------------

_TRANSITIONS: Mapping[DeviationStatus, tuple[DeviationStatus, ...]] = {
    DeviationStatus.REGISTERED: (DeviationStatus.ACCEPTED, DeviationStatus.REJECTED,
                                 DeviationStatus.TRANSFERRED),
    DeviationStatus.ACCEPTED: (DeviationStatus.IN_PROGRESS, DeviationStatus.CLOSED,
                               DeviationStatus.REJECTED, DeviationStatus.TRANSFERRED),
    DeviationStatus.IN_PROGRESS: (DeviationStatus.CLOSED,),
    DeviationStatus.CLOSED: (DeviationStatus.IN_PROGRESS,),
    DeviationStatus.REJECTED: (DeviationStatus.REGISTERED,),
    DeviationStatus.TRANSFERRED: (DeviationStatus.REGISTERED,),
}
_REOPENING = frozenset({(DeviationStatus.CLOSED, DeviationStatus.IN_PROGRESS),
                        (DeviationStatus.REJECTED, DeviationStatus.REGISTERED),
                        (DeviationStatus.TRANSFERRED, DeviationStatus.REGISTERED)})


def allowed_transitions(status: DeviationStatus) -> tuple[DeviationStatus, ...]:
    """The statuses a deviation in ``status`` may move to (for the UI's buttons)."""
    return _TRANSITIONS[status]


def note_required(current: DeviationStatus, target: DeviationStatus, *,
                  open_actions: int = 0) -> bool:
    """Whether moving from ``current`` to ``target`` needs a note (``apply_status_change``
    refuses it without one): any reopening, and closing while measures are not done."""
    if (current, target) in _REOPENING:
        return True
    return target is DeviationStatus.CLOSED and open_actions > 0


@dataclass(frozen=True)
class StatusChange:
    """A requested status change with what the target status needs.

    accepted: ``closing_deadline``; rejected: ``reason``; transferred: ``transferred_to``;
    closed with measures not done, or any reopening: ``note``. ``on`` is the date of the
    change (default today); it becomes ``closed_at`` when closing.
    """

    target: DeviationStatus
    note: str = ""
    closing_deadline: dt.date | None = None
    reason: str = ""
    transferred_to: str = ""
    on: dt.date | None = None


def apply_status_change(dev: Deviation, change: StatusChange, *, open_actions: int = 0,
                        today: dt.date | None = None) -> Deviation:
    """The deviation after ``change``, or ``ValidationError`` naming what is missing.

    ``open_actions`` is the number of the deviation's measures that are not done.
    """
    current, target = dev.status, change.target
    on = change.on or today or dt.date.today()
    if target is current:
        raise ValidationError("deviation.already_status", "status", status=current.value)
    if target not in _TRANSITIONS[current]:
        if target is DeviationStatus.CLOSED:
            raise ValidationError("deviation.close_needs_accept", "status")
        raise ValidationError("deviation.bad_transition", "status", current=current.value,
                              target=target.value)
    note = change.note.strip()
    if (current, target) in _REOPENING and not note:
        raise ValidationError("deviation.reopen_needs_note", "note")
    updates: dict[str, object] = {"status": target}
    if target is DeviationStatus.ACCEPTED:
        deadline = change.closing_deadline or dev.closing_deadline
        if deadline is None:
            raise ValidationError("deviation.accept_needs_deadline", "closing_deadline")
        if deadline < dev.reported_at:
            raise ValidationError("deviation.deadline_before_reported", "closing_deadline")
        updates["closing_deadline"] = deadline
    elif target is DeviationStatus.REJECTED:
        if not change.reason.strip():
            raise ValidationError("deviation.reject_needs_reason", "reason")
        updates["rejected_reason"] = change.reason.strip()
    elif target is DeviationStatus.TRANSFERRED:
        if not change.transferred_to.strip():
            raise ValidationError("deviation.transfer_needs_recipient", "transferred_to")
        updates["transferred_to"] = change.transferred_to.strip()
    elif target is DeviationStatus.CLOSED:
        if open_actions and not note:
            raise ValidationError("deviation.open_actions_need_note", "note", n=open_actions)
        if on < dev.reported_at:
            raise ValidationError("deviation.closed_before_reported", "closed_at")
        updates["closed_at"] = on
    if current is DeviationStatus.CLOSED:
        updates["closed_at"] = None
    return replace(dev, **updates)  # type: ignore[arg-type]


# --- categories -----------------------------------------------------------------------

@dataclass(frozen=True)
class CategoryDef:
    name: str
    name_en: str
    subcategories: tuple[tuple[str, str], ...] = ()


# NTNU's main categories from the second half of 2024 (seed section 2.2) plus "Annet".
OTHER_CATEGORY = "Annet"
DEFAULT_CATEGORIES: tuple[CategoryDef, ...] = (
    CategoryDef("Arbeidsplass og personskade/-sykdom", "Workplace and personal injury/illness", (
        ("Kjemikalier og gasser", "Chemicals and gases"),
        ("Biologiske faktorer", "Biological agents"),
        ("Strålekilder", "Radiation sources"),
        ("Person-/yrkesskade", "Personal/occupational injury"),
        ("Ergonomi og arbeidsbelastning", "Ergonomics and workload"),
        ("Psykososialt arbeidsmiljø", "Psychosocial working environment"),
    )),
    CategoryDef("Bygning og materiell", "Buildings and equipment", (
        ("VVS", "HVAC and plumbing"),
        ("Elektro", "Electrical"),
        ("IT", "IT"),
        ("Inneklima", "Indoor climate"),
        ("Bygning/konstruksjon", "Building/structure"),
        ("Maskiner og utstyr", "Machines and equipment"),
    )),
    CategoryDef("Brann, utslipp og evakuering", "Fire, spills and evacuation", (
        ("Blokkert rømningsvei eller -dør", "Blocked escape route or door"),
        ("Unødvendig alarm", "Unnecessary alarm"),
        ("Brann eller branntilløp", "Fire or incipient fire"),
        ("Utslipp eller søl", "Spill or release"),
    )),
    CategoryDef("Tilsiktet hendelse", "Intentional event", (
        ("Brudd på retningslinjer", "Breach of guidelines"),
        ("Tyveri eller innbrudd", "Theft or break-in"),
        ("Vold og trusler", "Violence and threats"),
    )),
    CategoryDef(OTHER_CATEGORY, "Other"),
)

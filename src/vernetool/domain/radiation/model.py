"""The radiation register's and the workers register's plain types (frozen dataclasses).

``*Input`` is what a person or an importer hands a service; the other types are what the
store gives back, with the values the domain derived (the activity in Bq at the reference
date, notifiability and its reason, the leak-test due date, the retention end) and the labels
a table shows (``BUILDING:ROOM``).

Field names follow the canonical sources file (DESIGN.md): ``kind``, ``nuclide``,
``activity`` + ``activity_unit``, ``reference_date``, ``make``, ``model``, ``serial_number``
(the natural key with ``make``), ``laser_class``, ``room``, ``responsible``, ``dsa_id``,
``dsa_status``, ``notifiable``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from vernetool.domain.radiation.doses import DosimeterPosition
from vernetool.domain.radiation.sources import (
    DsaStatus,
    LaserClass,
    LeakTestStatus,
    NotifiableReason,
    SourceKind,
)

__all__ = ["Dose", "DoseInput", "DosimeterPosition", "DsaStatus", "LaserClass", "LeakTest",
           "LeakTestInput", "NotifiableReason", "RadiationWorker", "RadiationWorkerInput",
           "Source", "SourceDisposal", "SourceInput", "SourceKind", "SourceNow",
           "SourceStatusChange", "WorkerYear"]


@dataclass(frozen=True)
class SourceDisposal:
    """How a source left the register: the date, how (returned to the dealer, deposited,
    condemned …) and the receipt (a reference or the receipt's text)."""

    disposed_on: dt.date
    method: str = ""
    receipt: str = ""


# -- sources ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class SourceInput:
    """A source as entered or imported.

    ``activity`` is the number as stated (text with a decimal comma, a float or a Decimal),
    ``activity_unit`` any accepted spelling (``uCi`` → ``µCi``); ``nuclide`` any accepted
    spelling (``137Cs`` → ``Cs-137``); both are normalised when the source is saved.
    ``notifiable`` is the user's answer (None: not stated); the kinds that always are
    notifiable are so whatever it says. ``dsa_status`` set here on a new source starts its
    history; on an existing source a change of status goes through the status history too
    (dated the day it is saved unless ``status_changed_on`` says otherwise).
    ``leak_test_last``/``leak_test_interval_months`` (sealed sources) give the schedule;
    ``waste_pickup_on`` (open sources) the date the waste leaves.
    """

    kind: SourceKind
    nuclide: str = ""
    activity: str | float | Decimal | None = None
    activity_unit: str = ""
    reference_date: dt.date | None = None
    make: str = ""
    model: str = ""
    serial_number: str = ""
    technical_specification: str = ""
    year: int | None = None
    dealer: str = ""
    use: str = ""
    laser_class: LaserClass | None = None
    room_id: int | None = None
    responsible_id: int | None = None
    responsible: str = ""
    location: str = ""
    dsa_id: str = ""
    dsa_status: DsaStatus | None = None
    notifiable: bool | None = None
    leak_test_last: dt.date | None = None
    leak_test_interval_months: int | None = None
    waste_pickup_on: dt.date | None = None
    name: str = ""
    notes: str = ""
    status_changed_on: dt.date | None = None


@dataclass(frozen=True)
class Source:
    """A source as the store gives it back (``activity_bq``: at the reference date)."""

    id: int
    kind: SourceKind
    nuclide: str
    activity: Decimal | None
    activity_unit: str
    activity_bq: float | None
    reference_date: dt.date | None
    make: str
    model: str
    serial_number: str
    technical_specification: str
    year: int | None
    dealer: str
    use: str
    laser_class: LaserClass | None
    room_id: int | None
    room_label: str                      # "BUILDING:ROOM", "" without a room
    responsible_id: int | None
    responsible: str                     # the person's name (the linked person's, or as given)
    location: str
    dsa_id: str
    dsa_status: DsaStatus | None
    notifiable: bool | None              # the rule's answer (None: nobody has said)
    notifiable_stated: bool | None       # what the user said
    notifiable_reason: NotifiableReason
    disposal: SourceDisposal | None
    leak_test_last: dt.date | None
    leak_test_interval_months: int | None
    leak_test_next_due: dt.date | None
    waste_pickup_on: dt.date | None
    name: str = ""
    notes: str = ""
    created_at: str = ""
    updated_at: str = ""

    @property
    def disposed(self) -> bool:
        return self.disposal is not None

    @property
    def label(self) -> str:
        """What a list shows: the name, else the nuclide or make + model, + serial."""
        main = self.name or self.nuclide or " ".join(p for p in (self.make, self.model) if p)
        main = main or self.kind.value
        return f"{main} ({self.serial_number})" if self.serial_number else main


@dataclass(frozen=True)
class SourceNow:
    """A source as it stands on ``as_of``: its activity decayed to that date (radioactive
    sources with a stated activity; None otherwise), the waste's activity on the pick-up date
    (open sources with one), the leak-test state (sealed sources with a schedule)."""

    source: Source
    as_of: dt.date
    activity_now_bq: float | None = None
    waste_at_pickup_bq: float | None = None
    leak_test: LeakTestStatus | None = None


@dataclass(frozen=True)
class SourceStatusChange:
    """One entry of a source's DSA status history."""

    id: int
    source_id: int
    status: DsaStatus
    changed_on: dt.date
    note: str = ""
    recorded_at: str = ""
    recorded_by: str = ""


@dataclass(frozen=True)
class LeakTestInput:
    source_id: int
    tested_on: dt.date
    passed: bool = True
    tested_by: str = ""
    result: str = ""
    note: str = ""


@dataclass(frozen=True)
class LeakTest:
    id: int
    source_id: int
    tested_on: dt.date
    passed: bool
    tested_by: str = ""
    result: str = ""
    note: str = ""
    recorded_at: str = ""
    recorded_by: str = ""


# -- the workers register (§31-4) ------------------------------------------------------------

@dataclass(frozen=True)
class RadiationWorkerInput:
    """A worker as entered or imported (§31-4's fields).

    ``identity_number``: the fødselsnummer or D-nummer in clear, checked and then only ever
    stored encrypted; on an update "" (or the mask as shown) keeps the number the entry has.
    ``exposure_end``: the day the radiation work ended (None: still exposed), from which
    the retention (60 years) is counted.
    """

    person: str
    identity_number: str = ""
    address: str = ""
    work: str = ""
    employed_from: dt.date | None = None
    sources: str = ""
    exposure_end: dt.date | None = None
    apprentice: bool = False
    person_id: int | None = None
    notes: str = ""

    def __repr__(self) -> str:   # never the number in a log or a traceback
        return (f"RadiationWorkerInput(person={self.person!r}, identity_number=<hidden>, "
                f"work={self.work!r})")


@dataclass(frozen=True)
class RadiationWorker:
    """A workers register entry as the screen shows it: the identity number masked."""

    id: int
    person: str
    identity_masked: str                 # "010190*****", "" when none is recorded
    address: str
    work: str
    employed_from: dt.date | None
    sources: str
    exposure_end: dt.date | None
    retain_until: dt.date | None         # None while exposed (deletion refused)
    apprentice: bool = False
    person_id: int | None = None
    notes: str = ""
    last_dose: dt.date | None = None
    created_at: str = ""
    updated_at: str = ""

    @property
    def has_identity(self) -> bool:
        return bool(self.identity_masked)


@dataclass(frozen=True)
class DoseInput:
    """One dosimeter reading (mSv; numbers or text with a decimal comma), dated by the
    period's end. At least one of the values is given."""

    worker_id: int
    dose_date: dt.date
    hp10_msv: float | str | None = None
    hp007_msv: float | str | None = None
    position: DosimeterPosition = DosimeterPosition.BODY
    hp3_msv: float | str | None = None
    note: str = ""


@dataclass(frozen=True)
class Dose:
    id: int
    worker_id: int
    dose_date: dt.date
    hp10_msv: float | None
    hp007_msv: float | None
    position: DosimeterPosition = DosimeterPosition.BODY
    hp3_msv: float | None = None
    note: str = ""
    created_at: str = ""


@dataclass(frozen=True)
class WorkerYear:
    """One worker's doses summed over a calendar year, with the limits that apply and the
    ones exceeded (limit names: ``DoseLimit`` values)."""

    worker_id: int
    person: str
    year: int
    effective_msv: float
    skin_msv: float
    eye_lens_msv: float
    extremities_msv: float
    entries: int
    limits: dict[str, float]
    over: tuple[str, ...]

    @property
    def over_limit(self) -> bool:
        return bool(self.over)

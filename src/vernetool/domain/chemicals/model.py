"""The chemical register's and the exposure register's plain types (frozen dataclasses).

``*Input`` is what a person or an importer hands a service; the other types are what the
store gives back, with the values the domain derived (pictograms, exposure register flag,
retention end) and the labels a table shows (product name, ``BUILDING:ROOM``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class SignalWord(StrEnum):
    DANGER = "danger"     # Fare
    WARNING = "warning"   # Advarsel


class HoldingStatus(StrEnum):
    IN_USE = "in_use"
    DISPOSED = "disposed"


class ExposureRoute(StrEnum):
    INHALATION = "inhalation"
    SKIN = "skin"
    INGESTION = "ingestion"
    OTHER = "other"


@dataclass(frozen=True)
class Component:
    """One CAS number of a product (a mixture has several), with its name and share."""

    cas: str
    name: str = ""
    concentration: str = ""


# -- products ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProductInput:
    """A product as entered or imported.

    ``components`` hold the CAS numbers (each checked); ``statements`` are H/EUH/P codes in
    any real-world spelling, one per item or several in one item ("H225, H319 og H336");
    they are parsed and normalised when the product is saved.
    """

    name: str
    supplier: str = ""
    components: tuple[Component, ...] = ()
    statements: tuple[str, ...] = ()
    signal_word: SignalWord | None = None
    sds_url: str = ""
    notes: str = ""

    @classmethod
    def with_cas(cls, name: str, cas: tuple[str, ...] | list[str] = (), *, supplier: str = "",
                 statements: tuple[str, ...] = (), signal_word: SignalWord | None = None,
                 sds_url: str = "", notes: str = "") -> ProductInput:
        """A product whose components are just CAS numbers (the usual import row)."""
        return cls(name, supplier, tuple(Component(c) for c in cas), statements, signal_word,
                   sds_url, notes)


@dataclass(frozen=True)
class SdsInfo:
    """A safety data sheet: a stored file (content-addressed) and/or a URL."""

    id: int
    product_id: int
    sha256: str | None
    extension: str
    original_name: str
    url: str
    revised_on: dt.date | None
    language: str
    added_at: str
    added_by: str

    @property
    def has_file(self) -> bool:
        return self.sha256 is not None


@dataclass(frozen=True)
class Product:
    id: int
    name: str
    supplier: str
    components: tuple[Component, ...]
    hazard_codes: tuple[str, ...]           # H and EUH, normalised, in the product's order
    precautionary_codes: tuple[str, ...]    # P
    signal_word: SignalWord | None
    pictograms: tuple[str, ...]             # "GHS02", … derived from hazard_codes
    exposure_register: bool                 # an H code triggers §31-1
    sds_url: str = ""
    notes: str = ""
    sds: SdsInfo | None = None              # the current sheet (the newest), if any
    created_at: str = ""
    updated_at: str = ""

    @property
    def cas(self) -> tuple[str, ...]:
        return tuple(c.cas for c in self.components)

    @property
    def statements(self) -> tuple[str, ...]:
        return self.hazard_codes + self.precautionary_codes


# -- holdings ------------------------------------------------------------------------------

@dataclass(frozen=True)
class HoldingInput:
    """A product in a room's storage place. Natural key: product + room + place."""

    product_id: int
    room_id: int
    place: str = ""
    quantity: float | None = None
    unit: str = ""
    containers: int | None = None
    status: HoldingStatus = HoldingStatus.IN_USE
    disposed_on: dt.date | None = None


@dataclass(frozen=True)
class Holding:
    id: int
    product_id: int
    product_name: str
    supplier: str
    room_id: int
    room_label: str                         # "BUILDING:ROOM"
    place: str
    quantity: float | None
    unit: str
    containers: int | None
    status: HoldingStatus
    disposed_on: dt.date | None
    pictograms: tuple[str, ...] = ()
    exposure_register: bool = False
    hazard_codes: tuple[str, ...] = ()
    updated_at: str = ""


@dataclass(frozen=True)
class HoldingState:
    """A holding as it was before a change (``chemical_holding_history``)."""

    changed_at: str
    room_id: int
    room_label: str
    place: str
    quantity: float | None
    unit: str
    containers: int | None
    status: HoldingStatus
    disposed_on: dt.date | None


# -- the exposure register (§31-1) ---------------------------------------------------------

@dataclass(frozen=True)
class ExposureInput:
    """Exactly the fields of §31-1, plus the optional room.

    ``identity_number``: the person's fødselsnummer or D-nummer in clear, checked and then
    only ever stored encrypted; on an update "" keeps the number the entry has.
    """

    product_id: int
    person: str
    identity_number: str
    position: str = ""
    workplace: str = ""
    route: ExposureRoute = ExposureRoute.INHALATION
    concentration: str = ""
    exposure_start: dt.date = field(default_factory=dt.date.today)
    exposure_end: dt.date | None = None
    duration: str = ""
    room_id: int | None = None
    person_id: int | None = None

    def __repr__(self) -> str:   # never the number in a log or a traceback
        return (f"ExposureInput(product_id={self.product_id}, person={self.person!r}, "
                f"identity_number=<hidden>, route={self.route.value})")


@dataclass(frozen=True)
class ExposureEntry:
    """An exposure register entry as the screen shows it: the identity number masked."""

    id: int
    product_id: int
    product_name: str
    person: str
    identity_masked: str                    # "010190*****", "" when none is recorded
    position: str
    workplace: str
    route: ExposureRoute
    concentration: str
    exposure_start: dt.date
    exposure_end: dt.date | None
    duration: str
    retain_until: dt.date | None
    room_id: int | None = None
    room_label: str = ""
    person_id: int | None = None
    created_at: str = ""
    updated_at: str = ""

    @property
    def has_identity(self) -> bool:
        return bool(self.identity_masked)

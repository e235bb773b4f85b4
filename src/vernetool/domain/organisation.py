"""The organisation model: units, campuses, buildings, rooms, persons and responsibilities."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from vernetool.domain.errors import ValidationError


class RoomType(StrEnum):
    OFFICE = "office"
    LAB = "lab"
    WORKSHOP = "workshop"
    STORAGE = "storage"
    EXAM_TREATMENT = "exam_treatment"
    ANIMAL_ROOM = "animal_room"
    GREENHOUSE = "greenhouse"
    COMMON_AREA = "common_area"
    OTHER = "other"


class Role(StrEnum):
    SAFETY_REP = "safety_rep"
    ROOM_RESPONSIBLE = "room_responsible"
    LINE_MANAGER = "line_manager"
    EMPLOYEE = "employee"
    STUDENT = "student"


class ResponsibilityKind(StrEnum):
    RESPONSIBLE = "responsible"
    DEPUTY = "deputy"


@dataclass
class Unit:
    code: str
    name: str = ""
    parent_code: str | None = None
    id: int | None = None


@dataclass
class Building:
    code: str
    name: str = ""
    campus: str = ""
    id: int | None = None


@dataclass
class Room:
    building_code: str
    number: str
    type: RoomType = RoomType.OTHER
    name: str = ""
    floor: str = ""
    area_m2: float | None = None
    unit_code: str | None = None
    id: int | None = None
    building_name: str = ""
    campus: str = ""

    @property
    def label(self) -> str:
        """``BUILDING:ROOM``, the way rooms are named on the command line."""
        return f"{self.building_code}:{self.number}"


@dataclass
class Person:
    name: str
    email: str | None = None
    phone: str = ""
    unit_code: str | None = None
    roles: frozenset[Role] = field(default_factory=frozenset)
    active: bool = True
    id: int | None = None


@dataclass
class Responsibility:
    room_id: int
    person_id: int
    kind: ResponsibilityKind
    valid_from: dt.date
    valid_to: dt.date | None = None
    id: int | None = None
    person_name: str = ""
    person_phone: str = ""
    person_email: str = ""

    def is_current(self, today: dt.date) -> bool:
        return self.valid_from <= today and (self.valid_to is None or today <= self.valid_to)


@dataclass
class RoomCard:
    """The door sign (romkort) fields of a room with special hazards."""

    activity_type: str = ""
    special_hazards: str = ""
    unsafe_after_incident: str = ""
    gas_max_litres: float | None = None
    gas_max_cylinders: int | None = None
    central_gas_supply: bool = False
    flammable_cat1_max_litres: float | None = None
    flammable_cat2_max_litres: float | None = None
    toxic_liquids: str = ""
    gas_alarm: bool = False
    shared_with_other_org: bool = False
    coordination_agreement: str = ""
    alert_needs: str = ""
    other_info: str = ""
    pictograms: tuple[str, ...] = ()
    #: the warning signs beside the pictograms, keys of ``WARNING_SIGNS`` in that order
    warning_signs: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return self == RoomCard()


GHS_PICTOGRAMS = tuple(f"GHS0{n}" for n in range(1, 10))
#: the warning signs a room card can carry (ISO 7010 W003, W004, W009), in the card's order
WARNING_SIGNS = ("radiation", "laser", "biohazard")


def ordered_signs(signs: Iterable[str]) -> tuple[str, ...]:
    """The known signs among ``signs`` in the card's order, each once."""
    wanted = set(signs)
    return tuple(sign for sign in WARNING_SIGNS if sign in wanted)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_email(value: str) -> str:
    email = value.strip().lower()
    if not _EMAIL.match(email):
        raise ValidationError("person.email_invalid", "email", text=value.strip())
    return email


def validate_room(room: Room) -> None:
    if not room.building_code.strip():
        raise ValidationError("room.building_missing", "building")
    if not room.number.strip():
        raise ValidationError("room.number_missing", "room")
    if room.area_m2 is not None and room.area_m2 < 0:
        raise ValidationError("room.area_negative", "area_m2")


def validate_person(person: Person) -> None:
    if not person.name.strip():
        raise ValidationError("person.name_missing", "name")
    if person.email:
        person.email = normalise_email(person.email)


def validate_responsibility(valid_from: dt.date, valid_to: dt.date | None) -> None:
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError("responsibility.to_before_from", "valid_to")


def validate_room_card(card: RoomCard) -> None:
    numbers = {
        "gas_max_litres": card.gas_max_litres,
        "gas_max_cylinders": card.gas_max_cylinders,
        "flammable_cat1_max_litres": card.flammable_cat1_max_litres,
        "flammable_cat2_max_litres": card.flammable_cat2_max_litres,
    }
    for name, value in numbers.items():
        if value is not None and value < 0:
            raise ValidationError("room_card.negative", name)
    for code in card.pictograms:
        if code not in GHS_PICTOGRAMS:
            raise ValidationError("room_card.unknown_pictogram", "pictograms", code=code)
    for sign in card.warning_signs:
        if sign not in WARNING_SIGNS:
            raise ValidationError("room_card.unknown_sign", "warning_signs", sign=sign)


def search_key(*parts: object) -> str:
    """Case-folded text a filter matches against (SQLite's LIKE folds ASCII only, not æøå)."""
    return " ".join([str(p) for p in parts if p is not None and p != ""]).casefold()

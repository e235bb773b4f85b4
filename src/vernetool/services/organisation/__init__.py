"""Organisation use cases: rooms, persons, responsibilities, room cards, units and buildings.

The row types and filters the screens need are re-exported here, so ``ui/`` never imports
``db/``.
"""

from __future__ import annotations

from vernetool.db.organisation.persons import PersonFilter
from vernetool.db.organisation.rooms import RoomFilter, RoomRow
from vernetool.domain.organisation import (
    Building,
    Person,
    Responsibility,
    ResponsibilityKind,
    Role,
    Room,
    RoomCard,
    RoomType,
    Unit,
)

__all__ = ["Building", "Person", "PersonFilter", "Responsibility", "ResponsibilityKind",
           "Role", "Room", "RoomCard", "RoomFilter", "RoomRow", "RoomType", "Unit"]

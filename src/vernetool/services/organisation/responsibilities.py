"""Room responsibilities: who is responsible or deputy for a room today, and the history."""

from __future__ import annotations

import datetime as dt

from vernetool.db.organisation import responsibilities, rooms
from vernetool.domain.organisation import Responsibility, ResponsibilityKind, Room
from vernetool.services.notifier import Topic
from vernetool.services.store import Store


class ResponsibilitiesService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def history(self, room_id: int) -> list[Responsibility]:
        """Every responsibility the room has had, newest first."""
        with self.store.read() as conn:
            return responsibilities.history(conn, room_id)

    def current(self, room_id: int, today: dt.date | None = None
                ) -> dict[ResponsibilityKind, Responsibility]:
        with self.store.read() as conn:
            return responsibilities.current(conn, room_id, today)

    def rooms_of_person(self, person_id: int, today: dt.date | None = None
                        ) -> list[tuple[Room, ResponsibilityKind]]:
        """The rooms the person is responsible or deputy for today."""
        with self.store.read() as conn:
            found = []
            for room_id, kind in responsibilities.rooms_of_person(conn, person_id, today):
                room = rooms.get_room(conn, room_id)
                if room is not None:
                    found.append((room, kind))
            return found

    def assign(self, room_id: int, person_id: int, kind: ResponsibilityKind,
               valid_from: dt.date, valid_to: dt.date | None = None) -> int:
        """Make the person responsible (or deputy) from ``valid_from``; the one who had it
        keeps it until the day before. Returns the new responsibility's id."""
        # The person may gain the room-responsible role: people lists show roles.
        with self.store.write(Topic.RESPONSIBILITIES, Topic.PERSONS) as conn:
            return responsibilities.assign(conn, room_id, person_id, kind, valid_from,
                                           self.store.actor, valid_to)

    def end(self, responsibility_id: int, last_day: dt.date) -> None:
        """End a responsibility on ``last_day``; ``LookupError`` if it no longer exists."""
        with self.store.write(Topic.RESPONSIBILITIES) as conn:
            responsibilities.end(conn, responsibility_id, last_day, self.store.actor)

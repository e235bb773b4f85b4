"""Rooms: the paged, filtered listing behind the rooms table, lookups, and saving an edit."""

from __future__ import annotations

from vernetool.db.organisation import rooms
from vernetool.db.organisation.rooms import RoomFilter, RoomRow
from vernetool.domain.organisation import Room
from vernetool.services.notifier import Topic
from vernetool.services.store import Store

_ALL = RoomFilter()


class RoomsService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reads (the same SQL and paging as the repository) -------------------------------------
    def count(self, flt: RoomFilter = _ALL) -> int:
        with self.store.read() as conn:
            return rooms.count_rooms(conn, flt)

    def rows(self, flt: RoomFilter = _ALL, *, offset: int = 0, limit: int = -1,
             order: str | None = None, descending: bool = False) -> list[RoomRow]:
        """A page of the rooms table, each room with today's responsible person."""
        with self.store.read() as conn:
            if order is None:
                return rooms.list_room_rows(conn, flt, offset=offset, limit=limit)
            return rooms.list_room_rows(conn, flt, offset=offset, limit=limit, order=order,
                                        descending=descending)

    def search(self, flt: RoomFilter = _ALL, *, offset: int = 0, limit: int = -1
               ) -> list[Room]:
        """Rooms in building/number order (the pickers' matches)."""
        with self.store.read() as conn:
            return rooms.list_rooms(conn, flt, offset=offset, limit=limit)

    def get(self, room_id: int) -> Room | None:
        with self.store.read() as conn:
            return rooms.get_room(conn, room_id)

    def find(self, building_code: str, number: str) -> Room | None:
        with self.store.read() as conn:
            return rooms.find_room(conn, building_code, number)

    # -- writes --------------------------------------------------------------------------------
    def save(self, room: Room) -> int:
        """Save a room a person created or edited, with its audit entry; returns its id.

        A new room on a taken building + number, or an edit onto another room's number, is
        refused (``ValidationError``). A unit or building code not seen before is created.
        """
        with self.store.write(Topic.ROOMS, Topic.UNITS) as conn:
            room_id = rooms.save_room_edit(conn, room, self.store.actor)
        return room_id


"""Room cards (romkort): the door-sign fields kept per room."""

from __future__ import annotations

from vernetool.db.organisation import room_cards
from vernetool.domain.organisation import RoomCard
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store


class RoomCardsService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, room_id: int) -> RoomCard:
        """The room's card; an empty card if it has none yet."""
        with self.store.read() as conn:
            return room_cards.get_card(conn, room_id)

    def save(self, room_id: int, card: RoomCard) -> bool:
        """Store the card with its audit entry; returns False when nothing changed."""
        with self.store.write(Change(Topic.ROOM_CARDS, (room_id,))) as conn:
            return room_cards.save_card(conn, room_id, card, self.store.actor)

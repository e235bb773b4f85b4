"""Room cards (romkort): the door-sign fields kept per room, the card the registers propose,
the one comparison of the two (``domain.room_card_proposal.compare_card``) and accepting the
proposal field by field."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence

from vernetool.db.biology import uses as use_rows
from vernetool.db.chemicals import holdings as holding_rows
from vernetool.db.organisation import room_cards
from vernetool.db.organisation.rooms import get_room
from vernetool.db.radiation import sources as source_rows
from vernetool.db.radiation.sources import SourceFilter
from vernetool.domain.biology.model import AgentUse
from vernetool.domain.errors import NotFoundError, ValidationError
from vernetool.domain.organisation import RoomCard
from vernetool.domain.radiation.model import Source
from vernetool.domain.radiation.sources import is_held
from vernetool.domain.room_card_proposal import (
    HAZARDS_IN_WORDS,
    CardComparison,
    CardField,
    ProposalHolding,
    ProposalSource,
    ProposedCard,
    accept_field,
    compare_card,
    propose_card,
)
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store

#: the audit trail's entity and action for an accepted proposal
AUDIT_ENTITY = "room_card"
ACCEPT_ACTION = "accept_proposal"


def card_proposal(holdings: Iterable[ProposalHolding], sources: Iterable[Source],
                  agents: Iterable[AgentUse]) -> ProposedCard:
    """The card a room's registers propose, from what the room screen and the room JSON read
    anyway: its holdings, its held sources and its agent uses (not ended)."""
    return propose_card(
        holdings,
        [ProposalSource(str(s.kind), None if s.laser_class is None else str(s.laser_class))
         for s in sources],
        [int(a.risk_group) for a in agents])


def _read_proposal(conn: sqlite3.Connection, room_id: int) -> ProposedCard:
    holdings = holding_rows.room_holdings(conn, room_id)
    sources = [s for s in source_rows.list_sources(conn, SourceFilter(room_id=room_id))
               if is_held(s.dsa_status)]
    return card_proposal(holdings, sources, use_rows.list_uses(conn, room_id=room_id))


def _require_room(conn: sqlite3.Connection, room_id: int) -> None:
    if get_room(conn, room_id) is None:
        raise NotFoundError("room.no_such_id", room_id=room_id)


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

    def proposal(self, room_id: int, as_of: dt.date | None = None) -> ProposedCard:
        """The card the room's registers propose. The registers as they stand count (the
        holdings in use, the sources held, the agents not ended); ``as_of`` is taken for the
        room JSON's sake and changes none of them."""
        del as_of
        with self.store.read() as conn:
            _require_room(conn, room_id)
            return _read_proposal(conn, room_id)

    def comparison(self, room_id: int, as_of: dt.date | None = None) -> CardComparison:
        """The stored card against the proposal, field by field (an empty card when the room
        has none: every proposed field then disagrees)."""
        del as_of
        with self.store.read() as conn:
            _require_room(conn, room_id)
            return compare_card(room_cards.get_card(conn, room_id),
                                _read_proposal(conn, room_id))

    def accept(self, room_id: int, fields: Sequence[CardField | str]) -> RoomCard:
        """Accept the proposal for ``fields`` (``CardField`` keys) in one transaction: each
        field is made to agree with the registers as they stand in that transaction, keeping
        what a person wrote; the audit trail names the fields accepted. A room without a card
        gets one (when the registers propose anything for the fields). Returns the card as
        stored (unchanged, and nothing written, when the fields already agreed)."""
        from vernetool.i18n import render  # the special hazards' words, current language

        try:
            keys = list(dict.fromkeys(CardField(f) for f in fields))
        except ValueError:
            bad = next(str(f) for f in fields if f not in set(CardField))
            raise ValidationError("room_card.unknown_field", "fields", field=bad) from None
        words = {h: render(f"room_card.hazard_words.{h}") for h in HAZARDS_IN_WORDS}
        with self.store.write(Change(Topic.ROOM_CARDS, (room_id,))) as conn:
            _require_room(conn, room_id)
            card = room_cards.get_card(conn, room_id)
            proposal = _read_proposal(conn, room_id)
            accepted: list[str] = []
            for key in keys:
                changed = accept_field(card, proposal, key, words)
                if changed != card:
                    accepted.append(key.value)
                card = changed
            if accepted:
                room_cards.save_card(conn, room_id, card, self.store.actor,
                                     action=ACCEPT_ACTION, extra={"fields": accepted})
            return room_cards.get_card(conn, room_id)

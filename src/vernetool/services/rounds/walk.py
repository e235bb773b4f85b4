"""Walking a round: what a room asks and holds, and one answer (or comment, or value) at a time.

Answering is the walk's hot path (one key press): one write, and the statuses it left behind
come back with it, so the screen never repeats the rule that a first answer starts the room and
the round (``db.rounds.rounds.answer_item``/``save_answer`` hold it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from vernetool.db.organisation import responsibilities, room_cards
from vernetool.db.rounds import checklists, findings, registers, rounds
from vernetool.db.rounds.rounds import AnswerRecord, RoundRoom
from vernetool.domain.checklists import Item, Section
from vernetool.domain.organisation import Responsibility, ResponsibilityKind, RoomCard
from vernetool.domain.room_registers import RegisterFigures, register_figures
from vernetool.domain.rounds import Finding, Round, RoundStatus, VisitStatus
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store


@dataclass(frozen=True)
class Answered:
    """What an answer left behind: the entry's visit status and the round's status."""

    round_id: int
    room_status: VisitStatus
    round_status: RoundStatus


@dataclass(frozen=True)
class WalkOverview:
    """Everything the walk needs to open a round: the round, its entries and their counts."""

    round: Round
    rooms: list[RoundRoom]
    items_total: dict[int, int]   # round room id → items its checklist asks
    answered: dict[int, int]      # round room id → items answered


@dataclass(frozen=True)
class RoomContent:
    """One entry as the walk shows it: the checklist, stored answers, findings per item, and
    what the room's card and registers say (the figures beside the items that ask about
    them; empty for the unit-wide entry)."""

    sections: list[tuple[Section, list[Item]]]
    answers: dict[int, AnswerRecord]
    findings_by_item: dict[int, Finding]
    card: RoomCard = field(default_factory=RoomCard)
    figures: RegisterFigures = field(default_factory=RegisterFigures)


class RoundWalkService:
    def __init__(self, store: Store) -> None:
        self.store = store
        # template versions never change once used: one read per version for the session
        self._templates = checklists.TemplateCache(store.conn)

    # -- reading -------------------------------------------------------------------------------
    def overview(self, round_id: int) -> WalkOverview:
        with self.store.read() as conn:
            return WalkOverview(rounds.get_round(conn, round_id),
                                rounds.round_rooms(conn, round_id),
                                checklists.items_per_room(conn, round_id),
                                rounds.answer_counts(conn, round_id))

    def room_content(self, round_room_id: int, lang: str,
                     as_of: dt.date | None = None) -> RoomContent:
        """The entry as the walk shows it, with the room's card and register figures as they
        stand now (``as_of``, default today: the registers change between rounds)."""
        with self.store.read() as conn:
            room_id = rounds.room_of_entry(conn, round_room_id)
            held = None if room_id is None else registers.for_room(conn, room_id)
            sections = checklists.checklist_for_room(conn, round_room_id, self._templates,
                                                     held)
            by_item = {f.item_id: f for f in findings.findings_for_room(conn, round_room_id, lang)
                       if f.item_id is not None}
            answers = rounds.answers_for_room(conn, round_room_id)
            if room_id is None or held is None:
                return RoomContent(sections, answers, by_item)
            return RoomContent(sections, answers, by_item, room_cards.get_card(conn, room_id),
                               register_figures(held, as_of or dt.date.today()))

    def answers(self, round_room_id: int) -> dict[int, AnswerRecord]:
        with self.store.read() as conn:
            return rounds.answers_for_room(conn, round_room_id)

    def room_responsible(self, room_id: int, today: dt.date) -> Responsibility | None:
        with self.store.read() as conn:
            return responsibilities.current(conn, room_id, today).get(
                ResponsibilityKind.RESPONSIBLE)

    # -- writing -------------------------------------------------------------------------------
    def answer(self, round_room_id: int, item_id: int, answer: str | None) -> Answered:
        """Set an item's answer (its comment and value stay as stored)."""
        with self.store.write() as conn:
            rounds.answer_item(conn, round_room_id, item_id, self.store.actor, answer)
            done = Answered(*rounds.walk_state(conn, round_room_id))
        self.store.publish(Change(Topic.ROUNDS, (done.round_id,)))
        return done

    def save_field(self, round_room_id: int, item_id: int, field: str,
                   value: str | float | None) -> Answered:
        """Store one field of an item's answer (``comment``, ``value_number`` or
        ``value_text``); the answer and the other fields keep what is stored."""
        if field not in ("comment", "value_number", "value_text"):
            raise ValueError(f"not a field of an answer: {field}")
        with self.store.write() as conn:
            rounds.save_answer(conn, round_room_id, item_id, self.store.actor,
                               **{field: value})
            done = Answered(*rounds.walk_state(conn, round_room_id))
        self.store.publish(Change(Topic.ROUNDS, (done.round_id,)))
        return done

    def set_visit_status(self, round_room_id: int, status: VisitStatus) -> None:
        """Mark the entry done (or skipped, or back in progress)."""
        with self.store.write() as conn:
            rounds.set_visit_status(conn, round_room_id, status)
            round_id = rounds.walk_state(conn, round_room_id)[0]
        self.store.publish(Change(Topic.ROUNDS, (round_id,)))

"""Planning a round: what the plan dialog reads, and creating or changing a plan in one go."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vernetool.db import templates
from vernetool.db.organisation import responsibilities
from vernetool.db.organisation.rooms import RoomFilter, count_rooms, get_room, list_rooms
from vernetool.db.rounds import checklists, rounds
from vernetool.db.rounds.rounds import RoundRoom, RoundSummary
from vernetool.db.templates import TemplateSummary
from vernetool.domain.checklists import Item, Template
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import Room
from vernetool.domain.rounds import Round, RoundPlan, RoundStatus, VisitStatus, validate_plan
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store


@dataclass(frozen=True)
class Unanswered:
    """An entry of the round with checklist items not answered yet (a skipped room has
    none): each item with its number as the walk shows it ("2.3")."""

    room: RoundRoom
    items: list[tuple[str, Item]]
    asked: int   # how many items the entry's checklist asks


class RoundPlanningService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reading -------------------------------------------------------------------------------
    def list_rounds(self) -> list[RoundSummary]:
        with self.store.read() as conn:
            return rounds.list_rounds(conn)

    def get_round(self, round_id: int) -> Round:
        with self.store.read() as conn:
            return rounds.get_round(conn, round_id)

    def resolve(self, value: str | int) -> int:
        """``latest`` or a round id → the round id; LookupError when there is no such round."""
        with self.store.read() as conn:
            return rounds.resolve_round(conn, value)

    def round_rooms(self, round_id: int) -> list[RoundRoom]:
        with self.store.read() as conn:
            return rounds.round_rooms(conn, round_id)

    def unit_entry_id(self, round_id: int) -> int | None:
        with self.store.read() as conn:
            return rounds.unit_entry_id(conn, round_id)

    def planned_rooms(self, round_id: int) -> dict[int, Room]:
        """The rooms in the round's scope (room id → room), the unit-wide entry left out."""
        with self.store.read() as conn:
            chosen: dict[int, Room] = {}
            for rr in rounds.round_rooms(conn, round_id):
                if rr.room_id is not None and (room := get_room(conn, rr.room_id)) is not None:
                    chosen[rr.room_id] = room
            return chosen

    def find_rooms(self, flt: RoomFilter, limit: int) -> list[Room]:
        with self.store.read() as conn:
            return list_rooms(conn, flt, limit=limit)

    def count_rooms(self, flt: RoomFilter) -> int:
        with self.store.read() as conn:
            return count_rooms(conn, flt)

    def rooms_of_person(self, person_id: int, today: dt.date) -> set[int]:
        """The rooms the person is responsible for (in any way) on ``today``."""
        with self.store.read() as conn:
            return {room_id for room_id, _kind in
                    responsibilities.rooms_of_person(conn, person_id, today)}

    def latest_templates(self) -> list[TemplateSummary]:
        with self.store.read() as conn:
            return templates.latest_templates(conn)

    def template_for_room_type(self, room_type: str) -> Template | None:
        with self.store.read() as conn:
            return templates.template_for_room_type(conn, room_type)

    def unit_template(self) -> Template | None:
        with self.store.read() as conn:
            return templates.unit_template(conn)

    def unanswered(self, round_id: int) -> list[Unanswered]:
        """What the round has not answered yet, entry by entry in walking order (asked before
        the round is completed)."""
        with self.store.read() as conn:
            answered = rounds.answered_items(conn, round_id)
            asked = checklists.checklists_for_round(conn, round_id)
            result = []
            for rr in rounds.round_rooms(conn, round_id):
                if rr.status is VisitStatus.SKIPPED:
                    continue
                done = answered.get(rr.id, set())
                numbered = [(f"{s_no}.{i_no}", item) for s_no, (_, items) in enumerate(
                    asked.get(rr.id, []), start=1)
                    for i_no, item in enumerate(items, start=1)]
                missing = [(no, item) for no, item in numbered if item.id not in done]
                if missing:
                    result.append(Unanswered(rr, missing, len(numbered)))
            return result

    # -- writing -------------------------------------------------------------------------------
    def ensure_templates(self) -> None:
        """The built-in checklists, installed when the store has none yet."""
        with self.store.read() as conn:
            if templates.latest_templates(conn):
                return
        with self.store.write(Topic.TEMPLATES) as conn:
            templates.ensure_builtin(conn)

    def create(self, plan: RoundPlan) -> int:
        """A planned round with its participants, rooms and checklists; returns its id."""
        with self.store.write(Topic.ROUNDS) as conn:
            return rounds.create_round(conn, plan, self.store.actor)

    def update(self, round_id: int, plan: RoundPlan) -> None:
        """Change a round's plan to ``plan``, all or nothing: title, dates, notes, participants,
        the unit-wide checklist, rooms taken out (refused once answered) and rooms added."""
        validate_plan(plan)
        with self.store.write(Change(Topic.ROUNDS, (round_id,))) as conn:
            scope = rounds.round_rooms(conn, round_id)
            unit_entry = next((rr.id for rr in scope if rr.is_unit), None)
            if plan.unit_template is None and unit_entry is not None:
                try:
                    rounds.remove_room(conn, unit_entry)
                except ValidationError:
                    raise ValidationError("round.unit_checklist_answered",
                                          "unit_checklist") from None
            elif plan.unit_template is not None and unit_entry is None:
                rounds.add_unit_entry(conn, round_id, plan.unit_template)
            wanted = set(plan.room_ids)
            existing = {rr.room_id for rr in scope if rr.room_id is not None}
            for rr in scope:
                if rr.room_id is not None and rr.room_id not in wanted:
                    rounds.remove_room(conn, rr.id)
            rounds.update_notes(conn, round_id, pre_meeting=plan.pre_meeting_notes,
                                title=plan.title)
            rounds.update_dates(conn, round_id, plan.start_date, plan.end_date)
            rounds.set_participants(conn, round_id, plan.participants)
            new = [i for i in plan.room_ids if i not in existing]
            if new:
                rounds.add_rooms(conn, round_id, new, plan.templates)

    def set_status(self, round_id: int, target: RoundStatus) -> None:
        """Move the round along planned → in progress → completed → reported (or back once)."""
        with self.store.write(Change(Topic.ROUNDS, (round_id,))) as conn:
            rounds.set_status(conn, round_id, target, self.store.actor)

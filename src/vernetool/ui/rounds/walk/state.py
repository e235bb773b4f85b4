"""What the walk's parts share: the round, where the walker is, and the services.

One object, handed to every part in its constructor, instead of attributes that mixins set on
the view and read from each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from vernetool.context import AppContext
from vernetool.domain.organisation import Responsibility
from vernetool.domain.rounds import Round, RoundStatus, VisitStatus
from vernetool.services import Services
from vernetool.services.rounds import RoundRoom
from vernetool.services.rounds.walk import Answered
from vernetool.ui.common.own_writes import OwnWrites
from vernetool.ui.rounds.walk.item_row import ItemRow

FINISHED = (VisitStatus.DONE, VisitStatus.SKIPPED)


@dataclass
class WalkState:
    ctx: AppContext                    # for the pickers shared with other areas
    round_id: int
    today: dt.date
    round: Round
    rooms: list[RoundRoom]
    items_total: dict[int, int]        # round room id → items asked
    answered: dict[int, int]           # round room id → items answered
    room_index: int = -1
    rows: list[ItemRow] = field(default_factory=list)   # the current room's items
    current_row: int = -1
    responsible: Responsibility | None = None           # of the current room
    own_write: OwnWrites = field(default_factory=OwnWrites)  # writes of the walk in flight

    @classmethod
    def load(cls, ctx: AppContext, round_id: int, today: dt.date) -> WalkState:
        return cls(ctx, round_id, today, *_overview(ctx.services, round_id))

    @property
    def services(self) -> Services:
        return self.ctx.services

    def reload(self) -> None:
        self.round, self.rooms, self.items_total, self.answered = _overview(self.services,
                                                                            self.round_id)

    @property
    def read_only(self) -> bool:
        return self.round.status is RoundStatus.REPORTED

    @property
    def room(self) -> RoundRoom | None:
        return self.rooms[self.room_index] if 0 <= self.room_index < len(self.rooms) else None

    @property
    def row(self) -> ItemRow | None:
        return self.rows[self.current_row] if 0 <= self.current_row < len(self.rows) else None

    def set_room_status(self, status: VisitStatus) -> None:
        room = self.room
        if room is not None and room.status is not status:
            self.rooms[self.room_index] = replace(room, status=status)

    def apply(self, done: Answered) -> bool:
        """Take over the statuses an answer left; True when the round's status changed."""
        self.set_room_status(done.room_status)
        changed = self.round.status is not done.round_status
        self.round.status = done.round_status
        return changed



def _overview(services: Services, round_id: int
              ) -> tuple[Round, list[RoundRoom], dict[int, int], dict[int, int]]:
    o = services.walk.overview(round_id)
    return o.round, o.rooms, o.items_total, o.answered

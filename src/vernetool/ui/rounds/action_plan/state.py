"""What the action plan's parts share: the round shown, the day, and this screen's writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from vernetool.context import AppContext
from vernetool.domain.rounds import Round


@dataclass
class ActionPlanState:
    ctx: AppContext
    round_id: int
    today: dt.date
    round: Round
    own_writes: int = 0   # writes of this screen in flight: it shows them itself

    @contextmanager
    def own_write(self) -> Iterator[None]:
        self.own_writes += 1
        try:
            yield
        finally:
            self.own_writes -= 1

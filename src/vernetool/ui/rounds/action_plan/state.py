"""What the action plan's parts share: the round shown, the day, and this screen's writes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from vernetool.context import AppContext
from vernetool.domain.rounds import Round
from vernetool.ui.common.own_writes import OwnWrites


@dataclass
class ActionPlanState:
    ctx: AppContext
    round_id: int
    today: dt.date
    round: Round
    own_write: OwnWrites = field(default_factory=OwnWrites)  # it shows its own writes itself


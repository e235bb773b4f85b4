"""What rounds and deviations share about a measure (tiltak): how far it has come."""

from __future__ import annotations

from enum import StrEnum


class ActionStatus(StrEnum):
    """A measure's progress, the same for a round finding's action and a deviation's measure
    (the stored values of both tables)."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"

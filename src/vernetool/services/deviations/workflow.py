"""Moving a deviation through its workflow: accept, reject, transfer, close, reopen.

The rules (what each step needs, which steps are allowed) are the domain's
(``domain.deviations.rules.apply_status_change``); a refused step raises ``ValidationError``
naming the field and writes nothing. Every step is kept in the status history.
"""

from __future__ import annotations

import datetime as dt

from vernetool.db.deviations import records
from vernetool.domain.deviations.rules import (
    Deviation,
    DeviationStatus,
    StatusChange,
    allowed_transitions,
    note_required,
)
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store

__all__ = ["DeviationWorkflowService", "StatusChange"]


class DeviationWorkflowService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- what a step needs -------------------------------------------------------------------
    @staticmethod
    def next_steps(dev: Deviation) -> tuple[DeviationStatus, ...]:
        """The statuses the deviation may move to now (the buttons to offer)."""
        return allowed_transitions(dev.status)

    def open_measures(self, deviation_id: int) -> int:
        """How many of the deviation's measures are not done."""
        with self.store.read() as conn:
            return records.open_action_count(conn, deviation_id)

    def note_required(self, dev: Deviation, target: DeviationStatus) -> bool:
        """Whether the step to ``target`` needs a note saying why (reopening; closing with
        measures not done)."""
        if dev.id is None:
            return note_required(dev.status, target)
        open_actions = self.open_measures(dev.id) if target is DeviationStatus.CLOSED else 0
        return note_required(dev.status, target, open_actions=open_actions)

    # -- the steps ---------------------------------------------------------------------------
    def change_status(self, deviation_id: int, change: StatusChange, *,
                      today: dt.date | None = None) -> Deviation:
        """Apply ``change`` (the domain's rules decide); returns the deviation after it."""
        with self.store.write(Change(Topic.DEVIATIONS, (deviation_id,))) as conn:
            return records.change_status(conn, deviation_id, change, actor=self.store.actor,
                                         today=today)

    def accept(self, deviation_id: int, closing_deadline: dt.date, *, note: str = "",
               today: dt.date | None = None) -> Deviation:
        return self.change_status(deviation_id, StatusChange(
            DeviationStatus.ACCEPTED, note=note, closing_deadline=closing_deadline),
            today=today)

    def reject(self, deviation_id: int, reason: str, *, note: str = "",
               today: dt.date | None = None) -> Deviation:
        return self.change_status(deviation_id, StatusChange(
            DeviationStatus.REJECTED, note=note, reason=reason), today=today)

    def transfer(self, deviation_id: int, to: str, *, note: str = "",
                 today: dt.date | None = None) -> Deviation:
        return self.change_status(deviation_id, StatusChange(
            DeviationStatus.TRANSFERRED, note=note, transferred_to=to), today=today)

    def start_measures(self, deviation_id: int, *, today: dt.date | None = None) -> Deviation:
        return self.change_status(deviation_id, StatusChange(DeviationStatus.IN_PROGRESS),
                                  today=today)

    def close(self, deviation_id: int, *, on: dt.date | None = None, note: str = "",
              today: dt.date | None = None) -> Deviation:
        return self.change_status(deviation_id, StatusChange(
            DeviationStatus.CLOSED, note=note, on=on), today=today)

    def reopen(self, deviation_id: int, note: str, *,
               today: dt.date | None = None) -> Deviation:
        """Closed → in progress; rejected or transferred → registered (a note is needed)."""
        with self.store.write(Change(Topic.DEVIATIONS, (deviation_id,))) as conn:
            current = records.get_deviation(conn, deviation_id)
            closed = current is not None and current.status is DeviationStatus.CLOSED
            target = DeviationStatus.IN_PROGRESS if closed else DeviationStatus.REGISTERED
            return records.change_status(conn, deviation_id, StatusChange(target, note=note),
                                         actor=self.store.actor, today=today)

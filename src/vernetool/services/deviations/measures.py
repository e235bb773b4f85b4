"""A deviation's measures (tiltak) and their progress notes.

A change to a measure is a change to its deviation (adding one may start the measures,
and the list shows how many are open), so the notice is about the deviation.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from vernetool.db.deviations import actions
from vernetool.domain.deviations.rules import Action, ActionStatus
from vernetool.services.deviations.changes import writing
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store

__all__ = ["Action", "ActionStatus", "DeviationMeasuresService"]


class DeviationMeasuresService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def for_deviation(self, deviation_id: int) -> list[Action]:
        """The deviation's measures in the order they were added, each with its notes."""
        with self.store.read() as conn:
            return actions.list_actions(conn, deviation_id)

    def add(self, deviation_id: int, action: Action, *, today: dt.date | None = None) -> int:
        """A new measure; an accepted deviation moves to in progress with it. Returns its id."""
        with self.store.write(Change(Topic.DEVIATIONS, (deviation_id,))) as conn:
            return actions.add_action(conn, deviation_id, action, actor=self.store.actor,
                                      today=today)

    def update(self, action: Action, *, today: dt.date | None = None) -> None:
        """Save a measure's description, responsible, deadline and status."""
        if action.id is None:
            raise ValueError("update needs a measure with an id")
        changes: list[Change] = []
        with writing(self.store, changes) as conn:
            actions.update_action(conn, action, actor=self.store.actor, today=today)
            changes.append(self._change(conn, action.id))

    def set_status(self, action_id: int, status: ActionStatus, *, note: str = "",
                   today: dt.date | None = None) -> None:
        """Mark a measure open, in progress or done, with an optional progress note."""
        changes: list[Change] = []
        with writing(self.store, changes) as conn:
            actions.set_action_status(conn, action_id, status, actor=self.store.actor,
                                      note=note, today=today)
            changes.append(self._change(conn, action_id))

    def mark_done(self, action_id: int, *, today: dt.date | None = None) -> None:
        self.set_status(action_id, ActionStatus.DONE, today=today)

    def add_note(self, action_id: int, note: str) -> int:
        """A progress note on a measure; returns the note's id."""
        changes: list[Change] = []
        with writing(self.store, changes) as conn:
            note_id = actions.add_action_note(conn, action_id, note, actor=self.store.actor)
            changes.append(self._change(conn, action_id))
        return note_id

    @staticmethod
    def _change(conn: sqlite3.Connection, action_id: int) -> Change:
        deviation_id = actions.action_deviation_id(conn, action_id)
        return Change(Topic.DEVIATIONS, (deviation_id,) if deviation_id is not None else ())

"""Recording and editing a deviation: one call writes the record, its injury and, for one
made from a round finding, the link back from the finding, all in one transaction."""

from __future__ import annotations

import sqlite3

from vernetool.db.deviations import records
from vernetool.db.deviations.records import StatusHistoryEntry
from vernetool.db.organisation.rooms import get_room
from vernetool.db.organisation.units import list_units
from vernetool.db.rounds.findings import link_deviation
from vernetool.domain.deviations.rules import Deviation
from vernetool.domain.organisation import Unit
from vernetool.services.deviations.changes import writing
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store

__all__ = ["DeviationsService", "StatusHistoryEntry"]


class DeviationsService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- writing ---------------------------------------------------------------------------
    def record(self, dev: Deviation) -> int:
        """A new deviation (with its injury) and its first history entry; returns its id.

        With ``source_finding_id`` the finding is linked back to the new deviation in the same
        transaction: either both are written or neither.
        """
        finding_id = dev.source_finding_id
        changes: list[Change] = []
        with writing(self.store, changes) as conn:
            deviation_id = records.create_deviation(conn, dev, actor=self.store.actor)
            if finding_id is not None:
                link_deviation(conn, finding_id, deviation_id)
            changes.append(Change(Topic.DEVIATIONS, (deviation_id,)))
            if finding_id is not None:
                changes.append(Change(Topic.FINDINGS, (finding_id,)))
        return deviation_id

    def update(self, dev: Deviation) -> bool:
        """Save the edited fields and injury (the status goes through the workflow);
        returns whether anything changed."""
        if dev.id is None:
            raise ValueError("update needs a deviation with an id")
        changes: list[Change] = []
        with writing(self.store, changes) as conn:
            changed = records.update_deviation(conn, dev, actor=self.store.actor)
            if changed:
                changes.append(Change(Topic.DEVIATIONS, (dev.id,)))
        return changed

    def save(self, dev: Deviation) -> int:
        """Record a new deviation or save an edited one; returns its id."""
        if dev.id is None:
            return self.record(dev)
        self.update(dev)
        return dev.id

    # -- reading ---------------------------------------------------------------------------
    def get(self, deviation_id: int) -> Deviation | None:
        with self.store.read() as conn:
            return records.get_deviation(conn, deviation_id)

    def made_from_finding(self, finding_id: int) -> list[Deviation]:
        """Deviations recorded from a round finding (the link back from the finding)."""
        with self.store.read() as conn:
            return records.find_by_source_finding(conn, finding_id)

    def status_history(self, deviation_id: int) -> list[StatusHistoryEntry]:
        with self.store.read() as conn:
            return records.status_history(conn, deviation_id)

    def units(self) -> list[Unit]:
        """The units a deviation can be recorded for, by code."""
        with self.store.read() as conn:
            return list_units(conn)

    def unit_of_room(self, room_id: int | None) -> int | None:
        """The id of the unit a room belongs to (a new deviation's default unit)."""
        if room_id is None:
            return None
        with self.store.read() as conn:
            return _unit_id_of_room(conn, room_id)


def _unit_id_of_room(conn: sqlite3.Connection, room_id: int) -> int | None:
    room = get_room(conn, room_id)
    if room is None or not room.unit_code:
        return None
    return next((u.id for u in list_units(conn) if u.code == room.unit_code), None)

"""Findings of rounds: record and edit one, close or reopen it, re-check an earlier one."""

from __future__ import annotations

import datetime as dt

from vernetool.db.rounds import checklists, findings, registers, rounds
from vernetool.db.rounds.findings import Recheck
from vernetool.domain.room_registers import register_entries
from vernetool.domain.rounds import ActionStatus, Finding, RecheckOutcome
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store


class FindingsService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reading -------------------------------------------------------------------------------
    def get(self, finding_id: int, lang: str) -> Finding:
        with self.store.read() as conn:
            return findings.get_finding(conn, finding_id, lang)

    def carried(self, round_id: int, room_id: int | None, lang: str) -> list[Finding]:
        """Open findings of earlier rounds in this room (None: the unit) to re-check."""
        with self.store.read() as conn:
            return findings.carried_findings(conn, round_id, room_id, lang)

    def register_entries(self, round_room_id: int | None, room_id: int | None = None,
                         item_id: int | None = None) -> list[tuple[str, int, str]]:
        """(kind, id, label) of the register entries a finding in this round entry (or this
        room) can point at: the room's holdings in use, sources and agents, those the item
        (``item_id``) asks about first."""
        with self.store.read() as conn:
            if room_id is None and round_room_id is not None:
                room_id = rounds.room_of_entry(conn, round_room_id)
            if room_id is None:
                return []
            condition = "" if item_id is None else checklists.item_condition(conn, item_id)
            return register_entries(registers.for_room(conn, room_id), condition)

    def rechecks(self, round_id: int) -> dict[int, Recheck]:
        with self.store.read() as conn:
            return findings.rechecks_for_round(conn, round_id)

    def open_for_unit(self, unit_code: str | None, before: dt.date | None, lang: str
                      ) -> list[Finding]:
        """The unit's open findings from earlier rounds: the pre-meeting's status list."""
        with self.store.read() as conn:
            return findings.open_findings_for_unit(conn, unit_code, before=before, lang=lang)

    # -- writing -------------------------------------------------------------------------------
    def save(self, finding: Finding) -> int:
        """Record a new finding or save an edited one; returns its id."""
        with self.store.write() as conn:
            finding_id = findings.save_finding(conn, finding, self.store.actor)
        self.store.publish(Change(Topic.FINDINGS, (finding_id,)))
        return finding_id

    def set_action_status(self, finding_id: int, status: ActionStatus) -> None:
        with self.store.write(Change(Topic.FINDINGS, (finding_id,))) as conn:
            fresh = findings.get_finding(conn, finding_id)
            fresh.action_status = status
            findings.save_finding(conn, fresh, self.store.actor)

    def close(self, finding_id: int, note: str = "") -> None:
        """Close a finding whose action is done (follow-up outside a round)."""
        with self.store.write(Change(Topic.FINDINGS, (finding_id,))) as conn:
            findings.close_finding(conn, finding_id, self.store.actor, note.strip())

    def reopen(self, finding_id: int) -> None:
        with self.store.write(Change(Topic.FINDINGS, (finding_id,))) as conn:
            findings.reopen_finding(conn, finding_id, self.store.actor)

    def recheck(self, finding_id: int, round_id: int, outcome: RecheckOutcome,
                note: str = "") -> None:
        """An earlier finding looked at again in this round: closed, or kept open."""
        with self.store.write(Change(Topic.FINDINGS, (finding_id,))) as conn:
            findings.recheck(conn, finding_id, round_id, outcome, self.store.actor, note.strip())

"""The closing meeting and the action plan: its rows, closing notes, export, the round report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from vernetool.db.rounds import findings, rounds
from vernetool.domain.rounds import Finding, FindingStatus, RecheckOutcome, action_plan_order
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store


@dataclass(frozen=True)
class ActionPlanRows:
    """The round's own findings, then earlier findings it re-checked and kept open; each part
    in the report's order (severity, high first, then deadline)."""

    rows: list[Finding]
    carried: set[int]   # ids of the rows carried from earlier rounds


class ActionPlanService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def rows(self, round_id: int, lang: str) -> ActionPlanRows:
        with self.store.read() as conn:
            own = findings.findings_for_round(conn, round_id, lang)
            checks = findings.rechecks_for_round(conn, round_id)
            kept = [findings.get_finding(conn, fid, lang) for fid, c in checks.items()
                    if c.outcome is RecheckOutcome.KEPT]
        kept = sorted((f for f in kept if f.status is FindingStatus.OPEN), key=action_plan_order)
        return ActionPlanRows(sorted(own, key=action_plan_order) + kept,
                              {f.id for f in kept if f.id is not None})

    def save_closing_notes(self, round_id: int, text: str) -> None:
        with self.store.write(Change(Topic.ROUNDS, (round_id,))) as conn:
            rounds.update_notes(conn, round_id, closing=text)

    # -- files, written off the GUI thread on a read-only connection of their own -------------
    def export(self, round_id: int, out: Path, fmt: str, lang: str,
               today: dt.date | None = None) -> int:
        """Write the action plan as ``fmt`` (xlsx or csv); returns the number of actions."""
        from vernetool.exchange.action_plan_io import export_action_plan

        with self.store.reader() as conn:
            return export_action_plan(conn, round_id, out, fmt, lang, today)

    def write_report(self, round_id: int, out: Path, lang: str,
                     today: dt.date | None = None) -> Path:
        """The round's PDF report."""
        from vernetool.reports.round_report import write_round_report

        with self.store.reader() as conn:
            return write_round_report(conn, round_id, out, lang, self.store.data_dir, today)

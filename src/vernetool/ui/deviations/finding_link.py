"""A deviation made from an HSE round finding: the prefilled record and the finding's button."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QPushButton, QWidget

from vernetool.context import AppContext
from vernetool.domain.deviations.rules import Deviation, DeviationType
from vernetool.domain.rounds import Finding
from vernetool.i18n import tr
from vernetool.services import Change, Topic
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.deviations.dialog import DeviationDialog


def deviation_from_finding(ctx: AppContext, finding: Finding,
                           today: dt.date | None = None) -> Deviation:
    """A new hazard deviation prefilled from a saved round finding (linked on save)."""
    first_line = (finding.description.strip().splitlines() or [""])[0]
    title = (first_line or finding.item_text or tr("Finding")).strip()
    if len(title) > 120:
        title = title[:119].rstrip() + "…"
    parts = [finding.description.strip()]
    if finding.action.strip():
        parts.append(tr("Proposed action: {action}").format(action=finding.action.strip()))
    unit_id = ctx.services.deviations.unit_of_room(finding.room_id)
    return Deviation(DeviationType.HAZARD, title, today or dt.date.today(),
                     "\n\n".join(p for p in parts if p), room_id=finding.room_id,
                     unit_id=unit_id, source_finding_id=finding.id)


class FindingDeviationLink(QPushButton):
    """The finding dialog's "Make deviation…" button, or "Deviation N…" once linked."""

    def __init__(self, ctx: AppContext, finding: Finding, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.finding = finding
        self.setObjectName("makeDeviation")
        self.setAutoDefault(False)
        self.dialog: DeviationDialog | None = None
        self.clicked.connect(self.open)
        self.relay = ChangeRelay(ctx.services, self)
        self.relay.on((Topic.DEVIATIONS, Topic.FINDINGS), self._changed)
        self._update()

    def _changed(self, _change: Change) -> None:
        """A deviation made from this finding elsewhere (another window) links it here too."""
        if self.finding.id is None or self.finding.deviation_id is not None:
            return
        made = self.ctx.services.deviations.made_from_finding(self.finding.id)
        if made and made[0].id is not None:
            self.finding.deviation_id = made[0].id
            self._update()

    def _update(self) -> None:
        if self.finding.deviation_id is None:
            self.setText(tr("Make &deviation…"))
            self.setToolTip(tr("Record a deviation from this finding, linked both ways"))
        else:
            self.setText(tr("Deviation {id}").format(id=self.finding.deviation_id) + " …")
            self.setToolTip(tr("Edit deviation"))

    def open(self) -> None:
        if self.finding.deviation_id is not None:
            dev = self.ctx.services.deviations.get(self.finding.deviation_id)
        else:
            dev = deviation_from_finding(self.ctx, self.finding)
        dialog = DeviationDialog(self.ctx, dev, self.window())
        self.dialog = dialog
        if dialog.exec() and dialog.deviation_id is not None:
            self.finding.deviation_id = dialog.deviation_id
            self._update()

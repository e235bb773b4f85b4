"""The walk's re-check panel: open findings from earlier rounds, closed or kept per room."""

from __future__ import annotations

import datetime as dt
import sqlite3

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vernetool.db import findings
from vernetool.domain.errors import ValidationError
from vernetool.domain.rounds import Finding, RecheckOutcome
from vernetool.ui.i18n import language, tr
from vernetool.ui.round_walk_widgets import ITEM_POINT_SIZE, OVERDUE, finding_summary
from vernetool.ui.theme import MUTED


class CarriedFindingCard(QFrame):
    """An open finding from an earlier round of this room: close it or keep it open."""

    recheck = Signal(object, object, str)   # finding, RecheckOutcome, note

    def __init__(self, finding: Finding, outcome: RecheckOutcome | None, note: str,
                 today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finding = finding
        self.setObjectName("carriedCard")
        overdue = finding.is_overdue(today) and outcome is None
        self.setStyleSheet(
            "QFrame#carriedCard { background: #fff8e6; border: 1px solid #ecd9a6; "
            f"border-left: 5px solid {OVERDUE if overdue else '#d9a400'}; border-radius: 6px; }}")
        text = QLabel(finding.description)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        font = text.font()
        font.setPointSizeF(ITEM_POINT_SIZE)
        text.setFont(font)
        detail = QLabel(finding_summary(finding, today))
        detail.setTextFormat(Qt.TextFormat.PlainText)
        detail.setWordWrap(True)
        detail.setStyleSheet(f"color: {OVERDUE if overdue else MUTED};")
        self.note = QLineEdit(note)
        self.note.setPlaceholderText(tr("Note from the re-check (optional)"))
        self.close_button = QPushButton("✓  " + tr("Fixed — close"))
        self.keep_button = QPushButton(tr("Keep open"))
        for button in (self.close_button, self.keep_button):
            button.setMinimumHeight(30)
        self.close_button.clicked.connect(
            lambda: self.recheck.emit(self.finding, RecheckOutcome.CLOSED, self.note.text()))
        self.keep_button.clicked.connect(
            lambda: self.recheck.emit(self.finding, RecheckOutcome.KEPT, self.note.text()))
        self.outcome = QLabel()
        self.outcome.setStyleSheet("font-weight: bold;")
        if outcome is RecheckOutcome.CLOSED:
            self.outcome.setText("✓ " + tr("Closed in this round"))
            self.outcome.setStyleSheet("font-weight: bold; color: #2f7d32;")
        elif outcome is RecheckOutcome.KEPT:
            self.outcome.setText(tr("Kept open"))
            self.outcome.setStyleSheet("font-weight: bold; color: #8a4b00;")
        self.outcome.setVisible(outcome is not None)
        actions = QHBoxLayout()
        actions.addWidget(self.note, 1)
        actions.addWidget(self.outcome)
        actions.addWidget(self.close_button)
        actions.addWidget(self.keep_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(text)
        layout.addWidget(detail)
        layout.addLayout(actions)


class WalkRecheckMixin:
    """The carried-findings cards of RoundWalkView (uses its attributes)."""

    def _build_recheck_panel(self) -> None:
        self.carried_box = QWidget()
        # earlier findings scroll on their own past a few cards, so the checklist keeps room
        self.carried_scroll = QScrollArea()
        self.carried_scroll.setWidget(self.carried_box)
        self.carried_scroll.setWidgetResizable(True)
        self.carried_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.carried_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.carried_scroll.setMaximumHeight(230)
        self.carried_layout = QVBoxLayout(self.carried_box)
        self.carried_layout.setContentsMargins(0, 0, 0, 0)
        self.carried_layout.setSpacing(6)

    def _show_carried(self) -> None:
        room = self.room
        assert room is not None
        while self.carried_layout.count():
            child = self.carried_layout.takeAt(0).widget()
            if child is not None:
                child.deleteLater()
        carried = findings.carried_findings(self.ctx.conn, self.round_id, room.room_id,
                                            language())
        self.carried_cards: list[CarriedFindingCard] = []
        if not carried:
            self.carried_scroll.hide()
            return
        checks = findings.rechecks_for_round(self.ctx.conn, self.round_id)
        heading = QLabel(tr("Open findings from earlier rounds — check them again ({n})")
                         .format(n=len(carried)))
        heading.setStyleSheet("font-weight: bold; color: #8a4b00;")
        self.carried_layout.addWidget(heading)
        for finding in carried:
            check = checks.get(finding.id or 0)
            card = CarriedFindingCard(finding, check.outcome if check else None,
                                      check.note if check else "", self.today)
            card.recheck.connect(self._recheck)
            card.close_button.setEnabled(not self.read_only)
            card.keep_button.setEnabled(not self.read_only)
            self.carried_cards.append(card)
            self.carried_layout.addWidget(card)
        self.carried_layout.addStretch(1)
        # every card whole up to a limit (their close/keep buttons visible), more by scrolling
        needed = heading.sizeHint().height() + sum(
            card.sizeHint().height() + 6 for card in self.carried_cards) + 6
        self.carried_scroll.setMinimumHeight(min(needed, self.carried_scroll.maximumHeight()))
        self.carried_scroll.show()

    def _recheck(self, finding: Finding, outcome: RecheckOutcome, note: str) -> None:
        try:
            findings.recheck(self.ctx.conn, finding.id or 0, self.round_id, outcome,
                             self.ctx.actor, note.strip())
        except (sqlite3.Error, ValidationError) as exc:
            self.show_notice(tr("The re-check could not be saved: {error}").format(error=exc),
                             error=True)
            return
        self._show_carried()
        self.checklist.setFocus()


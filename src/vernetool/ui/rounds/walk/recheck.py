"""The walk's re-check panel: open findings from earlier rounds, closed or kept per room.

Compact so a small laptop keeps its height for the checklist: a count line that folds the
panel open or shut, and one line per earlier finding (description, deadline, note, outcome,
Close / Keep open); the full text is in the line's tooltip.
"""

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
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from vernetool.db.rounds import findings
from vernetool.domain.errors import ValidationError
from vernetool.domain.rounds import Finding, RecheckOutcome
from vernetool.i18n import language, tr
from vernetool.ui.common.labels import format_date, severity_label
from vernetool.ui.rounds.walk.widgets import OVERDUE, finding_summary
from vernetool.ui.shell.theme import MUTED

#: lines shown before the list scrolls; and the room-pane height under which the panel starts
#: folded (its count line stays, one key or click away)
VISIBLE_LINES = 3
FOLD_BELOW = 620


class ElidedLabel(QLabel):
    """One line of plain text cut with an ellipsis; never asks for more width than it gets."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = text
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(60)
        super().setText(text)

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: object) -> None:
        super().setText(self.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, max(self.width() - 2, 10)))
        super().resizeEvent(event)  # type: ignore[arg-type]


def short_detail(finding: Finding, today: dt.date) -> str:
    """The deadline (with OVERDUE) if there is one, else the severity: what fits on the line."""
    if finding.deadline:
        text = tr("Deadline {date}").format(date=format_date(finding.deadline))
        if finding.is_overdue(today):
            text += " — " + tr("OVERDUE")
        return text
    return tr("Severity: {severity}").format(severity=severity_label(finding.severity))


class CarriedFindingCard(QFrame):
    """An open finding from an earlier round of this room, on one line: close it or keep it."""

    recheck = Signal(object, object, str)   # finding, RecheckOutcome, note

    def __init__(self, finding: Finding, outcome: RecheckOutcome | None, note: str,
                 today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finding = finding
        self.setObjectName("carriedCard")
        overdue = finding.is_overdue(today) and outcome is None
        self.setStyleSheet(
            "QFrame#carriedCard { background: #fff8e6; border: 1px solid #ecd9a6; "
            f"border-left: 4px solid {OVERDUE if overdue else '#d9a400'}; border-radius: 4px; }}")
        self.setToolTip(finding.description + "\n" + finding_summary(finding, today))
        text = ElidedLabel(finding.description)
        font = text.font()
        font.setBold(True)
        text.setFont(font)
        detail = QLabel(short_detail(finding, today))
        detail.setTextFormat(Qt.TextFormat.PlainText)
        detail.setStyleSheet(f"color: {OVERDUE if overdue else MUTED};")
        self.note = QLineEdit(note)
        self.note.setPlaceholderText(tr("Note (optional)"))
        self.note.setToolTip(tr("Note from the re-check (optional)"))
        self.note.setCursorPosition(0)  # a narrow field shows the start of a saved note
        self.note.setMinimumWidth(100)
        self.note.setMaximumWidth(240)
        # short words on the line; the whole meaning in the tooltips
        self.close_button = QPushButton("✓  " + tr("Close"))
        self.close_button.setToolTip(tr("Fixed — close"))
        self.keep_button = QPushButton(tr("Keep open"))
        self.close_button.clicked.connect(
            lambda: self.recheck.emit(self.finding, RecheckOutcome.CLOSED, self.note.text()))
        self.keep_button.clicked.connect(
            lambda: self.recheck.emit(self.finding, RecheckOutcome.KEPT, self.note.text()))
        self.outcome = QLabel()
        self.outcome.setStyleSheet("font-weight: bold;")
        if outcome is RecheckOutcome.CLOSED:
            self.outcome.setText("✓ " + tr("Closed"))
            self.outcome.setToolTip(tr("Closed in this round"))
            self.outcome.setStyleSheet("font-weight: bold; color: #2f7d32;")
        elif outcome is RecheckOutcome.KEPT:
            self.outcome.setText(tr("Kept open"))
            self.outcome.setStyleSheet("font-weight: bold; color: #8a4b00;")
        self.outcome.setVisible(outcome is not None)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        layout.setSpacing(6)
        layout.addWidget(text, 3)
        layout.addWidget(detail)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.outcome)
        layout.addWidget(self.close_button)
        layout.addWidget(self.keep_button)


class WalkRecheckMixin:
    """The carried-findings panel of RoundWalkView (uses its attributes)."""

    def _build_recheck_panel(self) -> None:
        self._recheck_open: bool | None = None   # the user's choice; None: decided by height
        self.carried_panel = QWidget()
        self.carried_toggle = QPushButton()
        self.carried_toggle.setObjectName("carriedToggle")
        self.carried_toggle.setCheckable(True)
        self.carried_toggle.setSizePolicy(QSizePolicy.Policy.Expanding,
                                          QSizePolicy.Policy.Fixed)
        self.carried_toggle.setStyleSheet(
            "QPushButton#carriedToggle { font-weight: bold; color: #8a4b00; text-align: left;"
            " border: none; background: transparent; padding: 2px 2px; }"
            "QPushButton#carriedToggle:focus { background: #fff1cc; }")
        self.carried_toggle.toggled.connect(self._fold_recheck)
        self.carried_box = QWidget()
        # earlier findings scroll on their own past a few lines, so the checklist keeps room
        self.carried_scroll = QScrollArea()
        self.carried_scroll.setWidget(self.carried_box)
        self.carried_scroll.setWidgetResizable(True)
        self.carried_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.carried_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.carried_layout = QVBoxLayout(self.carried_box)
        self.carried_layout.setContentsMargins(0, 0, 0, 0)
        self.carried_layout.setSpacing(3)
        panel = QVBoxLayout(self.carried_panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.setSpacing(2)
        panel.addWidget(self.carried_toggle)
        panel.addWidget(self.carried_scroll)
        self.carried_cards: list[CarriedFindingCard] = []

    def _show_carried(self) -> None:
        room = self.room
        assert room is not None
        while self.carried_layout.count():
            child = self.carried_layout.takeAt(0).widget()
            if child is not None:
                child.deleteLater()
        carried = findings.carried_findings(self.ctx.conn, self.round_id, room.room_id,
                                            language())
        self.carried_cards = []
        if not carried:
            self.carried_panel.hide()
            return
        checks = findings.rechecks_for_round(self.ctx.conn, self.round_id)
        for finding in carried:
            check = checks.get(finding.id or 0)
            card = CarriedFindingCard(finding, check.outcome if check else None,
                                      check.note if check else "", self.today)
            card.recheck.connect(self._recheck)
            card.close_button.setEnabled(not self.read_only)
            card.keep_button.setEnabled(not self.read_only)
            self.carried_cards.append(card)
            self.carried_layout.addWidget(card)
        # exactly as high as its lines up to a limit: no blank band under the last one
        line = max(card.sizeHint().height() for card in self.carried_cards)
        shown = min(len(self.carried_cards), VISIBLE_LINES)
        self.carried_scroll.setFixedHeight(shown * line + (shown - 1) * 3)
        self._open_count = sum(1 for f in carried if (f.id or 0) not in checks)
        self._carried_total = len(carried)
        self.carried_panel.show()
        self._auto_fold()

    def _auto_fold(self) -> None:
        """Open while findings wait for a re-check and the pane is tall enough (or as the
        user last chose); a short laptop screen starts with just the count line."""
        if not self.carried_cards:
            return
        expand = self._recheck_open
        if expand is None:
            expand = self._open_count > 0 and self.room_pane.height() >= FOLD_BELOW
        if expand != self.carried_toggle.isChecked() or self.carried_scroll.isHidden() == expand:
            self.carried_toggle.blockSignals(True)
            self.carried_toggle.setChecked(expand)
            self.carried_toggle.blockSignals(False)
            self._fold_recheck(expand, remember=False)
        else:
            self._fold_recheck(expand, remember=False)

    def toggle_recheck(self) -> None:
        """Ctrl+R: open the panel and go to the first finding, or fold it and go back."""
        if not self.carried_cards or self.carried_panel.isHidden():
            return
        if self.carried_scroll.isHidden():
            self.carried_toggle.setChecked(True)
            first = next((c for c in self.carried_cards if c.outcome.isHidden()),
                         self.carried_cards[0])
            self.carried_scroll.ensureWidgetVisible(first)
            first.note.setFocus()
        else:
            self.carried_toggle.setChecked(False)
            self.checklist.setFocus()

    def _fold_recheck(self, expand: bool, remember: bool = True) -> None:
        if remember:
            self._recheck_open = expand
        total, left = getattr(self, "_carried_total", 0), getattr(self, "_open_count", 0)
        if left:
            text = (tr("1 earlier finding to re-check") if left == 1
                    else tr("{n} earlier findings to re-check").format(n=left))
        else:
            text = "✓ " + (tr("1 earlier finding re-checked") if total == 1
                           else tr("{n} earlier findings re-checked").format(n=total))
        self.carried_toggle.setText(("▾  " if expand else "▸  ") + text)
        self.carried_toggle.setToolTip(tr("Show or hide the open findings from earlier rounds "
                                          "(Ctrl+R)"))
        self.carried_scroll.setVisible(expand)

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


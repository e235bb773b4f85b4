"""The walk's re-check panel: open findings from earlier rounds, closed or kept per room.

Compact so a small laptop keeps its height for the checklist: a count line that folds the
panel open or shut, and one line per earlier finding (description, deadline, note, outcome,
Close / Keep open); the full text is in the line's tooltip.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
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

from vernetool.domain.errors import ValidationError
from vernetool.domain.rounds import Finding, RecheckOutcome
from vernetool.i18n import language, tr
from vernetool.ui.common.elided_label import ElidedLabel
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.labels import format_date, severity_label
from vernetool.ui.rounds.walk.state import WalkState
from vernetool.ui.rounds.walk.widgets import OVERDUE, finding_summary
from vernetool.ui.shell.theme import (
    MUTED,
    ROUND_CARRIED_BG,
    ROUND_CARRIED_BORDER,
    ROUND_CARRIED_EDGE,
    ROUND_CARRIED_FOCUS,
    ROUND_CARRIED_TEXT,
    SUCCESS,
)

#: lines shown before the list scrolls; and the room-pane height under which the panel starts
#: folded (its count line stays, one key or click away)
VISIBLE_LINES = 3
FOLD_BELOW = 620


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
            f"QFrame#carriedCard {{ background: {ROUND_CARRIED_BG}; "
            f"border: 1px solid {ROUND_CARRIED_BORDER}; "
            f"border-left: 4px solid {OVERDUE if overdue else ROUND_CARRIED_EDGE}; "
            "border-radius: 4px; }")
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
            self.outcome.setStyleSheet(f"font-weight: bold; color: {SUCCESS};")
        elif outcome is RecheckOutcome.KEPT:
            self.outcome.setText(tr("Kept open"))
            self.outcome.setStyleSheet(f"font-weight: bold; color: {ROUND_CARRIED_TEXT};")
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


class RecheckPart(QObject):
    """The panel of earlier findings to re-check in the current room (Ctrl+R folds it)."""

    notice = Signal(str, bool)   # text, is an error
    finished = Signal()          # a re-check was stored, or the panel was folded: back to work

    def __init__(self, state: WalkState, pane_height: Callable[[], int],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self._window = parent
        self._pane_height = pane_height
        self._user_open: bool | None = None   # the user's choice; None: decided by height
        self._open_count = 0
        self._total = 0
        self.panel = QWidget()
        self.toggle = QPushButton()
        self.toggle.setObjectName("carriedToggle")
        self.toggle.setCheckable(True)
        self.toggle.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.toggle.setStyleSheet(
            f"QPushButton#carriedToggle {{ font-weight: bold; color: {ROUND_CARRIED_TEXT}; "
            "text-align: left; border: none; background: transparent; padding: 2px 2px; }"
            f"QPushButton#carriedToggle:focus {{ background: {ROUND_CARRIED_FOCUS}; }}")
        self.toggle.toggled.connect(self._fold)
        self.box = QWidget()
        # earlier findings scroll on their own past a few lines, so the checklist keeps room
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.box)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cards_layout = QVBoxLayout(self.box)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.setSpacing(3)
        panel = QVBoxLayout(self.panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.setSpacing(2)
        panel.addWidget(self.toggle)
        panel.addWidget(self.scroll)
        self.cards: list[CarriedFindingCard] = []

    def show_room(self) -> None:
        state = self.state
        room = state.room
        assert room is not None
        while self.cards_layout.count():
            taken = self.cards_layout.takeAt(0)
            child = taken.widget() if taken is not None else None
            if child is not None:
                child.deleteLater()
        services = state.services.findings
        carried = services.carried(state.round_id, room.room_id, language())
        self.cards = []
        if not carried:
            self.panel.hide()
            return
        checks = services.rechecks(state.round_id)
        for finding in carried:
            check = checks.get(finding.id or 0)
            card = CarriedFindingCard(finding, check.outcome if check else None,
                                      check.note if check else "", state.today)
            card.recheck.connect(self._recheck)
            card.close_button.setEnabled(not state.read_only)
            card.keep_button.setEnabled(not state.read_only)
            self.cards.append(card)
            self.cards_layout.addWidget(card)
        # exactly as high as its lines up to a limit: no blank band under the last one
        line = max(card.sizeHint().height() for card in self.cards)
        shown = min(len(self.cards), VISIBLE_LINES)
        self.scroll.setFixedHeight(shown * line + (shown - 1) * 3)
        self._open_count = sum(1 for f in carried if (f.id or 0) not in checks)
        self._total = len(carried)
        self.panel.show()
        self.auto_fold()

    def auto_fold(self) -> None:
        """Open while findings wait for a re-check and the pane is tall enough (or as the
        user last chose); a short laptop screen starts with just the count line."""
        if not self.cards:
            return
        expand = self._user_open
        if expand is None:
            expand = self._open_count > 0 and self._pane_height() >= FOLD_BELOW
        if expand != self.toggle.isChecked():
            self.toggle.blockSignals(True)
            self.toggle.setChecked(expand)
            self.toggle.blockSignals(False)
        self._fold(expand, remember=False)

    def toggle_open(self) -> None:
        """Ctrl+R: open the panel and go to the first finding, or fold it and go back."""
        if not self.cards or self.panel.isHidden():
            return
        if self.scroll.isHidden():
            self.toggle.setChecked(True)
            first = next((c for c in self.cards if c.outcome.isHidden()), self.cards[0])
            self.scroll.ensureWidgetVisible(first)
            first.note.setFocus()
        else:
            self.toggle.setChecked(False)
            self.finished.emit()

    def _fold(self, expand: bool, remember: bool = True) -> None:
        if remember:
            self._user_open = expand
        total, left = self._total, self._open_count
        if left:
            text = (tr("1 earlier finding to re-check") if left == 1
                    else tr("{n} earlier findings to re-check").format(n=left))
        else:
            text = "✓ " + (tr("1 earlier finding re-checked") if total == 1
                           else tr("{n} earlier findings re-checked").format(n=total))
        self.toggle.setText(("▾  " if expand else "▸  ") + text)
        self.toggle.setToolTip(tr("Show or hide the open findings from earlier rounds "
                                  "(Ctrl+R)"))
        self.scroll.setVisible(expand)

    def _recheck(self, finding: Finding, outcome: RecheckOutcome, note: str) -> None:
        state = self.state
        try:
            with reported(self._window) as stored, state.own_write():
                state.services.findings.recheck(finding.id or 0, state.round_id, outcome, note)
        except ValidationError as exc:
            self.notice.emit(tr("The re-check could not be saved: {error}").format(error=exc),
                             True)
            return
        if not stored:
            return
        self.show_room()
        self.finished.emit()

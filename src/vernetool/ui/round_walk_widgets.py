"""Parts of the walk view: one checklist item row, the keyboard-driven checklist, status icons,
and the card of an earlier finding to re-check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QKeyEvent, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
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

from vernetool.domain.checklists import Item, ValueKind
from vernetool.domain.rounds import Finding, RecheckOutcome
from vernetool.ui.i18n import language, tr
from vernetool.ui.labels import answer_label, format_date, severity_label
from vernetool.ui.theme import ACCENT, BORDER, MUTED

COMMIT_DELAY_MS = 600  # a typing pause this long commits the comment (crash loses < 1 s)
ITEM_POINT_SIZE = 11.0
ANSWER_KEYS = {Qt.Key.Key_1: "ok", Qt.Key.Key_2: "improve", Qt.Key.Key_3: "not_relevant"}
ANSWER_ORDER = ("ok", "improve", "not_relevant")
ANSWER_COLOURS = {"ok": "#2f7d32", "improve": "#c25e00", "not_relevant": "#5a6472"}
OVERDUE = "#a4262c"


def status_icon(status: str, size: int = 18) -> QIcon:
    """A small round mark: grey ring (not started), amber dot (in progress), green tick (done)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(2, 2, size - 4, size - 4)
    if status == "done":
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#2f7d32"))
        p.drawEllipse(rect)
        pen = QPen(QColor("white"), size / 9)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        path = QPainterPath(QPointF(size * 0.3, size * 0.52))
        path.lineTo(QPointF(size * 0.45, size * 0.67))
        path.lineTo(QPointF(size * 0.72, size * 0.36))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
    elif status == "in_progress":
        p.setPen(QPen(QColor("#c98a00"), 2))
        p.setBrush(QColor("#f2b632"))
        p.drawEllipse(rect)
    elif status == "skipped":
        p.setPen(QPen(QColor("#9aa3ae"), 2))
        p.drawEllipse(rect)
        p.drawLine(QPointF(size * 0.3, size * 0.5), QPointF(size * 0.7, size * 0.5))
    else:
        p.setPen(QPen(QColor("#9aa3ae"), 2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(rect)
    p.end()
    return QIcon(pixmap)


def finding_summary(finding: Finding, today: dt.date) -> str:
    """'Tiltak: … · Ansvarlig: … · Frist 01.02.2026 (forfalt)' for a one-line display."""
    parts = []
    if finding.action:
        parts.append(tr("Action: {text}").format(text=finding.action))
    if finding.responsible_name:
        parts.append(tr("Responsible: {name}").format(name=finding.responsible_name))
    if finding.deadline:
        deadline = tr("Deadline {date}").format(date=format_date(finding.deadline))
        if finding.is_overdue(today):
            deadline += " — " + tr("OVERDUE")
        parts.append(deadline)
    parts.append(tr("Severity: {severity}").format(severity=severity_label(finding.severity)))
    return " · ".join(parts)


class ClickableLabel(QLabel):
    clicked = Signal()

    def mousePressEvent(self, event: object) -> None:
        self.clicked.emit()


class ItemRow(QFrame):
    """One checklist item: its text, three answer buttons, a value and a comment field."""

    answer_clicked = Signal(object, str)       # row, answer
    clicked = Signal(object)                   # row
    comment_committed = Signal(object, str)    # row, text
    value_committed = Signal(object, str)      # row, text as typed
    finding_clicked = Signal(object)           # row
    leave_field = Signal(object, int)          # row, step (-1 up, 0 stay, +1 down)

    def __init__(self, item: Item, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.answer: str | None = None
        self.finding: Finding | None = None
        self._current = False
        self.setObjectName("itemRow")
        self.setFrameShape(QFrame.Shape.NoFrame)
        lang = language()

        self.number = QLabel(number)
        self.number.setStyleSheet(f"color: {MUTED};")
        self.number.setFixedWidth(34)
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(item.text(lang))
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        font = self.text.font()
        font.setPointSizeF(ITEM_POINT_SIZE)
        self.text.setFont(font)
        self.number.setFont(font)
        guidance = item.guidance(lang)
        if guidance:
            self.text.setToolTip(guidance)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        self.buttons: dict[str, QPushButton] = {}
        buttons_row = QHBoxLayout()
        buttons_row.setSpacing(4)
        for key, answer in enumerate(ANSWER_ORDER, start=1):
            button = QPushButton(f"{key}  {answer_label(answer)}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(34)
            button.setMinimumWidth(64)
            button.setToolTip(tr("Key {key}").format(key=key))
            colour = ANSWER_COLOURS[answer]
            button.setStyleSheet(
                "QPushButton { border: 1px solid #c3cad4; border-radius: 5px; "
                "background: white; padding: 2px 10px; }"
                "QPushButton:hover { border-color: #7b8594; }"
                f"QPushButton:checked {{ background: {colour}; color: white; "
                f"border-color: {colour}; }}")
            button.clicked.connect(lambda _c=False, a=answer: self.answer_clicked.emit(self, a))
            self.buttons[answer] = button
            buttons_row.addWidget(button)

        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.number, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.text, 1)
        top.addLayout(buttons_row)

        self.value: QLineEdit | None = None
        details = QHBoxLayout()
        details.setContentsMargins(44, 0, 0, 0)
        if ValueKind(item.value_kind) is not ValueKind.NONE:
            self.value = QLineEdit()
            self.value.setPlaceholderText(item.value_label(lang))
            self.value.setToolTip(item.value_label(lang))
            self.value.setMaximumWidth(220)
            self.value.installEventFilter(self)
            self._value_timer = self._debounce(lambda: self._commit_value())
            self.value.textEdited.connect(lambda _t: self._value_timer.start())
            self.value.editingFinished.connect(self._commit_value)
            details.addWidget(self.value)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(tr("Comment (Ctrl+M)"))
        self.comment.installEventFilter(self)
        self._comment_timer = self._debounce(lambda: self._commit_comment())
        self.comment.textEdited.connect(lambda _t: self._comment_timer.start())
        self.comment.editingFinished.connect(self._commit_comment)
        details.addWidget(self.comment, 1)
        self.details = QWidget()
        self.details.setLayout(details)
        self._saved_comment = ""
        self._saved_value = ""

        self.finding_label = ClickableLabel()
        self.finding_label.setWordWrap(True)
        self.finding_label.setTextFormat(Qt.TextFormat.PlainText)
        self.finding_label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.finding_label.setStyleSheet("color: #8a4b00; padding-left: 44px;")
        self.finding_label.clicked.connect(lambda: self.finding_clicked.emit(self))
        self.finding_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.details)
        layout.addWidget(self.finding_label)
        self._restyle()

    def _debounce(self, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(COMMIT_DELAY_MS)
        timer.timeout.connect(slot)
        return timer

    # -- state shown ------------------------------------------------------------------------
    def set_answer(self, answer: str | None) -> None:
        self.answer = answer
        for key, button in self.buttons.items():
            button.setChecked(key == answer)
        self._restyle()

    def set_stored(self, comment: str, value: str) -> None:
        self.comment.setText(comment)
        self._saved_comment = comment
        if self.value is not None:
            self.value.setText(value)
            self._saved_value = value
        self._restyle()

    def set_finding(self, finding: Finding | None, today: dt.date) -> None:
        self.finding = finding
        if finding is None:
            if self.answer == "improve":
                self.finding_label.setText("⚠  " + tr("No finding recorded yet — press 2 or "
                                                      "click here to describe it"))
                self.finding_label.show()
            else:
                self.finding_label.hide()
            return
        self.finding_label.setText("⚑  " + tr("Finding: {text}").format(
            text=finding.description.splitlines()[0][:90]) + "  ·  "
            + finding_summary(finding, today))
        self.finding_label.setToolTip(tr("Click to edit the finding"))
        self.finding_label.show()

    def set_current(self, current: bool) -> None:
        self._current = current
        self._restyle()

    def _restyle(self) -> None:
        show_details = (self._current or bool(self.comment.text())
                        or (self.value is not None and bool(self.value.text())))
        if self.details.isHidden() == show_details:
            self.details.setVisible(show_details)
        self.update()

    def paintEvent(self, event: object) -> None:
        """The row's card: painted, not style-sheeted, so answering stays instant."""
        if self._current:
            fill, edge, bar = "#e8f1fb", "#9cc0e6", ACCENT
        elif self.answer:
            fill, edge, bar = "#fbfcfd", "#eef1f5", ANSWER_COLOURS[self.answer]
        else:
            fill, edge, bar = "#ffffff", BORDER, "#d5dbe3"
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        card = QPainterPath()
        card.addRoundedRect(rect, 6, 6)
        strip = QPainterPath()
        strip.addRect(QRectF(rect.left(), rect.top(), 5, rect.height()))
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillPath(card, QColor(fill))
        p.fillPath(card.intersected(strip), QColor(bar))
        p.strokePath(card, QPen(QColor(edge), 1))
        p.end()

    # -- committing typed text ----------------------------------------------------------------
    def _commit_comment(self) -> None:
        self._comment_timer.stop()
        text = self.comment.text()
        if text != self._saved_comment:
            self._saved_comment = text
            self.comment_committed.emit(self, text)

    def _commit_value(self) -> None:
        if self.value is None:
            return
        self._value_timer.stop()
        text = self.value.text()
        if text != self._saved_value:
            self._saved_value = text
            self.value_committed.emit(self, text)

    def flush(self) -> None:
        """Commit typed text now (before leaving the room or closing)."""
        self._commit_comment()
        self._commit_value()

    def value_rejected(self, message: str) -> None:
        assert self.value is not None
        self._saved_value = ""  # so a corrected value is committed
        self.value.setStyleSheet("border: 2px solid #a4262c;")
        self.value.setToolTip(message)

    def value_accepted(self) -> None:
        if self.value is not None:
            self.value.setStyleSheet("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In a field: Enter/Esc go back to the list, Up/Down move to the item above/below."""
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QLineEdit):
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape) and \
                    not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.flush()
                self.leave_field.emit(self, 0)
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.flush()
                self.leave_field.emit(self, -1 if key == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(watched, event)

    def mousePressEvent(self, event: object) -> None:
        self.clicked.emit(self)
        super().mousePressEvent(event)  # type: ignore[arg-type]


class ChecklistPane(QScrollArea):
    """The room's checklist; takes the walk keys while it has focus.

    1 / 2 / 3 answer the current item, Up/Down move, Enter goes to the next item, Tab or
    Ctrl+M go into the comment field.
    """

    answer_key = Signal(str)
    move = Signal(int)
    edit_comment = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setObjectName("checklistPane")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def focusNextPrevChild(self, next: bool) -> bool:
        if next and self.hasFocus():
            self.edit_comment.emit()
            return True
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.NoModifier:
            if key in ANSWER_KEYS:
                self.answer_key.emit(ANSWER_KEYS[key])
                return
            if key == Qt.Key.Key_Down:
                self.move.emit(1)
                return
            if key == Qt.Key.Key_Up:
                self.move.emit(-1)
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.move.emit(1)
                return
        super().keyPressEvent(event)


class SectionHeader(QLabel):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        font = self.font()
        font.setPointSizeF(ITEM_POINT_SIZE + 1)
        font.setWeight(QFont.Weight.DemiBold)
        self.setFont(font)
        self.setStyleSheet(f"color: {ACCENT}; padding: 12px 2px 2px 2px;")


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

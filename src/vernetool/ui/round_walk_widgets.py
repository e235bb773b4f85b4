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


_ICONS: dict[tuple[str, int], QIcon] = {}


def status_icon(status: str, size: int = 18) -> QIcon:
    """A small round mark: grey ring (not started), amber dot (in progress), green tick (done).
    Drawn once per status and size."""
    icon = _ICONS.get((status, size))
    if icon is None:
        icon = _ICONS[(status, size)] = _draw_status_icon(status, size)
    return icon


def _draw_status_icon(status: str, size: int) -> QIcon:
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


class PaintedText(QWidget):
    """Text that changes on every answer without asking for a new layout: it is painted into
    a fixed number of lines (a QLabel's setText makes the whole window lay itself out again).
    Longer text is elided; the full text is in the tooltip."""

    def __init__(self, lines: int = 1, *, min_text: str = "",
                 align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._lines = lines
        self._align = align
        self._min_text = min_text
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._fit()

    def _fit(self) -> None:
        metrics = self.fontMetrics()
        self.setFixedHeight(self._lines * metrics.lineSpacing() + 2)
        self.setMinimumWidth(metrics.horizontalAdvance(self._min_text) + 4
                             if self._min_text else 40)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit()
        super().changeEvent(event)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.setToolTip(text if self._lines > 1 else "")
            self.update()

    def paintEvent(self, event: object) -> None:
        p = QPainter(self)
        p.setPen(self.palette().color(self.foregroundRole()))
        rect = self.rect().adjusted(2, 0, -2, 0)
        flags = int(self._align | Qt.AlignmentFlag.AlignTop)
        if self._lines > 1:
            flags |= int(Qt.TextFlag.TextWordWrap)
            text = self._text
            bound = p.boundingRect(rect, flags, text)
            if bound.height() > rect.height():  # too long: cut at the last line, with an ellipsis
                text = self.fontMetrics().elidedText(
                    text, Qt.TextElideMode.ElideRight, rect.width() * self._lines - 40)
        else:
            flags |= int(Qt.AlignmentFlag.AlignVCenter)
            text = self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight,
                                                 rect.width())
        p.drawText(rect, flags, text)
        p.end()


class ClickableLabel(QLabel):
    clicked = Signal()

    def mousePressEvent(self, event: object) -> None:
        self.clicked.emit()


class ItemRow(QFrame):
    """One checklist item: its text, three answer buttons, the stored comment and value, and
    its finding. The comment and value are typed in the walk's item editor (one for all rows),
    so moving from row to row never changes a row's height (no relayout of the checklist)."""

    answer_clicked = Signal(object, str)       # row, answer
    clicked = Signal(object)                   # row
    finding_clicked = Signal(object)           # row

    def __init__(self, item: Item, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.answer: str | None = None
        self.finding: Finding | None = None
        self.comment_text = ""
        self.value_text = ""
        self._current = False
        self.setObjectName("itemRow")
        self.setFrameShape(QFrame.Shape.NoFrame)
        lang = language()

        self.number_text = number
        guidance_text = item.guidance(lang)
        # what the item editor shows for this row, made once (moving must stay instant)
        self.guidance_text = tr("Guidance: {text}").format(text=guidance_text) \
            if guidance_text else tr("{number} {text}").format(number=number,
                                                               text=item.text(lang))
        self.has_value = ValueKind(item.value_kind) is not ValueKind.NONE
        self.comment_label = tr("Comment on {number}:").format(number=number)
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

        # the stored value and comment, shown under the text once there are any
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {MUTED}; padding-left: 44px;")
        self.note.hide()

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
        layout.addWidget(self.note)
        layout.addWidget(self.finding_label)

    # -- state shown ------------------------------------------------------------------------
    def set_answer(self, answer: str | None) -> None:
        """Show the answer; also undoes a button's own toggle when the answer was not saved."""
        changed = answer != self.answer
        self.answer = answer
        for key, button in self.buttons.items():
            checked = key == answer
            if button.isChecked() != checked:
                button.setChecked(checked)
        if changed:
            self.update()

    def set_stored(self, comment: str, value: str) -> None:
        """The comment and value as stored (shown under the item text)."""
        self.comment_text, self.value_text = comment, value
        parts = []
        if value.strip():
            parts.append(f"{self.item.value_label(language()) or tr('Value')}: {value.strip()}")
        if comment.strip():
            parts.append(tr("Comment: {text}").format(text=comment.strip()))
        text = "  ·  ".join(parts)
        if text != self.note.text():
            self.note.setText(text)
        if self.note.isHidden() == bool(text):
            self.note.setVisible(bool(text))

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
        if current != self._current:
            self._current = current
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

    def mousePressEvent(self, event: object) -> None:
        self.clicked.emit(self)
        super().mousePressEvent(event)  # type: ignore[arg-type]


class ItemEditor(QFrame):
    """Under the checklist: the current item's guidance, value and comment.

    One editor for all rows, with a fixed height, so moving from item to item only swaps
    texts (no relayout). Typed text is committed after a short pause, on Enter/Esc, on
    Up/Down (which also move to the item above/below) and before the current item changes.
    """

    comment_committed = Signal(object, str)    # row, text
    value_committed = Signal(object, str)      # row, text as typed
    leave = Signal(int)                        # step: -1 up, 0 stay, +1 down

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row: ItemRow | None = None
        self.setObjectName("itemEditor")
        self.setStyleSheet("QFrame#itemEditor { background: #f3f6fa; border: 1px solid "
                           "#dde3ea; border-radius: 6px; }")
        self.number = QLabel(tr("Comment on {number}:").format(number="99.99"))
        self.number.setFixedSize(self.number.sizeHint())  # fixed: a new number moves nothing
        self.guidance = PaintedText(2)
        self.guidance.setStyleSheet("color: #33404d;")
        self.guidance.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.value_label = QLabel()
        self.value = QLineEdit()
        self.value.setFixedWidth(120)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(tr("Comment (Ctrl+M)"))
        self._comment_timer = self._debounce(self.commit_comment)
        self._value_timer = self._debounce(self.commit_value)
        for field, timer, commit in ((self.comment, self._comment_timer, self.commit_comment),
                                     (self.value, self._value_timer, self.commit_value)):
            field.installEventFilter(self)
            field.textEdited.connect(lambda _t, t=timer: t.start())
            field.editingFinished.connect(commit)
        fields = QHBoxLayout()
        fields.setSpacing(6)
        fields.addWidget(self.number)
        fields.addWidget(self.comment, 1)
        fields.addWidget(self.value_label)
        fields.addWidget(self.value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(self.guidance)
        layout.addLayout(fields)

    def _debounce(self, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(COMMIT_DELAY_MS)
        timer.timeout.connect(slot)
        return timer

    def show_row(self, row: ItemRow | None, read_only: bool) -> None:
        """Edit this row's comment and value (the previous row's typing is committed first)."""
        self.flush()
        self.row = row
        lang = language()
        item = row.item if row is not None else None
        self.number.setText(row.comment_label if row is not None else "")
        self.guidance.setText(row.guidance_text if row is not None else "")
        comment = row.comment_text if row is not None else ""
        if comment != self.comment.text():
            self.comment.setText(comment)
        if self.comment.isReadOnly() != (read_only or row is None):
            self.comment.setReadOnly(read_only or row is None)
        has_value = row is not None and row.has_value
        if has_value:
            assert item is not None and row is not None
            label = item.value_label(lang) or tr("Value")
            self.value_label.setText(label + ":")
            self.value.setToolTip(label)
            self.value.setText(row.value_text)
            self.value.setStyleSheet("")
            self.value.setReadOnly(read_only)
        if self.value.isHidden() == has_value:
            self.value.setVisible(has_value)
            self.value_label.setVisible(has_value)

    def commit_comment(self) -> None:
        self._comment_timer.stop()
        row = self.row
        if row is not None and self.comment.text() != row.comment_text:
            self.comment_committed.emit(row, self.comment.text())

    def commit_value(self) -> None:
        self._value_timer.stop()
        row = self.row
        if row is not None and not self.value.isHidden() and \
                self.value.text() != row.value_text:
            self.value_committed.emit(row, self.value.text())

    def flush(self) -> None:
        """Commit typed text now (before the item changes, leaving the room or closing)."""
        self.commit_comment()
        self.commit_value()

    def value_rejected(self, message: str) -> None:
        self.value.setStyleSheet("border: 2px solid #a4262c;")
        self.value.setToolTip(message)

    def value_accepted(self) -> None:
        self.value.setStyleSheet("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In a field: Enter/Esc go back to the list, Up/Down move to the item above/below."""
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QLineEdit):
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape) and \
                    not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.flush()
                self.leave.emit(0)
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.flush()
                self.leave.emit(-1 if key == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(watched, event)


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

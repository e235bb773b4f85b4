"""The walk's item editor under the checklist: guidance, value and comment of the current item."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from vernetool.i18n import language, tr
from vernetool.ui.rounds.walk.item_row import ItemRow
from vernetool.ui.rounds.walk.widgets import PaintedText
from vernetool.ui.shell.theme import ERROR, ROUND_EDITOR_BG, ROUND_GUIDANCE, ROUND_TRACK

COMMIT_DELAY_MS = 600  # a typing pause this long commits the comment (crash loses < 1 s)
COMMENT_MIN_WIDTH = 200  # the comment field stays usable beside a long value label


class ElidedLabel(QLabel):
    """One line that gives way to the fields beside it on a small screen: shortened with an
    ellipsis, the whole text in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.updateGeometry()
        self._elide()

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 4,
                     super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("……") + 4,
                     super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                                   max(self.width(), 0)))


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
        self.setStyleSheet(f"QFrame#itemEditor {{ background: {ROUND_EDITOR_BG}; "
                           f"border: 1px solid {ROUND_TRACK}; border-radius: 6px; }}")
        self.number = QLabel(tr("Comment on {number}:").format(number="99.99"))
        self.number.setFixedSize(self.number.sizeHint())  # fixed: a new number moves nothing
        self.guidance = PaintedText(2)
        self.guidance.setStyleSheet(f"color: {ROUND_GUIDANCE};")
        self.guidance.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.value_label = ElidedLabel()
        self.value = QLineEdit()
        self.value.setFixedWidth(120)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(tr("Comment (Ctrl+M)"))
        self.comment.setMinimumWidth(COMMENT_MIN_WIDTH)
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
            self.value_label.set_full_text(label + ":")
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
        self.value.setStyleSheet(f"border: 2px solid {ERROR};")
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

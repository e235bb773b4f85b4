"""The walk's item editor under the checklist: guidance, value and comment of the current item."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from vernetool.i18n import language, tr
from vernetool.ui.common.elided_label import ElidedLabel
from vernetool.ui.rounds.walk.item_row import ItemRow
from vernetool.ui.rounds.walk.widgets import PaintedText
from vernetool.ui.shell.theme import ERROR, ROUND_EDITOR_BG, ROUND_GUIDANCE, ROUND_TRACK

COMMENT_MIN_CHARS = 32  # narrower than this, the value moves under the comment
COMMIT_DELAY_MS = 600  # a typing pause this long commits the comment (crash loses < 1 s)
COMMENT_MIN_WIDTH = 200  # the comment field stays usable beside a long value label


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
        # as wide as its text where there is room; shortened with "…" where there is not
        self.value_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
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
        fields = QGridLayout()
        fields.setHorizontalSpacing(6)
        fields.setVerticalSpacing(4)
        fields.addWidget(self.number, 0, 0)
        fields.addWidget(self.comment, 0, 1)
        fields.setColumnStretch(1, 1)
        self.fields = fields
        self.value_box = QHBoxLayout()  # the value's label and field, kept together
        self.value_box.setSpacing(6)
        self.value_box.addWidget(self.value_label)
        self.value_box.addWidget(self.value)
        self.value_box.addStretch(1)
        self.value_below = True
        self._place_value(below=False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(self.guidance)
        layout.addLayout(fields)

    def _place_value(self, below: bool) -> None:
        """The value beside the comment, or under it when the comment would get too narrow
        to type in (a 1024-pixel screen)."""
        if below == self.value_below:
            return
        self.value_below = below
        self.fields.removeItem(self.value_box)
        if below:  # a line of its own: a long label does not narrow the comment
            self.fields.addLayout(self.value_box, 1, 0, 1, 2)
        else:
            self.fields.addLayout(self.value_box, 0, 2)

    def _arrange(self, width: int) -> None:
        metrics = self.comment.fontMetrics()
        beside = (self.number.width() + self.value_label.sizeHint().width()
                  + self.value.width() + metrics.averageCharWidth() * COMMENT_MIN_CHARS + 60)
        self._place_value(below=width < beside)

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        self._arrange(event.size().width())
        super().resizeEvent(event)

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
        if has_value:
            self._arrange(self.width())  # this item's label may be wider
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

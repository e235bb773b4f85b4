"""A layout that lines its widgets up left to right and wraps onto the next line when the
width runs out (filter bars that fit a 1024-pixel laptop and a wide screen alike)."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        needed = self._arrange(rect, move=True)
        # A parent in a scroll area (a detail pane) is not given its height for the width
        # (QScrollArea ignores heightForWidth): ask for the lines the width makes.
        parent = self.parentWidget()
        if parent is not None and parent.layout() is self and parent.minimumHeight() != needed:
            parent.setMinimumHeight(needed)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y = area.x(), y + line_height + self._spacing
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()


def flowing(bar: QBoxLayout) -> FlowLayout:
    """The widgets of a one-line bar in a ``FlowLayout`` that wraps on a narrow screen; a
    label stays on one line with the field it names (its buddy). Spacings and stretches go:
    the flow spaces the pieces evenly."""
    flow = FlowLayout()
    pending: list[QWidget] = []
    while bar.count():
        item = bar.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is None:
            continue
        if pending and isinstance(pending[-1], QLabel) and pending[-1].buddy() is widget:
            pending.append(widget)
            flow.addWidget(_together(pending))
            pending = []
            continue
        for earlier in pending:
            flow.addWidget(earlier)
        pending = [widget]
    for earlier in pending:
        flow.addWidget(earlier)
    return flow


def _together(widgets: list[QWidget]) -> QWidget:
    box = QWidget()
    line = QHBoxLayout(box)
    line.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        line.addWidget(widget)
    return box

"""Table columns that fit the view: one flexible column takes the width the others leave.

A ``Stretch`` section shrinks to "Kontorland…" on a laptop and a wide window leaves dead
space; here the flexible column never goes below its minimum, and on a small screen the
optional columns (ones the detail panel also shows) give way, in the given order, before
the table has to scroll sideways.

The width available is the horizontal header's, which the table keeps as wide as its
viewport (``QTableView.updateGeometries``), so the header's resize events are the viewport's.
Watching the header rather than ``table.viewport()`` matters at start-up: the first time
Python asks for a viewport (a ``QWidget`` that Qt made), PySide6 looks through every
``QWidget`` subclass for its type and builds their ~50 Python enums (~8 ms).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView


class ColumnFitter(QObject):
    def __init__(self, table: QTableView, flexible: int, minimum: int,
                 optional: Sequence[int] = (), squeeze: int = 40) -> None:
        super().__init__(table)
        self.table = table
        self.flexible = flexible
        self.minimum = minimum
        self.optional = tuple(optional)  # hidden first to last
        self.squeeze = squeeze  # how much below minimum once every optional column is gone
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.widths = {c: header.sectionSize(c) for c in self.optional}
        self._fitting = False
        header.sectionResized.connect(self._resized)
        self._header = header  # as wide as the viewport (see above)
        header.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # the type first: while the table is being destroyed it must not be touched
        if event.type() == QEvent.Type.Resize and watched is self._header:
            self.fit()
        return False

    def _resized(self, column: int, _old: int, new: int) -> None:
        if self._fitting:
            return
        if column in self.widths and new > 0:
            self.widths[column] = new  # what the user chose, for when it is shown again
        if column != self.flexible:
            self.fit()

    def needed_width(self) -> int:
        """The narrowest the table can be without scrolling sideways: the columns that never
        give way, the flexible one squeezed, a vertical scroll bar and the frame."""
        header = self.table.horizontalHeader()
        fixed = sum(header.sectionSize(c) for c in range(header.count())
                    if c != self.flexible and c not in self.optional
                    and not header.isSectionHidden(c))
        bar = self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return fixed + self.minimum - self.squeeze + bar + 2 * self.table.frameWidth() + 2

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        available = header.width()  # the viewport's width
        self._fitting = True
        try:
            fixed = sum(header.sectionSize(c) for c in range(header.count())
                        if c != self.flexible and c not in self.optional
                        and not header.isSectionHidden(c))
            for column in reversed(self.optional):  # the most wanted first
                show = fixed + self.widths[column] + self.minimum <= available
                if show:
                    fixed += self.widths[column]
                if header.isSectionHidden(column) == show:
                    header.setSectionHidden(column, not show)
                    if show:
                        header.resizeSection(column, self.widths[column])
            width = max(self.minimum - self.squeeze, available - fixed)
            if header.sectionSize(self.flexible) != width:
                header.resizeSection(self.flexible, width)
        finally:
            self._fitting = False

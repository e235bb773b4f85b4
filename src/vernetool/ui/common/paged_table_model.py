"""A table model that pages over a ``count(filter)`` / ``fetch(filter, offset, limit, sort)`` pair.

Only the rows the view has scrolled to are loaded (``canFetchMore``/``fetchMore``), so a
table of 100,000 rows costs one count and one page query per filter change. Columns are
plain specs, so the same model serves rooms, persons and the registers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

T = TypeVar("T")  # one row as the repository returns it
F = TypeVar("F")  # the filter the repository understands

Index = QModelIndex | QPersistentModelIndex
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

# The roles this model answers, looked up once: a view asks about seven roles per cell and
# ~40 per header section while it paints (~2,700 calls for the first screen of rooms), and
# naming ``Qt.ItemDataRole.DisplayRole`` costs ~0.7 µs each time, a saved member ~0.1 µs.
DISPLAY = Qt.ItemDataRole.DisplayRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
_CELL_ROLES = frozenset({DISPLAY, ALIGNMENT, TOOLTIP})
_HEADER_ROLES = frozenset({DISPLAY, ALIGNMENT})
HORIZONTAL = Qt.Orientation.Horizontal


@dataclass(frozen=True)
class Sort:
    key: str
    descending: bool = False


@dataclass(frozen=True)
class Column(Generic[T]):
    """How one column looks: header text (translated at call time), the shown value, and
    optionally a tooltip, an alignment, and the repository's sort key for this column."""

    header: Callable[[], str]
    value: Callable[[T], Any]
    alignment: Qt.AlignmentFlag = LEFT
    sort_key: str | None = None
    tooltip: Callable[[T], str] | None = None


class PagedTableModel(QAbstractTableModel, Generic[T, F]):
    total_changed = Signal(int)  # the number of rows matching the filter

    def __init__(self, columns: Sequence[Column[T]], count: Callable[[F], int],
                 fetch: Callable[[F, int, int, Sort | None], list[T]], flt: F, *,
                 page_size: int = 200, sort: Sort | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._count = count
        self._fetch = fetch
        self._filter = flt
        # The order the view will ask for (its sort indicator), so the first query is the
        # one shown: ``sort`` with the same order then costs no second query.
        self._sort: Sort | None = sort
        self.page_size = page_size
        self._rows: list[T] = []
        self._total = 0
        self.reload()

    # -- what the view asks ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role not in _CELL_ROLES or not index.isValid():  # most questions end here
            return None
        number = index.row()
        if not 0 <= number < len(self._rows):
            return None
        column = self._columns[index.column()]
        row = self._rows[number]
        if role == DISPLAY:
            value = column.value(row)
            return "" if value is None else str(value)
        if role == ALIGNMENT:
            return column.alignment
        if column.tooltip is not None:  # TOOLTIP
            return column.tooltip(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = DISPLAY) -> Any:
        if (role not in _HEADER_ROLES or orientation != HORIZONTAL
                or not 0 <= section < len(self._columns)):
            return None
        if role == DISPLAY:
            return self._columns[section].header()
        return self._columns[section].alignment

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        page = self._fetch(self._filter, len(self._rows), self.page_size, self._sort)
        if not page:  # the table shrank under us: stop asking
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        key = self._columns[column].sort_key
        if key is None:
            return
        wanted = Sort(key, order == Qt.SortOrder.DescendingOrder)
        if wanted != self._sort:  # the rows are already in this order: no query
            self._sort = wanted
            self.reload()

    # -- what the screen uses --------------------------------------------------------------
    @property
    def filter(self) -> F:
        return self._filter

    def set_filter(self, flt: F) -> None:
        if flt != self._filter:
            self._filter = flt
            self.reload()

    def total(self) -> int:
        return self._total

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rows(self) -> list[T]:
        return list(self._rows)

    def reload(self, *, keep_loaded: bool = False) -> None:
        """Count again and load the first page (or as many rows as were loaded)."""
        wanted = max(self.page_size, len(self._rows)) if keep_loaded else self.page_size
        self.beginResetModel()
        self._total = self._count(self._filter)
        self._rows = self._fetch(self._filter, 0, wanted, self._sort) if self._total else []
        self.endResetModel()
        self.total_changed.emit(self._total)

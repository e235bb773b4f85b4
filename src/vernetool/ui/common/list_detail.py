"""Pieces the list + detail areas (rooms, people, deviations) share: the filter box, the
list table and its selection, the empty-list hint and the labels of the detail panel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vernetool.ui.shell import theme

MUTED = f"color: {theme.MUTED};"

T_co = TypeVar("T_co", covariant=True)


class ListModel(Protocol[T_co]):
    """What the helpers need of a paged list model: its rows by number."""

    def row_at(self, row: int) -> T_co: ...


# Typing pauses shorter than this do not re-query: one setting for every filtered list.
FILTER_DELAY_MS = 150


# -- the detail panel -----------------------------------------------------------------------

def plain_label() -> QLabel:
    """A label for user text: plain text (``<b>`` shows as typed), wrapped, selectable."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def detail_title() -> QLabel:
    """The big bold name at the top of a detail panel."""
    label = plain_label()
    label.setObjectName("detailTitle")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    return label


def section_title(text: str) -> QLabel:
    """A bold heading in a detail panel; it wraps in a narrow panel."""
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def muted_label(text: str) -> QLabel:
    """A grey, wrapped hint such as "Select a room to see its details."."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(MUTED)
    return label


class FieldGrid(QWidget):
    """Label/value rows. A grid, not a QFormLayout: wrapped values get their full height."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(1, 1)
        self._rows = 0

    def add_row(self, label: str, value: QWidget) -> None:
        caption = QLabel(label)
        caption.setWordWrap(True)  # "Room / responsible:" in a narrow panel, not cut
        self.grid.addWidget(caption, self._rows, 0, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(value, self._rows, 1)
        self._rows += 1

    def clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._rows = 0


def detail_scroll_area(detail: QWidget) -> QScrollArea:
    """The detail panel in a scroll area that only scrolls up and down (its width is the
    ``ListDetailSplitter``'s to give)."""
    scroll = QScrollArea()
    scroll.setWidget(detail)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return scroll


def list_hint(total: int, filtered: bool, *, select: str, no_match: str, empty: str) -> str:
    """What the empty detail panel says: pick one, nothing matches, or nothing there yet."""
    if total:
        return select
    return no_match if filtered else empty


# -- the list table -------------------------------------------------------------------------
def setup_list_table(table: QTableView) -> QHeaderView:
    """Whole read-only rows, one at a time, compact; returns the header to size columns."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return header


def size_columns(table: QTableView, widths: tuple[int, ...], padding: int) -> None:
    """Each column at least its width, and wide enough for its header text (and the sort
    arrow) in either language."""
    metrics = table.horizontalHeader().fontMetrics()
    for column, width in enumerate(widths):
        title = str(table.model().headerData(column, Qt.Orientation.Horizontal))
        table.setColumnWidth(column, max(width, metrics.horizontalAdvance(title) + padding))


def filter_line_edit(name: str, placeholder: str, accessible_name: str) -> QLineEdit:
    """The filter box at the top of a list area."""
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    edit.setAccessibleName(accessible_name)
    return edit


def count_label() -> QLabel:
    label = QLabel()
    label.setObjectName("countLabel")
    return label


def filter_bar(filter_edit: QLineEdit, filters: list[QWidget], count: QLabel,
               buttons: list[QPushButton]) -> QHBoxLayout:
    """The filter box (it takes the spare width), the other filters, the count, the buttons."""
    bar = QHBoxLayout()
    bar.addWidget(filter_edit, 1)
    for widget in filters:
        bar.addWidget(widget)
    bar.addSpacing(8)
    bar.addWidget(count)
    bar.addStretch(0)
    for button in buttons:
        bar.addWidget(button)
    return bar


class ListDetailSplitter(QSplitter):
    """The list on the left, the detail panel on the right; neither collapses.

    One rule for every list + detail area: the detail gets ``share`` of the width, at least
    its minimum and at most ``detail_max``, and the list the rest. When the area is too
    narrow for the list's columns (``list_min``) beside the detail, the detail goes under
    the list instead, so the list never scrolls sideways. Once the user drags the handle,
    their sizes stay until the orientation changes.
    """

    def __init__(self, table: QWidget, detail: QWidget, *, list_min: int, detail_min: int,
                 detail_max: int = 460, share: float = 0.27) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.addWidget(table)
        self.addWidget(detail)
        self.setChildrenCollapsible(False)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 0)
        self.list_min, self.detail_min, self.detail_max = list_min, detail_min, detail_max
        self.share = share
        detail.setMinimumWidth(0)  # the splitter keeps the minimum: beside, not below
        self._user_sized = False
        self.splitterMoved.connect(self._moved)

    def _moved(self) -> None:
        self._user_sized = True

    def beside(self, width: int) -> bool:
        return width >= self.list_min + self.detail_min + self.handleWidth()

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        super().resizeEvent(event)
        self.arrange()

    def arrange(self) -> None:
        width, height = self.width(), self.height()
        orientation = (Qt.Orientation.Horizontal if self.beside(width)
                       else Qt.Orientation.Vertical)
        if orientation != self.orientation():
            self.setOrientation(orientation)
            self._user_sized = False
        detail_widget = self.widget(1)
        if detail_widget is not None:
            detail_widget.setMinimumWidth(
                self.detail_min if orientation == Qt.Orientation.Horizontal else 0)
        if self._user_sized or width <= 0:
            return
        if orientation == Qt.Orientation.Horizontal:
            detail = max(self.detail_min, min(self.detail_max, int(width * self.share),
                                              width - self.list_min - self.handleWidth()))
            self.setSizes([width - detail - self.handleWidth(), detail])
        else:
            detail = max(120, int(height * 0.45))
            self.setSizes([height - detail - self.handleWidth(), detail])


def list_detail_splitter(table: QWidget, detail: QWidget, *, list_min: int,
                         detail_min: int, detail_max: int = 460) -> ListDetailSplitter:
    """See ``ListDetailSplitter``."""
    return ListDetailSplitter(table, detail, list_min=list_min, detail_min=detail_min,
                              detail_max=detail_max)


def add_edit_shortcuts(table: QTableView, slot: Callable[[], object],
                       open_slot: Callable[[], object] | None = None) -> None:
    """Enter, Return and F2 on the list edit the current item (Enter and Return open it
    instead when the list has an ``open_slot``)."""
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
        shortcut = QShortcut(QKeySequence(key), table)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(slot if key == Qt.Key.Key_F2 or open_slot is None
                                   else open_slot)


def area_shortcut(area: QWidget, keys: QKeySequence, slot: Callable[[], object]) -> None:
    """A shortcut that works anywhere inside the area."""
    shortcut = QShortcut(keys, area)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(slot)


def clear_on_escape(edit: QLineEdit) -> None:
    shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), edit)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(edit.clear)


def focus_filter(edit: QLineEdit) -> None:
    edit.setFocus()
    edit.selectAll()


def select_table_row(table: QTableView, row: int) -> None:
    index = table.model().index(row, 0)
    table.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    table.scrollTo(index)


def select_listed_row(table: QTableView, row: int) -> bool:
    """Select ``row`` (-1: the item is not listed, and nothing changes)."""
    if row < 0:
        return False
    select_table_row(table, row)
    return True


def focus_table(table: QTableView) -> None:
    """Focus the list and mark its current row. Focusing makes row 0 current without
    selecting it (no highlight while the detail shows it): select it, so what is shown is
    what is marked."""
    table.setFocus()
    if table.model().rowCount() and not table.selectionModel().hasSelection():
        current = table.currentIndex()
        select_table_row(table, current.row() if current.isValid() else 0)


def current_item(table: QTableView, model: ListModel[T_co]) -> T_co | None:
    """The item of the list's current row, if any."""
    index = table.currentIndex()
    if not index.isValid():
        return None
    return model.row_at(index.row())


class ListArea(QWidget):
    """An area whose list filters as you type. Subclasses create ``filter_edit``, ``table``
    and ``model`` (which has ``set_filter``), give ``current_filter()`` and then call
    ``wire_filter``. A list of items with ids (rooms, people) also gives ``select_id``,
    ``selected_item`` and ``_show_detail``, and calls ``wire_list``: the same item stays
    selected across new filters and reloads."""

    filter_edit: QLineEdit
    table: QTableView
    model: Any
    _selected_id: int | None

    def wire_filter(self, delay_ms: int = FILTER_DELAY_MS) -> None:
        """Typing re-queries after a pause of ``delay_ms``; Enter goes to the list."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(self._timer.start)
        self.filter_edit.returnPressed.connect(self._focus_table)

    def current_filter(self) -> object:
        raise NotImplementedError

    def apply_filter(self) -> None:
        self._timer.stop()
        self.model.set_filter(self.current_filter())

    def select_row(self, row: int) -> None:
        select_table_row(self.table, row)

    def _focus_filter(self) -> None:
        focus_filter(self.filter_edit)

    def _focus_table(self) -> None:
        self.apply_filter()
        focus_table(self.table)

    def lay_out(self, bar: QHBoxLayout, splitter: QSplitter) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

    def wire_list(self, new_button: QPushButton, new_slot: Callable[[], object],
                  edit_button: QPushButton, edit_slot: Callable[[], object],
                  open_slot: Callable[[], object] | None = None) -> None:
        """The count, keeping the selection, editing (double-click, Enter, F2, the button),
        adding (the button, Insert) and Ctrl+F to the filter box. With ``open_slot``,
        double-click and Enter open the item instead (F2 and the button still edit)."""
        self.model.total_changed.connect(self._show_count)
        self.model.modelReset.connect(self._after_reset)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(open_slot or edit_slot)
        new_button.clicked.connect(new_slot)
        edit_button.clicked.connect(edit_slot)
        add_edit_shortcuts(self.table, edit_slot, open_slot)
        area_shortcut(self, QKeySequence(Qt.Key.Key_Insert), new_slot)
        area_shortcut(self, QKeySequence(QKeySequence.StandardKey.Find), self._focus_filter)

    def _show_count(self, total: int) -> None:
        raise NotImplementedError

    def select_id(self, item_id: int) -> bool:
        raise NotImplementedError

    def selected_item(self) -> Any:
        raise NotImplementedError

    def _show_detail(self, item: Any) -> None:
        raise NotImplementedError

    def _after_reset(self) -> None:
        """After a new filter or a reload keep the same item selected if it is still listed."""
        if self._selected_id is not None and self.select_id(self._selected_id):
            return
        self._show_detail(None)

    def _current_changed(self) -> None:
        item = self.selected_item()
        self._selected_id = item.id if item else self._selected_id
        self._show_detail(item)

    def refresh(self) -> None:
        """Re-read the list (other areas or an import may have changed it)."""
        self.model.reload(keep_loaded=True)

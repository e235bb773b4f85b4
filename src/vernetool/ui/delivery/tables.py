"""The two tables of the Sync area: the targets and the outbox's bundles (small lists: a
QTableWidget each, filled from ``ui.delivery.data`` rows)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from vernetool.i18n import tr
from vernetool.ui.common.labels import format_count, format_date_time
from vernetool.ui.common.list_detail import setup_list_table
from vernetool.ui.delivery.data import BundleRow, TargetRow
from vernetool.ui.delivery.words import (
    next_attempt_text,
    sends_label,
    sends_text,
    status_label,
    target_kind_label,
)
from vernetool.ui.shell.theme import DELIVERY_STATUS_COLOURS, DELIVERY_STATUS_UNKNOWN, ERROR

KEY_ROLE = Qt.ItemDataRole.UserRole


def _item(text: str, tooltip: str = "", *, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(tooltip or text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class _Table(QTableWidget):
    """Whole rows, read-only; the ``stretch`` column takes the spare width, so the table
    never scrolls sideways (long texts end in "…" with the whole text in the tooltip)."""

    def __init__(self, titles: list[str], widths: tuple[int, ...], stretch: tuple[int, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(0, len(titles), parent)
        self.setHorizontalHeaderLabels(titles)
        header = setup_list_table(self)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        metrics = header.fontMetrics()
        for column, width in enumerate(widths):
            self.setColumnWidth(column, max(width, metrics.horizontalAdvance(titles[column])
                                            + 24))
        for column in stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)

    def key_at(self, row: int) -> str | None:
        item = self.item(row, 0)
        return None if item is None else str(item.data(KEY_ROLE))

    def selected_key(self) -> str | None:
        row = self.currentRow()
        if row < 0 or not self.selectionModel().hasSelection():
            return None
        return self.key_at(row)

    def select_key(self, key: str | None) -> bool:
        for row in range(self.rowCount()):
            if key is not None and self.key_at(row) == key:
                self.selectRow(row)
                return True
        return False


class TargetsTable(_Table):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([tr("Name"), tr("Kind"), tr("Folder or web address"), tr("Receives"),
                          tr("Last receipt"), tr("Waiting"), tr("Failed")],
                         (110, 90, 160, 150, 130, 60, 60), (2, 3), parent)
        self.setObjectName("targetsTable")
        self.rows: list[TargetRow] = []

    def set_rows(self, rows: list[TargetRow]) -> None:
        key = self.selected_key()
        self.rows = rows
        self.setRowCount(len(rows))
        for number, row in enumerate(rows):
            name = _item(row.name)
            name.setData(KEY_ROLE, row.name)
            self.setItem(number, 0, name)
            self.setItem(number, 1, _item(target_kind_label(row.kind, short=True),
                                          target_kind_label(row.kind)))
            self.setItem(number, 2, _item(row.where))
            self.setItem(number, 3, _item(sends_text(row.sends)))
            self.setItem(number, 4, _item(format_date_time(row.last_receipt)
                                          or tr("none yet")))
            self.setItem(number, 5, _item(format_count(row.pending), right=True))
            failed = _item(format_count(row.failed), right=True)
            if row.failed:
                failed.setForeground(QBrush(QColor(ERROR)))
            self.setItem(number, 6, failed)
        self.select_key(key)

    def selected(self) -> TargetRow | None:
        key = self.selected_key()
        return next((r for r in self.rows if r.name == key), None)


class BundlesTable(_Table):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([tr("Created"), tr("Target"), tr("Contents"), tr("Rows"),
                          tr("Status"), tr("Attempts"), tr("Next attempt"), tr("Delivered")],
                         (130, 110, 120, 50, 80, 60, 130, 130), (2,), parent)
        self.setObjectName("bundlesTable")
        self.rows: list[BundleRow] = []

    def set_rows(self, rows: list[BundleRow]) -> None:
        key = self.selected_key()
        self.rows = rows
        self.setRowCount(len(rows))
        for number, row in enumerate(rows):
            created = _item(format_date_time(row.created_at), row.bundle_id)
            created.setData(KEY_ROLE, row.bundle_id)
            self.setItem(number, 0, created)
            self.setItem(number, 1, _item(row.target))
            self.setItem(number, 2, _item(sends_label(row.kind)))
            self.setItem(number, 3, _item(format_count(row.rows), right=True))
            status = _item(status_label(row.status), row.last_error)
            background, text = DELIVERY_STATUS_COLOURS.get(row.status,
                                                           DELIVERY_STATUS_UNKNOWN)
            status.setBackground(QBrush(QColor(background)))
            status.setForeground(QBrush(QColor(text)))
            self.setItem(number, 4, status)
            self.setItem(number, 5, _item(format_count(row.attempts), right=True))
            self.setItem(number, 6, _item(next_attempt_text(row, blank="")))
            self.setItem(number, 7, _item(format_date_time(row.delivered_at)))
        self.select_key(key)

    def selected(self) -> BundleRow | None:
        key = self.selected_key()
        return next((r for r in self.rows if r.bundle_id == key), None)

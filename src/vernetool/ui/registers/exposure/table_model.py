"""The exposure register's table: one row per entry, the identity number masked.

At most one entry's number is shown in clear (``reveal``), and only until ``mask()`` — the
view calls it whenever the selection changes or the list reloads.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from vernetool.domain.chemicals.model import ExposureEntry
from vernetool.i18n import tr
from vernetool.ui.common.labels import format_date
from vernetool.ui.registers.exposure.words import route_short_label

Index = QModelIndex | QPersistentModelIndex


def _headers() -> list[str]:
    return [tr("Product"), tr("Name"), tr("Identity number"), tr("Position"), tr("Workplace"),
            tr("Route"), tr("Concentration"), tr("Start date"), tr("End date"), tr("Duration"),
            tr("Keep until")]


IDENTITY_COLUMN = 2


class ExposureTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ExposureEntry] = []
        self._headers = _headers()
        self._revealed: tuple[int, str] | None = None   # (entry id, number in clear)

    # -- contents ----------------------------------------------------------------------------
    def set_entries(self, entries: list[ExposureEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self._revealed = None
        self.endResetModel()

    def row_at(self, row: int) -> ExposureEntry:
        return self._rows[row]

    def row_of(self, entry_id: int) -> int:
        for row, entry in enumerate(self._rows):
            if entry.id == entry_id:
                return row
        return -1

    def entries(self) -> list[ExposureEntry]:
        return list(self._rows)

    # -- the one revealed number --------------------------------------------------------------
    def reveal(self, entry_id: int, number: str) -> None:
        self.mask()
        self._revealed = (entry_id, number)
        self._identity_changed(entry_id)

    def mask(self) -> None:
        if self._revealed is not None:
            entry_id = self._revealed[0]
            self._revealed = None
            self._identity_changed(entry_id)

    def revealed_id(self) -> int | None:
        return self._revealed[0] if self._revealed else None

    def _identity_changed(self, entry_id: int) -> None:
        row = self.row_of(entry_id)
        if row >= 0:
            index = self.index(row, IDENTITY_COLUMN)
            self.dataChanged.emit(index, index)

    # -- Qt ------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == IDENTITY_COLUMN:
            return (tr("Shown in clear for this entry only; the reveal is in the audit trail.")
                    if self._is_revealed(entry) else
                    tr("Masked. Use “Reveal identity number” to see it (recorded in the audit "
                       "trail)."))
        return None

    def _is_revealed(self, entry: ExposureEntry) -> bool:
        return self._revealed is not None and self._revealed[0] == entry.id

    def _display(self, entry: ExposureEntry, column: int) -> str:
        if column == IDENTITY_COLUMN:
            if self._revealed is not None and self._revealed[0] == entry.id:
                return self._revealed[1]
            return entry.identity_masked or tr("not recorded")
        values: dict[int, str | dt.date | None] = {
            0: entry.product_name,
            1: entry.person,
            3: entry.position,
            4: ", ".join(x for x in (entry.workplace, entry.room_label) if x),
            5: route_short_label(entry.route),
            6: entry.concentration,
            7: entry.exposure_start,
            8: entry.exposure_end,
            9: entry.duration,
            10: entry.retain_until,
        }
        value = values.get(column)
        if column == 8 and value is None:
            return tr("ongoing")
        if isinstance(value, dt.date):
            return format_date(value)
        return value or ""

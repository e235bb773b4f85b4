"""The radiation sources' table: one row per source with its current activity (as of the
view's day) and where its leak testing stands; a notifiable source without a DSA id and an
overdue leak test are coloured (theme colours)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from vernetool.domain.radiation.model import Source, SourceNow
from vernetool.domain.radiation.sources import (
    LeakTestState,
    LeakTestStatus,
)
from vernetool.i18n import tr
from vernetool.ui.common.labels import format_date
from vernetool.ui.registers.radiation.words import (
    activity_text,
    kind_label,
    leak_test_label,
    status_label,
)
from vernetool.ui.shell import theme

Index = QModelIndex | QPersistentModelIndex

KIND, NUCLIDE, ACTIVITY_NOW, DESCRIPTION, ROOM, DSA_ID, DSA_STATUS, NOTIFIABLE, LEAK_TEST = \
    range(9)


def _headers() -> list[str]:
    return [tr("Kind"), tr("Nuclide / class"), tr("Activity today"),
            tr("Make, model, serial"), tr("Room"), tr("DSA id"), tr("DSA status"),
            tr("Notifiable"), tr("Leak test")]


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A source with what the list shows of it as of one day."""

    source: Source
    activity_now_bq: float | None
    leak_test: LeakTestStatus | None
    waste_at_pickup_bq: float | None = None

    @classmethod
    def of(cls, now: SourceNow) -> SourceRow:
        return cls(now.source, now.activity_now_bq, now.leak_test, now.waste_at_pickup_bq)

    @property
    def missing_dsa_id(self) -> bool:
        """Notifiable, still held, and DSA has not given it an id (or it is not notified)."""
        return bool(self.source.notifiable) and not self.source.dsa_id.strip() \
            and self.source.disposal is None

    @property
    def leak_test_overdue(self) -> bool:
        return self.leak_test is not None and self.leak_test.state in (
            LeakTestState.OVERDUE, LeakTestState.NEVER_TESTED)

    def haystack(self) -> str:
        s = self.source
        return " ".join((kind_label(s.kind), s.kind, s.name, s.nuclide, s.make, s.model,
                         s.serial_number, s.room_label, s.location, s.dsa_id,
                         status_label(s.dsa_status) if s.dsa_status else "",
                         s.laser_class or "", s.responsible)).casefold()


def leak_test_text(leak: LeakTestStatus | None) -> str:
    if leak is None:
        return ""
    if leak.state is LeakTestState.NEVER_TESTED:
        return leak_test_label(leak.state)
    return f"{leak_test_label(leak.state)} ({format_date(leak.next_due)})"


class SourcesTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[SourceRow] = []
        self._headers = _headers()

    def set_rows(self, rows: list[SourceRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> SourceRow:
        return self._rows[row]

    def row_of(self, source_id: int) -> int:
        for row, item in enumerate(self._rows):
            if item.source.id == source_id:
                return row
        return -1

    def rows(self) -> list[SourceRow]:
        return list(self._rows)

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
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(item, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == LEAK_TEST and item.leak_test is not None:
                if item.leak_test_overdue:
                    return QBrush(QColor(theme.OVERDUE_RED))
                if item.leak_test.state is LeakTestState.DUE_SOON:
                    return QBrush(QColor(theme.HINT_AMBER))
            if column in (DSA_ID, NOTIFIABLE) and item.missing_dsa_id:
                return QBrush(QColor(theme.ERROR))
            if item.source.disposal is not None:
                return QBrush(QColor(theme.MUTED))
        if role == Qt.ItemDataRole.FontRole and (
                (column == LEAK_TEST and item.leak_test_overdue)
                or (column == DSA_ID and item.missing_dsa_id)):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == DSA_ID and item.missing_dsa_id:
                return tr("Notifiable, but no DSA id is recorded: notify the source to DSA.")
            if column == LEAK_TEST and item.leak_test_overdue:
                return tr("The leak test is overdue.")
            if column == ACTIVITY_NOW and item.activity_now_bq is not None:
                s = item.source
                return tr("{activity} {unit} on {date}").format(
                    activity=s.activity or "", unit=s.activity_unit,
                    date=format_date(s.reference_date))
        return None

    def display(self, item: SourceRow, column: int) -> str:
        s = item.source
        if column == KIND:
            return kind_label(s.kind)
        if column == NUCLIDE:
            if s.laser_class:
                return tr("class {c}").format(c=s.laser_class)
            return s.nuclide
        if column == ACTIVITY_NOW:
            return activity_text(item.activity_now_bq)
        if column == DESCRIPTION:
            return " · ".join(p for p in (s.name, " ".join(x for x in (s.make, s.model) if x),
                                          s.serial_number) if p)
        if column == ROOM:
            return ", ".join(p for p in (s.room_label, s.location) if p)
        if column == DSA_ID:
            return s.dsa_id or (tr("missing") if item.missing_dsa_id else "")
        if column == DSA_STATUS:
            return status_label(s.dsa_status) if s.dsa_status else ""
        if column == NOTIFIABLE:
            if s.notifiable is None:
                return tr("not stated")
            return tr("yes") if s.notifiable else tr("no")
        if column == LEAK_TEST:
            return leak_test_text(item.leak_test)
        return ""

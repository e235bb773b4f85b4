"""The list of HSE rounds (a few hundred at most, so a plain list model)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from vernetool.i18n import tr
from vernetool.services.rounds import RoundSummary
from vernetool.ui.common.labels import format_date, round_status_label
from vernetool.ui.shell.theme import ACCENT, MUTED, ROUND_MEDIUM, SUCCESS, TEXT

Index = QModelIndex | QPersistentModelIndex
STATUS_COLOURS = {"planned": MUTED, "in_progress": ROUND_MEDIUM, "completed": SUCCESS,
                  "reported": ACCENT}


def _headers() -> list[str]:
    return [tr("Round"), tr("Unit"), tr("Date"), tr("Status"), tr("Rooms done"),
            tr("Open findings")]


class RoundsTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[RoundSummary] = []

    def set_rows(self, rows: list[RoundSummary]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        return None

    def round_at(self, row: int) -> RoundSummary | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, round_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == round_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.title, r.unit_code or "", format_date(r.start_date),
                    round_status_label(r.status),
                    tr("{done} of {total}").format(done=r.rooms_done, total=r.rooms_total),
                    str(r.open_findings))[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == 3:
            return QColor(STATUS_COLOURS.get(r.status.value, TEXT))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (4, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None

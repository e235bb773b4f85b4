"""The radiation workers' table: one row per worker, the identity number masked, and this
year's dose sums (over a limit coloured). At most one worker's number is shown in clear
(``reveal``), and only until ``mask()``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from vernetool.domain.radiation.doses import (
    APPRENTICE_LIMITS,
    WORKER_LIMITS,
    DoseLimit,
    DoseLimits,
    YearlyDose,
)
from vernetool.domain.radiation.model import RadiationWorker
from vernetool.i18n import tr
from vernetool.ui.common.labels import format_date, format_decimal
from vernetool.ui.registers.radiation.words import limit_label
from vernetool.ui.shell import theme

Index = QModelIndex | QPersistentModelIndex
NAME, IDENTITY, WORK, EMPLOYED, EFFECTIVE, SKIN, FLAG = range(7)
IDENTITY_COLUMN = IDENTITY


def limits_of(worker: RadiationWorker) -> DoseLimits:
    return APPRENTICE_LIMITS if worker.apprentice else WORKER_LIMITS


def over_text(yearly: YearlyDose | None, limits: DoseLimits) -> str:
    if yearly is None:
        return ""
    over = yearly.over(limits)
    if not over:
        return ""
    return tr("over the limit: {limits}").format(
        limits=", ".join(limit_label(limit).lower() for limit in over))


class WorkersTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RadiationWorker] = []
        self._yearly: dict[int, YearlyDose] = {}
        self.year = dt.date.today().year
        self._revealed: tuple[int, str] | None = None

    def _headers(self) -> list[str]:
        return [tr("Name"), tr("Identity number"), tr("Current work"), tr("Employed from"),
                tr("Hp(10) {year}").format(year=self.year),
                tr("Hp(0.07) {year}").format(year=self.year), tr("Limits")]

    def set_workers(self, workers: list[RadiationWorker], yearly: dict[int, YearlyDose],
                    year: int) -> None:
        self.beginResetModel()
        self._rows = list(workers)
        self._yearly = dict(yearly)
        self.year = year
        self._revealed = None
        self.endResetModel()

    def row_at(self, row: int) -> RadiationWorker:
        return self._rows[row]

    def row_of(self, worker_id: int) -> int:
        for row, worker in enumerate(self._rows):
            if worker.id == worker_id:
                return row
        return -1

    def yearly_of(self, worker_id: int) -> YearlyDose | None:
        return self._yearly.get(worker_id)

    # -- the one revealed number --------------------------------------------------------------
    def reveal(self, worker_id: int, number: str) -> None:
        self.mask()
        self._revealed = (worker_id, number)
        self._identity_changed(worker_id)

    def mask(self) -> None:
        if self._revealed is not None:
            worker_id = self._revealed[0]
            self._revealed = None
            self._identity_changed(worker_id)

    def revealed_id(self) -> int | None:
        return self._revealed[0] if self._revealed else None

    def _identity_changed(self, worker_id: int) -> None:
        row = self.row_of(worker_id)
        if row >= 0:
            index = self.index(row, IDENTITY_COLUMN)
            self.dataChanged.emit(index, index)

    # -- Qt ------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < 7):
            return self._headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        worker = self._rows[index.row()]
        column = index.column()
        yearly = self._yearly.get(worker.id)
        limits = limits_of(worker)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(worker, column)
        if role == Qt.ItemDataRole.ForegroundRole and yearly is not None:
            over = yearly.over(limits)
            if (column == FLAG and over) or (column == EFFECTIVE
                                              and DoseLimit.EFFECTIVE in over) \
                    or (column == SKIN and (DoseLimit.SKIN in over
                                            or DoseLimit.EYE_LENS in over)):
                return QBrush(QColor(theme.ERROR))
        if role == Qt.ItemDataRole.ToolTipRole and column == FLAG:
            return over_text(yearly, limits) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == IDENTITY_COLUMN:
            return (tr("Shown in clear for this worker only; the reveal is in the audit trail.")
                    if self.revealed_id() == worker.id else
                    tr("Masked. Use “Reveal identity number” to see it (recorded in the audit "
                       "trail)."))
        return None

    def display(self, worker: RadiationWorker, column: int) -> str:
        yearly = self._yearly.get(worker.id)
        if column == NAME:
            return worker.person
        if column == IDENTITY:
            if self._revealed is not None and self._revealed[0] == worker.id:
                return self._revealed[1]
            return worker.identity_masked or tr("not recorded")
        if column == WORK:
            return worker.work
        if column == EMPLOYED:
            return format_date(worker.employed_from)
        if column == EFFECTIVE:
            return format_decimal(yearly.effective, 3) if yearly else ""
        if column == SKIN:
            return format_decimal(yearly.skin, 3) if yearly else ""
        if column == FLAG:
            return over_text(yearly, limits_of(worker)) or (tr("within") if yearly else "")
        return ""

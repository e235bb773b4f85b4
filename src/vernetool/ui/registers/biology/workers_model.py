"""The workers register for biological agents (§31-3) as a table: the identity number masked
(one shown in clear after an audited reveal, until the selection moves), and a worker whose
agent is marked V with no written vaccination offer highlighted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from vernetool.domain.biology.model import BioWorker
from vernetool.i18n import tr, trn
from vernetool.ui.common.labels import format_date
from vernetool.ui.shell import theme

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("person", "identity", "agent", "work", "last_exposure", "incidents", "vaccination",
           "keep_until")
IDENTITY_COLUMN = COLUMNS.index("identity")


class WorkersTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[BioWorker] = []
        self._lacking: set[int] = set()
        self._revealed: tuple[int, str] | None = None
        self._headers = [tr("Name"), tr("Identity number"), tr("Agent"), tr("Type of work"),
                         tr("Last exposure"), tr("Incidents"), tr("Vaccination"),
                         tr("Keep until")]

    def set_rows(self, rows: list[BioWorker], lacking_offer: set[int]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._lacking = set(lacking_offer)
        self._revealed = None
        self.endResetModel()

    def row_at(self, row: int) -> BioWorker:
        return self._rows[row]

    def row_of(self, worker_id: int) -> int:
        return next((n for n, w in enumerate(self._rows) if w.id == worker_id), -1)

    def lacks_offer(self, worker: BioWorker) -> bool:
        return worker.id in self._lacking

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
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        worker = self._rows[index.row()]
        key = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(worker, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "identity":
                return (tr("Shown in clear for this worker only; the reveal is in the audit "
                           "trail.") if self.revealed_id() == worker.id else
                        tr("Masked. Use “Reveal identity number” to see it (recorded in the "
                           "audit trail)."))
            if key == "vaccination" and self.lacks_offer(worker):
                return tr("The agent is marked V: offer the vaccine in writing and record the "
                          "offer.")
            if key == "keep_until":
                return tr("Kept {n} years after the last exposure (§31-3).").format(
                    n=worker.retention_years)
        if role == Qt.ItemDataRole.ForegroundRole and self.lacks_offer(worker) \
                and key in ("person", "vaccination"):
            return QColor(theme.ERROR)
        return None

    def _display(self, worker: BioWorker, key: str) -> str:
        if key == "identity":
            if self._revealed is not None and self._revealed[0] == worker.id:
                return self._revealed[1]
            return worker.identity_masked or tr("not recorded")
        if key == "vaccination":
            if self.lacks_offer(worker):
                return tr("Offer missing")
            n = worker.vaccination_offers
            return trn("{n} offer", "{n} offers", n).format(n=n) if n else "—"
        if key == "incidents":
            return str(worker.incidents) if worker.incidents else "—"
        if key == "last_exposure":
            return format_date(worker.last_exposure) if worker.last_exposure else tr("ongoing")
        values: dict[str, str | dt.date | None] = {
            "person": worker.person, "agent": worker.agent_name, "work": worker.work,
            "keep_until": worker.retain_until,
        }
        value = values.get(key)
        if isinstance(value, dt.date):
            return format_date(value)
        return value or "—"

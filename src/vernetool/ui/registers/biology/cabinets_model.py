"""The biosafety cabinets' table: room, cabinet, last certification, certifier, next due and
where that stands (overdue flagged in the error colour, due soon in amber)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from vernetool.domain.biology.agents import CabinetCertification, CertificationState
from vernetool.domain.biology.model import Cabinet
from vernetool.i18n import tr
from vernetool.ui.common.labels import format_date
from vernetool.ui.registers.biology.words import certification_label
from vernetool.ui.shell import theme

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("room", "cabinet", "certified", "certifier", "next_due", "state")


def cabinet_name(cabinet: Cabinet) -> str:
    """ "Labculture 1.2 (SN 1234)": make, model and serial number, as far as given."""
    name = " ".join(p for p in (cabinet.make, cabinet.model) if p)
    if cabinet.serial_number:
        serial = cabinet.serial_number
        if not serial.casefold().startswith(("sn", "s/n", "serial")):
            serial = tr("SN {serial}").format(serial=serial)
        name = f"{name} ({serial})" if name else serial
    return name or tr("Cabinet {n}").format(n=cabinet.id)


def state_text(cert: CabinetCertification) -> str:
    words = certification_label(cert.state)
    if cert.state is CertificationState.OVERDUE:
        words += " " + tr("({n} days)").format(n=cert.days_overdue)
    return words


class CabinetsTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self._rows: list[Cabinet] = []
        self._headers = [tr("Room"), tr("Cabinet"), tr("Certified on"), tr("Certifier"),
                         tr("Next due"), tr("Certification")]

    def _today(self) -> dt.date:
        return self.today or dt.date.today()

    def set_rows(self, rows: list[Cabinet]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Cabinet]:
        return list(self._rows)

    def row_at(self, row: int) -> Cabinet:
        return self._rows[row]

    def row_of(self, cabinet_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == cabinet_id), -1)

    def overdue(self) -> list[Cabinet]:
        return [r for r in self._rows if r.certification(self._today()).state in
                (CertificationState.OVERDUE, CertificationState.NEVER)]

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
        row = self._rows[index.row()]
        key = COLUMNS[index.column()]
        cert = row.certification(self._today())
        if role == Qt.ItemDataRole.DisplayRole:
            values: dict[str, str] = {
                "room": row.room_label, "cabinet": cabinet_name(row),
                "certified": format_date(row.last_certified) if row.last_certified else "—",
                "certifier": row.certifier or "—",
                "next_due": format_date(cert.next_due) if cert.next_due else "—",
                "state": state_text(cert),
            }
            return values[key]
        if role == Qt.ItemDataRole.ForegroundRole and key in ("next_due", "state"):
            if cert.state in (CertificationState.OVERDUE, CertificationState.NEVER):
                return QColor(theme.ERROR)
            if cert.state is CertificationState.DUE_SOON:
                return QColor(theme.HINT_AMBER)
        if role == Qt.ItemDataRole.ToolTipRole and key == "state":
            return tr("Biosafety cabinets are certified every year.")
        return None

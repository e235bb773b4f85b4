"""The action plan of a round (tiltaksplan): its findings with action, responsible, deadline,
status; editable in place, committed at once; overdue actions stand out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from vernetool.domain.rounds import ActionStatus, Finding, FindingStatus
from vernetool.i18n import tr
from vernetool.services.errors import StoreError
from vernetool.ui.common.labels import action_status_label, format_date, severity_label
from vernetool.ui.shell.theme import ERROR, ROUND_CHOSEN, ROUND_MEDIUM, SUCCESS

Index = QModelIndex | QPersistentModelIndex
ACTION, RESPONSIBLE, DEADLINE, STATUS, FINDING, ROOM, SEVERITY = range(7)
EDITABLE = (ACTION, DEADLINE, STATUS)
OVERDUE_COLOUR = ERROR
SEVERITY_COLOURS = {"low": SUCCESS, "medium": ROUND_MEDIUM, "high": ERROR}


def _headers() -> list[str]:
    return [tr("Action"), tr("Responsible"), tr("Deadline"), tr("Status"), tr("Finding"),
            tr("Room"), tr("Severity")]


def overdue_icon() -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(OVERDUE_COLOUR))
    p.drawEllipse(1, 1, 12, 12)
    p.setPen(QColor("white"))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(10)
    p.setFont(font)
    p.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "!")
    p.end()
    return QIcon(pixmap)


class ActionPlanModel(QAbstractTableModel):
    """Rows are findings; ``carried`` marks earlier findings kept open in this round.

    ``save`` is the one call that stores an edited finding (``findings.save_finding``).
    """

    def __init__(self, save: Callable[[Finding], None], today: dt.date,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._save = save
        self.today = today
        self.rows: list[Finding] = []
        self.carried: set[int] = set()
        self.error = ""
        self._icon: QIcon | None = None

    def set_rows(self, rows: list[Finding], carried: set[int]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.carried = set(carried)
        self.endResetModel()

    def finding_at(self, row: int) -> Finding | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        f = self.finding_at(index.row())
        if index.isValid() and index.column() in EDITABLE and f is not None \
                and f.status is FindingStatus.OPEN:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def is_overdue(self, f: Finding) -> bool:
        return f.is_overdue(self.today)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        f = self.finding_at(index.row()) if index.isValid() else None
        if f is None:
            return None
        col = index.column()
        overdue = self.is_overdue(f)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(f, col, overdue)
        if role == Qt.ItemDataRole.EditRole:
            if col == DEADLINE:
                day = f.deadline or self.today
                return QDate(day.year, day.month, day.day)
            if col == STATUS:
                return f.action_status.value
            return self._display(f, col, overdue)
        if role == Qt.ItemDataRole.ForegroundRole:
            if f.status is FindingStatus.CLOSED:
                return QColor(ROUND_CHOSEN)
            if overdue and col in (ACTION, DEADLINE, STATUS):
                return QColor(OVERDUE_COLOUR)
            if col == SEVERITY:
                return QColor(SEVERITY_COLOURS[f.severity.value])
            if col == STATUS and f.action_status is ActionStatus.DONE:
                return QColor(SUCCESS)
        if role == Qt.ItemDataRole.FontRole and overdue and col == DEADLINE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and col == DEADLINE and overdue:
            if self._icon is None:
                self._icon = overdue_icon()
            return self._icon
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = []
            if f.id in self.carried:
                tips.append(tr("Carried over from an earlier round and kept open"))
            if overdue:
                tips.append(tr("The deadline has passed and the action is not done"))
            if col == FINDING:
                tips.append(f.description)
                if f.register_label:
                    tips.append(tr("Concerns: {entry}").format(entry=f.register_label))
            return "\n".join(tips) or None
        return None

    def _display(self, f: Finding, col: int, overdue: bool) -> str:
        if col == ACTION:
            return f.action or tr("(no action yet)")
        if col == RESPONSIBLE:
            return f.responsible_name
        if col == DEADLINE:
            text = format_date(f.deadline)
            return f"{text} · {tr('Overdue')}" if overdue else text
        if col == STATUS:
            if f.status is FindingStatus.CLOSED:
                return tr("Closed")
            return action_status_label(f.action_status)
        if col == FINDING:
            first = f.description.splitlines()[0] if f.description else ""
            if f.register_label:   # the register entry it concerns: "… (Gjelder: Aceton …)"
                first += " — " + tr("Concerns: {entry}").format(entry=f.register_label)
            return ("↻ " + first) if f.id in self.carried else first
        if col == ROOM:
            return f.room_label or (tr("The unit") if f.unit_wide else "")
        return severity_label(f.severity)

    def setData(self, index: Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        f = self.finding_at(index.row()) if index.isValid() else None
        if f is None or role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE:
            return False
        col = index.column()
        before = (f.action, f.deadline, f.action_status)
        if col == ACTION:
            f.action = str(value).strip()
        elif col == DEADLINE:
            d = value if isinstance(value, QDate) else QDate.fromString(
                str(value), Qt.DateFormat.ISODate)
            if not d.isValid():
                return False
            f.deadline = dt.date(d.year(), d.month(), d.day())
        else:
            f.action_status = ActionStatus(str(value))
        if (f.action, f.deadline, f.action_status) == before:
            return False
        try:
            self._save(f)
        except (ValueError, StoreError) as exc:
            f.action, f.deadline, f.action_status = before
            self.error = str(exc)
            return False
        left, right = self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1)
        self.dataChanged.emit(left, right)
        return True

"""The biological agents' table: one row per agent, its group, notes (letters in the cell,
their meaning in the tooltip), its rooms with their containment level and where its
notification to Arbeidstilsynet stands (missing or late flagged in the error colour)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from vernetool.domain.biology.agents import (
    AgentNote,
    AgentType,
    NotificationCheck,
    NotificationState,
    containment_below_group,
    notification_check,
)
from vernetool.i18n import tr
from vernetool.ui.common.labels import format_date
from vernetool.ui.registers.biology.words import (
    agent_type_label,
    notes_text,
    notes_tooltip,
    notification_flagged,
    notification_label,
)
from vernetool.ui.shell import theme

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("name", "type", "group", "notes", "rooms", "notification")


@dataclass(frozen=True, slots=True)
class UseRow:
    """One room where an agent is used."""

    id: int
    room_id: int
    room_label: str
    containment_level: int | None
    notified_at: dt.date | None
    first_use: dt.date | None


@dataclass(frozen=True, slots=True)
class AgentRow:
    id: int
    name: str
    agent_type: AgentType
    risk_group: int
    notes: frozenset[AgentNote]
    uses: tuple[UseRow, ...] = ()
    long_retention: bool = False
    comment: str = ""

    def checks(self) -> list[tuple[UseRow, NotificationCheck]]:
        return [(use, notification_check(self.risk_group, use.notified_at, use.first_use))
                for use in self.uses]

    def notification(self) -> NotificationCheck:
        """The worst of its rooms (missing before late before in time)."""
        if self.risk_group < 2:
            return NotificationCheck(NotificationState.NOT_REQUIRED)
        checks = [check for _use, check in self.checks()]
        for state in (NotificationState.MISSING, NotificationState.LATE):
            for check in checks:
                if check.state is state:
                    return check
        return checks[0] if checks else NotificationCheck(NotificationState.MISSING)

    def flagged(self) -> bool:
        """In use somewhere, group 2-4, and not notified ≥ 30 days before first use."""
        return bool(self.uses) and notification_flagged(self.notification().state)

    def containment_too_low(self) -> list[UseRow]:
        return [u for u in self.uses if containment_below_group(self.risk_group,
                                                                u.containment_level)]


def _headers() -> list[str]:
    return [tr("Agent"), tr("Type"), tr("Group"), tr("Notes"), tr("Rooms (containment)"),
            tr("Notification")]


def use_text(use: UseRow) -> str:
    """ "D2-108 (L2)"; the level left out when none is given."""
    if use.containment_level is None:
        return use.room_label
    return tr("{room} (L{level})").format(room=use.room_label, level=use.containment_level)


def notification_tooltip(row: AgentRow) -> str:
    if row.risk_group < 2:
        return tr("Group 1 agents are not notified to Arbeidstilsynet.")
    if not row.uses:
        return tr("Not used in any room yet. Planned use of a group 2-4 agent is notified "
                  "to Arbeidstilsynet at least 30 days before first use.")
    lines = []
    for use, check in row.checks():
        words = notification_label(check.state)
        if use.notified_at is not None:
            words += " — " + tr("notified {date}").format(date=format_date(use.notified_at))
        if check.state is NotificationState.LATE:
            words += " — " + tr("{n} days short of the 30").format(n=check.shortfall_days)
        elif check.state is NotificationState.MISSING and check.notify_by is not None:
            words += " — " + tr("due by {date}").format(date=format_date(check.notify_by))
        lines.append(f"{use.room_label}: {words}")
    return "\n".join(lines)


class AgentsTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AgentRow] = []
        self._headers = _headers()

    def set_rows(self, rows: list[AgentRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> AgentRow:
        return self._rows[row]

    def row_of(self, agent_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == agent_id), -1)

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
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "notification" and row.flagged():
                return QColor(theme.ERROR)
            if key == "rooms" and row.containment_too_low():
                return QColor(theme.ERROR)
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "group":
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, row: AgentRow, key: str) -> str:
        if key == "name":
            return row.name
        if key == "type":
            return agent_type_label(row.agent_type)
        if key == "group":
            return str(row.risk_group)
        if key == "notes":
            return notes_text(row.notes)
        if key == "rooms":
            return ", ".join(use_text(u) for u in row.uses) or "—"
        state = row.notification().state
        if row.risk_group >= 2 and not row.uses:
            return tr("Not used yet")
        return notification_label(state)

    def _tooltip(self, row: AgentRow, key: str) -> str | None:
        if key == "notes":
            return notes_tooltip(row.notes) or tr("No notes")
        if key == "notification":
            return notification_tooltip(row)
        if key == "rooms" and (low := row.containment_too_low()):
            return tr("Containment level below the risk group in: {rooms}").format(
                rooms=", ".join(u.room_label for u in low))
        if key == "name":
            return row.name
        return None

"""The deviation detail's status history: one row per change, what it carried wrapped in."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from vernetool.domain.deviations.rules import DeviationStatus
from vernetool.i18n import tr
from vernetool.services.deviations.recording import StatusHistoryEntry
from vernetool.ui.common.labels import deviation_status_label, format_date, format_date_time
from vernetool.ui.deviations.table_model import plain_tooltip


def history_detail_text(entry: StatusHistoryEntry) -> str:
    """What a status change carried, in the user's language, then the user's own note."""
    parts: list[str] = []
    if entry.source == "import":
        parts.append(tr("Imported from a file"))
    elif entry.source == "measure":
        parts.append(tr("Measure added"))
    elif entry.source == "finding" and entry.finding_id is not None:
        parts.append(tr("From HSE round finding no. {id}").format(id=entry.finding_id))
    if entry.closing_deadline is not None and entry.to_status is DeviationStatus.ACCEPTED:
        parts.append(tr("Closing deadline {date}").format(
            date=format_date(entry.closing_deadline)))
    if entry.reason:
        parts.append(tr("Reason: {reason}").format(reason=entry.reason))
    if entry.transferred_to:
        parts.append(tr("To: {to}").format(to=entry.transferred_to))
    if entry.note:
        parts.append(entry.note)
    return " · ".join(parts)


def timestamp_text(value: str) -> str:
    """An ISO UTC timestamp from the store as local date and time."""
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return format_date_time(moment)


class StatusHistoryTable(QTableWidget):
    """When and who in one cell (the name under the time), the change and what it carried in
    the other, both wrapped, so the detail panel's ~300 pixels still read
    "Registrert → Akseptert / Frist for lukking 01.07.2025" (with a column each for the time
    and the name, the change had 55 pixels: "Regist… → Aksep…")."""

    def __init__(self) -> None:
        headers = [tr("When and who"), tr("Change")]
        super().__init__(0, len(headers))
        self.setObjectName("statusHistory")
        self.setHorizontalHeaderLabels(headers)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        for column in range(len(headers) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)

    def show_history(self, history: list[StatusHistoryEntry]) -> None:
        self.setRowCount(len(history))
        for row, entry in enumerate(history):
            if entry.from_status is None:
                change = deviation_status_label(entry.to_status.value)
            else:
                change = (f"{deviation_status_label(entry.from_status.value)} → "
                          f"{deviation_status_label(entry.to_status.value)}")
            details = history_detail_text(entry)
            if details:
                change = f"{change}\n{details}"
            when_who = f"{timestamp_text(entry.at)}\n{entry.actor}"
            for column, text in enumerate((when_who, change)):
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tooltip(text))
                self.setItem(row, column, item)
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Rows as high as their wrapped text at the columns' present width, the table as
        high as its first eight rows."""
        self.resizeRowsToContents()
        height = sum(self.rowHeight(r) for r in range(min(self.rowCount(), 8)))
        self.setFixedHeight(self.horizontalHeader().sizeHint().height() + max(height, 24) + 4)

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        """A new width wraps the change into other heights ("Frist for lukking …" was cut
        when the rows were measured before the panel had its width)."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_rows()

"""The plan dialog's pre-meeting tab: notes and the unit's open findings from earlier rounds."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.i18n import language, tr
from vernetool.ui.common.labels import format_date
from vernetool.ui.shell.theme import ERROR


class PreMeetingTab(QWidget):
    """Tab 4 of RoundPlanDialog: pre-meeting notes and the unit's open findings."""

    def __init__(self, ctx: AppContext, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.overdue_count = 0
        page = self
        self.pre_notes = QPlainTextEdit()
        self.pre_notes.setTabChangesFocus(True)
        self.pre_notes.setPlaceholderText(tr("Agenda and notes from the pre-meeting: status of "
                                             "earlier actions and deviations, what to look at "
                                             "especially…"))
        self.open_label = QLabel()
        self.open_label.setStyleSheet("font-weight: bold;")
        self.open_table = QTableWidget(0, 5)
        self.open_table.setHorizontalHeaderLabels(
            [tr("Finding"), tr("Room"), tr("Action"), tr("Responsible"), tr("Deadline")])
        self.open_table.verticalHeader().hide()
        self.open_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.open_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.open_table.setAlternatingRowColors(True)
        header = self.open_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col in (1, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("<b>" + tr("Pre-meeting notes") + "</b>"))
        layout.addWidget(self.pre_notes, 1)
        layout.addWidget(self.open_label)
        layout.addWidget(self.open_table, 2)

    def show_open_findings(self, unit: str | None, start: dt.date) -> None:
        """The unit's findings still open from rounds before ``start``."""
        rows = self.ctx.services.findings.open_for_unit(unit, start, language()) if unit else []
        overdue = sum(1 for f in rows if f.is_overdue(self.today))
        if not unit:
            self.open_label.setText(tr("Choose the unit to see its open findings from earlier "
                                       "rounds."))
        elif not rows:
            self.open_label.setText(tr("No open findings from earlier rounds."))
        else:
            text = tr("Open findings and actions from earlier rounds: {n}").format(n=len(rows))
            if overdue:
                text += " — " + tr("{n} overdue").format(n=overdue)
            self.open_label.setText(text)
        self.open_table.setRowCount(len(rows))
        bold = QFont()
        bold.setBold(True)
        for row, f in enumerate(rows):
            late = f.is_overdue(self.today)
            deadline = format_date(f.deadline)
            if late:
                deadline += " · " + tr("Overdue")
            values = (f.description.splitlines()[0] if f.description else "",
                      f.room_label or (tr("The unit") if f.unit_wide else ""),
                      f.action, f.responsible_name, deadline)
            for col, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(f.description if col == 0 else value)
                if late:
                    cell.setForeground(QColor(ERROR))
                    if col == 4:
                        cell.setFont(bold)
                self.open_table.setItem(row, col, cell)
        self.overdue_count = overdue


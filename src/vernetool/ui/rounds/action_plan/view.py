"""Closing meeting and action plan (sluttmøte og handlingsplan) of an HSE round.

Closing notes are committed as you type; the action plan (tiltak / ansvarlig / frist / status)
is edited in place or in the finding dialog and followed up until every action is done.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.errors import ValidationError
from vernetool.domain.rounds import ActionStatus, Finding, FindingStatus, RoundStatus
from vernetool.i18n import language, tr
from vernetool.i18n.store_errors import describe
from vernetool.services import Change, Topic
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.labels import format_date, round_status_label
from vernetool.ui.common.round_header import back_to_rounds_button, round_subtitle, round_title
from vernetool.ui.common.task_runner import TaskRunner
from vernetool.ui.rounds.action_plan.delegates import ActionStatusDelegate, DateDelegate
from vernetool.ui.rounds.action_plan.export import ActionPlanExport
from vernetool.ui.rounds.action_plan.followup import FollowUp
from vernetool.ui.rounds.action_plan.model import (
    ACTION,
    DEADLINE,
    FINDING,
    ROOM,
    SEVERITY,
    STATUS,
    ActionPlanModel,
)
from vernetool.ui.rounds.action_plan.state import ActionPlanState
from vernetool.ui.rounds.finding_dialog import FindingDialog
from vernetool.ui.shell.theme import ERROR, MUTED, ROUND_SUCCESS

log = logging.getLogger(__name__)

NOTES_DELAY_MS = 600


class ActionPlanView(QWidget):
    """The closing meeting and the action plan; follow-up and export are parts of their own."""

    back_requested = Signal()
    walk_requested = Signal(int)
    report_requested = Signal(int)

    def __init__(self, ctx: AppContext, round_id: int, parent: QWidget | None = None,
                 *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round_id = round_id
        self.today = today or dt.date.today()
        self.state = ActionPlanState(ctx, round_id, self.today,
                                     ctx.services.rounds.get_round(round_id))
        self.follow_up = FollowUp(self.state, self.current_finding, self)
        self.follow_up.changed.connect(self.refresh)
        self.follow_up.notice.connect(self.show_notice)
        self.exporter = ActionPlanExport(self.state, self)
        self.exporter.notice.connect(self.show_notice)
        self._build()
        self.refresh()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self.refresh)
        self.relay = ChangeRelay(ctx.services, self)
        self.relay.on((Topic.ROUNDS, Topic.FINDINGS), self._changed)

    def _build(self) -> None:
        back = back_to_rounds_button(self._back)
        walk = QPushButton(tr("Back to the walk"))
        walk.clicked.connect(self._walk)
        self.title = round_title()
        self.title.setWordWrap(True)
        self.subtitle = round_subtitle()
        self.export_button = QPushButton(tr("Export action plan"))
        menu = QMenu(self.export_button)
        menu.addAction(tr("Excel workbook (XLSX)…")).triggered.connect(
            lambda: self.export_action_plan("xlsx"))
        menu.addAction(tr("CSV for Excel (;)…")).triggered.connect(
            lambda: self.export_action_plan("csv"))
        self.export_button.setMenu(menu)
        report = QPushButton(tr("Report PDF…"))
        report.clicked.connect(lambda: self.report_requested.emit(self.round_id))
        self.complete_button = QPushButton(tr("Complete round"))
        self.complete_button.clicked.connect(self.complete_round)
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        top.addWidget(back, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(walk, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(8)
        top.addLayout(titles, 1)
        for button in (self.export_button, report, self.complete_button):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        for button in (back, walk, self.export_button, report, self.complete_button):
            button.setMinimumHeight(32)

        notes_label = QLabel(tr("Closing meeting notes"))
        notes_label.setStyleSheet("font-weight: bold;")
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(tr("What was agreed in the closing meeting: priorities, "
                                         "who follows up, next round…"))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 4 + 18)
        self._notes_saved = ""
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTES_DELAY_MS)
        self._notes_timer.timeout.connect(self.save_notes)
        self.notes.textChanged.connect(self._notes_timer.start)
        self.notes_state = QLabel()
        self.notes_state.setStyleSheet(f"color: {MUTED};")

        plan_label = QLabel(tr("Action plan"))
        plan_label.setStyleSheet("font-weight: bold;")
        self.summary = QLabel()
        self.summary.setStyleSheet(f"color: {MUTED};")
        self.model = ActionPlanModel(self._save_finding, self.today, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setItemDelegateForColumn(STATUS, ActionStatusDelegate(self.table))
        self.table.setItemDelegateForColumn(DEADLINE, DateDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ACTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FINDING, QHeaderView.ResizeMode.Stretch)
        for col in (1, DEADLINE, STATUS, ROOM, SEVERITY):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.table.installEventFilter(self)

        self.edit_button = QPushButton(tr("Edit finding…"))
        self.edit_button.clicked.connect(self.edit_finding)
        self.done_button = QPushButton(tr("Mark action done"))
        self.done_button.clicked.connect(lambda: self.set_action_status(ActionStatus.DONE))
        self.progress_button = QPushButton(tr("Mark in progress"))
        self.progress_button.clicked.connect(
            lambda: self.set_action_status(ActionStatus.IN_PROGRESS))
        self.close_button = QPushButton(tr("Close finding…"))
        self.close_button.clicked.connect(self.ask_close)
        self.reopen_button = QPushButton(tr("Reopen"))
        self.reopen_button.clicked.connect(self.reopen)
        row_buttons = QHBoxLayout()
        for button in (self.edit_button, self.progress_button, self.done_button,
                       self.close_button, self.reopen_button):
            button.setMinimumHeight(30)
            row_buttons.addWidget(button)
        row_buttons.addStretch(1)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        self.notice.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addSpacing(4)
        notes_head = QHBoxLayout()
        notes_head.addWidget(notes_label)
        notes_head.addStretch(1)
        notes_head.addWidget(self.notes_state)
        layout.addLayout(notes_head)
        layout.addWidget(self.notes)
        layout.addSpacing(6)
        plan_head = QHBoxLayout()
        plan_head.addWidget(plan_label)
        plan_head.addStretch(1)
        plan_head.addWidget(self.summary)
        layout.addLayout(plan_head)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_buttons)

    # -- loading ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the table opens the selected row (unless a cell editor is open)."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    self.table.state() != QAbstractItemView.State.EditingState:
                self.edit_finding()
                return True
        return super().eventFilter(watched, event)

    # -- follow-up and export, by the names the view always had -----------------------------
    @property
    def finding_dialog(self) -> FindingDialog | None:
        return self.follow_up.finding_dialog

    @property
    def runner(self) -> TaskRunner | None:
        return self.exporter.runner

    def export_action_plan(self, fmt: str, out: Path | None = None) -> TaskRunner | None:
        return self.exporter.export(fmt, out)

    def edit_finding(self) -> None:
        self.follow_up.edit_finding()

    def set_action_status(self, status: ActionStatus) -> None:
        self.follow_up.set_action_status(status)

    def ask_close(self) -> None:
        self.follow_up.ask_close()

    def close_finding(self, finding_id: int, note: str = "") -> None:
        self.follow_up.close_finding(finding_id, note)

    def reopen(self) -> None:
        self.follow_up.reopen()

    def complete_round(self) -> None:
        self.save_notes()
        self.follow_up.complete_round()

    def _save_finding(self, finding: Finding) -> None:
        """The table's edit: stored, then the plan shown again once the edit has ended."""
        self.follow_up.save_finding(finding)
        QTimer.singleShot(0, self, self.refresh)

    def _double_clicked(self, index: QModelIndex) -> None:
        if not self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.edit_finding()

    # -- change notices --------------------------------------------------------------------
    def _changed(self, change: Change) -> None:
        if not self.state.own_write:
            self._refresh_timer.start()   # after the slot that caused it has finished

    def refresh(self) -> None:
        lang = language()
        r = self.state.round = self.ctx.services.rounds.get_round(self.round_id)
        self.title.setText(tr("Closing meeting and action plan"))
        dates = format_date(r.start_date)
        if r.end_date and r.end_date != r.start_date:
            dates += f"–{format_date(r.end_date)}"
        unit = " — ".join(x for x in (r.unit_code or "", r.unit_name) if x)
        self.subtitle.setText(" · ".join(
            x for x in (r.title, unit, dates, round_status_label(r.status)) if x))
        if not self.notes.hasFocus() or self.notes.toPlainText() == self._notes_saved:
            if self.notes.toPlainText() != r.closing_notes:  # keep the cursor where it is
                self.notes.blockSignals(True)
                self.notes.setPlainText(r.closing_notes)
                self.notes.blockSignals(False)
            self._notes_saved = r.closing_notes
        self.notes.setReadOnly(r.status is RoundStatus.REPORTED)
        plan = self.ctx.services.action_plan.rows(self.round_id, lang)
        current = self.table.currentIndex().row()
        self.model.set_rows(plan.rows, plan.carried)
        if self.model.rowCount():
            self.table.selectRow(min(max(current, 0), self.model.rowCount() - 1))
        rows = self.model.rows
        done = sum(1 for f in rows if f.action_status is ActionStatus.DONE
                   or f.status is FindingStatus.CLOSED)
        overdue = sum(1 for f in rows if f.is_overdue(self.today))
        text = (tr("1 action · {done} done") if len(rows) == 1
                else tr("{n} actions · {done} done")).format(n=len(rows), done=done)
        if overdue:
            text += " · " + tr("{n} overdue").format(n=overdue)
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {ERROR if overdue else MUTED};"
                                   + (" font-weight: bold;" if overdue else ""))
        self.complete_button.setVisible(r.status in (RoundStatus.IN_PROGRESS,
                                                     RoundStatus.COMPLETED))
        self.complete_button.setText(tr("Complete round") if r.status is RoundStatus.IN_PROGRESS
                                     else tr("Mark reported"))
        self._enable()

    def _enable(self) -> None:
        f = self.current_finding()
        open_ = f is not None and f.status is FindingStatus.OPEN
        self.edit_button.setEnabled(f is not None)
        self.done_button.setEnabled(open_ and f.action_status is not ActionStatus.DONE)  # type: ignore[union-attr]
        self.progress_button.setEnabled(open_ and f.action_status is ActionStatus.OPEN)  # type: ignore[union-attr]
        self.close_button.setEnabled(open_)
        self.reopen_button.setEnabled(f is not None and f.status is FindingStatus.CLOSED)

    def current_finding(self) -> Finding | None:
        return self.model.finding_at(self.table.currentIndex().row())

    def show_notice(self, text: str, error: bool = False) -> None:
        colour = ERROR if error else ROUND_SUCCESS
        self.notice.setStyleSheet(f"color: {colour}; padding: 2px;")
        self.notice.setText(text)
        self.notice.show()

    # -- notes -----------------------------------------------------------------------------
    def save_notes(self) -> None:
        self._notes_timer.stop()
        text = self.notes.toPlainText()
        if text == self._notes_saved:
            return
        try:
            with reported(self) as saved, self.state.own_write():
                self.ctx.services.action_plan.save_closing_notes(self.round_id, text)
        except ValidationError as exc:
            self.notes_state.setText(tr("Not saved: {error}").format(error=exc))
            return
        if not saved:
            self.notes_state.setText(tr("Not saved: {error}").format(
                error=describe(saved.error) if saved.error else ""))
            return
        self._notes_saved = text
        self.notes_state.setText(tr("Saved"))

    def hideEvent(self, event: Any) -> None:
        self.save_notes()
        super().hideEvent(event)

    def _back(self) -> None:
        self.save_notes()
        self.back_requested.emit()

    def _walk(self) -> None:
        self.save_notes()
        self.walk_requested.emit(self.round_id)

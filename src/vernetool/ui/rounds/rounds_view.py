"""The HSE rounds area (HMS-runder): the list of rounds, planning, the walk and the action plan.

The list, the walk and the closing meeting are pages of one stack, so "back" is one click and
the walk keeps the whole window.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.errors import ValidationError
from vernetool.domain.rounds import RoundStatus
from vernetool.i18n import tr
from vernetool.services import Change, Topic
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.task_runner import TaskRunner
from vernetool.ui.rounds.files import RoundFiles
from vernetool.ui.rounds.rounds_table_model import RoundsTableModel
from vernetool.ui.shell.theme import ACCENT, ERROR, MUTED, ROUND_ACCENT_DISABLED, ROUND_SUCCESS

if TYPE_CHECKING:
    from vernetool.ui.rounds.action_plan.view import ActionPlanView
    from vernetool.ui.rounds.walk.view import RoundWalkView

log = logging.getLogger(__name__)


def has_bundles() -> bool:
    """Whether the round bundle service (export/merge between laptops) is installed."""
    return importlib.util.find_spec("vernetool.exchange.round_bundle") is not None


class RoundsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or dt.date.today()
        self.walk: RoundWalkView | None = None
        self.plan: ActionPlanView | None = None
        self.completion_box: QMessageBox | None = None   # "items not answered: complete?"
        self.files = RoundFiles(ctx.services, self)
        self.files.notice.connect(self.show_notice)
        self.files.merged.connect(self._merged)
        self.stack = QStackedWidget()
        self.list_page = QWidget()
        self.stack.addWidget(self.list_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._build_list()
        self.refresh()
        # rounds change in the walk, the plan dialog, a merged bundle: the list follows
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self._refresh_list)
        self.relay = ChangeRelay(ctx.services, self)
        self.relay.on((Topic.ROUNDS, Topic.FINDINGS), self._changed)

    # -- the list --------------------------------------------------------------------------
    def _build_list(self) -> None:
        title = QLabel(tr("HSE rounds"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(tr("Every unit holds at least one HSE round a year: pre-meeting, walk, "
                          "closing meeting and action plan. The line manager is responsible; "
                          "the safety representative takes part in the whole round."))
        intro.setWordWrap(True)
        intro.setStyleSheet(f"color: {MUTED};")

        self.new_button = QPushButton(tr("&New round…"))
        self.new_button.clicked.connect(self.new_round)
        self.edit_button = QPushButton(tr("&Edit plan…"))
        self.edit_button.clicked.connect(self.edit_round)
        self.walk_button = QPushButton(tr("&Walk the round"))
        self.walk_button.setToolTip(tr("Open the round and continue where you left off (Enter)"))
        self.walk_button.setStyleSheet(
            f"QPushButton {{ background: {ACCENT}; color: white; font-weight: bold; "
            "border-radius: 5px; padding: 4px 14px; }"
            f"QPushButton:disabled {{ background: {ROUND_ACCENT_DISABLED}; }}")
        self.walk_button.clicked.connect(self.open_walk)
        self.plan_button = QPushButton(tr("&Action plan"))
        self.plan_button.clicked.connect(self.open_action_plan)
        self.report_button = QPushButton(tr("&Report PDF…"))
        self.report_button.clicked.connect(self.write_report)
        self.status_button = QPushButton(tr("S&tatus"))
        status_menu = QMenu(self.status_button)
        self.complete_action = status_menu.addAction(tr("Complete round"))
        self.complete_action.triggered.connect(lambda: self.change_status(RoundStatus.COMPLETED))
        self.reported_action = status_menu.addAction(tr("Mark reported"))
        self.reported_action.triggered.connect(lambda: self.change_status(RoundStatus.REPORTED))
        self.reopen_action = status_menu.addAction(tr("Reopen round"))
        self.reopen_action.triggered.connect(lambda: self.change_status(RoundStatus.IN_PROGRESS))
        self.status_button.setMenu(status_menu)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.walk_button, self.plan_button,
                       self.report_button, self.status_button):
            button.setMinimumHeight(32)
            buttons.addWidget(button)
        self.bundle_button: QPushButton | None = None
        if has_bundles():
            self.bundle_button = QPushButton(tr("&Share"))
            bundle_menu = QMenu(self.bundle_button)
            bundle_menu.addAction(tr("Export bundle…")).triggered.connect(self.export_bundle)
            bundle_menu.addAction(tr("Merge bundle…")).triggered.connect(self.merge_bundle)
            self.bundle_button.setMenu(bundle_menu)
            self.bundle_button.setMinimumHeight(32)
            buttons.addWidget(self.bundle_button)
        buttons.addStretch(1)

        self.model = RoundsTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 6):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self.open_walk())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.table.installEventFilter(self)

        self.empty = QLabel(tr("No rounds yet. Plan the first one with “New round…”."))
        self.empty.setStyleSheet(f"color: {MUTED}; padding: 12px;")
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setOpenExternalLinks(False)
        self.notice.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        self.notice.hide()

        layout = QVBoxLayout(self.list_page)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the table opens the selected row (unless a cell editor is open)."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    self.table.state() != QAbstractItemView.State.EditingState:
                self.open_walk()
                return True
        return super().eventFilter(watched, event)

    def _changed(self, _change: Change) -> None:
        # the walk and the action plan show their own changes; the list catches up when it is
        # shown again (show_list), so answering never waits for the list
        if self.stack.currentWidget() is self.list_page and self.isVisible():
            self._refresh_timer.start()

    def _refresh_list(self) -> None:
        current = self.selected_round_id()
        self.model.set_rows(self.ctx.services.rounds.list_rounds())
        if self.model.rowCount():
            row = self.model.row_of(current) if current is not None else -1
            self.select_row(row if row >= 0 else 0)
        self.empty.setVisible(self.model.rowCount() == 0)
        self._enable()

    def refresh(self) -> None:
        """Reload the list (the main window calls this when the area is shown again)."""
        current = self.selected_round_id()
        self.model.set_rows(self.ctx.services.rounds.list_rounds())
        self.empty.setVisible(self.model.rowCount() == 0)
        if self.model.rowCount():
            row = self.model.row_of(current) if current is not None else -1
            self.select_row(row if row >= 0 else 0)
        self._enable()
        plan = self.plan
        if plan is not None and self.stack.currentWidget() is plan:
            plan.refresh()

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)

    def select_round(self, round_id: int) -> None:
        row = self.model.row_of(round_id)
        if row >= 0:
            self.select_row(row)

    def selected_round_id(self) -> int | None:
        index = self.table.currentIndex() if hasattr(self, "table") else None
        if index is None or not index.isValid():
            return None
        summary = self.model.round_at(index.row())
        return summary.id if summary else None

    def _enable(self) -> None:
        summary = self.model.round_at(self.table.currentIndex().row())
        has = summary is not None
        for button in (self.edit_button, self.walk_button, self.plan_button, self.report_button,
                       self.status_button):
            button.setEnabled(has)
        if self.bundle_button is not None:
            self.bundle_button.setEnabled(has)
        status = summary.status if summary else None
        self.edit_button.setEnabled(has and status is not RoundStatus.REPORTED)
        self.complete_action.setEnabled(status is RoundStatus.IN_PROGRESS)
        self.reported_action.setEnabled(status is RoundStatus.COMPLETED)
        self.reopen_action.setEnabled(status is RoundStatus.COMPLETED)
        self.walk_button.setText(tr("Start the &walk") if status is RoundStatus.PLANNED
                                 else tr("Continue the &walk") if status is
                                 RoundStatus.IN_PROGRESS else tr("Open the &walk"))

    def show_notice(self, text: str, error: bool = False) -> None:
        colour = ERROR if error else ROUND_SUCCESS
        self.notice.setStyleSheet(f"color: {colour}; padding: 4px 2px;")
        self.notice.setText(text)
        self.notice.show()

    # -- planning --------------------------------------------------------------------------
    def new_round(self) -> None:
        from vernetool.ui.rounds.plan.dialog import RoundPlanDialog

        dialog = RoundPlanDialog(self.ctx, parent=self, today=self.today)
        dialog.finished.connect(lambda result: self._planned(dialog, result))
        self.plan_dialog = dialog
        dialog.open()

    def edit_round(self) -> None:
        from vernetool.ui.rounds.plan.dialog import RoundPlanDialog

        round_id = self.selected_round_id()
        if round_id is None:
            return
        dialog = RoundPlanDialog(self.ctx, round_id=round_id, parent=self, today=self.today)
        dialog.finished.connect(lambda result: self._planned(dialog, result))
        self.plan_dialog = dialog
        dialog.open()

    def _planned(self, dialog: Any, result: int) -> None:
        self.window().activateWindow()
        self.table.setFocus()
        if result and dialog.round_id is not None:
            self.refresh()
            self.select_round(dialog.round_id)
        dialog.deleteLater()

    # -- walk and action plan ------------------------------------------------------------------
    def _replace(self, attr: str, widget: QWidget) -> None:
        old = getattr(self, attr)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        setattr(self, attr, widget)
        self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)

    def open_walk(self, round_id: int | None = None) -> None:
        from vernetool.ui.rounds.walk.view import RoundWalkView

        round_id = round_id or self.selected_round_id()
        if round_id is None:
            return
        walk = RoundWalkView(self.ctx, round_id, today=self.today)
        walk.back_requested.connect(self.show_list)
        walk.action_plan_requested.connect(self.open_action_plan)
        self._replace("walk", walk)
        walk.checklist.setFocus()

    def open_action_plan(self, round_id: int | None = None) -> None:
        from vernetool.ui.rounds.action_plan.view import ActionPlanView

        round_id = round_id or self.selected_round_id()
        if round_id is None:
            return
        plan = ActionPlanView(self.ctx, round_id, today=self.today)
        plan.back_requested.connect(self.show_list)
        plan.walk_requested.connect(self.open_walk)
        plan.report_requested.connect(self.write_report)
        self._replace("plan", plan)

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list_page)
        self.refresh()
        self.table.setFocus()

    # -- status ----------------------------------------------------------------------------
    def change_status(self, target: RoundStatus) -> bool:
        """Whether the round changed now. Completing a round in progress with items not
        answered asks first (``completion_box``) and changes it only when confirmed."""
        round_id = self.selected_round_id()
        if round_id is None:
            return False
        summary = self.model.round_at(self.table.currentIndex().row())
        if target is RoundStatus.COMPLETED and summary is not None and \
                summary.status is RoundStatus.IN_PROGRESS:
            from vernetool.ui.rounds.completion import confirm_completion

            changed: list[bool] = []
            self.completion_box = confirm_completion(
                self, self.ctx.services, round_id,
                lambda: changed.append(self._set_status(round_id, target)))
            return bool(changed) and changed[0]
        return self._set_status(round_id, target)

    def _set_status(self, round_id: int, target: RoundStatus) -> bool:
        try:
            with reported(self) as changed:
                self.ctx.services.rounds.set_status(round_id, target)
        except ValidationError:
            self.show_notice(tr("The round cannot change to “{status}” from its current "
                                "status.").format(status=_status_word(target)), error=True)
            return False
        if not changed:
            return False
        self.refresh()
        self.show_notice(tr("The round is now “{status}”.").format(status=_status_word(target)))
        return True

    # -- report and bundles (off the GUI thread) ----------------------------------------------
    @property
    def runner(self) -> TaskRunner | None:
        return self.files.runner

    @property
    def merge_box(self) -> QMessageBox | None:
        return self.files.merge_box

    def write_report(self, round_id: int | None = None, out: Path | None = None) -> None:
        round_id = round_id or self.selected_round_id()
        if round_id is not None:
            self.files.write_report(round_id, out, self.today)

    def export_bundle(self, out: Path | None = None) -> None:
        round_id = self.selected_round_id()
        if round_id is not None:
            self.files.export_bundle(round_id, out)

    def merge_bundle(self, source: Path | None = None) -> None:
        self.files.merge_bundle(source)

    def _merged(self, round_id: int) -> None:
        self.refresh()
        if round_id:
            self.select_round(round_id)


def _status_word(status: RoundStatus) -> str:
    from vernetool.ui.common.labels import round_status_label

    return round_status_label(status)

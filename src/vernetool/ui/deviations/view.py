"""The Deviations area: the filtered list with counts per status, the detail with the
workflow, measures, history and photos, and recording (Insert or Ctrl+Shift+N).

Ctrl+N stays File → New database everywhere; Insert adds the area's item as in Rooms and
People, and Ctrl+Shift+N is the same for keyboards without an Insert key. Every read and
write goes through the deviation services; the area re-reads what it shows when they say
deviations, their settings, rooms or units changed (here or in another area)."""

from __future__ import annotations

import datetime as dt
import logging
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.deviations.rules import Deviation, DeviationStatus, StatusChange
from vernetool.domain.errors import ValidationError
from vernetool.i18n import tr
from vernetool.services import Change, Topic
from vernetool.services.deviations.attachments import Attachment
from vernetool.services.deviations.queries import DeviationFilter, DeviationRow
from vernetool.ui.common.buttons import translate_buttons
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.common.column_fit import ColumnFitter
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.labels import deviation_status_label, format_count, format_date
from vernetool.ui.common.list_detail import (
    ListArea,
    ListDetailSplitter,
    add_edit_shortcuts,
    area_shortcut,
    clear_on_escape,
    current_item,
    detail_scroll_area,
    list_hint,
    select_listed_row,
    setup_list_table,
)
from vernetool.ui.deviations.attachment_actions import AttachmentActions, image_paths
from vernetool.ui.deviations.detail import DeviationDetail
from vernetool.ui.deviations.filter_bar import STATUS_ORDER, DeviationFilterBar
from vernetool.ui.deviations.form_widgets import error_text
from vernetool.ui.deviations.table_model import (
    DEADLINE_COLUMN,
    STATUS_COLUMN,
    DeviationsTableModel,
)

log = logging.getLogger(__name__)

TITLE_COLUMN = 2
TITLE_MIN_WIDTH = 170
OPTIONAL_COLUMNS = (9, 0, 5, 1)  # unit, number, severity, reported: hidden first to last

def count_text(n: int) -> str:
    if n == 1:
        return tr("1 deviation")
    return tr("{n} deviations").format(n=format_count(n))


class DeviationsView(ListArea):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.services = ctx.services
        self.today = today
        self.setAcceptDrops(True)
        self.dialog: QWidget | None = None
        self.files = AttachmentActions(self.services, self, self._warn)
        self.matrix = self.services.deviation_settings.risk_matrix()

        # -- filters ---------------------------------------------------------------------------
        self.filter_bar = bar = DeviationFilterBar(ctx)
        self.search = bar.search
        self.filter_edit = self.search  # where the main window puts the focus (Ctrl+4 …)
        self.status_combo, self.type_combo = bar.status_combo, bar.type_combo
        self.category_combo, self.severity_combo = bar.category_combo, bar.severity_combo
        self.unit_combo, self.room_filter = bar.unit_combo, bar.room_filter
        self.date_from, self.date_to = bar.date_from, bar.date_to
        self.overdue_check, self.clear_button = bar.overdue_check, bar.clear_button
        self.new_button = QPushButton(tr("Ne&w deviation…"))
        self.new_button.setObjectName("newDeviation")
        self.new_button.setToolTip(tr("Record a deviation (Insert or Ctrl+Shift+N)"))
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.room_filter)
        top.addSpacing(8)
        top.addWidget(self.count_label)
        top.addSpacing(8)
        top.addWidget(self.new_button)
        filters = bar.build_filters()
        self.chips = bar.build_chips()
        self.chip_buttons = bar.chip_buttons

        # -- table and detail ------------------------------------------------------------------
        self.model = DeviationsTableModel(self.services.deviation_queries, matrix=self.matrix,
                                          today=today, parent=self)
        self.table = QTableView()
        self.table.setObjectName("deviationsTable")
        self.table.setModel(self.model)
        header = setup_list_table(self.table)
        self.table.setSortingEnabled(True)
        header.setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        metrics = header.fontMetrics()
        # status, deadline, type, category and room always show; the title takes the width
        # they leave; unit, number, severity and date (all in the detail) give way first
        widths = (46, 84, TITLE_MIN_WIDTH, 150, 140, 64, 130, 140, 80, 56)  # category: 10 px to
        # the deadline below, which an English overdue date needs (the list fits 1024 px)
        for column, width in enumerate(widths):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            self.table.setColumnWidth(column, max(width, metrics.horizontalAdvance(title) + 26))
        longest = max(metrics.horizontalAdvance(deviation_status_label(s)) for s in STATUS_ORDER)
        self.table.setColumnWidth(STATUS_COLUMN, max(self.table.columnWidth(STATUS_COLUMN),
                                                     longest + 40))  # text and the red dot
        # an overdue deadline is bold and longer in English ("Overdue 2026-11-30")
        bold = QFont(self.table.font())
        bold.setBold(True)
        sample = f"{tr('Overdue')} {format_date(dt.date(2026, 12, 31))}"
        self.table.setColumnWidth(DEADLINE_COLUMN, max(
            self.table.columnWidth(DEADLINE_COLUMN),
            QFontMetrics(bold).horizontalAdvance(sample) + 20))

        self.column_fit = ColumnFitter(self.table, TITLE_COLUMN, TITLE_MIN_WIDTH,
                                       OPTIONAL_COLUMNS, squeeze=50)

        self.detail = DeviationDetail()
        scroll = detail_scroll_area(self.detail)
        self.detail_scroll = scroll
        # beside the list on a laptop, under it on a 1024-pixel screen (ListDetailSplitter)
        splitter = ListDetailSplitter(self.table, scroll,
                                      list_min=self.column_fit.needed_width(), detail_min=320)
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(self.chips)
        layout.addWidget(splitter, 1)

        # -- wiring ----------------------------------------------------------------------------
        self.wire_filter()
        bar.connect_changes(self.apply_filter)
        self.clear_button.clicked.connect(self.clear_filters)
        self.new_button.clicked.connect(self.new_deviation)
        self.model.total_changed.connect(self._show_count)
        self.model.modelReset.connect(self._after_reset)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(self.edit_current)
        self.detail.edit_button.clicked.connect(self.edit_current)
        self.detail.transition_requested.connect(self.change_status)
        self.detail.add_action_button.clicked.connect(self.add_action)
        self.detail.add_note_button.clicked.connect(self.add_action_note)
        self.detail.done_button.clicked.connect(self.mark_action_done)
        self.detail.attach_button.clicked.connect(self.attach_photo)
        self.detail.attachment_opened.connect(self.open_attachment)
        self.detail.room_requested.connect(self.open_room)
        add_edit_shortcuts(self.table, self.edit_current)
        area_shortcut(self, QKeySequence(QKeySequence.StandardKey.Find), self._focus_filter)
        for sequence in (QKeySequence(Qt.Key.Key_Insert), QKeySequence("Ctrl+Shift+N")):
            area_shortcut(self, sequence, self.new_deviation)
        clear_on_escape(self.search)
        self.relay = ChangeRelay(self.services, self)
        self.relay.on((Topic.DEVIATIONS, Topic.DEVIATION_SETTINGS, Topic.ROOMS, Topic.UNITS),
                      self._changed)

        order = [self.search, self.room_filter, self.new_button, self.status_combo, self.type_combo,
                 self.category_combo, self.severity_combo, self.unit_combo,
                 self.date_from, self.date_to, self.overdue_check, self.clear_button,
                 self.table]
        for first, second in pairwise(order):
            self.setTabOrder(first, second)

        self._selected_id: int | None = None
        self._shown: Deviation | None = None
        self._show_count(self.model.total())
        self._update_chips()
        self._after_reset()

    def today_date(self) -> dt.date:
        return self.today or dt.date.today()

    # -- filtering ---------------------------------------------------------------------------
    def current_filter(self) -> DeviationFilter:
        return self.filter_bar.current_filter()

    def apply_filter(self) -> None:
        super().apply_filter()
        self._update_chips()

    def clear_filters(self) -> None:
        self.filter_bar.reset()
        self.apply_filter()

    def _update_chips(self) -> None:
        counts = self.services.deviation_queries.status_counts(self.model.filter,
                                                               today=self.today_date())
        self.filter_bar.update_chips(counts)

    def _show_count(self, total: int) -> None:
        self.count_label.setText(count_text(total))

    # -- selection and detail ------------------------------------------------------------------

    def select_deviation(self, deviation_id: int) -> bool:
        return select_listed_row(self.table, self.model.row_of_deviation(deviation_id))

    def selected_row(self) -> DeviationRow | None:
        return current_item(self.table, self.model)

    def shown_deviation(self) -> Deviation | None:
        """The deviation in the detail panel; the buttons act on it."""
        return self._shown

    def _after_reset(self) -> None:
        self.detail.empty.setText(list_hint(
            self.model.total(), self.model.filter != DeviationFilter(),
            select=tr("Select a deviation to see its details."),
            no_match=tr("No deviation matches the filter."),
            empty=tr("No deviations are recorded yet. Press Insert (or Ctrl+Shift+N) or "
                     "“New deviation…” to record one.")))
        if self._selected_id is not None and self.select_deviation(self._selected_id):
            self.show_detail(self._selected_id)
            return
        self.show_detail(None)

    def _current_changed(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._selected_id = row.id
            self.show_detail(row.id)

    def show_detail(self, deviation_id: int | None) -> None:
        if self._shown is None or self._shown.id != deviation_id:
            self.detail_scroll.verticalScrollBar().setValue(0)  # a new one starts at its top
        queries = self.services.deviation_queries
        details = queries.details(deviation_id, today=self.today_date()) \
            if deviation_id is not None else None
        self._shown = details.deviation if details is not None else None
        if details is None:
            self.detail.show_deviation(None)
            return
        dev = details.deviation
        self.detail.show_deviation(
            dev, overdue=details.overdue, actions=details.actions, history=details.history,
            attachments=details.attachments, thumbnails=details.attachment_paths,
            transitions=self.services.deviation_workflow.next_steps(dev), matrix=self.matrix)

    def open_room(self, room_id: int) -> None:
        """The room screen of the deviation's room."""
        from vernetool.ui.rooms.open_room import open_room

        open_room(self, self.ctx, room_id)

    # -- recording and editing ----------------------------------------------------------------
    def new_deviation(self, prefill: Deviation | None = None) -> int | None:
        from vernetool.ui.deviations.dialog import DeviationDialog

        dialog = DeviationDialog(self.ctx, prefill if isinstance(prefill, Deviation) else None,
                                 self)
        self.dialog = dialog
        if dialog.exec() and dialog.deviation_id is not None:
            self._after_save(dialog.deviation_id)
            return dialog.deviation_id
        return None

    def edit_current(self) -> None:
        from vernetool.ui.deviations.dialog import DeviationDialog

        dev = self._fresh()
        if dev is None:
            return
        dialog = DeviationDialog(self.ctx, dev, self)
        self.dialog = dialog
        if dialog.exec() and dialog.deviation_id is not None:
            self._after_save(dialog.deviation_id)

    def _fresh(self) -> Deviation | None:
        shown = self._shown
        if shown is None or shown.id is None:
            return None
        return self.services.deviations.get(shown.id)

    def _after_save(self, deviation_id: int) -> None:
        """Select what was saved; the list itself was re-read on the service's notice."""
        self._selected_id = deviation_id
        if self.select_deviation(deviation_id):
            self.table.setFocus()
        self.show_detail(deviation_id)

    # -- workflow -------------------------------------------------------------------------------
    def change_status(self, target: DeviationStatus) -> None:
        from vernetool.ui.deviations.workflow_dialogs import StatusChangeDialog, needs_dialog

        dev = self._fresh()
        if dev is None or dev.id is None:
            return
        if not needs_dialog(dev.status, target):
            with reported(self) as outcome:
                try:
                    self.services.deviation_workflow.change_status(
                        dev.id, StatusChange(target), today=self.today)
                except ValidationError as exc:
                    self._warn(error_text(exc))
                    return
            if outcome:
                self._after_save(dev.id)
            return
        dialog = StatusChangeDialog(self.ctx, dev, target, self, today=self.today)
        self.dialog = dialog
        if dialog.exec():
            self._after_save(dev.id)

    def add_action(self) -> None:
        from vernetool.ui.deviations.workflow_dialogs import ActionDialog

        dev = self._fresh()
        if dev is None or dev.id is None:
            return
        dialog = ActionDialog(self.ctx, dev, self, today=self.today)
        self.dialog = dialog
        if dialog.exec():
            self._after_save(dev.id)

    def add_action_note(self) -> None:
        from vernetool.ui.deviations.workflow_dialogs import ActionNoteDialog

        action = self.detail.selected_action()
        dev = self._shown
        if action is None or dev is None or dev.id is None:
            return
        dialog = ActionNoteDialog(self.ctx, action, self)
        self.dialog = dialog
        if dialog.exec():
            self.show_detail(dev.id)

    def mark_action_done(self) -> None:
        action = self.detail.selected_action()
        dev = self._shown
        if action is None or action.id is None or dev is None or dev.id is None:
            return
        with reported(self) as outcome:
            try:
                self.services.deviation_measures.mark_done(action.id, today=self.today)
            except ValidationError as exc:
                self._warn(error_text(exc))
                return
        if outcome:
            self._after_save(dev.id)

    # -- attachments ----------------------------------------------------------------------------
    def attach_photo(self) -> None:
        if self._shown is not None:
            self.attach_files(self.files.choose())

    def attach_files(self, paths: list[Path]) -> int:
        dev = self._shown
        if dev is None or dev.id is None or not paths:
            return 0
        added = self.files.attach(dev.id, paths)
        self.show_detail(dev.id)
        return added

    def open_attachment(self, attachment: Attachment) -> None:
        self.files.open(attachment)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._shown is not None and event.mimeData().hasUrls() and \
                image_paths(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = image_paths(event.mimeData().urls())
        if paths and self.attach_files(paths):
            event.acceptProposedAction()

    # -- shared ------------------------------------------------------------------------------------
    def _warn(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Deviations"), message,
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote user text
        translate_buttons(box)
        self.dialog = box
        box.open()

    def _changed(self, change: Change) -> None:
        if change.topic in (Topic.DEVIATION_SETTINGS, Topic.UNITS, Topic.DATABASE):
            chosen = self.current_filter()
            self.filter_bar.load_choices()
            if self.current_filter() != chosen:
                self.apply_filter()  # the chosen category or unit is gone
        self.refresh()

    def refresh(self) -> None:
        """Re-read the list, keeping the selection (an import or another area may have
        changed it)."""
        self.matrix = self.services.deviation_settings.risk_matrix()
        self.model.matrix = self.matrix
        self.model.reload(keep_loaded=True)
        self._update_chips()

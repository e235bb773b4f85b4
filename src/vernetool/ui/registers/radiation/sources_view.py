"""The radiation sources as the "Radiation sources" tab of the Registers area.

A list that filters as you type (kind, nuclide, make, model, serial number, room, DSA id and
status), with each source's activity today in a readable unit and its leak test's due date;
an overdue leak test and a notifiable source without a DSA id are coloured. Beside it, the
detail pane. Keyboard: Insert adds, Enter/F2 edits, Ctrl+F filters, Esc clears the filter.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.radiation.sources import SourceKind, needs_leak_test
from vernetool.i18n import tr, trn
from vernetool.services import Change, Topic
from vernetool.services.radiation.sources import SourceFilter
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.common.column_fit import ColumnFitter
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.list_detail import (
    add_edit_shortcuts,
    area_shortcut,
    clear_on_escape,
    count_label,
    detail_scroll_area,
    filter_line_edit,
    focus_filter,
    focus_table,
    list_detail_splitter,
    muted_label,
    select_listed_row,
    setup_list_table,
    size_columns,
)
from vernetool.ui.registers.radiation.source_detail import SourceDetail
from vernetool.ui.registers.radiation.sources_table_model import (
    DESCRIPTION,
    DSA_STATUS,
    NOTIFIABLE,
    ROOM,
    SourceRow,
    SourcesTableModel,
)

COLUMN_WIDTHS = (100, 70, 80, 150, 90, 80, 90, 70, 120)


class SourcesView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self._rows: list[SourceRow] = []

        self.filter_edit = filter_line_edit(
            "sourcesFilter", tr("Filter by kind, nuclide, make, serial, room, DSA id… (Ctrl+F)"),
            tr("Filter the radiation sources"))
        self.show_disposed = QCheckBox(tr("Show dis&posed"))
        self.show_disposed.setObjectName("showDisposed")
        self.count = count_label()
        self.new_button = QPushButton(tr("&Add source…"))
        self.edit_button = QPushButton(tr("&Edit…"))
        self.status_button = QPushButton(tr("DSA &status…"))
        self.leak_button = QPushButton(tr("&Leak test…"))
        self.dispose_button = QPushButton(tr("Dis&pose…"))

        self.model = SourcesTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("sourcesTable")
        self.table.setModel(self.model)
        setup_list_table(self.table)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(36)
        size_columns(self.table, COLUMN_WIDTHS, 26)
        # the description takes what the others leave; on a small screen the notifiability,
        # the DSA status and the room give way (the detail pane shows them)
        self.column_fit = ColumnFitter(self.table, DESCRIPTION, 150,
                                       [NOTIFIABLE, DSA_STATUS, ROOM])
        self.detail = SourceDetail()
        self.detail.setObjectName("sourceDetail")
        self.empty_hint = muted_label("")
        list_side = QWidget()
        list_layout = QVBoxLayout(list_side)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.empty_hint)
        self.splitter = list_detail_splitter(list_side, detail_scroll_area(self.detail),
                                             list_min=self.column_fit.needed_width(),
                                             detail_min=260)

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.show_disposed)
        bar.addWidget(self.count)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.status_button,
                       self.leak_button, self.dispose_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(bar)
        layout.addLayout(buttons)
        layout.addWidget(self.splitter, 1)

        self.filter_edit.textChanged.connect(self.apply_filter)
        self.show_disposed.toggled.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self.edit_source)
        self.new_button.clicked.connect(self.new_source)
        self.edit_button.clicked.connect(self.edit_source)
        self.status_button.clicked.connect(self.change_status)
        self.leak_button.clicked.connect(self.record_leak_test)
        self.dispose_button.clicked.connect(self.dispose_source)
        add_edit_shortcuts(self.table, self.edit_source)
        area_shortcut(self, QKeySequence(Qt.Key.Key_Insert), self.new_source)
        area_shortcut(self, QKeySequence(QKeySequence.StandardKey.Find),
                      lambda: focus_filter(self.filter_edit))
        self.filter_edit.returnPressed.connect(lambda: focus_table(self.table))
        clear_on_escape(self.filter_edit)
        from vernetool.ui.rooms.open_room import add_open_room_action

        self.open_room_action = add_open_room_action(self, self.table, ctx, self._room_of)
        self.relay = ChangeRelay(ctx.services, self)
        self.relay.on((Topic.SOURCES, Topic.ROOMS), self._changed)
        self.refresh()

    def day(self) -> dt.date:
        return self.today or dt.date.today()

    # -- what the Registers area asks ---------------------------------------------------------
    def refresh(self) -> None:
        kept = self.selected_row()
        with reported(self, tr("Could not read the radiation sources")):
            day = self.day()
            self._rows = [SourceRow.of(now)
                          for now in self.ctx.services.radiation_sources.register_now(
                              SourceFilter(include_disposed=True), day)]
        self.apply_filter()
        if kept is not None:
            select_listed_row(self.table, self.model.row_of(kept.source.id))
        self._selection_changed()

    def _changed(self, change: Change) -> None:
        self.refresh()

    def apply_filter(self) -> None:
        words = self.filter_edit.text().casefold().split()
        disposed = self.show_disposed.isChecked()
        shown = [row for row in self._rows
                 if (disposed or row.source.disposal is None)
                 and all(word in row.haystack() for word in words)]
        kept = self.selected_row()
        self.model.set_rows(shown)
        if kept is not None:
            select_listed_row(self.table, self.model.row_of(kept.source.id))
        self.count.setText(trn("{n} source", "{n} sources", len(shown)).format(n=len(shown)))
        if not self._rows:
            self.empty_hint.setText(tr("No radiation sources yet. “Add source…” (Insert) "
                                       "registers one."))
        elif not shown:
            self.empty_hint.setText(tr("No source matches the filter."))
        self.empty_hint.setVisible(not shown)
        self._selection_changed()

    # -- selection ------------------------------------------------------------------------------
    def selected_row(self) -> SourceRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def select_id(self, source_id: int) -> bool:
        """Select a source (a disposed one shows the disposed too); False when not listed."""
        if (self.model.row_of(source_id) < 0 and not self.show_disposed.isChecked()
                and any(r.source.id == source_id for r in self._rows)):
            self.show_disposed.setChecked(True)
        return select_listed_row(self.table, self.model.row_of(source_id))

    def _room_of(self) -> int | None:
        row = self.selected_row()
        return row.source.room_id if row is not None else None

    def _selection_changed(self) -> None:
        row = self.selected_row()
        has = row is not None
        held = has and row is not None and row.source.disposal is None
        self.edit_button.setEnabled(has)
        self.status_button.setEnabled(has)
        self.leak_button.setEnabled(held and row is not None
                                    and needs_leak_test(SourceKind(row.source.kind)))
        self.dispose_button.setEnabled(held)
        if row is None:
            self.detail.show_source(None)
            return
        service = self.ctx.services.radiation_sources
        with reported(self, tr("Could not read the radiation sources")):
            self.detail.show_source(row, service.status_history(row.source.id),
                                    service.leak_tests(row.source.id), self.day())

    # -- actions ------------------------------------------------------------------------------
    def new_source(self) -> None:
        from vernetool.ui.registers.radiation.source_dialog import SourceDialog

        dialog = SourceDialog(self.ctx, None, self, today=self.today)
        if dialog.exec() and dialog.saved is not None:
            self.refresh()
            select_listed_row(self.table, self.model.row_of(dialog.saved.id))

    def edit_source(self) -> None:
        from vernetool.ui.registers.radiation.source_dialog import SourceDialog

        row = self.selected_row()
        if row is None:
            return
        dialog = SourceDialog(self.ctx, row.source, self, today=self.today)
        if dialog.exec():
            self.refresh()

    def change_status(self) -> None:
        from vernetool.ui.registers.radiation.source_actions import StatusDialog

        row = self.selected_row()
        if row is not None and StatusDialog(self.ctx, row.source, self,
                                            today=self.today).exec():
            self.refresh()

    def record_leak_test(self) -> None:
        from vernetool.ui.registers.radiation.source_actions import LeakTestDialog

        row = self.selected_row()
        if row is not None and LeakTestDialog(self.ctx, row.source, self,
                                              today=self.today).exec():
            self.refresh()

    def dispose_source(self) -> None:
        from vernetool.ui.registers.radiation.source_actions import DisposeSourceDialog

        row = self.selected_row()
        if row is not None and DisposeSourceDialog(self.ctx, row.source, self,
                                                   today=self.today).exec():
            self.refresh()

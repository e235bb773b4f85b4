"""The "Biological agents" tab of the Registers area: the agents filtered by name, type, risk
group and room; the selected agent's detail (notes in words, the rules that follow from its
group and notes, its rooms with containment level and notification); and the biosafety
cabinets with their yearly certification under the list.

Flags: a group 2-4 agent in use whose planned use was not notified to Arbeidstilsynet at
least 30 days before first use, a room whose containment level is below the agent's group,
and a cabinet overdue for certification, all in the theme's error colour and in words.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.biology.agents import (
    AgentNote,
    AgentType,
    NotificationState,
    vaccine_offer_required,
    workers_register_required,
)
from vernetool.domain.biology.model import Cabinet
from vernetool.domain.biology.workers import retention_years
from vernetool.i18n import tr, trn
from vernetool.services import Change
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.common.column_fit import ColumnFitter
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.flow_layout import FlowLayout
from vernetool.ui.common.labels import format_date
from vernetool.ui.common.list_detail import (
    FieldGrid,
    add_edit_shortcuts,
    area_shortcut,
    clear_on_escape,
    count_label,
    detail_scroll_area,
    detail_title,
    focus_filter,
    focus_table,
    list_detail_splitter,
    muted_label,
    plain_label,
    section_title,
    select_listed_row,
    setup_list_table,
    size_columns,
)
from vernetool.ui.registers.biology import data
from vernetool.ui.registers.biology.agents_model import (
    AgentRow,
    AgentsTableModel,
    UseRow,
    notification_tooltip,
)
from vernetool.ui.registers.biology.cabinets_model import CabinetsTableModel
from vernetool.ui.registers.biology.fields import fit_list
from vernetool.ui.registers.biology.words import (
    agent_type_label,
    containment_label,
    group_label,
    note_meaning,
    notification_label,
)
from vernetool.ui.shell import theme

ALL = -1
AGENT_WIDTHS = (170, 80, 50, 50, 130, 120)
CABINET_WIDTHS = (110, 150, 90, 130, 90, 110)
ERROR_STYLE = f"color: {theme.ERROR};"


def use_line(row: AgentRow, use: UseRow) -> tuple[str, bool]:
    """(the room's line in the detail, flagged?)."""
    from vernetool.domain.biology.agents import containment_below_group, notification_check

    check = notification_check(row.risk_group, use.notified_at, use.first_use)
    parts = [use.room_label, containment_label(use.containment_level)]
    if use.notified_at is not None:
        parts.append(tr("notified {date}").format(date=format_date(use.notified_at)))
    if use.first_use is not None:
        parts.append(tr("first use {date}").format(date=format_date(use.first_use)))
    flagged = False
    if check.state in (NotificationState.MISSING, NotificationState.LATE):
        parts.append(notification_label(check.state))
        flagged = True
    if containment_below_group(row.risk_group, use.containment_level):
        parts.append(tr("containment below the risk group"))
        flagged = True
    return " · ".join(parts), flagged


class AgentDetail(QWidget):
    """The selected agent: its words, the rules that follow, its rooms."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row: AgentRow | None = None
        self.title = detail_title()
        self.subtitle = plain_label()
        self.empty = muted_label(tr("Select an agent to see its rooms and notification."))
        self.fields = FieldGrid()
        self.group = plain_label()
        self.notes = plain_label()
        self.notes.setObjectName("noteWords")
        self.register = plain_label()
        self.vaccine = plain_label()
        self.fields.add_row(tr("Risk group:"), self.group)
        self.fields.add_row(tr("Notes:"), self.notes)
        self.fields.add_row(tr("Workers register:"), self.register)
        self.fields.add_row(tr("Vaccination:"), self.vaccine)
        self.uses = QListWidget()
        self.uses.setObjectName("agentUses")
        self.uses.setAccessibleName(tr("Rooms where the agent is used"))
        self.uses.setWordWrap(True)
        self.uses.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.no_uses = muted_label(tr("Not used in any room yet."))
        self.edit_button = QPushButton(tr("&Edit agent…"))
        self.add_use_button = QPushButton(tr("&Use in a room…"))
        self.add_use_button.setToolTip(tr("Add a room, its containment level and the "
                                          "notification to Arbeidstilsynet"))
        self.edit_use_button = QPushButton(tr("Edit room &use…"))
        self.end_use_button = QPushButton(tr("End use in room…"))
        self.end_use_button.setToolTip(tr("The agent is no longer used in the selected room "
                                          "(the register keeps the history)"))
        buttons = QWidget()  # side by side, or one under the other in a narrow panel
        flow = FlowLayout(buttons)
        flow.addWidget(self.add_use_button)
        flow.addWidget(self.edit_use_button)
        flow.addWidget(self.end_use_button)
        top = QHBoxLayout()
        top.addWidget(self.edit_button)
        top.addStretch(1)

        self.content = QWidget()
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.fields)
        inner.addLayout(top)
        inner.addSpacing(8)
        inner.addWidget(section_title(tr("Rooms and containment")))
        inner.addWidget(self.no_uses)
        inner.addWidget(self.uses)
        inner.addWidget(buttons)
        inner.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.empty)
        layout.addWidget(self.content, 1)
        self.show_agent(None)

    def show_agent(self, row: AgentRow | None) -> None:
        self.row = row
        has = row is not None
        for widget in (self.title, self.subtitle, self.content):
            widget.setVisible(has)
        self.empty.setVisible(not has)
        if row is None:
            return
        self.title.setText(row.name)
        self.subtitle.setText(agent_type_label(row.agent_type))
        self.group.setText(group_label(row.risk_group))
        self.notes.setText("\n".join(note_meaning(n) for n in (
            AgentNote.ALLERGENIC, AgentNote.REGISTER_10_YEARS, AgentNote.TOXIN,
            AgentNote.VACCINE) if n in row.notes) or tr("No notes"))
        if workers_register_required(row.risk_group, row.notes):
            years = retention_years(row.long_retention)
            self.register.setText(tr("Required (§31-3), kept {n} years after the last "
                                     "exposure").format(n=years))
        else:
            self.register.setText(tr("Not required"))
        self.vaccine.setText(tr("Offer the vaccine in writing (note V)")
                             if vaccine_offer_required(row.notes) else tr("No vaccine listed"))
        self.uses.clear()
        for use in row.uses:
            text, flagged = use_line(row, use)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, use.id)
            if flagged:
                from PySide6.QtGui import QColor

                item.setForeground(QColor(theme.ERROR))
            item.setToolTip(text)
            self.uses.addItem(item)
        if row.uses:
            self.uses.setCurrentRow(0)
        fit_list(self.uses, len(row.uses))
        self.uses.setVisible(bool(row.uses))
        self.no_uses.setVisible(not row.uses)
        self.edit_use_button.setEnabled(bool(row.uses))
        self.end_use_button.setEnabled(bool(row.uses))

    def selected_use(self) -> UseRow | None:
        if self.row is None:
            return None
        item = self.uses.currentItem()
        if item is None:
            return None
        use_id = item.data(Qt.ItemDataRole.UserRole)
        return next((u for u in self.row.uses if u.id == use_id), None)


class AgentsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self._all: list[AgentRow] = []
        self._selected_id: int | None = None

        from vernetool.ui.common.list_detail import filter_line_edit

        self.filter_edit = filter_line_edit(
            "agentFilter", tr("Filter by agent or room… (Ctrl+F)"),
            tr("Filter the biological agents"))
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("agentTypeFilter")
        self.type_combo.setAccessibleName(tr("Type"))
        self.type_combo.addItem(tr("All types"), "")
        for agent_type in AgentType:
            self.type_combo.addItem(agent_type_label(agent_type), agent_type.value)
        self.group_combo = QComboBox()
        self.group_combo.setObjectName("groupFilter")
        self.group_combo.setAccessibleName(tr("Risk group"))
        self.group_combo.addItem(tr("All groups"), ALL)
        for group in range(1, 5):
            self.group_combo.addItem(group_label(group), group)
        self.room_combo = QComboBox()
        self.room_combo.setObjectName("roomFilter")
        self.room_combo.setAccessibleName(tr("Room"))
        self.room_combo.setMinimumContentsLength(10)
        self.room_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.count = count_label()
        self.new_button = QPushButton(tr("&New agent…"))
        self.new_button.setToolTip(tr("Register an agent, from the built-in list or your own "
                                      "(Insert)"))
        self.warning = QLabel()
        self.warning.setObjectName("agentWarnings")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(ERROR_STYLE)

        self.model = AgentsTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("agentsTable")
        self.table.setAccessibleName(tr("Biological agents"))
        self.table.setModel(self.model)
        header = setup_list_table(self.table)
        header.setStretchLastSection(False)
        self.table.setTabKeyNavigation(False)
        size_columns(self.table, AGENT_WIDTHS, 24)
        # the name takes the spare width; type and rooms (the detail shows them) give way
        self.column_fit = ColumnFitter(self.table, 0, AGENT_WIDTHS[0], (1, 4))
        self.detail = AgentDetail()
        self.detail_scroll = detail_scroll_area(self.detail)
        self.detail_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.splitter = list_detail_splitter(self.table, self.detail_scroll,
                                             list_min=self.column_fit.needed_width(),
                                             detail_min=260)

        # the cabinets: under the list, a table of their own with its buttons
        self.cabinets = CabinetsTableModel(self, today)
        self.cabinet_table = QTableView()
        self.cabinet_table.setObjectName("cabinetsTable")
        self.cabinet_table.setAccessibleName(tr("Biosafety cabinets"))
        self.cabinet_table.setModel(self.cabinets)
        cab_header = setup_list_table(self.cabinet_table)
        cab_header.setStretchLastSection(False)
        self.cabinet_table.setTabKeyNavigation(False)
        size_columns(self.cabinet_table, CABINET_WIDTHS, 24)
        self.cabinet_fit = ColumnFitter(self.cabinet_table, 1, CABINET_WIDTHS[1], (3, 2))
        self.cabinet_title = section_title(tr("Biosafety cabinets"))
        self.new_cabinet_button = QPushButton(tr("New ca&binet…"))
        self.certify_button = QPushButton(tr("&Certify…"))
        self.certify_button.setToolTip(tr("Record the yearly certification of the selected "
                                          "cabinet"))
        cabinet_bar = QHBoxLayout()
        cabinet_bar.addWidget(self.cabinet_title)
        cabinet_bar.addStretch(1)
        cabinet_bar.addWidget(self.new_cabinet_button)
        cabinet_bar.addWidget(self.certify_button)
        cabinet_box = QWidget()
        cabinet_layout = QVBoxLayout(cabinet_box)
        cabinet_layout.setContentsMargins(0, 4, 0, 0)
        cabinet_layout.addLayout(cabinet_bar)
        cabinet_layout.addWidget(self.cabinet_table, 1)
        self.vertical = QSplitter(Qt.Orientation.Vertical)
        self.vertical.addWidget(self.splitter)
        self.vertical.addWidget(cabinet_box)
        self.vertical.setChildrenCollapsible(False)
        self.vertical.setStretchFactor(0, 3)
        self.vertical.setStretchFactor(1, 1)
        cabinet_box.setMinimumHeight(110)

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.type_combo)
        bar.addWidget(self.group_combo)
        bar.addWidget(self.room_combo)
        bar.addSpacing(6)
        bar.addWidget(self.count)
        bar.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(bar)
        layout.addWidget(self.warning)
        layout.addWidget(self.vertical, 1)

        self.filter_edit.textChanged.connect(self.apply_filter)
        for combo in (self.type_combo, self.group_combo, self.room_combo):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self.edit_agent)
        self.new_button.clicked.connect(lambda: self.new_agent())
        self.detail.edit_button.clicked.connect(self.edit_agent)
        self.detail.add_use_button.clicked.connect(self.add_use)
        self.detail.edit_use_button.clicked.connect(self.edit_use)
        self.detail.uses.itemActivated.connect(lambda *_: self.edit_use())
        self.detail.end_use_button.clicked.connect(self.end_use)
        self.new_cabinet_button.clicked.connect(self.new_cabinet)
        self.certify_button.clicked.connect(self.certify)
        self.cabinet_table.doubleClicked.connect(self.certify)
        self.cabinet_table.selectionModel().currentRowChanged.connect(self._update_buttons)
        add_edit_shortcuts(self.table, self.edit_agent)
        add_edit_shortcuts(self.cabinet_table, self.certify)
        area_shortcut(self, QKeySequence(Qt.Key.Key_Insert), lambda: self.new_agent())
        area_shortcut(self, QKeySequence(QKeySequence.StandardKey.Find),
                      lambda: focus_filter(self.filter_edit))
        self.filter_edit.returnPressed.connect(lambda: focus_table(self.table))
        clear_on_escape(self.filter_edit)
        for first, second in zip(self._order(), self._order()[1:], strict=False):
            QWidget.setTabOrder(first, second)
        from vernetool.ui.rooms.open_room import add_open_room_action

        self.open_room_action = add_open_room_action(self, self.table, ctx, self._room_of)
        self.relay = ChangeRelay(ctx.services, self)
        self.relay.on(data.agent_topics(), self._changed)
        self.refresh()

    def _order(self) -> list[QWidget]:
        return [self.filter_edit, self.type_combo, self.group_combo, self.room_combo,
                self.new_button, self.table, self.detail.edit_button, self.detail.uses,
                self.detail.add_use_button, self.detail.edit_use_button,
                self.detail.end_use_button, self.cabinet_table,
                self.new_cabinet_button, self.certify_button]

    def _today(self) -> dt.date:
        return self.today or dt.date.today()

    # -- reading -------------------------------------------------------------------------------
    def _changed(self, _change: Change) -> None:
        self.refresh()

    def refresh(self) -> None:
        kept = self.selected_agent()
        if kept is not None:
            self._selected_id = kept.id
        cabinet = self.selected_cabinet()
        with reported(self, tr("Could not read the biological register")):
            self._all = data.agent_rows(self.ctx)
            self.cabinets.set_rows(data.cabinet_rows(self.ctx))
        if cabinet is not None:
            select_listed_row(self.cabinet_table, self.cabinets.row_of(cabinet.id))
        self._fill_rooms()
        self.apply_filter()

    def _fill_rooms(self) -> None:
        rooms: dict[int, str] = {}
        for row in self._all:
            for use in row.uses:
                rooms[use.room_id] = use.room_label
        chosen = self.room_combo.currentData()
        self.room_combo.blockSignals(True)
        self.room_combo.clear()
        self.room_combo.addItem(tr("All rooms"), ALL)
        for room_id, label in sorted(rooms.items(), key=lambda item: item[1].casefold()):
            self.room_combo.addItem(label, room_id)
        self.room_combo.setCurrentIndex(max(0, self.room_combo.findData(chosen)))
        self.room_combo.blockSignals(False)

    def show_room(self, room_id: int | None) -> None:
        """Only the agents used in one room (the Rooms area's room detail)."""
        index = self.room_combo.findData(room_id if room_id is not None else ALL)
        self.room_combo.setCurrentIndex(max(0, index))

    def apply_filter(self) -> None:
        words = self.filter_edit.text().casefold().split()
        agent_type = str(self.type_combo.currentData() or "")
        group = int(self.group_combo.currentData())
        room = int(self.room_combo.currentData() if self.room_combo.count() else ALL)
        shown = []
        for row in self._all:
            if agent_type and row.agent_type.value != agent_type:
                continue
            if group != ALL and row.risk_group != group:
                continue
            if room != ALL and all(use.room_id != room for use in row.uses):
                continue
            haystack = " ".join([row.name, *(u.room_label for u in row.uses)]).casefold()
            if all(word in haystack for word in words):
                shown.append(row)
        self.model.set_rows(shown)
        self.count.setText(trn("{n} agent", "{n} agents", len(shown)).format(n=len(shown)))
        if self._selected_id is not None:
            select_listed_row(self.table, self.model.row_of(self._selected_id))
        self._selection_changed()
        self._show_warnings()

    def _show_warnings(self) -> None:
        late = [row for row in self._all if row.flagged()]
        overdue = self.cabinets.overdue()
        parts = []
        if late:
            parts.append(trn(
                "{n} agent in use was not notified to Arbeidstilsynet 30 days before first "
                "use.", "{n} agents in use were not notified to Arbeidstilsynet 30 days "
                "before first use.", len(late)).format(n=len(late)))
        if overdue:
            parts.append(trn("{n} biosafety cabinet is overdue for certification.",
                             "{n} biosafety cabinets are overdue for certification.",
                             len(overdue)).format(n=len(overdue)))
        self.warning.setText(" ".join(parts))
        self.warning.setVisible(bool(parts))
        if late:
            self.warning.setToolTip("\n".join(f"{row.name}: {notification_tooltip(row)}"
                                              for row in late))

    # -- selection -----------------------------------------------------------------------------
    def selected_agent(self) -> AgentRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def selected_cabinet(self) -> Cabinet | None:
        index = self.cabinet_table.currentIndex()
        if not index.isValid() or index.row() >= self.cabinets.rowCount():
            return None
        return self.cabinets.row_at(index.row())

    def _room_of(self) -> int | None:
        """The room of the use selected in the detail, else the room filtered on, else the
        agent's first room."""
        row = self.selected_agent()
        if row is None or not row.uses:
            return None
        use = self.detail.selected_use()
        if use is not None:
            return use.room_id
        chosen = int(self.room_combo.currentData() if self.room_combo.count() else ALL)
        if chosen != ALL and any(u.room_id == chosen for u in row.uses):
            return chosen
        return row.uses[0].room_id

    def select_row(self, row: int) -> None:
        select_listed_row(self.table, row)

    def select_id(self, agent_id: int) -> bool:
        return select_listed_row(self.table, self.model.row_of(agent_id))

    def select_cabinet(self, cabinet_id: int) -> bool:
        row = self.cabinets.row_of(cabinet_id)
        if row >= 0:
            self.cabinet_table.setFocus()
        return select_listed_row(self.cabinet_table, row)

    def _selection_changed(self) -> None:
        row = self.selected_agent()
        if row is not None:
            self._selected_id = row.id
        self.detail.show_agent(row)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.certify_button.setEnabled(self.selected_cabinet() is not None)

    # -- actions -------------------------------------------------------------------------------
    def new_agent(self) -> None:
        from vernetool.ui.registers.biology.agent_dialog import AgentDialog

        dialog = AgentDialog(self.ctx, None, self)
        if dialog.exec() and dialog.agent_id is not None:
            self._selected_id = dialog.agent_id
            self.refresh()
            if self.select_id(dialog.agent_id):
                self.add_use()

    def edit_agent(self) -> None:
        from vernetool.ui.registers.biology.agent_dialog import AgentDialog

        row = self.selected_agent()
        if row is None:
            return
        if AgentDialog(self.ctx, row.id, self).exec():
            self.refresh()

    def add_use(self) -> None:
        from vernetool.ui.registers.biology.use_dialog import AgentUseDialog

        row = self.selected_agent()
        if row is None:
            return
        if AgentUseDialog(self.ctx, row, None, self, today=self.today).exec():
            self.refresh()

    def edit_use(self) -> None:
        from vernetool.ui.registers.biology.use_dialog import AgentUseDialog

        row, use = self.selected_agent(), self.detail.selected_use()
        if row is None or use is None:
            return
        if AgentUseDialog(self.ctx, row, use, self, today=self.today).exec():
            self.refresh()

    def end_use(self) -> None:
        """The agent is no longer used in the selected room: ended today, kept in history."""
        from PySide6.QtWidgets import QMessageBox

        from vernetool.ui.common.buttons import translate_buttons

        row, use = self.selected_agent(), self.detail.selected_use()
        if row is None or use is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, tr("End use in room"), tr(
            "End the use of {agent} in {room} today? The register keeps the room's history "
            "(notification, containment, dates).").format(agent=row.name, room=use.room_label),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        translate_buttons(box)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        with reported(self, tr("Could not end the use")):
            data.end_use(self.ctx, use.id, self._today())
        self.refresh()

    def new_cabinet(self) -> None:
        from vernetool.ui.registers.biology.cabinet_dialog import CabinetDialog

        dialog = CabinetDialog(self.ctx, self)
        if dialog.exec() and dialog.cabinet_id is not None:
            self.refresh()
            select_listed_row(self.cabinet_table, self.cabinets.row_of(dialog.cabinet_id))

    def certify(self) -> None:
        from vernetool.ui.registers.biology.cabinet_dialog import CertifyDialog

        cabinet = self.selected_cabinet()
        if cabinet is None:
            return
        if CertifyDialog(self.ctx, cabinet, self, today=self.today).exec():
            self.refresh()

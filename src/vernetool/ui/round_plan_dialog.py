"""Planning an HSE round: who takes part, which rooms, which checklists, and the pre-meeting.

The line manager and the safety representative come first; rooms are picked by building,
floor, type, unit or from the rooms a person is responsible for.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections import Counter

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.db import findings, responsibilities, rounds, templates
from vernetool.db.buildings import list_buildings
from vernetool.db.rooms import RoomFilter, count_rooms, list_rooms
from vernetool.db.units import list_units
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import Room, RoomType
from vernetool.domain.rounds import Participant, ParticipantRole, RoundPlan
from vernetool.ui.i18n import language, tr
from vernetool.ui.labels import (
    date_display_format,
    format_date,
    participant_role_label,
    room_type_label,
)
from vernetool.ui.theme import MUTED
from vernetool.ui.widgets.form_errors import FormError, accept_button, save_cancel_buttons
from vernetool.ui.widgets.person_picker import PersonPicker

log = logging.getLogger(__name__)

MAX_ROOMS_SHOWN = 500
OTHER_ROLES = [r for r in ParticipantRole
               if r not in (ParticipantRole.LINE_MANAGER, ParticipantRole.SAFETY_REP)]
TAB_ROUND, TAB_ROOMS, TAB_CHECKLISTS, TAB_PRE = range(4)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_display_format())
    return edit


def room_text(room: Room) -> str:
    parts = [room.label]
    if room.name:
        parts.append(room.name)
    detail = [room_type_label(room.type)]
    if room.floor:
        detail.append(tr("floor {floor}").format(floor=room.floor))
    if room.unit_code:
        detail.append(room.unit_code)
    return f"{'  '.join(parts)}   ({', '.join(detail)})"


class RoundPlanDialog(QDialog):
    """Plan a new round, or change the plan of one (``round_id``) that is not reported."""

    def __init__(self, ctx: AppContext, round_id: int | None = None,
                 parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round_id = round_id
        self.today = today or dt.date.today()
        self.chosen: dict[int, Room] = {}
        self.existing: dict[int, int] = {}   # room id → round room id (edit mode)
        self.shown: list[Room] = []
        self.setWindowTitle(tr("Edit round plan") if round_id else tr("Plan a new HSE round"))
        self.setMinimumSize(860, 640)
        if not templates.latest_templates(ctx.conn):
            templates.ensure_builtin(ctx.conn)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._round_tab(), tr("&1 Round and participants"))
        self.tabs.addTab(self._rooms_tab(), tr("&2 Rooms"))
        self.tabs.addTab(self._checklists_tab(), tr("&3 Checklists"))
        self.tabs.addTab(self._pre_tab(), tr("&4 Pre-meeting"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.error = FormError()
        buttons = save_cancel_buttons(
            self, tr("Save plan") if round_id else tr("Create round"), ok=True)
        ok = accept_button(buttons)
        # four tabs of fields: Enter in one of them must not create the round half-planned;
        # Ctrl+Enter (as in the finding dialog) or the button does
        ok.setAutoDefault(False)
        ok.setToolTip(tr("Ctrl+Enter"))
        self.ok_button = ok
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if round_id is not None:
            self._load(round_id)
        else:
            self.title.setText(tr("HSE round {year}").format(year=self.today.year))
        self.update_rooms()
        self._update_chosen()
        self.title.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ok_button.setDefault(False)  # the button box makes it the default when shown

    # -- tab 1: round and participants -------------------------------------------------------
    def _round_tab(self) -> QWidget:
        page = QWidget()
        self.title = QLineEdit()
        self.unit = QComboBox()
        self.unit.addItem(tr("(no unit)"), None)
        for unit in list_units(self.ctx.conn):
            self.unit.addItem(f"{unit.code} — {unit.name}" if unit.name else unit.code, unit.code)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self.start = _date_edit(self.today)
        self.has_end = QCheckBox(tr("Ends"))
        self.end = _date_edit(self.today)
        self.end.setEnabled(False)
        self.has_end.toggled.connect(self.end.setEnabled)
        self.start.dateChanged.connect(lambda _d: self._refresh_pre())
        dates_box = QWidget()
        dates = QHBoxLayout(dates_box)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.start)
        dates.addSpacing(12)
        dates.addWidget(self.has_end)
        dates.addWidget(self.end)
        dates.addStretch(1)
        form = QFormLayout()
        form.addRow(tr("&Title:"), self.title)
        form.addRow(tr("&Unit:"), self.unit)
        form.addRow(tr("&Date:"), dates_box)
        date_label = form.labelForField(dates_box)
        if isinstance(date_label, QLabel):
            date_label.setBuddy(self.start)

        key = QGroupBox(tr("Who is responsible"))
        self.manager = PersonPicker(self.ctx)
        self.rep = PersonPicker(self.ctx)
        key_form = QFormLayout(key)
        key_form.addRow(tr("&Line manager:"), self.manager)
        key_form.addRow(tr("&Safety representative:"), self.rep)
        hint = QLabel(tr("The line manager is responsible for the round; the safety "
                         "representative takes part in the whole round."))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED};")
        key_form.addRow(hint)

        others = QGroupBox(tr("Other participants"))
        self.other_person = PersonPicker(self.ctx)
        self.other_person.setPlaceholderText(tr("Name, or search for a person …"))
        self.other_role = QComboBox()
        for role in OTHER_ROLES:
            self.other_role.addItem(participant_role_label(role), role.value)
        add = QPushButton(tr("Add"))
        add.clicked.connect(self.add_other)
        self.other_person.returnPressed.connect(self.add_other)
        self.others = QListWidget()
        self.others.setMaximumHeight(130)
        remove = QPushButton(tr("Remove"))
        remove.clicked.connect(lambda: self.others.takeItem(self.others.currentRow()))
        entry = QHBoxLayout()
        entry.addWidget(self.other_person, 1)
        entry.addWidget(self.other_role)
        entry.addWidget(add)
        other_layout = QVBoxLayout(others)
        other_layout.addLayout(entry)
        listing = QHBoxLayout()
        listing.addWidget(self.others, 1)
        listing.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
        other_layout.addLayout(listing)

        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(key)
        layout.addWidget(others)
        layout.addStretch(1)
        return page

    def add_other(self, person_id: int | None = None, name: str | None = None,
                  role: ParticipantRole | None = None) -> None:
        if name is None:
            name = self.other_person.name()
            person_id = self.other_person.person_id()
        if not name.strip():
            return
        chosen = role or ParticipantRole(self.other_role.currentData())
        item = QListWidgetItem(f"{name} — {participant_role_label(chosen)}")
        item.setData(Qt.ItemDataRole.UserRole, Participant(name.strip(), chosen, person_id))
        self.others.addItem(item)
        self.other_person.set_person(None, "")
        self.other_person.clear()

    def participants(self) -> list[Participant]:
        result = []
        for picker, role in ((self.manager, ParticipantRole.LINE_MANAGER),
                             (self.rep, ParticipantRole.SAFETY_REP)):
            if picker.name():
                result.append(Participant(picker.name(), role, picker.person_id()))
        for row in range(self.others.count()):
            result.append(self.others.item(row).data(Qt.ItemDataRole.UserRole))
        return result

    # -- tab 2: rooms -----------------------------------------------------------------------
    def _rooms_tab(self) -> QWidget:
        page = QWidget()
        self.building = QComboBox()
        self.building.addItem(tr("All buildings"), None)
        for b in list_buildings(self.ctx.conn):
            self.building.addItem(f"{b.code} — {b.name}" if b.name else b.code, b.code)
        self.floor = QComboBox()
        self.floor.addItem(tr("All floors"), None)
        self.room_type = QComboBox()
        self.room_type.addItem(tr("All types"), None)
        for t in RoomType:
            self.room_type.addItem(room_type_label(t), t.value)
        self.room_unit = QComboBox()
        self.room_unit.addItem(tr("All units"), None)
        for unit in list_units(self.ctx.conn):
            self.room_unit.addItem(unit.code, unit.code)
        self.room_search = QLineEdit()
        self.room_search.setPlaceholderText(tr("Room number or name …"))
        self.room_search.setClearButtonEnabled(True)
        self.responsible_of = PersonPicker(self.ctx)
        self.responsible_of.setPlaceholderText(tr("Rooms this person is responsible for …"))
        self.responsible_of.person_changed.connect(self.update_rooms)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.update_rooms)
        self.room_search.textChanged.connect(lambda _t: self._timer.start())
        for combo in (self.building, self.room_type, self.room_unit):
            combo.currentIndexChanged.connect(lambda _i: self.update_rooms(reset_floor=True))
        self.floor.currentIndexChanged.connect(lambda _i: self.update_rooms())
        filters = QGridLayout()
        for index, (text, field) in enumerate((
                (tr("&Building:"), self.building), (tr("F&loor:"), self.floor),
                (tr("T&ype:"), self.room_type), (tr("U&nit:"), self.room_unit),
                (tr("S&earch:"), self.room_search), (tr("Res&ponsible:"), self.responsible_of))):
            label = QLabel(text)
            label.setBuddy(field)  # Alt+letter goes to the filter
            filters.addWidget(label, index // 2, (index % 2) * 2)
            filters.addWidget(field, index // 2, (index % 2) * 2 + 1)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)

        self.available = QListWidget()
        self.available.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.available.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.available.setStyleSheet("QListWidget::item { padding: 2px; }")
        self.available.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.available.itemDoubleClicked.connect(lambda _i: self.add_selected())
        self.available_count = QLabel()
        self.available_count.setStyleSheet(f"color: {MUTED};")
        self.chosen_list = QListWidget()
        self.chosen_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chosen_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.chosen_list.setStyleSheet("QListWidget::item { padding: 2px; }")
        self.chosen_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.chosen_list.itemDoubleClicked.connect(lambda _i: self.remove_selected())
        self.chosen_count = QLabel()
        self.chosen_count.setWordWrap(True)
        # Enter in a list adds or removes its selected rooms (not the dialog's default button)
        self.available.installEventFilter(self)
        self.chosen_list.installEventFilter(self)
        add_sel = QPushButton(tr("&Add selected →"))
        add_sel.clicked.connect(self.add_selected)
        add_all = QPushButton(tr("Add all &shown →"))
        add_all.clicked.connect(self.add_all_shown)
        remove = QPushButton(tr("← &Remove"))
        remove.clicked.connect(self.remove_selected)
        middle = QVBoxLayout()
        middle.addStretch(1)
        for button in (add_sel, add_all, remove):
            middle.addWidget(button)
        middle.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(QLabel("<b>" + tr("Rooms found") + "</b>"))
        left.addWidget(self.available, 1)
        left.addWidget(self.available_count)
        right = QVBoxLayout()
        right.addWidget(QLabel("<b>" + tr("Rooms in the round") + "</b>"))
        right.addWidget(self.chosen_list, 1)
        right.addWidget(self.chosen_count)
        lists = QHBoxLayout()
        lists.addLayout(left, 1)
        lists.addLayout(middle)
        lists.addLayout(right, 1)
        layout = QVBoxLayout(page)
        layout.addLayout(filters)
        layout.addLayout(lists, 1)
        return page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in (self.available,
                                                                 self.chosen_list):
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if watched is self.available:
                    self.add_selected()
                else:
                    self.remove_selected()
                return True
        return super().eventFilter(watched, event)

    def update_rooms(self, reset_floor: bool = False) -> None:
        """List the rooms matching the filters (SQL), then the floor and person filters."""
        conn = self.ctx.conn
        type_value = self.room_type.currentData()
        flt = RoomFilter(text=self.room_search.text(),
                         type=RoomType(type_value) if type_value else None,
                         unit_code=self.room_unit.currentData(),
                         building_code=self.building.currentData())
        person_id = self.responsible_of.person_id()
        if person_id is not None:
            ids = {room_id for room_id, _kind in
                   responsibilities.rooms_of_person(conn, person_id, self.today)}
            rooms = [r for r in list_rooms(conn, flt, limit=-1) if r.id in ids] if ids else []
            total = len(rooms)
        else:
            rooms = list_rooms(conn, flt, limit=MAX_ROOMS_SHOWN * 4)
            total = count_rooms(conn, flt)
        floors = sorted({r.floor for r in rooms if r.floor})
        current_floor = None if reset_floor else self.floor.currentData()
        self.floor.blockSignals(True)
        self.floor.clear()
        self.floor.addItem(tr("All floors"), None)
        for floor in floors:
            self.floor.addItem(floor, floor)
        index = self.floor.findData(current_floor) if current_floor else 0
        self.floor.setCurrentIndex(max(index, 0))
        self.floor.blockSignals(False)
        floor = self.floor.currentData()
        if floor:
            rooms = [r for r in rooms if r.floor == floor]
            total = len(rooms)
        self.shown = rooms[:MAX_ROOMS_SHOWN]
        self.available.clear()
        for room in self.shown:
            item = QListWidgetItem(room_text(room))
            item.setToolTip(room_text(room))
            item.setData(Qt.ItemDataRole.UserRole, room.id)
            if room.id in self.chosen:
                item.setForeground(QColor("#8a939e"))
            self.available.addItem(item)
        if total > len(self.shown):
            self.available_count.setText(tr("Showing {shown} of {total} rooms; narrow the "
                                            "filter.").format(shown=len(self.shown), total=total))
        else:
            self.available_count.setText(tr("1 room") if len(self.shown) == 1 else
                                         tr("{n} rooms").format(n=len(self.shown)))

    def add_rooms(self, rooms: list[Room]) -> None:
        for room in rooms:
            if room.id is not None:
                self.chosen.setdefault(room.id, room)
        self._update_chosen()

    def add_selected(self) -> None:
        ids = {i.data(Qt.ItemDataRole.UserRole) for i in self.available.selectedItems()}
        self.add_rooms([r for r in self.shown if r.id in ids])

    def add_all_shown(self) -> None:
        self.add_rooms(self.shown)

    def remove_selected(self) -> None:
        for item in self.chosen_list.selectedItems():
            self.chosen.pop(item.data(Qt.ItemDataRole.UserRole), None)
        self._update_chosen()

    def _update_chosen(self) -> None:
        self.chosen_list.clear()
        for room in sorted(self.chosen.values(), key=lambda r: (r.building_code, r.number)):
            item = QListWidgetItem(room_text(room))
            item.setToolTip(room_text(room))
            item.setData(Qt.ItemDataRole.UserRole, room.id)
            self.chosen_list.addItem(item)
        counts = Counter(r.type for r in self.chosen.values())
        parts = [f"{n} × {room_type_label(t)}" for t, n in counts.most_common()]
        self.chosen_count.setText((tr("1 room chosen") if len(self.chosen) == 1 else
                                   tr("{n} rooms chosen").format(n=len(self.chosen)))
                                  + (": " + ", ".join(parts) if parts else ""))
        shown_ids = {r.id for r in self.shown}
        for row in range(self.available.count()):
            item = self.available.item(row)
            room_id = item.data(Qt.ItemDataRole.UserRole)
            if room_id in shown_ids:
                item.setForeground(QColor("#8a939e") if room_id in self.chosen
                                   else self.available.palette().text().color())
        self._update_templates()

    # -- tab 3: checklists ------------------------------------------------------------------
    def _checklists_tab(self) -> QWidget:
        page = QWidget()
        intro = QLabel(tr("Each room type is walked with a checklist. The newest version is "
                          "chosen; the round keeps the version it used."))
        intro.setWordWrap(True)
        intro.setStyleSheet(f"color: {MUTED};")
        self.template_form = QFormLayout()
        self.template_combos: dict[str, QComboBox] = {}
        self.no_types = QLabel(tr("Choose rooms first."))
        self.no_types.setStyleSheet(f"color: {MUTED};")
        # the psychosocial/organisational checklist: answered once for the unit, not per room
        self.unit_template = templates.unit_template(self.ctx.conn)
        self.existing_unit: int | None = None
        self.include_unit = QCheckBox(
            tr("&Include the psychosocial and organisational working environment"))
        self.include_unit.setChecked(self.unit_template is not None)
        self.include_unit.setEnabled(self.unit_template is not None)
        unit_hint = QLabel(
            tr("Answered once for the whole unit, e.g. in the pre-meeting or the closing "
               "meeting ({name}, version {version}, {n} items).").format(
                name=self.unit_template.name(language()), version=self.unit_template.version,
                n=self.unit_template.item_count())
            if self.unit_template is not None else
            tr("There is no psychosocial and organisational checklist in this database."))
        unit_hint.setWordWrap(True)
        unit_hint.setStyleSheet(f"color: {MUTED}; margin-left: 22px;")
        layout = QVBoxLayout(page)
        layout.addWidget(self.include_unit)
        layout.addWidget(unit_hint)
        layout.addSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(self.template_form)
        layout.addWidget(self.no_types)
        layout.addStretch(1)
        return page

    def _update_templates(self) -> None:
        types = sorted({r.type.value for r in self.chosen.values()},
                       key=lambda t: list(RoomType).index(RoomType(t)))
        lang = language()
        summaries = templates.latest_templates(self.ctx.conn)
        for room_type in types:
            if room_type in self.template_combos:
                continue
            combo = QComboBox()
            for s in summaries:
                combo.addItem(tr("{name} (version {version}, {n} items)").format(
                    name=s.name(lang), version=s.version, n=s.item_count), s.id)
            default = templates.template_for_room_type(self.ctx.conn, room_type)
            if default is not None:
                index = combo.findData(default.id)
                if index < 0:
                    combo.addItem(tr("{name} (version {version})").format(
                        name=default.name(lang), version=default.version), default.id)
                    index = combo.count() - 1
                combo.setCurrentIndex(index)
            self.template_combos[room_type] = combo
            self.template_form.addRow(room_type_label(room_type) + ":", combo)
        counts = Counter(r.type.value for r in self.chosen.values())
        for room_type, combo in self.template_combos.items():
            visible = room_type in types
            combo.setVisible(visible)
            label = self.template_form.labelForField(combo)
            if isinstance(label, QLabel):
                label.setVisible(visible)
                n = counts.get(room_type, 0)
                label.setText((tr("{type} (1 room):") if n == 1 else tr("{type} ({n} rooms):"))
                              .format(type=room_type_label(room_type), n=n))
        self.no_types.setVisible(not types)

    def chosen_templates(self) -> dict[str, int]:
        types = {r.type.value for r in self.chosen.values()}
        return {t: int(c.currentData()) for t, c in self.template_combos.items()
                if t in types and c.currentData() is not None}

    # -- tab 4: pre-meeting -----------------------------------------------------------------
    def _pre_tab(self) -> QWidget:
        page = QWidget()
        self.pre_notes = QPlainTextEdit()
        self.pre_notes.setTabChangesFocus(True)
        self.pre_notes.setPlaceholderText(tr("Agenda and notes from the pre-meeting: status of "
                                             "earlier actions and deviations, what to look at "
                                             "especially …"))
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
        return page

    def _unit_changed(self) -> None:
        code = self.unit.currentData()
        if code and self.round_id is None:
            index = self.room_unit.findData(code)
            if index >= 0:
                self.room_unit.setCurrentIndex(index)
        self._refresh_pre()

    def _tab_changed(self, index: int) -> None:
        if index == TAB_PRE:
            self._refresh_pre()
        # Alt+1 … Alt+4 go into the tab's first field, not just to its title
        first = {TAB_ROUND: self.title, TAB_ROOMS: self.room_search,
                 TAB_CHECKLISTS: self.include_unit, TAB_PRE: self.pre_notes}.get(index)
        if first is not None and self.isVisible():
            first.setFocus()

    def _refresh_pre(self) -> None:
        unit = self.unit.currentData()
        rows = findings.open_findings_for_unit(self.ctx.conn, unit, before=_date(self.start),
                                               lang=language()) if unit else []
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
                    cell.setForeground(QColor("#a4262c"))
                    if col == 4:
                        cell.setFont(bold)
                self.open_table.setItem(row, col, cell)
        self.overdue_count = overdue

    # -- edit mode --------------------------------------------------------------------------
    def _load(self, round_id: int) -> None:
        conn = self.ctx.conn
        r = rounds.get_round(conn, round_id)
        self.title.setText(r.title)
        index = self.unit.findData(r.unit_code)
        self.unit.setCurrentIndex(max(index, 0))
        self.unit.setEnabled(False)
        self.start.setDate(_qdate(r.start_date))
        if r.end_date:
            self.has_end.setChecked(True)
            self.end.setDate(_qdate(r.end_date))
        self.pre_notes.setPlainText(r.pre_meeting_notes)
        placed = {ParticipantRole.LINE_MANAGER: False, ParticipantRole.SAFETY_REP: False}
        for p in r.participants:
            if p.role in placed and not placed[p.role]:
                picker = self.manager if p.role is ParticipantRole.LINE_MANAGER else self.rep
                picker.set_person(p.person_id, p.name)
                placed[p.role] = True
            else:
                self.add_other(p.person_id, p.name, p.role)
        from vernetool.db.rooms import get_room

        self.existing_unit = rounds.unit_entry_id(conn, round_id)
        self.include_unit.setChecked(self.existing_unit is not None)
        for rr in rounds.round_rooms(conn, round_id):
            if rr.room_id is None:
                continue
            room = get_room(conn, rr.room_id)
            if room is not None:
                self.chosen[rr.room_id] = room
                self.existing[rr.room_id] = rr.id
        self._refresh_pre()

    # -- saving -----------------------------------------------------------------------------
    def show_error(self, message: str, tab: int | None = None,
                   widget: QWidget | None = None) -> None:
        if tab is not None:
            self.tabs.setCurrentIndex(tab)
        self.error.show_error(message, widget)

    def plan(self) -> RoundPlan:
        return RoundPlan(
            title=self.title.text().strip(), start_date=_date(self.start),
            unit_code=self.unit.currentData(),
            end_date=_date(self.end) if self.has_end.isChecked() else None,
            participants=self.participants(),
            room_ids=sorted(self.chosen, key=lambda i: (self.chosen[i].building_code,
                                                        self.chosen[i].number)),
            pre_meeting_notes=self.pre_notes.toPlainText().strip(),
            templates=self.chosen_templates(),
            unit_template=self.unit_template.id if self.unit_template is not None
            and self.include_unit.isChecked() else None)

    def accept(self) -> None:
        plan = self.plan()
        field_tabs = {"title": (TAB_ROUND, self.title), "end_date": (TAB_ROUND, self.end),
                      "participants": (TAB_ROUND, self.rep),
                      "rooms": (TAB_ROOMS, self.available),
                      "templates": (TAB_CHECKLISTS, None),
                      "unit_checklist": (TAB_CHECKLISTS, self.include_unit)}
        missing = {r.type.value for r in self.chosen.values()} - set(plan.templates)
        try:
            if missing:
                raise ValidationError("templates", tr("Choose a checklist for: {types}.").format(
                    types=", ".join(room_type_label(t) for t in sorted(missing))))
            if self.round_id is None:
                self.round_id = rounds.create_round(self.ctx.conn, plan, self.ctx.actor)
            else:
                self._save_changes(plan)
        except ValidationError as exc:
            tab, widget = field_tabs.get(exc.field, (None, None))
            self.show_error(self._message(exc), tab, widget)
            return
        except sqlite3.Error as exc:
            log.exception("saving the round plan failed")
            self.show_error(tr("The round could not be saved: {error}").format(error=exc))
            return
        super().accept()

    def _save_changes(self, plan: RoundPlan) -> None:
        from vernetool.domain.rounds import validate_plan

        assert self.round_id is not None
        validate_plan(plan)
        conn = self.ctx.conn
        if plan.unit_template is None and self.existing_unit is not None:
            try:
                rounds.remove_room(conn, self.existing_unit)
            except ValidationError:
                raise ValidationError("unit_checklist", "answered already") from None
            self.existing_unit = None
        elif plan.unit_template is not None and self.existing_unit is None:
            self.existing_unit = rounds.add_unit_entry(conn, self.round_id, plan.unit_template)
        removed = [rr for room_id, rr in self.existing.items() if room_id not in self.chosen]
        for rr_id in removed:
            rounds.remove_room(conn, rr_id)
        rounds.update_notes(conn, self.round_id, pre_meeting=plan.pre_meeting_notes,
                            title=plan.title)
        rounds.update_dates(conn, self.round_id, plan.start_date, plan.end_date)
        rounds.set_participants(conn, self.round_id, plan.participants)
        new = [i for i in plan.room_ids if i not in self.existing]
        if new:
            rounds.add_rooms(conn, self.round_id, new, plan.templates)

    @staticmethod
    def _message(exc: ValidationError) -> str:
        messages = {
            "title": tr("Title: the round needs a title."),
            "end_date": tr("Date: the end date is before the start date."),
            "rooms": tr("Rooms: choose at least one room for the round."),
        }
        if exc.field == "participants" and "safety" in exc.message:
            return tr("Participants: the safety representative takes part in the whole round; "
                      "name one.")
        if exc.field == "unit_checklist":
            return tr("Checklists: the psychosocial and organisational checklist has answers "
                      "already, so it stays in the round.")
        if exc.field == "rooms" and "answers" in exc.message:
            return tr("Rooms: a room that already has answers cannot be taken out of the "
                      "round.")
        return messages.get(exc.field, exc.message)

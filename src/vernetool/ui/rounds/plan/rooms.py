"""The plan dialog's rooms picker tab: filter the rooms, then move them into the round."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.organisation import Room, RoomType
from vernetool.i18n import tr
from vernetool.services.rounds import RoomFilter
from vernetool.ui.common.labels import room_type_label
from vernetool.ui.common.person_picker import PersonPicker
from vernetool.ui.shell.theme import MUTED, ROUND_CHOSEN

MAX_ROOMS_SHOWN = 500


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


class RoomsTab(QWidget):
    """Tab 2 of RoundPlanDialog: rooms found by the filters and rooms chosen (``chosen``, the
    dialog's, shared with the checklists tab)."""

    chosen_changed = Signal()

    def __init__(self, ctx: AppContext, today: dt.date, chosen: dict[int, Room],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.chosen = chosen
        self.shown: list[Room] = []
        page = self
        self.building = QComboBox()
        self.building.addItem(tr("All buildings"), None)
        for b in self.ctx.services.units.buildings():
            self.building.addItem(f"{b.code} — {b.name}" if b.name else b.code, b.code)
        self.floor = QComboBox()
        self.floor.addItem(tr("All floors"), None)
        self.room_type = QComboBox()
        self.room_type.addItem(tr("All types"), None)
        for t in RoomType:
            self.room_type.addItem(room_type_label(t), t.value)
        self.room_unit = QComboBox()
        self.room_unit.addItem(tr("All units"), None)
        for unit in self.ctx.services.units.units():
            self.room_unit.addItem(unit.code, unit.code)
        self.room_search = QLineEdit()
        self.room_search.setPlaceholderText(tr("Room number or name…"))
        self.room_search.setClearButtonEnabled(True)
        self.responsible_of = PersonPicker(self.ctx)
        self.responsible_of.setPlaceholderText(tr("Rooms this person is responsible for…"))
        self.responsible_of.person_changed.connect(lambda: self.update_rooms())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(lambda: self.update_rooms())
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
        planning = self.ctx.services.rounds
        type_value = self.room_type.currentData()
        flt = RoomFilter(text=self.room_search.text(),
                         type=RoomType(type_value) if type_value else None,
                         unit_code=self.room_unit.currentData(),
                         building_code=self.building.currentData())
        person_id = self.responsible_of.person_id()
        if person_id is not None:
            ids = planning.rooms_of_person(person_id, self.today)
            rooms = [r for r in planning.find_rooms(flt, limit=-1) if r.id in ids] if ids else []
            total = len(rooms)
        else:
            rooms = planning.find_rooms(flt, limit=MAX_ROOMS_SHOWN * 4)
            total = planning.count_rooms(flt)
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
                item.setForeground(QColor(ROUND_CHOSEN))
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
        self.update_chosen()

    def add_selected(self) -> None:
        ids = {i.data(Qt.ItemDataRole.UserRole) for i in self.available.selectedItems()}
        self.add_rooms([r for r in self.shown if r.id in ids])

    def add_all_shown(self) -> None:
        self.add_rooms(self.shown)

    def remove_selected(self) -> None:
        for item in self.chosen_list.selectedItems():
            self.chosen.pop(item.data(Qt.ItemDataRole.UserRole), None)
        self.update_chosen()

    def update_chosen(self) -> None:
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
                item.setForeground(QColor(ROUND_CHOSEN) if room_id in self.chosen
                                   else self.available.palette().text().color())
        self.chosen_changed.emit()


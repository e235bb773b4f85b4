"""The Rooms area: a table that filters as you type, the room detail, and the room dialogs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QComboBox, QPushButton, QTableView, QWidget

from vernetool.context import AppContext
from vernetool.i18n import tr
from vernetool.services import Change, Topic
from vernetool.services.organisation import Room, RoomCard, RoomFilter, RoomRow, RoomType
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.common.column_fit import ColumnFitter
from vernetool.ui.common.labels import format_count, room_type_label
from vernetool.ui.common.list_detail import (
    ListArea,
    clear_on_escape,
    count_label,
    current_item,
    detail_scroll_area,
    filter_bar,
    filter_line_edit,
    list_detail_splitter,
    list_hint,
    select_listed_row,
    setup_list_table,
    size_columns,
)
from vernetool.ui.common.paged_table_model import Sort
from vernetool.ui.organisation.room_detail import RoomDetail
from vernetool.ui.organisation.rooms_table_model import RoomsTableModel

SORT_KEY = "building"  # the first column's, the order the table opens in
NAME_COLUMN = 2
NAME_MIN_WIDTH = 180  # "Organisk syntese-lab", "Kontorlandskap" in full
# Columns the detail panel also shows, hidden in this order when a small screen would
# otherwise squeeze the name or need sideways scrolling: area, floor, unit.
OPTIONAL_COLUMNS = (5, 4, 6)


def count_text(n: int) -> str:
    if n == 1:
        return tr("1 room")
    return tr("{n} rooms").format(n=format_count(n))


class RoomsView(ListArea):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

        self.filter_edit = filter_line_edit(
            "roomFilter", tr("Filter by building, room, name, unit or room responsible (Ctrl+F)"),
            tr("Filter rooms"))
        self.type_combo = QComboBox()
        self.type_combo.setAccessibleName(tr("Room type"))
        self.type_combo.addItem(tr("All room types"), None)
        for room_type in RoomType:
            self.type_combo.addItem(room_type_label(room_type), room_type.value)
        self.count_label = count_label()
        self.new_button = QPushButton(tr("&New room…"))
        self.new_button.setToolTip(tr("Create a room (Insert)"))
        self.edit_button = QPushButton(tr("&Edit room…"))
        self.edit_button.setToolTip(tr("Edit the selected room (F2)"))

        bar = filter_bar(self.filter_edit, [self.type_combo], self.count_label,
                         [self.new_button, self.edit_button])

        # sorted by building from the first query, as the table's sort indicator says below
        self.model = RoomsTableModel(ctx.services.rooms, sort=Sort(SORT_KEY), parent=self)
        self.table = QTableView()
        self.table.setObjectName("roomsTable")
        self.table.setAccessibleName(tr("Rooms"))
        self.table.setModel(self.model)
        header = setup_list_table(self.table)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        # the indicator first: enabling sorting then asks the model once, for the order it
        # already has (the other way round sorts twice, descending then ascending)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        size_columns(self.table, (56, 60, NAME_MIN_WIDTH, 110, 50, 76, 56, 130), 26)
        # The name takes the width the other columns leave (at least NAME_MIN_WIDTH); on a
        # small screen area, floor and unit give way first.
        self.column_fit = ColumnFitter(self.table, NAME_COLUMN, NAME_MIN_WIDTH,
                                       OPTIONAL_COLUMNS)

        self.detail = RoomDetail()
        scroll = detail_scroll_area(self.detail)
        self._detail_scroll = scroll
        self._detail_viewport: QWidget | None = None  # watched from the first room shown on
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its buttons, which it
        # scrolls into view; a focused frame with nothing to type in only confuses
        # the table gets the room its columns need
        self.lay_out(bar, list_detail_splitter(
            self.table, scroll, list_min=self.column_fit.needed_width(), detail_min=260))

        self.wire_filter()
        self.type_combo.currentIndexChanged.connect(self.apply_filter)
        self.wire_list(self.new_button, self.new_room, self.edit_button, self.edit_current,
                       self.open_current)
        self.detail.open_button.clicked.connect(self.open_current)
        self.detail.assign_button.clicked.connect(self.assign_responsible)
        self.detail.end_button.clicked.connect(self.end_responsibility)
        self.detail.card_button.clicked.connect(self.edit_card)
        self.detail.chemicals_button.clicked.connect(self.open_chemicals)
        clear_on_escape(self.filter_edit)

        self.setTabOrder(self.filter_edit, self.type_combo)
        self.setTabOrder(self.type_combo, self.table)
        self.setTabOrder(self.table, self.new_button)
        self.setTabOrder(self.new_button, self.edit_button)
        self.setTabOrder(self.edit_button, self.detail.open_button)
        self.setTabOrder(self.detail.open_button, self.detail.assign_button)
        self.setTabOrder(self.detail.assign_button, self.detail.end_button)
        self.setTabOrder(self.detail.end_button, self.detail.card_button)
        self.setTabOrder(self.detail.card_button, self.detail.chemicals_button)
        self._selected_id: int | None = None
        self._shown: Room | None = None
        self._show_count(self.model.total())
        self._after_reset()
        self.relay = ChangeRelay(ctx.services, self)
        self.relay.on((Topic.ROOMS, Topic.RESPONSIBILITIES, Topic.ROOM_CARDS, Topic.PERSONS,
                       Topic.HOLDINGS, Topic.CHEMICALS, Topic.AGENTS), self._changed)

    def _changed(self, _change: Change) -> None:
        """Another screen, a dialog or an import changed what the list or detail shows."""
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Resize and self._detail_viewport is not None
                and watched is self._detail_viewport):
            self.detail.fit_width(self._detail_viewport.width())
        return False

    def _watch_detail_width(self) -> None:
        """Fit the detail's buttons to the panel's width, from the first room shown on (the
        empty panel shows none of them). Not at start-up: the first time Python asks for a
        viewport, PySide6 builds the Python enums of every QWidget subclass (~8 ms)."""
        if self._detail_viewport is None:
            self._detail_viewport = self._detail_scroll.viewport()
            self._detail_viewport.installEventFilter(self)
            self.detail.fit_width(self._detail_viewport.width())

    # -- filtering ---------------------------------------------------------------------------
    def current_filter(self) -> RoomFilter:
        room_type = self.type_combo.currentData()
        # words matter, not spacing: typing the space before the next word costs no query
        return RoomFilter(text=" ".join(self.filter_edit.text().split()),
                          type=RoomType(room_type) if room_type else None)

    def _show_count(self, total: int) -> None:
        self.count_label.setText(count_text(total))
        flt = self.current_filter()
        self.detail.empty.setText(list_hint(
            total, bool(flt.text or flt.type is not None),
            select=tr("Select a room to see its details."),
            no_match=tr("No room matches the filter."),
            empty=tr("No rooms yet. Add one with New room, or import a list from the File "
                     "menu.")))

    # -- selection and detail ------------------------------------------------------------------

    def select_room(self, room_id: int) -> bool:
        return select_listed_row(self.table, self.model.row_of_room(room_id))

    def selected_row(self) -> RoomRow | None:
        return current_item(self.table, self.model)

    def selected_room(self) -> Room | None:
        row = self.selected_row()
        return row.room if row else None

    def select_id(self, item_id: int) -> bool:
        return self.select_room(item_id)

    def selected_item(self) -> Room | None:
        return self.selected_room()

    def shown_room(self) -> Room | None:
        """The room in the detail panel: the selected one, or one just saved outside the
        filter or beyond the loaded rows. The buttons act on this room."""
        return self._shown

    def _show_detail(self, room: Room | None) -> None:
        self._shown = room
        self.edit_button.setEnabled(room is not None)
        if room is None or room.id is None:
            self.detail.show_room(None)
            return
        self._watch_detail_width()
        services = self.ctx.services
        card = services.room_cards.get(room.id)
        self.detail.show_room(room, services.responsibilities.current(room.id),
                              services.responsibilities.history(room.id), card)
        self._show_chemicals(room.id, card)
        self._show_sources(room.id)
        self._show_agents(room.id)

    def _show_chemicals(self, room_id: int, card: RoomCard | None) -> None:
        """The room's chemicals, storage problems and flammable litres (the register's
        module loads now)."""
        from vernetool.domain.chemicals.quantities import flammable_litres
        from vernetool.domain.chemicals.segregation import conflicts_by_place
        from vernetool.ui.registers.chemicals import room_chemicals

        holdings = self.ctx.services.chemicals.room_chemicals(room_id)
        totals = flammable_litres(holdings)  # the rules, over the rows just read
        room_chemicals.fill(
            self.detail.chemicals_box, holdings, totals.cat1, totals.cat2,
            room_chemicals.unconverted_count(totals.unconverted),
            cat1_max=card.flammable_cat1_max_litres if card else None,
            cat2_max=card.flammable_cat2_max_litres if card else None,
            ratio=self.detail.devicePixelRatioF(), problems=conflicts_by_place(holdings))
        self.detail.chemicals_button.setEnabled(bool(holdings))

    def _show_sources(self, room_id: int) -> None:
        """The room's radiation sources with their activity today (the module loads now)."""
        from vernetool.ui.registers.radiation import room_sources

        room_sources.fill(self.detail.sources_box,
                          self.ctx.services.radiation_sources.room_sources(room_id))

    def _show_agents(self, room_id: int) -> None:
        """The room's biological agents with group and containment, and its cabinets."""
        from vernetool.ui.registers.biology import room_agents

        services = self.ctx.services
        room_agents.fill(self.detail.agents_box, services.bio_agents.room_agents(room_id),
                         services.bio_agents.cabinets(room_id))
        room_agents.settle(self.detail)

    def open_chemicals(self) -> None:
        """The Registers area, filtered to the shown room."""
        room = self.shown_room()
        show_area = getattr(self.window(), "show_area", None)
        if room is None or room.id is None or show_area is None:
            return
        page = show_area("registers")
        show_room = getattr(page, "show_room", None)
        if show_room is not None:
            show_room(room.id)

    def open_current(self) -> None:
        """The room screen of the shown room (double-click, Enter, "Open room")."""
        from vernetool.ui.rooms.open_room import open_room

        room = self.shown_room()
        if room is not None and room.id is not None:
            open_room(self, self.ctx, room.id)

    # -- editing -----------------------------------------------------------------------------
    def new_room(self) -> None:
        from vernetool.ui.organisation.room_dialog import RoomDialog

        dialog = RoomDialog(self.ctx, None, self, like=self.shown_room())
        if dialog.exec() and dialog.room_id is not None:
            self._after_save(dialog.room_id)

    def edit_current(self) -> None:
        from vernetool.ui.organisation.room_dialog import RoomDialog

        current = self.shown_room()
        if current is None or current.id is None:
            return
        fresh = self.ctx.services.rooms.get(current.id) or current
        dialog = RoomDialog(self.ctx, fresh, self)
        if dialog.exec() and dialog.room_id is not None:
            self._after_save(dialog.room_id)

    def assign_responsible(self) -> None:
        from vernetool.ui.organisation.responsibility_dialog import ResponsibilityDialog

        room = self.shown_room()
        if room is None or room.id is None:
            return
        dialog = ResponsibilityDialog(self.ctx, room, parent=self)
        if dialog.exec():
            self._after_save(room.id)

    def end_responsibility(self, today: dt.date | None = None) -> None:
        from vernetool.ui.organisation.responsibility_dialog import EndResponsibilityDialog

        room = self.shown_room()
        if room is None or room.id is None:
            return
        current = list(self.ctx.services.responsibilities.current(room.id).values())
        if not current:
            return
        dialog = EndResponsibilityDialog(self.ctx, room, current, self, today)
        if dialog.exec():
            self._after_save(room.id)

    def edit_card(self) -> None:
        from vernetool.ui.organisation.room_card_dialog import RoomCardDialog

        room = self.shown_room()
        if room is None or room.id is None:
            return
        if RoomCardDialog(self.ctx, room, self).exec():
            self._show_detail(room)

    def _after_save(self, room_id: int) -> None:
        self._selected_id = room_id
        self.model.reload(keep_loaded=True)
        if self.select_room(room_id):
            self.table.setFocus()
        else:
            # Saved, but outside the filter or the loaded rows: still show what was saved
            # (focusing the table now would select its first row instead).
            self._show_detail(self.ctx.services.rooms.get(room_id))

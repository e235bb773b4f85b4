"""A line edit that finds rooms as you type (``BUILDING:ROOM``, room number, name or unit).

Uses the rooms register's own SQL filter (``RoomFilter``, through the rooms service), so it
stays fast with 30,000 rooms. Text that names no room is kept as free text (a place outside
the register).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget

from vernetool.context import AppContext
from vernetool.i18n import tr
from vernetool.services.organisation import Room, RoomFilter
from vernetool.ui.common.search_picker import MAX_MATCHES, SearchPicker


def room_display(room: Room) -> str:
    return f"{room.label} {room.name}".strip() if room.name else room.label


class RoomPicker(SearchPicker):
    """``room()`` is the chosen room, or ``None`` when the text is a free-text place."""

    room_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("Building:room, room number or name…"), parent)
        self._room: Room | None = None
        self._shown = ""
        self._matches: list[Room] = []
        self._completer.setMaxVisibleItems(12)
        self.editingFinished.connect(self.resolve)

    def _edited(self, text: str) -> None:
        if self._room is not None and text != self._shown:
            self._room = None
            self.room_changed.emit()
        super()._edited(text)

    def matches(self, text: str) -> list[Room]:
        words = text.replace(":", " ").strip()
        if not words:
            return []
        return self.ctx.services.rooms.search(RoomFilter(text=words), limit=MAX_MATCHES)

    def search(self) -> None:
        """Fill the pop-up with the rooms matching the text."""
        self._matches = self.matches(self.text())
        labels = []
        for room in self._matches:
            extra = " · ".join(x for x in (room.building_name, room.unit_code or "") if x)
            labels.append(f"{room_display(room)} — {extra}" if extra else room_display(room))
        self.show_matches(labels)

    def choose_row(self, row: int) -> None:
        if 0 <= row < len(self._matches):
            self.set_room(self._matches[row])

    def resolve(self) -> None:
        """Typed ``GLØS:101`` exactly, or a text that matches one room only: take that room."""
        if self._room is not None or not self.text().strip():
            return
        text = self.text().strip()
        room = None
        if ":" in text:
            building, _, number = text.partition(":")
            room = self.ctx.services.rooms.find(building, number)
        if room is None:
            found = self.matches(text)
            room = found[0] if len(found) == 1 else None
        if room is not None:
            self.set_room(room)

    def focusNextPrevChild(self, next: bool) -> bool:
        self.resolve()  # Tab takes the room typed, before the next field shows its unit
        return super().focusNextPrevChild(next)

    def set_room(self, room: Room | None) -> None:
        self._room = room
        self._shown = room_display(room) if room else ""
        self.setText(self._shown)
        # the completer writes its own text after ``activated``: put ours back after it
        QTimer.singleShot(0, self, lambda: self.setText(self._shown)
                          if self._room is room and room is not None else None)
        self.room_changed.emit()

    def set_room_id(self, room_id: int | None) -> None:
        rooms = self.ctx.services.rooms
        self.set_room(rooms.get(room_id) if room_id is not None else None)

    def room(self) -> Room | None:
        return self._room

    def free_text(self) -> str:
        """The typed place when no room of the register was chosen."""
        return "" if self._room is not None else self.text().strip()

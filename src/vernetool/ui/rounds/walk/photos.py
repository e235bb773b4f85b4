"""The walk's photos: choosing or dropping image files and linking them to the room."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from vernetool.i18n import tr
from vernetool.ui.rounds.photo_strip import PhotoStrip
from vernetool.ui.rounds.walk.state import WalkState


class PhotosPart(QObject):
    """The photo strip of the current room; new photos go to the room and the current item."""

    notice = Signal(str, bool)   # text, is an error

    def __init__(self, state: WalkState, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self.strip = PhotoStrip(state.services)
        self.strip.add_requested.connect(self.choose)
        self.strip.notice.connect(self.notice)

    def show_room(self) -> None:
        room = self.state.room
        assert room is not None
        self.strip.show_room(room.id, self.state.read_only)

    def choose(self) -> None:
        if not self.state.read_only:
            paths = self.strip.choose_files()
            if paths:
                self.add_files(paths)

    def add_files(self, paths: list[Path]) -> int:
        """Store the files content-addressed and link them to the room (and current item)."""
        state = self.state
        room = state.room
        if room is None or state.read_only:
            return 0
        row = state.row
        with state.own_write():
            added = self.strip.add_files(
                paths, item_id=row.item.id if row else None,
                finding_id=row.finding.id if row and row.finding else None)
        if added:
            where = room.label or tr("The unit")
            self.notice.emit(tr("1 photo added to {room}.").format(room=where) if added == 1
                             else tr("{n} photos added to {room}.").format(n=added, room=where),
                             False)
        return added

    def remove_selected(self) -> None:
        with self.state.own_write():
            self.strip.remove_selected()

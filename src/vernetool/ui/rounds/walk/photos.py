"""The walk's photos: choosing or dropping image files and linking them to the room."""

from __future__ import annotations

from pathlib import Path

from vernetool.i18n import tr


class WalkPhotosMixin:
    """The photo strip of RoundWalkView (uses its attributes)."""

    def _show_photos(self) -> None:
        room = self.room
        assert room is not None
        self.photo_strip.show_room(room.id, self.read_only)

    def choose_photos(self) -> None:
        if not self.read_only:
            paths = self.photo_strip.choose_files()
            if paths:
                self.add_photo_files(paths)

    def add_photo_files(self, paths: list[Path]) -> int:
        """Store the files content-addressed and link them to the room (and current item)."""
        room = self.room
        if room is None or self.read_only:
            return 0
        row = self.rows[self.current_row] if 0 <= self.current_row < len(self.rows) else None
        added = self.photo_strip.add_files(
            paths, item_id=row.item.id if row else None,
            finding_id=row.finding.id if row and row.finding else None)
        if added:
            where = room.label or tr("The unit")
            self.show_notice(tr("1 photo added to {room}.").format(room=where) if added == 1
                             else tr("{n} photos added to {room}.").format(n=added, room=where))
        return added

    def remove_selected_photo(self) -> None:
        self.photo_strip.remove_selected()


"""The walk's rooms: the room list on the left, the room pane on the right, moving between rooms.

RoundWalkView mixes in WalkRoomsMixin; the helpers here name a round entry and its progress.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QListWidget, QListWidgetItem, QWidget

from vernetool import attachments
from vernetool.db.organisation import responsibilities
from vernetool.db.rounds import rounds
from vernetool.db.rounds.rounds import RoundRoom
from vernetool.domain.organisation import ResponsibilityKind
from vernetool.domain.rounds import VisitStatus
from vernetool.i18n import tr
from vernetool.ui.common.labels import room_type_label, visit_status_label
from vernetool.ui.rounds.walk.widgets import status_icon

FINISHED = (VisitStatus.DONE, VisitStatus.SKIPPED)


def entry_title(room: RoundRoom) -> str:
    """How a round entry is named: 'B1:101  Lab', or the unit-wide entry's name."""
    if room.is_unit:
        return tr("The unit (psychosocial and organisational)")
    return f"{room.label}  {room.room_name}".strip()


def progress_text(rooms_done: int, rooms_total: int, answered: int, items: int) -> str:
    return tr("{done} of {total} rooms done · {answered} of {items} items answered").format(
        done=rooms_done, total=rooms_total, answered=answered, items=items)


class RoomPane(QFrame):
    """The right-hand side; image files dropped anywhere on it become photos of the room."""

    files_dropped = Signal(list)
    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    @staticmethod
    def _image_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
        return [p for p in paths if p.suffix.lower() in attachments.IMAGE_EXTENSIONS]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._image_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._image_paths(event)
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            event.ignore()


def with_status(room: RoundRoom, status: VisitStatus) -> RoundRoom:
    return replace(room, status=status)


def room_list_widget() -> QListWidget:
    """The list of the round's rooms, one two-line entry each with a status icon."""
    room_list = QListWidget()
    room_list.setIconSize(QSize(18, 18))
    room_list.setSpacing(1)
    room_list.setMinimumWidth(190)
    room_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    room_list.setTextElideMode(Qt.TextElideMode.ElideRight)
    room_list.setStyleSheet(
        "QListWidget { border: 1px solid #d5dbe3; border-radius: 6px; }"
        "QListWidget::item { padding: 6px 4px; }"
        "QListWidget::item:selected { background: #cfe0f5; color: #1f2933; }")
    return room_list


class WalkRoomsMixin:
    """Room list, progress and room navigation of RoundWalkView (uses its attributes)."""

    def _update_room_item(self, index: int) -> None:
        """The room's entry in the list; touched only when its text or status changed (each
        change makes the list lay itself out again)."""
        room = self.rooms[index]
        total = self.items_total.get(room.id, 0)
        answered = min(self.answered.get(room.id, 0), total)
        state = (answered, room.status)
        if self._room_states.get(index) == state:
            return
        self._room_states[index] = state
        item = self.room_list.item(index)
        if room.is_unit:
            first = tr("The unit")
            item.setToolTip(tr("The unit (psychosocial and organisational)"))
        else:
            first = f"{room.label}  {room.room_name}" if room.room_name else room.label
            item.setToolTip(room_type_label(room.room_type))
        item.setText(f"{first}\n{answered} / {total} · {visit_status_label(room.status)}")
        item.setIcon(status_icon(room.status.value))

    def _update_progress(self) -> None:
        done = sum(1 for r in self.rooms if r.status in FINISHED)
        counted = [r for r in self.rooms if r.status is not VisitStatus.SKIPPED]
        items = sum(self.items_total.get(r.id, 0) for r in counted)
        answered = sum(min(self.answered.get(r.id, 0), self.items_total.get(r.id, 0))
                       for r in counted)
        state = (done, len(self.rooms), answered, items)
        if state == getattr(self, "_progress_state", None):
            return  # an answer changed, not the counts: nothing to redraw
        self._progress_state = state
        self.progress_label.setText(progress_text(*state))
        self.progress_bar.setMaximum(max(items, 1))
        self.progress_bar.setValue(answered)

    @property
    def room(self) -> RoundRoom | None:
        return self.rooms[self.room_index] if 0 <= self.room_index < len(self.rooms) else None

    def flush(self) -> None:
        self.editor.flush()

    def go_room(self, index: int) -> None:
        if not 0 <= index < len(self.rooms):
            return
        self.flush()
        self.room_index = index
        self.room_list.setCurrentRow(index)
        self._show_room()

    def _room_picked(self, item: QListWidgetItem) -> None:
        index = self.room_list.row(item)
        if index != self.room_index:
            self.go_room(index)
        self.checklist.setFocus()

    def _show_room(self) -> None:
        room = self.room
        assert room is not None
        conn = self.ctx.conn
        self.room_title.setText(entry_title(room))
        self.responsible = None
        if room.room_id is None:
            info = [tr("Answered once for the whole unit, e.g. in the pre-meeting or the "
                       "closing meeting")]
        else:
            info = [room_type_label(room.room_type)]
            if room.floor:
                info.append(tr("Floor {floor}").format(floor=room.floor))
            self.responsible = responsibilities.current(conn, room.room_id, self.today).get(
                ResponsibilityKind.RESPONSIBLE)
            if self.responsible is not None:
                info.append(tr("Room responsible: {name}").format(
                    name=self.responsible.person_name))
        self.room_info.setText(" · ".join(info))
        self.prev_button.setEnabled(self.room_index > 0)
        self.next_button.setEnabled(self.room_index < len(self.rooms) - 1)
        self.done_button.setEnabled(not self.read_only)

        self._show_carried()
        self._show_checklist()
        self._show_photos()
        self.checklist.setFocus()

    def room_done(self) -> None:
        room = self.room
        if room is None or self.read_only:
            return
        self.flush()
        rounds.set_visit_status(self.ctx.conn, room.id, VisitStatus.DONE)
        self.rooms[self.room_index] = with_status(room, VisitStatus.DONE)
        self._update_room_item(self.room_index)
        self._update_progress()
        missing = self.items_total.get(room.id, 0) - self.answered.get(room.id, 0)
        if missing > 0:
            self.show_notice((tr("{room} marked done with 1 item unanswered.") if missing == 1
                              else tr("{room} marked done with {n} items unanswered."))
                             .format(room=room.label or tr("The unit"), n=missing))
        following = [i for i in list(range(self.room_index + 1, len(self.rooms)))
                     + list(range(0, self.room_index)) if self.rooms[i].status not in FINISHED]
        if following:
            self.go_room(following[0])
        else:
            self.show_notice(tr("All rooms are done. Continue with the closing meeting and "
                                "the action plan."))

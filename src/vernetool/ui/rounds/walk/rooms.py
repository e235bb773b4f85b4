"""The walk's rooms: the room list on the left with the progress, and the room pane's frame.

The helpers here name a round entry and its progress.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QListWidget, QListWidgetItem, QProgressBar, QWidget

from vernetool import attachments
from vernetool.domain.rounds import VisitStatus
from vernetool.i18n import tr
from vernetool.services.rounds import RoundRoom
from vernetool.ui.common.labels import room_type_label, visit_status_label
from vernetool.ui.rounds.walk.state import FINISHED, WalkState
from vernetool.ui.rounds.walk.widgets import PaintedText, status_icon
from vernetool.ui.shell.theme import BORDER, ROUND_TRACK, SELECTION, SUCCESS, TEXT

__all__ = ["FINISHED", "RoomPane", "RoomsPart", "entry_title", "progress_text",
           "room_list_widget"]


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
    def _image_paths(event: QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
        return [p for p in paths if p.suffix.lower() in attachments.IMAGE_EXTENSIONS]

    def _offer(self, event: QDropEvent) -> None:
        if self._image_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._offer(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._offer(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._image_paths(event)
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            event.ignore()


def room_list_widget() -> QListWidget:
    """The list of the round's rooms, one two-line entry each with a status icon."""
    room_list = QListWidget()
    room_list.setIconSize(QSize(18, 18))
    room_list.setSpacing(1)
    room_list.setMinimumWidth(190)
    room_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    room_list.setTextElideMode(Qt.TextElideMode.ElideRight)
    room_list.setStyleSheet(
        f"QListWidget {{ border: 1px solid {BORDER}; border-radius: 6px; }}"
        "QListWidget::item { padding: 6px 4px; }"
        f"QListWidget::item:selected {{ background: {SELECTION}; color: {TEXT}; }}")
    return room_list


class RoomsPart(QObject):
    """The list of the round's entries and the progress over all of them."""

    picked = Signal(int)   # the index of the entry chosen in the list

    def __init__(self, state: WalkState, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self._states: dict[int, tuple[int, VisitStatus]] = {}
        self._progress: tuple[int, int, int, int] | None = None
        self.room_list = room_list_widget()
        self.room_list.itemActivated.connect(self._picked)
        self.room_list.itemClicked.connect(self._picked)
        # painted: its text changes with every answer, and must not re-lay out the window
        self.progress_label = PaintedText(min_text=progress_text(99, 99, 999, 999),
                                          align=Qt.AlignmentFlag.AlignRight)
        self.progress_label.setObjectName("walkProgress")
        bold = self.progress_label.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.1)
        self.progress_label.setFont(bold)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedHeight(10)
        self.progress_bar.setStyleSheet(
            f"QProgressBar {{ border: none; background: {ROUND_TRACK}; border-radius: 5px; }}"
            f"QProgressBar::chunk {{ background: {SUCCESS}; border-radius: 5px; }}")

    def fill(self) -> None:
        self.room_list.clear()
        self._states = {}
        for index in range(len(self.state.rooms)):
            self.room_list.addItem(QListWidgetItem())
            self.update_item(index)
        self.update_progress()

    def select(self, index: int) -> None:
        self.room_list.setCurrentRow(index)

    def _picked(self, item: QListWidgetItem) -> None:
        self.picked.emit(self.room_list.row(item))

    def update_item(self, index: int) -> None:
        """The room's entry in the list; touched only when its text or status changed (each
        change makes the list lay itself out again)."""
        state = self.state
        room = state.rooms[index]
        total = state.items_total.get(room.id, 0)
        answered = min(state.answered.get(room.id, 0), total)
        key = (answered, room.status)
        if self._states.get(index) == key:
            return
        self._states[index] = key
        item = self.room_list.item(index)
        if room.is_unit:
            first = tr("The unit")
            item.setToolTip(tr("The unit (psychosocial and organisational)"))
        else:
            first = f"{room.label}  {room.room_name}" if room.room_name else room.label
            item.setToolTip(room_type_label(room.room_type))
        item.setText(f"{first}\n{answered} / {total} · {visit_status_label(room.status)}")
        item.setIcon(status_icon(room.status.value))

    def update_progress(self) -> None:
        state = self.state
        done = sum(1 for r in state.rooms if r.status in FINISHED)
        counted = [r for r in state.rooms if r.status is not VisitStatus.SKIPPED]
        items = sum(state.items_total.get(r.id, 0) for r in counted)
        answered = sum(min(state.answered.get(r.id, 0), state.items_total.get(r.id, 0))
                       for r in counted)
        key = (done, len(state.rooms), answered, items)
        if key == self._progress:
            return  # an answer changed, not the counts: nothing to redraw
        self._progress = key
        self.progress_label.setText(progress_text(*key))
        self.progress_bar.setMaximum(max(items, 1))
        self.progress_bar.setValue(answered)

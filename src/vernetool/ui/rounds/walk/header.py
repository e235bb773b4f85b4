"""The head of the room pane: which room this is, who is responsible, and the room buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from vernetool.i18n import tr
from vernetool.ui.common.labels import room_type_label
from vernetool.ui.rounds.walk.rooms import entry_title
from vernetool.ui.rounds.walk.state import WalkState
from vernetool.ui.shell.theme import ACCENT, MUTED, ROUND_OK_DISABLED, SUCCESS


class RoomHeader(QWidget):
    """Room title and facts on the left; Previous, Room done and Next on the right."""

    previous = Signal()
    done = Signal()
    next = Signal()

    def __init__(self, state: WalkState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title.setFont(font)
        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setStyleSheet(f"color: {MUTED};")
        # both wrap: on a 1024 px laptop a long room name must not push the window wider
        self.title.setWordWrap(True)
        self.info.setWordWrap(True)
        self.prev_button = QPushButton("◀  " + tr("Previous"))
        self.prev_button.setToolTip(tr("Previous room (Ctrl+Left or Page Up)"))
        self.prev_button.clicked.connect(self.previous)
        self.done_button = QPushButton("✓  " + tr("Room done"))
        self.done_button.setToolTip(tr("Mark the room done and go to the next (Ctrl+Enter)"))
        self.done_button.setStyleSheet(
            f"QPushButton {{ background: {SUCCESS}; color: white; font-weight: bold; "
            "border-radius: 5px; padding: 4px 14px; }"
            f"QPushButton:disabled {{ background: {ROUND_OK_DISABLED}; }}")
        self.done_button.clicked.connect(self.done)
        self.next_button = QPushButton(tr("Next") + "  ▶")
        self.next_button.setToolTip(tr("Next room (Ctrl+Right or Page Down)"))
        self.next_button.clicked.connect(self.next)
        for button in (self.prev_button, self.done_button, self.next_button):
            button.setMinimumHeight(34)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        # the room screen (card, registers, deviations) beside the room's name
        self.open_room_button = QToolButton()
        self.open_room_button.setObjectName("walkOpenRoom")
        self.open_room_button.setText(tr("Open room"))
        self.open_room_button.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.open_room_button.setToolTip(tr("The room's screen: its card, chemicals, sources, "
                                            "agents and open deviations (Ctrl+Shift+R)"))
        self.open_room_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.open_room_button.setAutoRaise(True)  # a link beside the title, framed on hover
        self.open_room_button.setStyleSheet(f"QToolButton {{ color: {ACCENT}; "
                                            "text-decoration: underline; }")
        self.open_room_button.clicked.connect(self.open_room)
        title_row = QHBoxLayout()
        title_row.setSpacing(8)
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.open_room_button, 0, Qt.AlignmentFlag.AlignVCenter)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addLayout(title_row)
        titles.addWidget(self.info)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(titles, 1)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.done_button)
        layout.addWidget(self.next_button)

    def open_room(self) -> None:
        room = self.state.room
        if room is not None and room.room_id is not None:
            from vernetool.ui.rooms.open_room import open_room

            open_room(self, self.state.ctx, room.room_id)

    def show_room(self) -> None:
        """The current room; looks up its responsible person (the findings' default)."""
        state = self.state
        room = state.room
        assert room is not None
        self.title.setText(entry_title(room))
        self.open_room_button.setVisible(room.room_id is not None)
        state.responsible = None
        if room.room_id is None:
            info = [tr("Answered once for the whole unit, e.g. in the pre-meeting or the "
                       "closing meeting")]
        else:
            info = [room_type_label(room.room_type)]
            if room.floor:
                info.append(tr("Floor {floor}").format(floor=room.floor))
            state.responsible = state.services.walk.room_responsible(room.room_id, state.today)
            if state.responsible is not None:
                info.append(tr("Room responsible: {name}").format(
                    name=state.responsible.person_name))
        self.info.setText(" · ".join(info))
        self.prev_button.setEnabled(state.room_index > 0)
        self.next_button.setEnabled(state.room_index < len(state.rooms) - 1)
        self.done_button.setEnabled(not state.read_only)

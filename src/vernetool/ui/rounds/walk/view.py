"""Walking an HSE round room by room, made for a laptop in a corridor.

One key per answer (1 OK, 2 must improve, 3 not relevant), arrows and Enter to move; every
answer, comment and value is committed to SQLite the moment it is given. Opening a round
resumes at the first room that is not done.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.db.rounds import checklists as round_checklists
from vernetool.db.rounds import rounds
from vernetool.db.rounds.rounds import RoundRoom
from vernetool.domain.rounds import RoundStatus, VisitStatus
from vernetool.i18n import tr
from vernetool.ui.common.labels import round_status_label
from vernetool.ui.common.round_header import back_to_rounds_button, round_subtitle, round_title
from vernetool.ui.rounds.finding_dialog import FindingDialog
from vernetool.ui.rounds.photo_strip import PhotoStrip
from vernetool.ui.rounds.walk.checklist import WalkChecklistMixin
from vernetool.ui.rounds.walk.findings import WalkFindingsMixin
from vernetool.ui.rounds.walk.item_editor import ItemEditor
from vernetool.ui.rounds.walk.item_row import ItemRow
from vernetool.ui.rounds.walk.keys import WalkKeysMixin, keys_hint_label
from vernetool.ui.rounds.walk.photos import WalkPhotosMixin
from vernetool.ui.rounds.walk.recheck import WalkRecheckMixin
from vernetool.ui.rounds.walk.rooms import (
    FINISHED,
    RoomPane,
    WalkRoomsMixin,
    progress_text,
    room_list_widget,
)
from vernetool.ui.rounds.walk.widgets import ChecklistPane, PaintedText
from vernetool.ui.shell.theme import ACCENT, MUTED


class RoundWalkView(WalkRoomsMixin, WalkChecklistMixin, WalkRecheckMixin, WalkFindingsMixin,
                    WalkPhotosMixin, WalkKeysMixin, QWidget):
    """The walk: room list, room pane and progress; the parts live in the mixed-in modules."""

    back_requested = Signal()
    action_plan_requested = Signal(int)

    def __init__(self, ctx: AppContext, round_id: int, parent: QWidget | None = None,
                 *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round_id = round_id
        self.today = today or dt.date.today()
        self.rows: list[ItemRow] = []
        self.current_row = -1
        self.room_index = -1
        self.finding_dialog: FindingDialog | None = None
        self.actor = ctx.actor  # looked up once: answering must stay instant
        self._cache = round_checklists.TemplateCache(ctx.conn)
        self._build()
        self.load()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.back = back_to_rounds_button(self._back)
        self.title = round_title()
        self.subtitle = round_subtitle()
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
            "QProgressBar { border: none; background: #dde3ea; border-radius: 5px; }"
            "QProgressBar::chunk { background: #2f7d32; border-radius: 5px; }")
        self.plan_button = QPushButton(tr("Action plan") + "  ▶")
        self.plan_button.setToolTip(tr("Closing meeting and action plan"))
        self.plan_button.clicked.connect(lambda: self.action_plan_requested.emit(self.round_id))
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(8000)
        self._notice_timer.timeout.connect(self.notice.hide)

        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        progress = QVBoxLayout()
        progress.setSpacing(4)
        progress.addWidget(self.progress_label)
        progress.addWidget(self.progress_bar)
        top = QHBoxLayout()
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(8)
        top.addLayout(titles, 1)
        top.addLayout(progress, 1)
        top.addSpacing(8)
        top.addWidget(self.plan_button, 0, Qt.AlignmentFlag.AlignTop)

        # left: the rooms
        self.room_list = room_list_widget()
        self.room_list.itemActivated.connect(self._room_picked)
        self.room_list.itemClicked.connect(self._room_picked)

        # right: the current room
        self.room_title = QLabel()
        self.room_title.setTextFormat(Qt.TextFormat.PlainText)
        rfont = self.room_title.font()
        rfont.setPointSizeF(rfont.pointSizeF() * 1.45)
        rfont.setBold(True)
        self.room_title.setFont(rfont)
        self.room_info = QLabel()
        self.room_info.setTextFormat(Qt.TextFormat.PlainText)
        self.room_info.setStyleSheet(f"color: {MUTED};")
        # both wrap: on a 1024 px laptop a long room name must not push the window wider
        self.room_title.setWordWrap(True)
        self.room_info.setWordWrap(True)
        self.prev_button = QPushButton("◀  " + tr("Previous"))
        self.prev_button.setToolTip(tr("Previous room (Ctrl+Left or Page Up)"))
        self.prev_button.clicked.connect(lambda: self.go_room(self.room_index - 1))
        self.done_button = QPushButton("✓  " + tr("Room done"))
        self.done_button.setToolTip(tr("Mark the room done and go to the next (Ctrl+Enter)"))
        self.done_button.setStyleSheet(
            "QPushButton { background: #2f7d32; color: white; font-weight: bold; "
            "border-radius: 5px; padding: 4px 14px; }"
            "QPushButton:disabled { background: #9bb89c; }")
        self.done_button.clicked.connect(self.room_done)
        self.next_button = QPushButton(tr("Next") + "  ▶")
        self.next_button.setToolTip(tr("Next room (Ctrl+Right or Page Down)"))
        self.next_button.clicked.connect(lambda: self.go_room(self.room_index + 1))
        for button in (self.prev_button, self.done_button, self.next_button, self.back,
                       self.plan_button):
            button.setMinimumHeight(34)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        header_titles = QVBoxLayout()
        header_titles.setSpacing(0)
        header_titles.addWidget(self.room_title)
        header_titles.addWidget(self.room_info)
        header = QHBoxLayout()
        header.addLayout(header_titles, 1)
        header.addWidget(self.prev_button)
        header.addWidget(self.done_button)
        header.addWidget(self.next_button)

        self._build_recheck_panel()

        self.checklist = ChecklistPane()
        self.checklist.answer_key.connect(self.answer_current)
        self.checklist.move.connect(self.move)
        self.checklist.edit_comment.connect(self.edit_comment)

        self.editor = ItemEditor()
        self.editor.comment_committed.connect(self._save_comment)
        self.editor.value_committed.connect(self._save_value)
        self.editor.leave.connect(self._leave_field)
        self.comment, self.value = self.editor.comment, self.editor.value
        self.guidance = self.editor.guidance

        self.photo_strip = PhotoStrip(self.ctx)
        self.photo_strip.add_requested.connect(self.choose_photos)
        self.photo_strip.notice.connect(self.show_notice)
        self.photos = self.photo_strip.list

        self.keys_hint = keys_hint_label()

        self.room_pane = RoomPane()
        self.room_pane.files_dropped.connect(self.add_photo_files)
        self.room_pane.resized.connect(self._auto_fold)
        right = QVBoxLayout(self.room_pane)
        right.setContentsMargins(10, 0, 0, 0)
        right.setSpacing(4)
        right.addLayout(header)
        right.addWidget(self.carried_panel)
        right.addWidget(self.checklist, 1)
        right.addWidget(self.editor)
        right.addWidget(self.photo_strip)
        right.addWidget(self.keys_hint)

        splitter = QSplitter()
        splitter.addWidget(self.room_list)
        splitter.addWidget(self.room_pane)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 1000])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)  # a 640 px high laptop: every line counts
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)

        self._install_shortcuts()

    # -- loading ---------------------------------------------------------------------------
    def load(self) -> None:
        conn = self.ctx.conn
        self.round = rounds.get_round(conn, self.round_id)
        self.rooms: list[RoundRoom] = rounds.round_rooms(conn, self.round_id)
        self.items_total = round_checklists.items_per_room(conn, self.round_id)
        self.answered = rounds.answer_counts(conn, self.round_id)
        self.title.setText(self.round.title)
        self._update_subtitle()
        self.read_only = self.round.status is RoundStatus.REPORTED
        self.room_list.clear()
        self._room_states: dict[int, tuple[int, VisitStatus]] = {}
        for room in self.rooms:
            item = QListWidgetItem()
            self.room_list.addItem(item)
            self._update_room_item(self.rooms.index(room))
        self._update_progress()
        if self.read_only:
            self.show_notice(tr("This round is reported; its answers are final."))
        start = next((i for i, r in enumerate(self.rooms) if r.status not in FINISHED), 0)
        if self.rooms:
            self.go_room(start)

    def _update_subtitle(self) -> None:
        unit = " — ".join(x for x in (self.round.unit_code or "", self.round.unit_name) if x)
        self.subtitle.setText(" · ".join(x for x in (unit, round_status_label(
            self.round.status)) if x))

    def show_notice(self, text: str, error: bool = False) -> None:
        colour = "#a4262c" if error else ACCENT
        self.notice.setStyleSheet(f"color: {colour}; font-weight: bold; padding: 2px 4px;")
        self.notice.setText(text)
        self.notice.show()
        self._notice_timer.start()

    # -- leaving ---------------------------------------------------------------------------
    def _back(self) -> None:
        self.flush()
        self.back_requested.emit()

    def hideEvent(self, event: object) -> None:
        self.flush()
        super().hideEvent(event)  # type: ignore[arg-type]


def _with_status(room: RoundRoom, status: VisitStatus) -> RoundRoom:
    from dataclasses import replace

    return replace(room, status=status)

"""Walking an HSE round room by room, made for a laptop in a corridor.

One key per answer (1 OK, 2 must improve, 3 not relevant), arrows and Enter to move; every
answer, comment and value is committed to SQLite the moment it is given. Opening a round
resumes at the first room that is not done. The view lays out and ties together explicit
parts (rooms, checklist, re-check, photos, findings) that share one ``WalkState``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.rounds import VisitStatus
from vernetool.i18n import tr
from vernetool.services import Change, Topic
from vernetool.services.rounds import RoundRoom
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.labels import round_status_label
from vernetool.ui.common.round_header import back_to_rounds_button, round_subtitle, round_title
from vernetool.ui.rounds.finding_dialog import FindingDialog
from vernetool.ui.rounds.walk.checklist import ChecklistPart
from vernetool.ui.rounds.walk.findings import FindingsPart
from vernetool.ui.rounds.walk.header import RoomHeader
from vernetool.ui.rounds.walk.item_editor import ItemEditor
from vernetool.ui.rounds.walk.item_row import ItemRow
from vernetool.ui.rounds.walk.keys import install_shortcuts, keys_hint_label
from vernetool.ui.rounds.walk.photos import PhotosPart
from vernetool.ui.rounds.walk.recheck import CarriedFindingCard, RecheckPart
from vernetool.ui.rounds.walk.rooms import FINISHED, RoomPane, RoomsPart
from vernetool.ui.rounds.walk.state import WalkState
from vernetool.ui.rounds.walk.widgets import ChecklistPane, PaintedText
from vernetool.ui.shell.theme import ACCENT, ERROR


class RoundWalkView(QWidget):
    """The walk: room list, room pane and progress."""

    back_requested = Signal()
    action_plan_requested = Signal(int)

    def __init__(self, ctx: AppContext, round_id: int, parent: QWidget | None = None,
                 *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round_id = round_id
        self.state = WalkState.load(ctx, round_id, today or dt.date.today())
        self.rooms_part = RoomsPart(self.state, self)
        self.rooms_part.picked.connect(self._room_picked)
        self.checklist_part = ChecklistPart(self.state, self)
        self.checklist_part.saved.connect(self._answer_saved)
        self.checklist_part.finding_requested.connect(self.open_finding)
        self.checklist_part.notice.connect(self.show_notice)
        self.room_pane = RoomPane()
        self.recheck = RecheckPart(self.state, self.room_pane.height, self)
        self.recheck.notice.connect(self.show_notice)
        self.recheck.finished.connect(lambda: self.checklist.setFocus())
        self.photos_part = PhotosPart(self.state, self)
        self.photos_part.notice.connect(self.show_notice)
        self.findings = FindingsPart(self.state, self)
        self.findings.closed.connect(self._finding_closed)
        self._build()
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.timeout.connect(self.reload)
        self.relay = ChangeRelay(ctx.services, self)
        self.relay.on((Topic.ROUNDS, Topic.FINDINGS, Topic.PHOTOS), self._changed)
        # the room's name, card and responsible (the findings' default) are shown too
        self.relay.on((Topic.ROOMS, Topic.ROOM_CARDS, Topic.RESPONSIBILITIES, Topic.PERSONS),
                      lambda _change: self._reload_timer.start())
        self.load()

    # -- what the parts show, by their old names ----------------------------------------------
    @property
    def today(self) -> dt.date:
        return self.state.today

    @property
    def rooms(self) -> list[RoundRoom]:
        return self.state.rooms

    @property
    def room(self) -> RoundRoom | None:
        return self.state.room

    @property
    def room_index(self) -> int:
        return self.state.room_index

    @property
    def rows(self) -> list[ItemRow]:
        return self.state.rows

    @property
    def current_row(self) -> int:
        return self.state.current_row

    @property
    def read_only(self) -> bool:
        return self.state.read_only

    @property
    def checklist(self) -> ChecklistPane:
        return self.checklist_part.pane

    @property
    def editor(self) -> ItemEditor:
        return self.checklist_part.editor

    @property
    def room_list(self) -> QListWidget:
        return self.rooms_part.room_list

    @property
    def progress_label(self) -> PaintedText:
        return self.rooms_part.progress_label

    @property
    def photos(self) -> QListWidget:
        return self.photos_part.strip.list

    @property
    def carried_cards(self) -> list[CarriedFindingCard]:
        return self.recheck.cards

    @property
    def carried_panel(self) -> QWidget:
        return self.recheck.panel

    @property
    def carried_toggle(self) -> QPushButton:
        return self.recheck.toggle

    @property
    def carried_scroll(self) -> QScrollArea:
        return self.recheck.scroll

    @property
    def carried_box(self) -> QWidget:
        return self.recheck.box

    @property
    def finding_dialog(self) -> FindingDialog | None:
        return self.findings.dialog

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.back = back_to_rounds_button(self._back)
        self.title = round_title()
        self.subtitle = round_subtitle()
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
        progress.addWidget(self.rooms_part.progress_label)
        progress.addWidget(self.rooms_part.progress_bar)
        top = QHBoxLayout()
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(8)
        top.addLayout(titles, 1)
        top.addLayout(progress, 1)
        top.addSpacing(8)
        top.addWidget(self.plan_button, 0, Qt.AlignmentFlag.AlignTop)

        # right: the current room
        self.header = RoomHeader(self.state)
        self.header.previous.connect(lambda: self.go_room(self.room_index - 1))
        self.header.done.connect(self.room_done)
        self.header.next.connect(lambda: self.go_room(self.room_index + 1))
        self.room_title, self.room_info = self.header.title, self.header.info
        for button in (self.back, self.plan_button):
            button.setMinimumHeight(34)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        self.comment, self.value = self.editor.comment, self.editor.value
        self.guidance = self.editor.guidance
        self.photo_strip = self.photos_part.strip
        self.keys_hint = keys_hint_label()

        self.room_pane.files_dropped.connect(self.add_photo_files)
        self.room_pane.resized.connect(self.recheck.auto_fold)
        right = QVBoxLayout(self.room_pane)
        right.setContentsMargins(10, 0, 0, 0)
        right.setSpacing(4)
        right.addWidget(self.header)
        right.addWidget(self.recheck.panel)
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

        install_shortcuts(self, next_room=lambda: self.go_room(self.room_index + 1),
                          previous_room=lambda: self.go_room(self.room_index - 1),
                          room_done=self.room_done, edit_comment=self.edit_comment,
                          add_photo=self.photos_part.choose, recheck=self.recheck.toggle_open)

    # -- loading ---------------------------------------------------------------------------
    def load(self) -> None:
        state = self.state
        self.title.setText(state.round.title)
        self._update_subtitle()
        self.rooms_part.fill()
        if state.read_only:
            self.show_notice(tr("This round is reported; its answers are final."))
        start = next((i for i, r in enumerate(state.rooms) if r.status not in FINISHED), 0)
        if state.rooms:
            self.go_room(start)

    def reload(self) -> None:
        """Show what changed elsewhere (another screen, a merged bundle), staying in the room
        and at the item the walker was at."""
        self.flush()
        state = self.state
        room_id = state.room.id if state.room else None
        row = state.current_row
        state.reload()
        self.title.setText(state.round.title)
        self._update_subtitle()
        self.rooms_part.fill()
        index = next((i for i, r in enumerate(state.rooms) if r.id == room_id), 0)
        if state.rooms:
            self.go_room(index)
            self.checklist_part.set_current(row)

    def _changed(self, change: Change) -> None:
        if self.state.own_write:
            return  # this walk's own answer, photo or finding: already on the screen
        if change.topic is not Topic.ROUNDS or not change.ids or self.round_id in change.ids:
            self._reload_timer.start()

    def _update_subtitle(self) -> None:
        r = self.state.round
        unit = " — ".join(x for x in (r.unit_code or "", r.unit_name) if x)
        self.subtitle.setText(" · ".join(x for x in (unit, round_status_label(r.status)) if x))

    def show_notice(self, text: str, error: bool = False) -> None:
        colour = ERROR if error else ACCENT
        self.notice.setStyleSheet(f"color: {colour}; font-weight: bold; padding: 2px 4px;")
        self.notice.setText(text)
        self.notice.show()
        self._notice_timer.start()

    # -- rooms -----------------------------------------------------------------------------
    def flush(self) -> None:
        self.editor.flush()

    def go_room(self, index: int) -> None:
        if not 0 <= index < len(self.state.rooms):
            return
        self.flush()
        self.state.room_index = index
        self.rooms_part.select(index)
        self._show_room()

    def _room_picked(self, index: int) -> None:
        if index != self.room_index:
            self.go_room(index)
        self.checklist.setFocus()

    def _show_room(self) -> None:
        self.header.show_room()
        self.recheck.show_room()
        self.checklist_part.show_room()
        self.photos_part.show_room()
        self.checklist.setFocus()

    def room_done(self) -> None:
        state = self.state
        room = state.room
        if room is None or state.read_only:
            return
        self.flush()
        with reported(self) as stored, state.own_write():
            state.services.walk.set_visit_status(room.id, VisitStatus.DONE)
        if not stored:
            return
        state.set_room_status(VisitStatus.DONE)
        self.rooms_part.update_item(state.room_index)
        self.rooms_part.update_progress()
        missing = state.items_total.get(room.id, 0) - state.answered.get(room.id, 0)
        if missing > 0:
            self.show_notice((tr("{room} marked done with 1 item unanswered.") if missing == 1
                              else tr("{room} marked done with {n} items unanswered."))
                             .format(room=room.label or tr("The unit"), n=missing))
        index = state.room_index
        following = [i for i in list(range(index + 1, len(state.rooms)))
                     + list(range(0, index)) if state.rooms[i].status not in FINISHED]
        if following:
            self.go_room(following[0])
        else:
            self.show_notice(tr("All rooms are done. Continue with the closing meeting and "
                                "the action plan."))

    # -- items -----------------------------------------------------------------------------
    def set_current(self, index: int) -> None:
        self.checklist_part.set_current(index)

    def move_item(self, step: int) -> None:
        """To the item ``step`` rows below (above when negative)."""
        self.checklist_part.move(step)

    def edit_comment(self) -> None:
        self.checklist_part.edit_comment()

    def answer_current(self, answer: str) -> None:
        self.checklist_part.answer_current(answer)

    def _answer_saved(self, round_status_changed: bool) -> None:
        if round_status_changed:
            self._update_subtitle()
        self.rooms_part.update_item(self.state.room_index)
        self.rooms_part.update_progress()

    # -- findings and photos ---------------------------------------------------------------
    def open_finding(self, row: ItemRow) -> None:
        self.flush()
        self.findings.open(row)

    def _finding_closed(self, row: ItemRow, saved: bool) -> None:
        if saved and self.rows.index(row) == self.current_row:
            self.move_item(1)
        self.window().activateWindow()  # back to the walk, also where no window manager does it
        self.checklist.setFocus()

    def choose_photos(self) -> None:
        self.photos_part.choose()

    def add_photo_files(self, paths: list[Path]) -> int:
        return self.photos_part.add_files(paths)

    def remove_selected_photo(self) -> None:
        self.photos_part.remove_selected()

    # -- leaving ---------------------------------------------------------------------------
    def _back(self) -> None:
        self.flush()
        self.back_requested.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)

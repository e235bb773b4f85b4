"""Walking an HSE round room by room, made for a laptop in a corridor.

One key per answer (1 OK, 2 must improve, 3 not relevant), arrows and Enter to move; every
answer, comment and value is committed to SQLite the moment it is given. Opening a round
resumes at the first room that is not done.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from vernetool import attachments
from vernetool.context import AppContext
from vernetool.db import findings, responsibilities, round_checklists, rounds
from vernetool.db.rounds import RoundRoom
from vernetool.domain.checklists import ValueKind
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import ResponsibilityKind
from vernetool.domain.rounds import (
    Finding,
    ParticipantRole,
    RecheckOutcome,
    RoundStatus,
    VisitStatus,
)
from vernetool.ui.finding_dialog import FindingDialog
from vernetool.ui.i18n import language, tr
from vernetool.ui.labels import room_type_label, round_status_label, visit_status_label
from vernetool.ui.room_dialog import parse_decimal
from vernetool.ui.round_photo_strip import PhotoStrip
from vernetool.ui.round_walk_widgets import (
    CarriedFindingCard,
    ChecklistPane,
    ItemEditor,
    ItemRow,
    PaintedText,
    SectionHeader,
    status_icon,
)
from vernetool.ui.theme import ACCENT, MUTED
from vernetool.ui.widgets.round_header import back_to_rounds_button, round_subtitle, round_title

log = logging.getLogger(__name__)

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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)

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


class RoundWalkView(QWidget):
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
        self.room_list = QListWidget()
        self.room_list.setIconSize(QSize(18, 18))
        self.room_list.setSpacing(1)
        self.room_list.setMinimumWidth(190)
        self.room_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.room_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.room_list.setStyleSheet(
            "QListWidget { border: 1px solid #d5dbe3; border-radius: 6px; }"
            "QListWidget::item { padding: 6px 4px; }"
            "QListWidget::item:selected { background: #cfe0f5; color: #1f2933; }")
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

        self.carried_box = QWidget()
        # earlier findings scroll on their own past a few cards, so the checklist keeps room
        self.carried_scroll = QScrollArea()
        self.carried_scroll.setWidget(self.carried_box)
        self.carried_scroll.setWidgetResizable(True)
        self.carried_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.carried_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.carried_scroll.setMaximumHeight(230)
        self.carried_layout = QVBoxLayout(self.carried_box)
        self.carried_layout.setContentsMargins(0, 0, 0, 0)
        self.carried_layout.setSpacing(6)

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

        self.keys_hint = QLabel(tr("1 OK · 2 Must improve · 3 Not relevant · ↑↓ move · "
                                   "Tab comment · Ctrl+Enter room done · Ctrl+P photo"))
        self.keys_hint.setToolTip(tr("Also: Ctrl+M comment, Ctrl+→ / Ctrl+← or Page Down / "
                                     "Page Up next / previous room, Esc or Enter leaves the "
                                     "comment field"))
        self.keys_hint.setStyleSheet(f"color: {MUTED};")
        self.keys_hint.setWordWrap(True)

        self.room_pane = RoomPane()
        self.room_pane.files_dropped.connect(self.add_photo_files)
        right = QVBoxLayout(self.room_pane)
        right.setContentsMargins(10, 0, 0, 0)
        right.addLayout(header)
        right.addWidget(self.carried_scroll)
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
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
                (("Ctrl+Right", "PgDown"), lambda: self.go_room(self.room_index + 1)),
                (("Ctrl+Left", "PgUp"), lambda: self.go_room(self.room_index - 1)),
                (("Ctrl+Return", "Ctrl+Enter"), self.room_done),
                (("Ctrl+M",), self.edit_comment),
                (("Ctrl+P",), self.choose_photos)):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self, slot)
                shortcut.setContext(context)

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

    def show_notice(self, text: str, error: bool = False) -> None:
        colour = "#a4262c" if error else ACCENT
        self.notice.setStyleSheet(f"color: {colour}; font-weight: bold; padding: 2px 4px;")
        self.notice.setText(text)
        self.notice.show()
        self._notice_timer.start()

    # -- rooms -----------------------------------------------------------------------------
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
        lang = language()
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
        answers = rounds.answers_for_room(conn, room.id)
        by_item = {f.item_id: f for f in findings.findings_for_room(conn, room.id, lang)
                   if f.item_id is not None}
        content = QWidget()
        content.setObjectName("checklistContent")
        content.setStyleSheet("QWidget#checklistContent { background: white; }")
        column = QVBoxLayout(content)
        column.setContentsMargins(4, 0, 8, 8)
        column.setSpacing(5)
        self.rows = []
        sections = round_checklists.checklist_for_room(conn, room.id, self._cache)
        for s_number, (section, items) in enumerate(sections, start=1):
            column.addWidget(SectionHeader(f"{s_number}  {section.title(lang)}"))
            for i_number, item in enumerate(items, start=1):
                row = ItemRow(item, f"{s_number}.{i_number}")
                stored = answers.get(item.id or 0)
                if stored is not None:
                    row.set_answer(stored.answer)
                    value = stored.value_text
                    if item.value_kind == ValueKind.NUMBER and stored.value_number is not None:
                        value = f"{stored.value_number:g}".replace(".", "," if lang == "nb"
                                                                   else ".")
                    row.set_stored(stored.comment, value)
                row.set_finding(by_item.get(item.id), self.today)
                for button in row.buttons.values():
                    button.setEnabled(not self.read_only)
                row.answer_clicked.connect(self._answer_clicked)
                row.clicked.connect(lambda r: self.set_current(self.rows.index(r)))
                row.finding_clicked.connect(self._finding_clicked)
                self.rows.append(row)
                column.addWidget(row)
        if not self.rows:
            empty = QLabel(tr("No checklist items apply to this room."))
            empty.setStyleSheet(f"color: {MUTED}; padding: 20px;")
            column.addWidget(empty)
        column.addStretch(1)
        self.checklist.setWidget(content)
        self.current_row = -1
        self.editor.show_row(None, self.read_only)
        first_open = next((i for i, r in enumerate(self.rows) if r.answer is None), 0)
        if self.rows:
            self.set_current(first_open)
        self._show_photos()
        self.checklist.setFocus()

    def _show_carried(self) -> None:
        room = self.room
        assert room is not None
        while self.carried_layout.count():
            child = self.carried_layout.takeAt(0).widget()
            if child is not None:
                child.deleteLater()
        carried = findings.carried_findings(self.ctx.conn, self.round_id, room.room_id,
                                            language())
        self.carried_cards: list[CarriedFindingCard] = []
        if not carried:
            self.carried_scroll.hide()
            return
        checks = findings.rechecks_for_round(self.ctx.conn, self.round_id)
        heading = QLabel(tr("Open findings from earlier rounds — check them again ({n})")
                         .format(n=len(carried)))
        heading.setStyleSheet("font-weight: bold; color: #8a4b00;")
        self.carried_layout.addWidget(heading)
        for finding in carried:
            check = checks.get(finding.id or 0)
            card = CarriedFindingCard(finding, check.outcome if check else None,
                                      check.note if check else "", self.today)
            card.recheck.connect(self._recheck)
            card.close_button.setEnabled(not self.read_only)
            card.keep_button.setEnabled(not self.read_only)
            self.carried_cards.append(card)
            self.carried_layout.addWidget(card)
        self.carried_layout.addStretch(1)
        # every card whole up to a limit (their close/keep buttons visible), more by scrolling
        needed = heading.sizeHint().height() + sum(
            card.sizeHint().height() + 6 for card in self.carried_cards) + 6
        self.carried_scroll.setMinimumHeight(min(needed, self.carried_scroll.maximumHeight()))
        self.carried_scroll.show()

    def _recheck(self, finding: Finding, outcome: RecheckOutcome, note: str) -> None:
        try:
            findings.recheck(self.ctx.conn, finding.id or 0, self.round_id, outcome,
                             self.ctx.actor, note.strip())
        except (sqlite3.Error, ValidationError) as exc:
            self.show_notice(tr("The re-check could not be saved: {error}").format(error=exc),
                             error=True)
            return
        self._show_carried()
        self.checklist.setFocus()

    def room_done(self) -> None:
        room = self.room
        if room is None or self.read_only:
            return
        self.flush()
        rounds.set_visit_status(self.ctx.conn, room.id, VisitStatus.DONE)
        self.rooms[self.room_index] = _with_status(room, VisitStatus.DONE)
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

    # -- items -----------------------------------------------------------------------------
    def set_current(self, index: int) -> None:
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        if 0 <= self.current_row < len(self.rows) and self.current_row != index:
            self.rows[self.current_row].set_current(False)
        self.current_row = index
        row = self.rows[index]
        row.set_current(True)
        if self.editor.row is not row:
            self.editor.show_row(row, self.read_only)
        bar = self.checklist.verticalScrollBar()
        top, height = row.y(), row.height()
        if top - 60 < bar.value() or \
                top + height + 60 > bar.value() + self.checklist.viewport().height():
            QTimer.singleShot(0, lambda r=row: self.checklist.ensureWidgetVisible(r, 0, 60)
                              if r in self.rows else None)

    def move(self, step: int) -> None:
        self.set_current(self.current_row + step)

    def edit_comment(self) -> None:
        if 0 <= self.current_row < len(self.rows):
            self.editor.comment.setFocus()

    def _leave_field(self, step: int) -> None:
        self.set_current(self.current_row + step)
        self.checklist.setFocus()

    def _answer_clicked(self, row: ItemRow, answer: str) -> None:
        self.set_current(self.rows.index(row))
        self.answer_current(answer)

    def answer_current(self, answer: str) -> None:
        if self.read_only or not 0 <= self.current_row < len(self.rows):
            return
        row = self.rows[self.current_row]
        if not self._save(row, answer=answer):
            row.set_answer(row.answer)  # undo a button's own toggle
            return
        row.set_answer(answer)
        if answer == "improve":
            row.set_finding(row.finding, self.today)
            self.open_finding(row)
        else:
            self.move(1)

    def _save(self, row: ItemRow, **fields: object) -> bool:
        room = self.room
        assert room is not None and row.item.id is not None
        try:
            if len(fields) == 1 and "answer" in fields:  # a key press: the lean path
                rounds.answer_item(self.ctx.conn, room.id, row.item.id, self.actor,
                                   fields["answer"])  # type: ignore[arg-type]
            else:
                rounds.save_answer(self.ctx.conn, room.id, row.item.id, self.actor, **fields)
        except (ValidationError, sqlite3.Error) as exc:
            log.exception("saving an answer failed")
            self.show_notice(tr("The answer could not be saved: {error}").format(error=exc),
                             error=True)
            return False
        if "answer" in fields and (row.answer is None) != (fields["answer"] is None):
            self.answered[room.id] = self.answered.get(room.id, 0) + (
                1 if fields["answer"] is not None else -1)
        if room.status is VisitStatus.PENDING:
            self.rooms[self.room_index] = _with_status(room, VisitStatus.IN_PROGRESS)
        if self.round.status is RoundStatus.PLANNED:
            self.round.status = RoundStatus.IN_PROGRESS
            self._update_subtitle()
        self._update_room_item(self.room_index)
        self._update_progress()
        return True

    def _save_comment(self, row: ItemRow, text: str) -> None:
        if row in self.rows and self._save(row, comment=text):
            row.set_stored(text, row.value_text)

    def _save_value(self, row: ItemRow, text: str) -> None:
        if row not in self.rows:
            return
        if row.item.value_kind == ValueKind.NUMBER:
            try:
                number = parse_decimal(text) if text.strip() else None
            except ValueError:
                message = tr("{label}: enter a number, like 21,5").format(
                    label=row.item.value_label(language()))
                if self.editor.row is row:
                    self.editor.value_rejected(message)
                self.show_notice(message, error=True)
                return
            if self._save(row, value_number=number):
                row.set_stored(row.comment_text, text)
                if self.editor.row is row:
                    self.editor.value_accepted()
        elif self._save(row, value_text=text):
            row.set_stored(row.comment_text, text)

    # -- findings --------------------------------------------------------------------------
    def _finding_clicked(self, row: ItemRow) -> None:
        self.set_current(self.rows.index(row))
        self.open_finding(row)

    def open_finding(self, row: ItemRow) -> None:
        """Open the finding dialog for the row (prefilled when new); non-blocking."""
        room = self.room
        assert room is not None
        self.flush()
        if row.finding is not None:
            finding = findings.get_finding(self.ctx.conn, row.finding.id or 0, language())
        else:
            text = row.item.text(language())
            comment = row.comment_text.strip()
            finding = Finding(
                description=f"{text}\n{comment}" if comment else text,
                round_room_id=room.id, item_id=row.item.id,
                responsible_id=self.responsible.person_id if self.responsible else None,
                responsible_name=self.responsible.person_name if self.responsible else "")
            if room.is_unit:  # the unit's working environment: the line manager's to follow up
                manager = next((p for p in self.round.participants
                                if p.role is ParticipantRole.LINE_MANAGER), None)
                if manager is not None:
                    finding.responsible_id, finding.responsible_name = (manager.person_id,
                                                                        manager.name)
        context = f"{entry_title(room)} — {row.number.text()} {row.item.text(language())}"
        dialog = FindingDialog(self.ctx, finding, self, context=context, today=self.today)
        dialog.finished.connect(lambda result, r=row, d=dialog: self._finding_done(r, d, result))
        self.finding_dialog = dialog
        dialog.open()

    def _finding_done(self, row: ItemRow, dialog: FindingDialog, result: int) -> None:
        self.finding_dialog = None
        dialog.deleteLater()
        if row not in self.rows:
            return
        if result and dialog.finding_id is not None:
            row.set_finding(findings.get_finding(self.ctx.conn, dialog.finding_id, language()),
                            self.today)
            if self.rows.index(row) == self.current_row:
                self.move(1)
        self.window().activateWindow()  # back to the walk, also where no window manager does it
        self.checklist.setFocus()

    # -- photos ----------------------------------------------------------------------------
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

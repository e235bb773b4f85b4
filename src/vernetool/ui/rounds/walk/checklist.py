"""The walk's checklist pane: the current room's items, moving between them, saving answers."""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from vernetool.db.rounds import checklists as round_checklists
from vernetool.db.rounds import findings, rounds
from vernetool.domain.checklists import ValueKind
from vernetool.domain.errors import ValidationError
from vernetool.domain.rounds import RoundStatus, VisitStatus
from vernetool.i18n import language, tr
from vernetool.ui.organisation.room_dialog import parse_decimal
from vernetool.ui.rounds.walk.item_row import ItemRow
from vernetool.ui.rounds.walk.rooms import with_status
from vernetool.ui.rounds.walk.widgets import SectionHeader
from vernetool.ui.shell.theme import MUTED

log = logging.getLogger("vernetool.ui.rounds.walk.view")


class WalkChecklistMixin:
    """Item rows, answers, comments and values of RoundWalkView (uses its attributes)."""

    def _show_checklist(self) -> None:
        """The current room's checklist: one row per item, with its stored answer."""
        room = self.room
        assert room is not None
        conn = self.ctx.conn
        lang = language()
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
            self.rooms[self.room_index] = with_status(room, VisitStatus.IN_PROGRESS)
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


"""The walk's checklist: the current room's items, moving between them, saving answers."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from vernetool.domain.checklists import ValueKind
from vernetool.domain.errors import ValidationError
from vernetool.i18n import language, tr
from vernetool.services.rounds.walk import Answered
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.labels import format_number
from vernetool.ui.organisation.room_dialog import parse_decimal
from vernetool.ui.rounds.walk.item_editor import ItemEditor
from vernetool.ui.rounds.walk.item_row import ItemRow
from vernetool.ui.rounds.walk.register_lines import item_lines
from vernetool.ui.rounds.walk.state import WalkState
from vernetool.ui.rounds.walk.widgets import ChecklistPane, SectionHeader
from vernetool.ui.shell.theme import BASE, MUTED

log = logging.getLogger("vernetool.ui.rounds.walk.view")


class ChecklistPart(QObject):
    """The item rows (``pane``) and the editor under them; one answer saved per key."""

    saved = Signal(bool)              # an answer was stored; True if the round's status changed
    finding_requested = Signal(object)   # ItemRow that must improve
    notice = Signal(str, bool)        # text, is an error

    def __init__(self, state: WalkState, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self._window = parent
        self.pane = ChecklistPane()
        self.pane.answer_key.connect(self.answer_current)
        self.pane.step.connect(self.move)
        self.pane.edit_comment.connect(self.edit_comment)
        self.editor = ItemEditor()
        self.editor.comment_committed.connect(self._save_comment)
        self.editor.value_committed.connect(self._save_value)
        self.editor.leave.connect(self._leave_field)

    def show_room(self) -> None:
        """The current room's checklist: one row per item, with its stored answer."""
        state = self.state
        room = state.room
        assert room is not None
        lang = language()
        content_of = state.services.walk.room_content(room.id, lang)
        content = QWidget()
        content.setObjectName("checklistContent")
        content.setStyleSheet(f"QWidget#checklistContent {{ background: {BASE}; }}")
        column = QVBoxLayout(content)
        column.setContentsMargins(4, 0, 8, 8)
        column.setSpacing(5)
        state.rows = []
        for s_number, (section, items) in enumerate(content_of.sections, start=1):
            column.addWidget(SectionHeader(f"{s_number}  {section.title(lang)}"))
            shown: set[str] = set()   # register figures once per section, not on every item
            for i_number, item in enumerate(items, start=1):
                row = ItemRow(item, f"{s_number}.{i_number}")
                if room.room_id is not None and item.condition:
                    figures = item_lines(item.condition, content_of.figures, content_of.card)
                    if figures not in shown:
                        shown.add(figures)
                        row.set_registers(figures)
                stored = content_of.answers.get(item.id or 0)
                if stored is not None:
                    row.set_answer(stored.answer)
                    value = stored.value_text
                    if item.value_kind == ValueKind.NUMBER and stored.value_number is not None:
                        value = format_number(stored.value_number)
                    row.set_stored(stored.comment, value)
                row.set_finding(content_of.findings_by_item.get(item.id or 0), state.today)
                for button in row.buttons.values():
                    button.setEnabled(not state.read_only)
                row.answer_clicked.connect(self._answer_clicked)
                row.clicked.connect(lambda r: self.set_current(self.state.rows.index(r)))
                row.finding_clicked.connect(self._finding_clicked)
                state.rows.append(row)
                column.addWidget(row)
        if not state.rows:
            empty = QLabel(tr("No checklist items apply to this room."))
            empty.setStyleSheet(f"color: {MUTED}; padding: 20px;")
            column.addWidget(empty)
        column.addStretch(1)
        self.pane.setWidget(content)
        state.current_row = -1
        self.editor.show_row(None, state.read_only)
        first_open = next((i for i, r in enumerate(state.rows) if r.answer is None), 0)
        if state.rows:
            self.set_current(first_open)

    # -- moving ----------------------------------------------------------------------------
    def set_current(self, index: int) -> None:
        rows = self.state.rows
        if not rows:
            return
        index = max(0, min(index, len(rows) - 1))
        current = self.state.current_row
        if 0 <= current < len(rows) and current != index:
            rows[current].set_current(False)
        self.state.current_row = index
        row = rows[index]
        row.set_current(True)
        if self.editor.row is not row:
            self.editor.show_row(row, self.state.read_only)
        bar = self.pane.verticalScrollBar()
        top, height = row.y(), row.height()
        if top - 60 < bar.value() or \
                top + height + 60 > bar.value() + self.pane.viewport().height():
            QTimer.singleShot(0, lambda r=row: self.pane.ensureWidgetVisible(r, 0, 60)
                              if r in self.state.rows else None)

    def move(self, step: int) -> None:
        self.set_current(self.state.current_row + step)

    def edit_comment(self) -> None:
        if self.state.row is not None:
            self.editor.comment.setFocus()

    def _leave_field(self, step: int) -> None:
        self.set_current(self.state.current_row + step)
        self.pane.setFocus()

    def _finding_clicked(self, row: ItemRow) -> None:
        self.set_current(self.state.rows.index(row))
        self.finding_requested.emit(row)

    # -- answering -------------------------------------------------------------------------
    def _answer_clicked(self, row: ItemRow, answer: str) -> None:
        self.set_current(self.state.rows.index(row))
        self.answer_current(answer)

    def answer_current(self, answer: str) -> None:
        row = self.state.row
        if self.state.read_only or row is None:
            return
        if not self._save(row, "answer", answer):
            row.set_answer(row.answer)  # undo a button's own toggle
            return
        row.set_answer(answer)
        if answer == "improve":
            row.set_finding(row.finding, self.state.today)
            self.finding_requested.emit(row)
        else:
            self.move(1)

    def _save(self, row: ItemRow, field: str, value: str | float | None) -> bool:
        """Store the row's ``answer`` (the lean path of a key press) or one other field."""
        state = self.state
        room = state.room
        assert room is not None and row.item.id is not None
        walk = state.services.walk
        done: Answered | None = None
        try:
            with reported(self._window) as outcome, state.own_write():
                if field == "answer":
                    done = walk.answer(room.id, row.item.id,
                                       value if isinstance(value, str) else None)
                else:
                    done = walk.save_field(room.id, row.item.id, field, value)
        except ValidationError as exc:
            log.warning("an answer was refused: %s", exc)
            self.notice.emit(tr("The answer could not be saved: {error}").format(error=exc), True)
            return False
        if not outcome or done is None:
            return False
        if field == "answer" and (row.answer is None) != (value is None):
            state.answered[room.id] = state.answered.get(room.id, 0) + (
                1 if value is not None else -1)
        self.saved.emit(state.apply(done))
        return True

    def _save_comment(self, row: ItemRow, text: str) -> None:
        if row in self.state.rows and self._save(row, "comment", text):
            row.set_stored(text, row.value_text)

    def _save_value(self, row: ItemRow, text: str) -> None:
        if row not in self.state.rows:
            return
        if row.item.value_kind == ValueKind.NUMBER:
            try:
                number = parse_decimal(text) if text.strip() else None
            except ValueError:
                message = tr("{label}: enter a number, like {n}").format(
                    label=row.item.value_label(language()), n=format_number(21.5))
                if self.editor.row is row:
                    self.editor.value_rejected(message)
                self.notice.emit(message, True)
                return
            if self._save(row, "value_number", number):
                row.set_stored(row.comment_text, text)
                if self.editor.row is row:
                    self.editor.value_accepted()
        elif self._save(row, "value_text", text):
            row.set_stored(row.comment_text, text)

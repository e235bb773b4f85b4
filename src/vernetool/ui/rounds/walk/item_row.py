"""One checklist item of the walk: number, question, answer buttons, stored comment and finding."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from vernetool.domain.checklists import Item, ValueKind
from vernetool.domain.rounds import Finding, own_description
from vernetool.i18n import language, tr
from vernetool.ui.common.labels import answer_label
from vernetool.ui.rounds.walk.widgets import (
    ANSWER_COLOURS,
    ANSWER_ORDER,
    ITEM_POINT_SIZE,
    ClickableLabel,
    finding_summary,
)
from vernetool.ui.shell.theme import (
    ACCENT,
    BASE,
    BORDER,
    MID,
    MUTED,
    PLACEHOLDER,
    ROUND_CARRIED_TEXT,
    ROUND_ROW_ANSWERED,
    ROUND_ROW_ANSWERED_EDGE,
    ROUND_ROW_CURRENT,
    ROUND_ROW_CURRENT_EDGE,
)


class ItemRow(QFrame):
    """One checklist item: its text, three answer buttons, the stored comment and value, and
    its finding. The comment and value are typed in the walk's item editor (one for all rows),
    so moving from row to row never changes a row's height (no relayout of the checklist)."""

    answer_clicked = Signal(object, str)       # row, answer
    clicked = Signal(object)                   # row
    finding_clicked = Signal(object)           # row

    def __init__(self, item: Item, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.answer: str | None = None
        self.finding: Finding | None = None
        self.comment_text = ""
        self.value_text = ""
        self._current = False
        self.setObjectName("itemRow")
        self.setFrameShape(QFrame.Shape.NoFrame)
        lang = language()

        self.number_text = number
        guidance_text = item.guidance(lang)
        # what the item editor shows for this row, made once (moving must stay instant)
        self.guidance_text = tr("Guidance: {text}").format(text=guidance_text) \
            if guidance_text else tr("{number} {text}").format(number=number,
                                                               text=item.text(lang))
        self.has_value = ValueKind(item.value_kind) is not ValueKind.NONE
        self.comment_label = tr("Comment on {number}:").format(number=number)
        self.number = QLabel(number)
        self.number.setStyleSheet(f"color: {MUTED};")
        self.number.setFixedWidth(34)
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(item.text(lang))
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        font = self.text.font()
        font.setPointSizeF(ITEM_POINT_SIZE)
        self.text.setFont(font)
        self.number.setFont(font)
        guidance = item.guidance(lang)
        if guidance:
            self.text.setToolTip(guidance)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        self.buttons: dict[str, QPushButton] = {}
        buttons_row = QHBoxLayout()
        buttons_row.setSpacing(4)
        for key, answer in enumerate(ANSWER_ORDER, start=1):
            button = QPushButton(f"{key}  {answer_label(answer)}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(34)
            button.setMinimumWidth(64)
            button.setToolTip(tr("Key {key}").format(key=key))
            colour = ANSWER_COLOURS[answer]
            button.setStyleSheet(
                f"QPushButton {{ border: 1px solid {MID}; border-radius: 5px; "
                "background: white; padding: 2px 10px; }"
                f"QPushButton:hover {{ border-color: {PLACEHOLDER}; }}"
                f"QPushButton:checked {{ background: {colour}; color: white; "
                f"border-color: {colour}; }}")
            button.clicked.connect(lambda _c=False, a=answer: self.answer_clicked.emit(self, a))
            self.buttons[answer] = button
            buttons_row.addWidget(button)

        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.number, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.text, 1)
        top.addLayout(buttons_row)

        # the stored value and comment, shown under the text once there are any
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {MUTED}; padding-left: 44px;")
        self.note.hide()

        # what the room's registers hold for the facts this item asks about
        self.registers = QLabel()
        self.registers.setObjectName("itemRegisters")
        self.registers.setTextFormat(Qt.TextFormat.PlainText)
        self.registers.setWordWrap(True)
        self.registers.setStyleSheet(f"color: {ACCENT}; padding-left: 44px;")
        self.registers.hide()

        self.finding_label = ClickableLabel()
        self.finding_label.setWordWrap(True)
        self.finding_label.setTextFormat(Qt.TextFormat.PlainText)
        self.finding_label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.finding_label.setStyleSheet(f"color: {ROUND_CARRIED_TEXT}; padding-left: 44px;")
        self.finding_label.clicked.connect(lambda: self.finding_clicked.emit(self))
        self.finding_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.registers)
        layout.addWidget(self.note)
        layout.addWidget(self.finding_label)

    # -- state shown ------------------------------------------------------------------------
    def set_answer(self, answer: str | None) -> None:
        """Show the answer; also undoes a button's own toggle when the answer was not saved."""
        changed = answer != self.answer
        self.answer = answer
        for key, button in self.buttons.items():
            checked = key == answer
            if button.isChecked() != checked:
                button.setChecked(checked)
        if changed:
            self.update()

    def set_registers(self, text: str) -> None:
        """The room's register figures for this item ('' hides them)."""
        self.registers.setText(text)
        self.registers.setVisible(bool(text))

    def set_stored(self, comment: str, value: str) -> None:
        """The comment and value as stored (shown under the item text)."""
        self.comment_text, self.value_text = comment, value
        parts = []
        if value.strip():
            parts.append(f"{self.item.value_label(language()) or tr('Value')}: {value.strip()}")
        if comment.strip():
            parts.append(tr("Comment: {text}").format(text=comment.strip()))
        text = "  ·  ".join(parts)
        if text != self.note.text():
            self.note.setText(text)
        if self.note.isHidden() == bool(text):
            self.note.setVisible(bool(text))

    def set_finding(self, finding: Finding | None, today: dt.date) -> None:
        self.finding = finding
        if finding is None:
            if self.answer == "improve":
                self.finding_label.setText("⚠  " + tr("No finding recorded yet — press 2 or "
                                                      "click here to describe it"))
                self.finding_label.show()
            else:
                self.finding_label.hide()
            return
        # what was found, never the checklist statement an older version prefilled it with
        own = own_description(finding.description, (self.item.text_nb, self.item.text_en))
        self.finding_label.setText("⚑  " + tr("Finding: {text}").format(
            text=own.splitlines()[0][:90] if own else tr("not described yet")) + "  ·  "
            + finding_summary(finding, today))
        self.finding_label.setToolTip(tr("Click to edit the finding"))
        self.finding_label.show()

    def set_current(self, current: bool) -> None:
        if current != self._current:
            self._current = current
            self.update()

    def paintEvent(self, event: object) -> None:
        """The row's card: painted, not style-sheeted, so answering stays instant."""
        if self._current:
            fill, edge, bar = ROUND_ROW_CURRENT, ROUND_ROW_CURRENT_EDGE, ACCENT
        elif self.answer:
            fill, edge = ROUND_ROW_ANSWERED, ROUND_ROW_ANSWERED_EDGE
            bar = ANSWER_COLOURS[self.answer]
        else:
            fill, edge, bar = BASE, BORDER, BORDER
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        card = QPainterPath()
        card.addRoundedRect(rect, 6, 6)
        strip = QPainterPath()
        strip.addRect(QRectF(rect.left(), rect.top(), 5, rect.height()))
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillPath(card, QColor(fill))
        p.fillPath(card.intersected(strip), QColor(bar))
        p.strokePath(card, QPen(QColor(edge), 1))
        p.end()

    def mousePressEvent(self, event: object) -> None:
        self.clicked.emit(self)
        super().mousePressEvent(event)  # type: ignore[arg-type]

"""One question of the unit's form: its number and text, the answer codes as radio buttons (a
text box for free text), and, when the data answered it, the badge, the source sentence and
Confirm."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from vernetool.i18n import tr
from vernetool.ui.annual.data import AnswerView, QuestionView
from vernetool.ui.annual.words import question_number
from vernetool.ui.common.flow_layout import FlowLayout
from vernetool.ui.shell.theme import (
    ANNUAL_CARD_EDGE,
    ANNUAL_CONFIRMED,
    ANNUAL_CURRENT,
    ANNUAL_CURRENT_EDGE,
    ANNUAL_FROM_DATA,
    ANNUAL_TO_CONFIRM_EDGE,
    BASE,
    MUTED,
)

#: a follow-up's indent per level, in pixels
INDENT = 28
#: typing pauses this long before free text is saved (and it is saved when the box is left)
TEXT_SAVE_MS = 900


class _TextAnswer(QPlainTextEdit):
    """Free text: Tab leaves the box; leaving it saves."""

    left = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # Qt override
        super().focusOutEvent(event)
        self.left.emit()


def _badge(colours: tuple[str, str]) -> str:
    background, text = colours
    return (f"QLabel {{ background: {background}; color: {text}; border-radius: 8px; "
            "padding: 1px 8px; }")


class QuestionRow(QFrame):
    """The question ``view``; ``answered(qid, code)`` when a button is chosen,
    ``text_changed(qid, text)`` for free text, ``confirm_requested(qid)``."""

    answered = Signal(str, str)
    text_changed = Signal(str, str)
    confirm_requested = Signal(str)

    def __init__(self, view: QuestionView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.state = AnswerView()
        self.setObjectName("annualQuestion")
        self._edge = ANNUAL_CARD_EDGE
        self._current = False
        self._apply_card()

        self.number = QLabel(question_number(view.id))
        self.number.setObjectName("questionNumber")
        font = self.number.font()
        font.setBold(True)
        self.number.setFont(font)
        self.number.setMinimumWidth(30)
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(view.text)
        self.text.setObjectName("questionText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.number, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.text, 1)

        body = QVBoxLayout()
        body.setContentsMargins(40, 0, 0, 0)
        body.setSpacing(6)
        self.group: QButtonGroup | None = None
        self.buttons: dict[str, QRadioButton] = {}
        self.text_edit: _TextAnswer | None = None
        self._text_timer: QTimer | None = None
        if view.kind == "text":
            edit = _TextAnswer()
            edit.setObjectName("annualText")
            edit.setAccessibleName(view.text)
            edit.setPlaceholderText(tr("Write a short answer; it is saved as you type."))
            edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
            edit.setMaximumHeight(edit.fontMetrics().lineSpacing() * 7 + 12)
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(TEXT_SAVE_MS)
            timer.timeout.connect(self._save_text)
            edit.textChanged.connect(timer.start)
            edit.left.connect(self._save_text)
            self.text_edit, self._text_timer = edit, timer
            body.addWidget(edit)
        else:
            holder = QWidget()
            flow = FlowLayout(holder, spacing=18)
            self.group = QButtonGroup(self)
            self.group.setExclusive(True)
            for code, label in view.codes:
                button = QRadioButton(label)
                button.setObjectName(f"answer_{code}")
                button.setAccessibleDescription(view.text)
                self.group.addButton(button)
                self.buttons[code] = button
                flow.addWidget(button)
            self.group.buttonClicked.connect(self._clicked)
            body.addWidget(holder)

        # what the data said: the badge, the sentence, Confirm
        self.badge = QLabel()
        self.badge.setObjectName("fromDataBadge")
        self.source = QLabel()
        self.source.setObjectName("prefillSource")
        self.source.setTextFormat(Qt.TextFormat.PlainText)
        self.source.setWordWrap(True)
        self.source.setStyleSheet(f"color: {MUTED};")
        self.source.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.confirm_button = QPushButton(tr("Confirm"))
        self.confirm_button.setObjectName("confirmPrefilled")
        self.confirm_button.setToolTip(tr("The two of you agree with what the data says"))
        self.confirm_button.clicked.connect(lambda: self.confirm_requested.emit(view.id))
        data_row = QHBoxLayout()
        data_row.setSpacing(8)
        data_row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        data_row.addWidget(self.source, 1)
        data_row.addWidget(self.confirm_button, 0, Qt.AlignmentFlag.AlignTop)
        self.data_box = QWidget()
        self.data_box.setLayout(data_row)
        data_row.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.data_box)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10 + INDENT * view.depth, 8, 12, 8)
        layout.setSpacing(6)
        if view.intro:
            self.intro: QLabel | None = QLabel(view.intro)
            self.intro.setObjectName("questionIntro")
            self.intro.setWordWrap(True)
            self.intro.setStyleSheet(f"color: {MUTED};")
            self.intro.setContentsMargins(40, 0, 0, 0)
            layout.addWidget(self.intro)
        else:
            self.intro = None
        layout.addLayout(top)
        layout.addLayout(body)
        self.show_state(AnswerView())

    # -- what is shown ----------------------------------------------------------------------
    def _apply_card(self) -> None:
        edge = ANNUAL_CURRENT_EDGE if self._current else self._edge
        background = ANNUAL_CURRENT if self._current else BASE
        _set_style(self, f"QFrame#annualQuestion {{ background: {background}; "
                         f"border: 1px solid {edge}; border-radius: 6px; }}")

    def set_current(self, current: bool) -> None:
        """The question the keyboard is in: its card stands out a little."""
        if current != self._current:
            self._current = current
            self._apply_card()

    def show_intro(self, shown: bool) -> None:
        if self.intro is not None:
            self.intro.setVisible(shown)

    def show_state(self, state: AnswerView) -> None:
        self.state = state
        if self.group is not None:
            chosen = self.buttons.get(state.answer or "")
            if chosen is not None:
                if not chosen.isChecked():
                    chosen.setChecked(True)
            elif self.group.checkedButton() is not None:
                self.group.setExclusive(False)      # no answer: no button checked
                checked = self.group.checkedButton()
                if checked is not None:
                    checked.setChecked(False)
                self.group.setExclusive(True)
        if self.text_edit is not None and not self.text_edit.hasFocus():
            text = state.answer or ""
            if self.text_edit.toPlainText() != text:
                self.text_edit.blockSignals(True)
                self.text_edit.setPlainText(text)
                self.text_edit.blockSignals(False)
        self._show_source(state)

    def _show_source(self, state: AnswerView) -> None:
        edge = ANNUAL_CARD_EDGE
        if state.pending or state.confirmed:
            if state.confirmed:
                self.badge.setText("✓ " + tr("From the data, confirmed"))
                _set_style(self.badge, _badge(ANNUAL_CONFIRMED))
            else:
                self.badge.setText(tr("From the data"))
                _set_style(self.badge, _badge(ANNUAL_FROM_DATA))
                edge = ANNUAL_TO_CONFIRM_EDGE
            self.badge.show()
            self.source.setText(state.source)
            self.confirm_button.setVisible(state.pending)
        elif state.prefilled is not None:
            # changed by the two who answer: what the data said stays in sight
            self.badge.hide()
            label = dict(self.view.codes).get(state.prefilled, state.prefilled)
            said = tr("The data said: {answer}").format(answer=label)
            self.source.setText(f"{said}. {state.source}" if state.source else said)
            self.confirm_button.hide()
        elif state.source:
            self.badge.hide()                       # a hint: the data tells, does not answer
            self.source.setText(tr("From the data: {hint}").format(hint=state.source))
            self.confirm_button.hide()
        else:
            self.source.clear()
        self.data_box.setVisible(bool(self.source.text()))
        if edge != self._edge:
            self._edge = edge
            self._apply_card()

    def focusables(self) -> list[QWidget]:
        """What Tab visits in this question, in order."""
        found: list[QWidget] = list(self.buttons.values())
        if self.text_edit is not None:
            found.append(self.text_edit)
        return [*found, self.confirm_button]

    def focus_answer(self) -> None:
        """The keyboard to the answer: the chosen button, else the first."""
        if self.text_edit is not None:
            self.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        target = (self.buttons.get(self.state.answer or "")
                  or next(iter(self.buttons.values()), None))
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- what the person does ---------------------------------------------------------------
    def _clicked(self, button: QAbstractButton) -> None:
        for code, candidate in self.buttons.items():
            if candidate is button and code != self.state.answer:
                self.answered.emit(self.view.id, code)

    def _save_text(self) -> None:
        if self.text_edit is None or self._text_timer is None:
            return
        self._text_timer.stop()
        text = self.text_edit.toPlainText().strip()
        if text != (self.state.answer or ""):
            self.text_changed.emit(self.view.id, text)


def _set_style(widget: QWidget, sheet: str) -> None:
    """A style sheet set only when it changes: setting one re-polishes the widget and its
    children, and every answer shows the whole form again."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)

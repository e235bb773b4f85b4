"""The questions of the unit's form in a scroll area: by section, each a ``QuestionRow``; the
follow-ups shown only while their parent calls for them, a shared lead-in ("Does the unit
have routines ensuring that:") once above the first of its group, the question the keyboard
is in set apart."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QVBoxLayout, QWidget

from vernetool.ui.annual import data
from vernetool.ui.annual.question_row import QuestionRow
from vernetool.ui.common.list_detail import section_title
from vernetool.ui.shell.theme import ANNUAL_SECTION_RULE


class QuestionsPane(QScrollArea):
    """``answered(qid, code_or_text)`` and ``confirm_requested(qid)`` from its rows."""

    answered = Signal(str, str)
    confirm_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annualScroll")
        self.box = QWidget()
        self.box.setObjectName("annualQuestions")
        self.column = QVBoxLayout(self.box)
        self.column.setContentsMargins(4, 4, 12, 12)
        self.column.setSpacing(8)
        self.setWidget(self.box)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.views: list[data.QuestionView] = []
        self.rows: dict[str, QuestionRow] = {}
        self._current: QuestionRow | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    def build(self, views: list[data.QuestionView], before: QWidget,
              after: list[QWidget]) -> None:
        """A row per question; Tab goes from ``before`` through the questions to ``after``
        (the rows are made after those widgets, so Qt's focus chain would put them last)."""
        while self.column.count():
            item = self.column.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.views, self.rows, self._current = views, {}, None
        section = None
        for view in views:
            if view.section and view.section != section and view.depth == 0:
                section = view.section
                title = section_title(section)
                title.setObjectName("annualSection")
                title.setStyleSheet(f"QLabel {{ border-bottom: 1px solid {ANNUAL_SECTION_RULE};"
                                    " padding: 8px 0 3px 0; }")
                self.column.addWidget(title)
            row = QuestionRow(view)
            row.answered.connect(self.answered)
            row.text_changed.connect(self.answered)
            row.confirm_requested.connect(self.confirm_requested)
            self.rows[view.id] = row
            self.column.addWidget(row)
        self.column.addStretch(1)
        chain: list[QWidget] = [before]
        for row in self.rows.values():
            chain.extend(row.focusables())
        for first, second in itertools.pairwise([*chain, *after]):
            QWidget.setTabOrder(first, second)

    def show_form(self, form: data.FormView) -> None:
        asked = set(form.asked)
        shown_intros: set[tuple[str | None, str]] = set()   # once per parent's group
        for view in self.views:
            row = self.rows[view.id]
            visible = view.id in asked
            row.setVisible(visible)
            if visible:
                row.show_state(form.answers.get(view.id, data.AnswerView()))
                group = (view.parent, view.intro)
                row.show_intro(bool(view.intro) and group not in shown_intros)
                if view.intro:
                    shown_intros.add(group)

    def go_to(self, qid: str) -> None:
        """The question at the top of the view (its section's title just above), the
        keyboard on its answer."""
        row = self.rows.get(qid)
        if row is None or not row.isVisible():
            return
        self.column.activate()
        top = row.y()
        lead = self._lead_in_row(qid)
        if lead is not None and row.y() + row.height() - lead.y() < self.viewport().height():
            top = lead.y()     # the routines' lead-in ("Does the unit have routines …") too
        self.verticalScrollBar().setValue(max(0, top - 12))
        row.focus_answer()

    def _lead_in_row(self, qid: str) -> QuestionRow | None:
        """The visible row above ``qid`` that shows the lead-in of its group, if any."""
        view = next((v for v in self.views if v.id == qid), None)
        if view is None or not view.intro:
            return None
        for other in self.views:
            if (other.parent, other.intro) == (view.parent, view.intro):
                found = self.rows[other.id]
                if found.isVisible():
                    return found if other.id != qid else None
        return None

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        row: QuestionRow | None = None
        node = new
        while node is not None and row is None:
            row = node if isinstance(node, QuestionRow) else None
            node = node.parentWidget()
        if row is not None and row.parentWidget() is not self.box:
            row = None
        if row is not self._current:
            if self._current is not None and self._current in self.rows.values():
                self._current.set_current(False)
            self._current = row
            if row is not None:
                row.set_current(True)

"""The room's problems (``services.checks`` for one room) in words, and where each is fixed.

``destination(problem)`` names the place: the room card tab for a missing or stale card, the
chemical register on the room for safety data sheets, the exposure register, the source or
agent registers, the workers registers, the Rooms area for a missing room responsible, and
the room's deviations or findings for an overdue action. The strip at the top of the room
screen shows the first few, each a button that goes there; the Problems tab lists them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from vernetool.i18n import render, tr, trn
from vernetool.ui.common.list_detail import muted_label
from vernetool.ui.shell import theme

STRIP_LINES = 3  # lines in the strip (one per place to fix); the rest are one click away

# code → where it is fixed
_DESTINATIONS = {
    "roomcard_missing": "card", "roomcard_stale": "card",
    "sds_missing": "chemicals", "sds_old": "chemicals", "sds_language": "chemicals",
    "exposure_missing": "exposure",
    "source_not_notified": "sources", "source_missing": "sources",
    "bio_notification_missing": "agents", "bio_register_missing": "bio_workers",
    "vaccine_offer_missing": "bio_workers",
    "responsible_missing": "responsible",
}


def problem_text(problem: Any) -> str:
    """A ``domain.checks.Problem`` (or its JSON) in the language of the UI, as a sentence."""
    if isinstance(problem, dict):
        text = str(problem.get("message") or problem.get("code"))
    else:
        text = render(problem.message_code, **dict(problem.params))
    return text[:1].upper() + text[1:]


#: the strip's order: the door sign first, then who answers for the room, then the registers
PRIORITY = ("card", "responsible", "sources", "agents", "bio_workers", "exposure",
            "deviations", "findings", "chemicals")


def strip_lines(problems: Sequence[Any], deviation_titles: Sequence[str] = (),
                lines: int = STRIP_LINES) -> list[tuple[Any, int]]:
    """The strip's lines: the first problem of each place it is fixed, the places in
    ``PRIORITY`` order, with how many more problems go to the same place."""
    groups: dict[str, list[Any]] = {}
    for problem in problems:
        groups.setdefault(destination(problem, deviation_titles), []).append(problem)
    order = sorted(groups, key=lambda key: PRIORITY.index(key) if key in PRIORITY
                   else len(PRIORITY))
    return [(groups[key][0], len(groups[key]) - 1) for key in order[:lines]]


def problem_code(problem: Any) -> str:
    code = problem.get("code") if isinstance(problem, dict) else problem.code
    return str(getattr(code, "value", code))


def destination(problem: Any, deviation_titles: Sequence[str] = ()) -> str:
    """Where ``problem`` is fixed (a key the room window knows how to open)."""
    code = problem_code(problem)
    if code == "action_overdue":
        target = None if isinstance(problem, dict) else problem.target
        if target is not None:  # the check knows whether it is a measure or a finding
            return "deviations" if target.kind == "measure" else "findings"
        subject = problem.get("subject") if isinstance(problem, dict) else problem.subject
        return "deviations" if subject in set(deviation_titles) else "findings"
    return _DESTINATIONS.get(code, "card")


def destination_label(key: str) -> str:
    labels = {"card": tr("Room card"), "chemicals": tr("Chemical register"),
              "exposure": tr("Exposure register"), "sources": tr("Radiation sources"),
              "agents": tr("Biological agents"), "bio_workers": tr("Biological workers"),
              "responsible": tr("Rooms: assign a room responsible"),
              "deviations": tr("Open deviations"), "findings": tr("Open round findings")}
    return labels.get(key, key)


class ProblemButton(QPushButton):
    """A problem's line in the strip: one line that ends in "…" when the window is narrow
    (the whole text is in its tooltip), so a long problem never widens the window."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = text
        self.setProperty("problem", True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def minimumSizeHint(self) -> QSize:  # Qt override
        return QSize(120, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        super().resizeEvent(event)
        room = max(40, self.width() - 12)
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight,
                                                   room))


class ProblemStrip(QFrame):
    """The first problems as buttons that go where they are fixed, and "All n problems"."""

    go = Signal(object)          # the problem
    show_all = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roomProblems")
        self.setStyleSheet(
            f"QFrame#roomProblems {{ background: {theme.ROUND_CARRIED_BG}; "
            f"border: 1px solid {theme.ROUND_CARRIED_BORDER}; "
            f"border-left: 4px solid {theme.ROUND_CARRIED_EDGE}; border-radius: 4px; }}"
            "QPushButton[problem='true'] { text-align: left; border: none; padding: 1px 2px;"
            f" color: {theme.ROUND_CARRIED_TEXT}; background: transparent; }}"
            "QPushButton[problem='true']:hover, QPushButton[problem='true']:focus {"
            " text-decoration: underline; }")
        self.title = QLabel()
        self.title.setObjectName("problemsTitle")
        self.title.setStyleSheet(f"color: {theme.ROUND_CARRIED_TEXT}; font-weight: bold; "
                                 "background: transparent; border: none;")
        self.all_button = QPushButton()
        self.all_button.setObjectName("allProblems")
        self.all_button.setToolTip(tr("Every problem of the room, each with where it is fixed"))
        self.all_button.clicked.connect(self.show_all)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title, 1)
        head.addWidget(self.all_button)
        self.lines = QVBoxLayout()
        self.lines.setContentsMargins(0, 0, 0, 0)
        self.lines.setSpacing(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addLayout(self.lines)
        self.buttons: list[QPushButton] = []

    def show_problems(self, problems: Sequence[Any], deviation_titles: Sequence[str] = (),
                      lines: int = STRIP_LINES) -> None:
        for button in self.buttons:
            button.hide()
            button.deleteLater()
        self.buttons = []
        self.setVisible(bool(problems))
        if not problems:
            return
        self.title.setText(trn("{n} problem needs attention", "{n} problems need attention",
                               len(problems)).format(n=len(problems)))
        shown = strip_lines(problems, deviation_titles, lines)
        self.all_button.setText(tr("All problems…"))
        for problem, more in shown:
            text = problem_text(problem)
            line = " ".join(text.split())
            if more:
                line = trn("{problem}  (and {n} more like it)",
                           "{problem}  (and {n} more like it)", more).format(problem=line,
                                                                          n=more)
            button = ProblemButton("⚠  " + line)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolTip(tr("{problem}\n\nGo to: {place}").format(
                problem=text, place=destination_label(destination(problem, deviation_titles))))
            button.clicked.connect(lambda _=False, p=problem: self.go.emit(p))
            self.lines.addWidget(button)
            self.buttons.append(button)


class ProblemsTab(QWidget):
    """Every problem of the room; Enter or a double-click goes where it is fixed."""

    go = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("roomProblemList")
        self.list.setAccessibleName(tr("Problems"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty = muted_label("✓ " + tr("The checks find nothing to fix in this room."))
        self.go_button = QPushButton(tr("&Go to where it is fixed"))
        self.go_button.setToolTip(tr("The screen where the selected problem is fixed (Enter)"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.go_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.problems: list[Any] = []
        self.list.itemActivated.connect(lambda _item: self._go())
        add_edit_shortcuts_list(self.list, self._go)
        self.go_button.clicked.connect(self._go)

    def show_problems(self, problems: Sequence[Any], deviation_titles: Sequence[str]) -> None:
        self.problems = list(problems)
        self.list.clear()
        for problem in problems:
            place = destination_label(destination(problem, deviation_titles))
            item = QListWidgetItem(f"⚠  {problem_text(problem)}\n      → {place}")
            item.setToolTip(tr("Go to: {place}").format(place=place))
            self.list.addItem(item)
        self.list.setVisible(bool(problems))
        self.empty.setVisible(not problems)
        self.go_button.setEnabled(bool(problems))
        if problems:
            self.list.setCurrentRow(0)

    def _go(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.problems):
            self.go.emit(self.problems[row])


def add_edit_shortcuts_list(widget: QListWidget, slot: Any) -> None:
    """Enter on the list goes (``itemActivated`` covers Return on most styles; F2 too)."""
    from PySide6.QtGui import QKeySequence, QShortcut

    shortcut = QShortcut(QKeySequence(Qt.Key.Key_F2), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
    shortcut.activated.connect(slot)


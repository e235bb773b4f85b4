"""The deviation detail's measures: a tree of measures with their progress notes, and the
buttons that add a measure, add a note and mark one done."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vernetool.domain.deviations.rules import Action, ActionStatus, Deviation, DeviationStatus
from vernetool.i18n import tr
from vernetool.ui.common.flow_layout import flowing
from vernetool.ui.common.labels import action_status_label, format_date
from vernetool.ui.common.list_detail import MUTED
from vernetool.ui.deviations.history_table import timestamp_text
from vernetool.ui.deviations.table_model import plain_tooltip
from vernetool.ui.shell.theme import MEASURE_OVERDUE, NOTE_GREY


class MeasuresBlock(QWidget):
    """Measures of one deviation; the view connects the three buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setObjectName("actionsTree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([tr("Measure"), tr("Responsible"), tr("Deadline"),
                                      tr("Status")])
        self.tree.setRootIsDecorated(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._action_selection_changed)
        self.no_actions = QLabel(tr("No measures yet."))
        self.no_actions.setStyleSheet(MUTED)
        self.add_action_button = QPushButton(tr("Add &measure…"))
        self.add_note_button = QPushButton(tr("Add &note…"))
        self.add_note_button.setToolTip(tr("A progress note on the selected measure"))
        self.done_button = QPushButton(tr("Mark &done"))
        action_buttons = QHBoxLayout()
        action_buttons.addWidget(self.add_action_button)
        action_buttons.addWidget(self.add_note_button)
        action_buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.no_actions)
        layout.addWidget(self.tree)
        layout.addLayout(flowing(action_buttons))  # the buttons wrap in a narrow panel
        self._actions: list[Action] = []

    def show_actions(self, actions: list[Action], dev: Deviation) -> None:
        self._actions = actions
        self.tree.clear()
        today = dt.date.today()
        for action in actions:
            item = QTreeWidgetItem([action.description, action.responsible_name,
                                    format_date(action.deadline),
                                    action_status_label(action.status.value)])
            item.setData(0, Qt.ItemDataRole.UserRole, action.id)
            item.setToolTip(0, plain_tooltip(action.description))
            item.setToolTip(1, plain_tooltip(action.responsible_name))
            if action.is_overdue(today):
                for column in (2, 3):
                    item.setForeground(column, QColor(MEASURE_OVERDUE))
                item.setToolTip(2, tr("Overdue"))
            for note in action.notes:
                text = f"{note.note} — {note.actor}, {timestamp_text(note.at)}"
                child = QTreeWidgetItem([text])
                child.setToolTip(0, plain_tooltip(text))
                child.setForeground(0, QColor(NOTE_GREY))
                child.setFlags(child.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            for index in range(item.childCount()):
                child_item = item.child(index)
                if child_item is not None:
                    child_item.setFirstColumnSpanned(True)
            item.setExpanded(True)
        self.tree.setVisible(bool(actions))
        self.no_actions.setVisible(not actions)
        rows = len(actions) + sum(len(a.notes) for a in actions)
        self.tree.setFixedHeight(self.tree.header().sizeHint().height()
                                    + max(min(rows, 8), 1) * 26 + 6)
        finished = dev.status in (DeviationStatus.CLOSED, DeviationStatus.REJECTED,
                                  DeviationStatus.TRANSFERRED)
        self.add_action_button.setEnabled(not finished)
        self.add_action_button.setToolTip(tr("Reopen the deviation to add measures")
                                          if finished else tr("A measure with a responsible "
                                                              "and a deadline"))
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self._action_selection_changed()

    def _action_selection_changed(self) -> None:
        action = self.selected_action()
        self.add_note_button.setEnabled(action is not None)
        self.done_button.setEnabled(action is not None and action.status
                                    is not ActionStatus.DONE)

    def selected_action(self) -> Action | None:
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        if item is None:
            return None
        action_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((a for a in self._actions if a.id == action_id), None)

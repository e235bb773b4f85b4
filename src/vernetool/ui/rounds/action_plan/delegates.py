"""Editors of the action plan table: the action status combo box and the deadline date."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from vernetool.domain.rounds import ActionStatus
from vernetool.ui.common.labels import action_status_label, date_display_format

Index = QModelIndex | QPersistentModelIndex


class ActionStatusDelegate(QStyledItemDelegate):
    """A combo box for the action status."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        combo = QComboBox(parent)
        for status in ActionStatus:
            combo.addItem(action_status_label(status), status.value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DateDelegate(QStyledItemDelegate):
    """The date editor of the deadline column, in the user's date format with a calendar."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QDateTimeEdit):
            editor.setDisplayFormat(date_display_format())
            editor.setCalendarPopup(True)
        return editor

"""The Checklists area's questions and warnings, with buttons in the user's language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from vernetool.i18n import tr
from vernetool.ui.common.buttons import translate_buttons


def ask(parent: QWidget, title: str, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    translate_buttons(box)
    return box.exec() == QMessageBox.StandardButton.Yes


def warn(parent: QWidget, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    translate_buttons(box)
    box.exec()


def ask_save_discard(parent: QWidget) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel for a working copy with unsaved changes."""
    box = QMessageBox(QMessageBox.Icon.Question, tr("Unsaved changes"),
                      tr("The checklist has unsaved changes. Save them as a new version?"),
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    translate_buttons(box)
    discard = box.button(QMessageBox.StandardButton.Discard)
    if discard is not None:
        discard.setText(tr("&Discard"))
    return QMessageBox.StandardButton(box.exec())


def ask_key(parent: QWidget) -> str:
    """The key of a new checklist, lower-cased ('' when the person cancelled)."""
    key, ok = QInputDialog.getText(
        parent, tr("New checklist"),
        tr("A short key for the checklist (lower-case letters, digits, - and _), "
           "e.g. chemistry-lab:"))
    return key.strip().lower() if ok else ""

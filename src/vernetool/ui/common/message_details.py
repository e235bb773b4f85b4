"""A message box's details in our words: Qt's own button reads "Show Details..." in English
and comes from Qt's catalog in Norwegian (Nynorsk "Vis detaljar" on some systems), next to
our "Vis detaljer …" elsewhere. Every box with details goes through ``set_details``."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QTextEdit

from vernetool.i18n import tr

__all__ = ["set_details"]


def set_details(box: QMessageBox, text: str) -> None:
    """Give ``box`` the detailed ``text`` and label its details button in the app's words."""
    box.setDetailedText(text)
    button = next((b for b in box.buttons()
                   if box.buttonRole(b) == QMessageBox.ButtonRole.ActionRole), None)
    if button is None:
        return

    def label() -> None:
        details = box.findChild(QTextEdit)
        shown = details is not None and details.isVisible()
        button.setText(tr("Hide details…") if shown else tr("Show details…"))

    label()
    button.clicked.connect(lambda: QTimer.singleShot(0, label))  # after Qt's own relabel
    QTimer.singleShot(0, label)  # and after the box has laid itself out

"""The first start's question: the person's name, for the history of every change."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from vernetool.i18n import tr
from vernetool.settings import Settings
from vernetool.ui.shell.first_start import should_ask


class NameDialog(QDialog):
    """One field and two buttons: Save (the name) and Skip (the login name stays)."""

    def __init__(self, login_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStartName")
        self.setWindowTitle(tr("Welcome to vernetool"))
        intro = QLabel(tr("What is your name? vernetool writes it in the history of every "
                          "change you make, such as a deviation's status, so others can see "
                          "who did it. Without a name the history shows your login name "
                          "({login}).").format(login=login_name))
        intro.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("name")
        self.name_edit.setPlaceholderText(tr("First and last name"))
        later = QLabel(tr("You can change it later in Settings."))
        later.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = buttons.addButton(tr("Skip"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        self.name_edit.textChanged.connect(
            lambda text: self.save_button.setEnabled(bool(text.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.name_edit)
        layout.addWidget(later)
        layout.addWidget(buttons)
        self.setMinimumWidth(min(460, intro.fontMetrics().averageCharWidth() * 60))

    def name(self) -> str:
        return " ".join(self.name_edit.text().split())


def ask_for_name(settings: Settings, parent: QWidget | None = None) -> str | None:
    """Ask once when the settings have no name; returns the name saved, if any."""
    if not should_ask(settings):
        return None
    dialog = NameDialog(settings.user_name, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted and bool(dialog.name())
    settings.set("name_asked", True)
    if not accepted:
        return None
    settings.set("user_name", dialog.name())
    return dialog.name()

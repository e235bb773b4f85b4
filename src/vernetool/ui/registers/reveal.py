"""What the three registers with identity numbers share on screen: the question and notice
boxes, and revealing one person's number — asked first, the vault opened, the reveal (which
the service records in the audit trail) run, and a refusal told in words."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from vernetool.context import AppContext
from vernetool.domain.errors import ValidationError
from vernetool.i18n import tr
from vernetool.ui.common.buttons import translate_buttons
from vernetool.ui.common.error_reporting import reported


def ask(parent: QWidget, title: str, text: str) -> bool:
    """Yes or Cancel, Cancel the default (Enter never reveals or deletes by accident)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                      parent)
    translate_buttons(box)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


def tell(parent: QWidget, title: str, text: str, *, warning: bool = False) -> None:
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    translate_buttons(box)
    box.exec()


def reveal_number(parent: QWidget, ctx: AppContext, question: str,
                  read: Callable[[], str]) -> str:
    """The number ``read`` returns once the person said yes to ``question`` and the vault is
    open; "" when they did not, or when it could not be read (then they were told why)."""
    from vernetool.ui.registers.exposure.vault_dialog import ensure_unlocked

    title = tr("Reveal identity number")
    if not ask(parent, title, question) or not ensure_unlocked(ctx, parent):
        return ""
    number = ""
    with reported(parent, tr("Could not reveal the identity number")):
        try:
            number = read()
        except ValidationError as exc:
            tell(parent, title, exc.message, warning=True)
    return number

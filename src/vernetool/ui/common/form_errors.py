"""What every form dialog shares: the red line that says what is wrong (naming the field)
and the Save/Cancel buttons in the user's language."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

from vernetool.i18n import tr
from vernetool.ui.common.buttons import translate_buttons
from vernetool.ui.shell.theme import ERROR

ERROR_STYLE = f"color: {ERROR};"


class FormError(QLabel):
    """Hidden until a message is shown; wraps, so a long message never widens the dialog."""

    def __init__(self, object_name: str = "form_error", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_error(self, message: str, focus: QWidget | None = None) -> None:
        """Show ``message`` (which already names the field) and put the cursor in ``focus``."""
        self.setText(message)
        self.show()
        if focus is not None:
            focus.setFocus()

    def show_field_error(self, field_label: str, message: str,
                         focus: QWidget | None = None) -> None:
        """Show "Field: message" for a message that does not name its field."""
        self.show_error(tr("{field}: {message}").format(field=field_label, message=message),
                        focus)

    def clear(self) -> None:
        super().clear()
        self.hide()


def save_cancel_buttons(dialog: QDialog, accept_text: str | None = None, *,
                        ok: bool = False) -> QDialogButtonBox:
    """Save (or OK with ``ok``) and Cancel, translated and wired to accept and reject;
    ``accept_text`` names the first button ("Save finding", "Assign" …)."""
    first = QDialogButtonBox.StandardButton.Ok if ok else QDialogButtonBox.StandardButton.Save
    buttons = QDialogButtonBox(first | QDialogButtonBox.StandardButton.Cancel)
    translate_buttons(buttons)
    if accept_text is not None:
        accept_button(buttons).setText(accept_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def accept_button(buttons: QDialogButtonBox) -> QPushButton:
    """The Save or OK button of ``buttons``."""
    for standard in (QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Ok):
        button = buttons.button(standard)
        if button is not None:
            return button
    raise ValueError("no Save or OK button")

"""Standard dialog buttons in the user's language.

PySide6 ships no Bokmål translation of Qt's own texts (qtbase_nb.qm), so dialogs name their
standard buttons themselves.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QMessageBox

from vernetool.i18n import tr


def _texts() -> dict[str, str]:
    return {"Ok": tr("OK"), "Save": tr("&Save"), "Cancel": tr("Cancel"), "Close": tr("&Close"),
            "Yes": tr("&Yes"), "No": tr("&No")}


def translate_buttons(box: QDialogButtonBox | QMessageBox) -> None:
    """Give the standard buttons of a button box or message box translated texts."""
    for name, text in _texts().items():
        button: QAbstractButton | None = (
            box.button(getattr(QDialogButtonBox.StandardButton, name))
            if isinstance(box, QDialogButtonBox)
            else box.button(getattr(QMessageBox.StandardButton, name)))
        if button is not None:
            button.setText(text)

"""Setting up and unlocking the identity vault: the key that encrypts the identity numbers.

Set-up offers the system's keyring when there is one (nothing to type again), else a
passphrase typed twice with a hint of its strength; unlocking asks for the passphrase and says
so when it is wrong. The passphrase goes to the service and nowhere else (no log, no title).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.errors import ValidationError
from vernetool.i18n import tr
from vernetool.security.identity_vault import MIN_PASSPHRASE, VaultStatus
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, accept_button, save_cancel_buttons
from vernetool.ui.common.list_detail import MUTED


def passphrase_strength(text: str) -> int:
    """0 too short, 1 weak, 2 fair, 3 strong: length and kinds of character, a hint only."""
    if len(text) < MIN_PASSPHRASE:
        return 0
    kinds = sum((any(c.islower() for c in text), any(c.isupper() for c in text),
                 any(c.isdigit() for c in text), any(not c.isalnum() for c in text)))
    score = 1 + (len(text) >= 14) + (len(text) >= 20 or kinds >= 3)
    return min(score, 3)


def strength_words(level: int) -> str:
    return {
        0: tr("Too short: at least {n} characters.").format(n=MIN_PASSPHRASE),
        1: tr("Weak: a longer passphrase (a few words) is harder to guess."),
        2: tr("Fair."),
        3: tr("Strong."),
    }[level]


def why_text() -> str:
    return tr("Identity numbers are stored encrypted, so a lost or stolen laptop leaks none of "
              "them. The key is kept in the system's keyring or behind a passphrase that only "
              "you know.")


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class VaultDialog(QDialog):
    """``set_up=True``: create the vault's key; otherwise unlock it. Accepted = done."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 set_up: bool = False, keyring_available: bool | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.set_up = set_up
        self.setWindowTitle(tr("Protect identity numbers") if set_up
                            else tr("Unlock identity numbers"))
        self.setMinimumWidth(440)
        why = QLabel(why_text())
        why.setWordWrap(True)
        why.setObjectName("why")

        self.passphrase = _password_edit("passphrase")
        self.repeat = _password_edit("repeat")
        self.strength = QLabel()
        self.strength.setObjectName("strength")
        self.strength.setWordWrap(True)
        self.strength.setStyleSheet(MUTED)
        self.use_keyring = QRadioButton(tr("Use the system's keyring (recommended)"))
        self.use_passphrase = QRadioButton(tr("Use a passphrase"))
        self.error_label = FormError("error")

        layout = QVBoxLayout(self)
        layout.addWidget(why)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if set_up:
            if keyring_available is None:
                keyring_available = ctx.services.exposure.vault.keychain is not None
            self.use_keyring.setEnabled(keyring_available)
            (self.use_keyring if keyring_available else self.use_passphrase).setChecked(True)
            if not keyring_available:
                self.use_keyring.setToolTip(tr("No keyring was found on this computer."))
            layout.addWidget(self.use_keyring)
            layout.addWidget(self.use_passphrase)
            form.addRow(tr("&Passphrase:"), self.passphrase)
            form.addRow(tr("&Repeat:"), self.repeat)
            form.addRow("", self.strength)
            self.passphrase.textChanged.connect(self._passphrase_edited)
            self.use_keyring.toggled.connect(self._mode_changed)
        else:
            form.addRow(tr("&Passphrase:"), self.passphrase)
            self.repeat.hide()
            self.strength.hide()
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        buttons = save_cancel_buttons(self, tr("Set up") if set_up else tr("Unlock"), ok=True)
        layout.addWidget(buttons)
        self.buttons = buttons
        accept_button(buttons).setDefault(True)
        self._mode_changed()
        self._passphrase_edited(self.passphrase.text())

    def _mode_changed(self) -> None:
        typed = not self.set_up or self.use_passphrase.isChecked()
        for edit in (self.passphrase, self.repeat):
            edit.setEnabled(typed)
        self.strength.setEnabled(typed)
        (self.passphrase if typed else self.use_keyring).setFocus()

    def _passphrase_edited(self, text: str) -> None:
        if self.set_up:
            self.strength.setText(strength_words(passphrase_strength(text)))

    def accept(self) -> None:
        self.error_label.clear()
        exposure = self.ctx.services.exposure
        with reported(self) as outcome:
            try:
                if not self.set_up:
                    exposure.unlock(self.passphrase.text())
                elif self.use_keyring.isChecked():
                    exposure.set_up_vault(None)
                else:
                    if passphrase_strength(self.passphrase.text()) == 0:
                        self.error_label.show_field_error(
                            tr("Passphrase"), strength_words(0), self.passphrase)
                        return
                    if self.passphrase.text() != self.repeat.text():
                        self.error_label.show_field_error(
                            tr("Repeat"), tr("the two passphrases differ"), self.repeat)
                        self.repeat.selectAll()
                        return
                    exposure.set_up_vault(self.passphrase.text())
            except ValidationError as exc:
                self.error_label.show_error(exc.message, self.passphrase)
                self.passphrase.selectAll()
                return
        if outcome:
            super().accept()


def ensure_unlocked(ctx: AppContext, parent: QWidget | None) -> bool:
    """True when identity numbers can be sealed and read now, after asking for the vault's
    set-up or passphrase if needed; False when the person cancelled."""
    status = ctx.services.exposure.vault_status()
    if status is VaultStatus.UNLOCKED:
        return True
    dialog = VaultDialog(ctx, parent, set_up=status is VaultStatus.NOT_SET_UP)
    return dialog.exec() == QDialog.DialogCode.Accepted

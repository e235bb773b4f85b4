"""A delivery target: its name, a folder or a web address, what it receives, where its token
comes from (an environment variable, or the system keyring — typed once, never shown again)
and an optional field mapping file.

The dialog collects a ``TargetForm``; ``ui.delivery.data.save_target`` turns it into the
service call, and a ``ValidationError`` comes back here to the field it names.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.errors import ValidationError
from vernetool.i18n import tr
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, accept_button, save_cancel_buttons
from vernetool.ui.common.list_detail import muted_label
from vernetool.ui.common.screen_fit import fit_into_screen, fit_on_show, scroll_body
from vernetool.ui.delivery import data
from vernetool.ui.delivery.words import SENDS, field_label, sends_description

TOKEN_NONE, TOKEN_ENV, TOKEN_KEYRING = 0, 1, 2


class TargetDialog(QDialog):
    """A new target (``target`` None) or the settings of one; ``saved_name`` after saving."""

    def __init__(self, ctx: AppContext, target: data.TargetRow | None = None,
                 parent: QWidget | None = None, *, keyring_available: bool | None = None
                 ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.target = target
        self.saved_name: str | None = None
        self.keyring_available = (data.keyring_available(ctx) if keyring_available is None
                                  else keyring_available)
        self.setWindowTitle(tr("New delivery target") if target is None
                            else tr("Delivery target: {name}").format(name=target.name))
        fit_on_show(self)

        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setPlaceholderText(tr("e.g. EQS, the chemical register, HSE section"))
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        self.kind.addItem(tr("Folder (a network share or a synced cloud folder)"), "folder")
        self.kind.addItem(tr("Web address (HTTP POST to the central system)"), "http")
        self.path = QLineEdit()
        self.path.setObjectName("path")
        self.path.setPlaceholderText(tr("The folder the bundles are written to"))
        self.browse = QPushButton(tr("C&hoose…"))
        self.browse.setObjectName("choosePath")
        self.browse.clicked.connect(self._choose_folder)
        self.browse.setAutoDefault(False)  # Enter in the form saves, never opens a picker
        self.path_row = QWidget()
        path_layout = QHBoxLayout(self.path_row)
        path_layout.setContentsMargins(0, 0, 0, 0)
        path_layout.addWidget(self.path, 1)
        path_layout.addWidget(self.browse)
        self.url = QLineEdit()
        self.url.setObjectName("url")
        self.url.setPlaceholderText("https://…")

        self.sends: dict[str, QCheckBox] = {}
        sends_box = QWidget()
        sends_layout = QVBoxLayout(sends_box)
        sends_layout.setContentsMargins(0, 0, 0, 0)
        sends_layout.setSpacing(2)
        for kind in SENDS:
            box = QCheckBox(sends_description(kind))
            box.setObjectName(f"sends_{kind}")
            self.sends[kind] = box
            sends_layout.addWidget(box)

        # the token: none, an environment variable, or the system keyring
        self.token_none = QRadioButton(tr("No token"))
        self.token_none.setObjectName("tokenNone")
        self.token_env_choice = QRadioButton(tr("From the environment variable"))
        self.token_env_choice.setObjectName("tokenFromEnv")
        self.token_env = QLineEdit()
        self.token_env.setObjectName("tokenEnv")
        self.token_env.setPlaceholderText("EQS_TOKEN")
        self.token_keyring_choice = QRadioButton(tr("Stored in the system keyring"))
        self.token_keyring_choice.setObjectName("tokenInKeyring")
        self.token = QLineEdit()
        self.token.setObjectName("token")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_group = QButtonGroup(self)
        for number, button in enumerate((self.token_none, self.token_env_choice,
                                         self.token_keyring_choice)):
            self.token_group.addButton(button, number)
        self.token_hint = muted_label("")
        self.token_hint.setObjectName("tokenHint")
        token_box = QWidget()
        token_layout = QVBoxLayout(token_box)
        token_layout.setContentsMargins(0, 0, 0, 0)
        token_layout.setSpacing(2)
        token_layout.addWidget(self.token_none)
        env_row = QHBoxLayout()
        env_row.addWidget(self.token_env_choice)
        env_row.addWidget(self.token_env, 1)
        token_layout.addLayout(env_row)
        keyring_row = QHBoxLayout()
        keyring_row.addWidget(self.token_keyring_choice)
        keyring_row.addWidget(self.token, 1)
        token_layout.addLayout(keyring_row)
        token_layout.addWidget(self.token_hint)

        self.mapping = QLineEdit()
        self.mapping.setObjectName("mapping")
        self.mapping.setPlaceholderText(tr("Optional: the default mapping is used without one"))
        self.mapping_browse = QPushButton(tr("Ch&oose…"))
        self.mapping_browse.setObjectName("chooseMapping")
        self.mapping_browse.clicked.connect(self._choose_mapping)
        self.mapping_browse.setAutoDefault(False)
        self.default_mapping = QCheckBox(tr("Use the default mapping instead"))
        self.default_mapping.setObjectName("defaultMapping")
        self.default_mapping.toggled.connect(lambda on: self.mapping.setEnabled(not on))
        self.default_mapping.hide()
        mapping_row = QWidget()
        mapping_layout = QVBoxLayout(mapping_row)
        mapping_layout.setContentsMargins(0, 0, 0, 0)
        mapping_line = QHBoxLayout()
        mapping_line.addWidget(self.mapping, 1)
        mapping_line.addWidget(self.mapping_browse)
        mapping_layout.addLayout(mapping_line)
        mapping_layout.addWidget(self.default_mapping)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.addRow(tr("&Name:"), self.name)
        self.form.addRow(tr("&Kind:"), self.kind)
        self.form.addRow(tr("&Folder:"), self.path_row)
        self.form.addRow(tr("&Web address:"), self.url)
        self.form.addRow(tr("Receives:"), sends_box)
        self.form.addRow(tr("Token:"), token_box)
        self.form.addRow(tr("&Mapping file:"), mapping_row)
        inner = QWidget()
        inner.setLayout(self.form)
        scroll = scroll_body(inner)
        scroll.setObjectName("targetForm")
        self.form_scroll = scroll
        self.error_label = FormError("error")
        self.buttons = save_cancel_buttons(self)
        accept_button(self.buttons).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.token_group.idToggled.connect(self._token_changed)
        self._fill(target)
        self._kind_changed()
        self._token_changed()
        self.name.setFocus()

    # -- showing ------------------------------------------------------------------------------
    def _fill(self, target: data.TargetRow | None) -> None:
        if target is None:
            self.token_none.setChecked(True)
            return
        self.name.setText(target.name)
        self.name.setReadOnly(True)  # the name is how the outbox and receipts know it
        self.kind.setCurrentIndex(max(0, self.kind.findData(target.kind)))
        self.path.setText(target.path)
        self.url.setText(target.url)
        for kind, box in self.sends.items():
            box.setChecked(kind in target.sends)
        if target.mapping is not None:
            self.mapping.setPlaceholderText(tr("A mapping is set — choose a file to replace it"))
            self.default_mapping.show()
        if target.token_env:
            self.token_env_choice.setChecked(True)
            self.token_env.setText(target.token_env)
        elif target.token_in_keyring:
            self.token_keyring_choice.setChecked(True)
        else:
            self.token_none.setChecked(True)

    def _kind_changed(self) -> None:
        http = self.kind.currentData() == "http"
        self.form.setRowVisible(self.path_row, not http)
        self.form.setRowVisible(self.url, http)
        token_box = self.token_none.parentWidget()
        if token_box is not None:
            self.form.setRowVisible(token_box, http)
        if self.isVisible():  # the form grew or shrank: the dialog follows, on the screen
            QTimer.singleShot(0, self, self._fit)

    def _fit(self) -> None:
        self.form.activate()
        self.form_scroll.updateGeometry()  # its size hint is the form's, which changed
        layout = self.layout()
        if layout is not None:
            layout.invalidate()
            layout.activate()
        self.resize(self.width(), self.sizeHint().height())
        fit_into_screen(self)

    def _token_changed(self, *_: object) -> None:
        self.token_env.setEnabled(self.token_env_choice.isChecked())
        keyring = self.token_keyring_choice.isChecked()
        self.token.setEnabled(keyring and self.keyring_available)
        self.token_keyring_choice.setEnabled(self.keyring_available or keyring)
        stored = self.target is not None and self.target.token_in_keyring
        if not self.keyring_available:
            self.token_hint.setText(tr(
                "This computer has no system keyring: give the token in an environment "
                "variable instead (set it before vernetool starts)."))
        elif keyring and stored:
            self.token.setPlaceholderText(tr("Stored — type a new token to replace it"))
            self.token_hint.setText(tr("The token is kept in the system keyring, never in "
                                       "the database, and is not shown again."))
        elif keyring:
            self.token.setPlaceholderText(tr("Paste the token"))
            self.token_hint.setText(tr("The token is kept in the system keyring, never in "
                                       "the database, and is not shown again."))
        elif self.token_env_choice.isChecked():
            self.token_hint.setText(tr("vernetool reads the token from this variable each "
                                       "time it sends; the token is never stored."))
        else:
            self.token_hint.setText(tr("Without a token the bundles are sent without "
                                       "Authorization."))

    def _choose_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, tr("Target folder"), self.path.text())
        if folder:
            self.path.setText(folder)

    def _choose_mapping(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, tr("Mapping file"), self.mapping.text(),
                                              tr("Mapping files (*.json);;All files (*)"))
        if path:
            self.mapping.setText(path)

    # -- saving -------------------------------------------------------------------------------
    def form_values(self) -> data.TargetForm:
        http = self.kind.currentData() == "http"
        choice = self.token_group.checkedId() if http else TOKEN_NONE
        return data.TargetForm(
            name=self.name.text().strip(),
            kind=str(self.kind.currentData()),
            path="" if http else self.path.text().strip(),
            url=self.url.text().strip() if http else "",
            sends=tuple(k for k, box in self.sends.items() if box.isChecked()),
            token_env=self.token_env.text().strip() if choice == TOKEN_ENV else "",
            token_in_keyring=choice == TOKEN_KEYRING,
            token=self.token.text() if choice == TOKEN_KEYRING else "",
            mapping="" if self.default_mapping.isChecked() else self.mapping.text().strip(),
            mapping_cleared=self.default_mapping.isChecked(),
        )

    def _widget_for(self, field: str) -> QWidget:
        return {"name": self.name, "kind": self.kind, "path": self.path, "url": self.url,
                "sends": self.sends[SENDS[0]], "token_env": self.token_env,
                "token": self.token, "mapping": self.mapping}.get(field, self.name)

    def accept(self) -> None:
        self.error_label.clear()
        form = self.form_values()
        with reported(self) as outcome:
            try:
                data.save_target(self.ctx, form, replacing=self.target)
            except ValidationError as exc:
                self.error_label.show_field_error(field_label(exc.field), exc.message,
                                                  self._widget_for(exc.field))
                return
        if outcome:
            self.token.clear()  # the secret leaves the dialog as soon as it is kept
            self.saved_name = form.name
            super().accept()

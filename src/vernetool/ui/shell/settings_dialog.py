"""Settings: interface language, data folder and the name written to the audit trail (yours,
on this computer), and what the open database keeps for everyone who uses it (the age at
which a safety data sheet counts as old)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from vernetool import paths
from vernetool.i18n import tr, trn
from vernetool.settings import Settings
from vernetool.ui.common.form_errors import FormError, save_cancel_buttons
from vernetool.ui.common.screen_fit import fit_on_show, fitting_size, scroll_body
from vernetool.ui.shell import theme

if TYPE_CHECKING:
    from vernetool.services.chemicals.products import ChemicalsService

# Each language is named in itself, so it can be found whatever language is showing.
LANGUAGE_NAMES = {"nb": "Norsk bokmål", "en": "English"}


class SettingsDialog(QDialog):
    """Saves to ``Settings`` on OK; ``language_changed`` tells the caller to rebuild the window.

    With ``chemicals`` (the open database's service) a second group edits what the database
    keeps for all its users: the safety data sheets' age limit."""

    def __init__(self, settings: Settings, parent: QWidget | None = None,
                 current_database: Path | None = None,
                 chemicals: ChemicalsService | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.chemicals = chemicals
        self.language_changed = False
        self.data_dir_changed = False
        self.setWindowTitle(tr("Settings"))
        self.setMinimumWidth(560)

        self.language_combo = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(settings.language))

        self.data_dir_edit = QLineEdit(str(settings.get("data_dir")))
        self.data_dir_edit.setPlaceholderText(str(paths.data_dir()))
        self.data_dir_edit.setClearButtonEnabled(True)
        browse = QPushButton(tr("&Browse…"))
        browse.clicked.connect(self._browse)
        self.browse_button = browse
        folder_row = QHBoxLayout()
        folder_row.setContentsMargins(0, 0, 0, 0)
        folder_row.addWidget(self.data_dir_edit, 1)
        folder_row.addWidget(browse)

        folder_help = tr("vernetool keeps its database (vernetool.sqlite), attachments and "
                         "backups in this folder. Leave it empty for the standard folder. "
                         "A new folder takes effect the next time vernetool starts; the "
                         "database that is open now stays open until then. To switch at "
                         "once, use File → Open database.")
        if current_database is not None:
            folder_help += "\n\n" + tr("Open now: {path}").format(path=current_database)
        self.folder_help = _help_label(folder_help)

        self.user_edit = QLineEdit(str(settings.get("user_name")))
        if not settings.get("user_name"):
            self.user_edit.setPlaceholderText(settings.user_name)  # the login name
        user_help = _help_label(tr("Written to the audit trail with every change you make. "
                                   "Leave it empty to use your login name."))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("&Language:"), self.language_combo)
        form.addRow(tr("&Data folder:"), folder_row)
        form.addRow("", self.folder_help)
        form.addRow(tr("&Your name:"), self.user_edit)
        form.addRow("", user_help)
        language_label = form.labelForField(self.language_combo)
        if isinstance(language_label, QLabel):
            language_label.setBuddy(self.language_combo)
        folder_label = form.labelForField(folder_row)
        if isinstance(folder_label, QLabel):
            folder_label.setBuddy(self.data_dir_edit)

        self.error_label = FormError()
        buttons = save_cancel_buttons(self, ok=True)

        # the groups scroll on a short screen (1024 × 600); the buttons stay in view
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        self.personal_group = QGroupBox(tr("For you, on this computer"))
        self.personal_group.setLayout(form)
        body_layout.addWidget(self.personal_group)
        self.database_group: QGroupBox | None = None
        self.sds_age_spin: QSpinBox | None = None
        self._sds_age = 0
        if chemicals is not None:
            body_layout.addWidget(self._database_group(chemicals, current_database))
        body_layout.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll_body(body), 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.language_combo.setFocus()
        fit_on_show(self)
        # Qt would cap the first size at two thirds of the screen and squeeze the help texts
        self.resize(fitting_size(self, self.sizeHint()))

    def _database_group(self, chemicals: ChemicalsService,
                        current_database: Path | None) -> QGroupBox:
        """What the open database keeps for all its users (saved in the database)."""
        self._sds_age = chemicals.sds_max_age_years()
        spin = QSpinBox()
        spin.setObjectName("sdsMaxAge")
        spin.setRange(1, 50)
        spin.setValue(self._sds_age)
        spin.valueChanged.connect(self._sds_age_suffix)
        self.sds_age_spin = spin
        self._sds_age_suffix(spin.value())
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(spin)
        row.addStretch(1)
        where = (tr("Saved in the database ({file}) and used by everyone who opens it, not "
                    "only by you.").format(file=current_database.name)
                 if current_database is not None
                 else tr("Saved in the database and used by everyone who opens it, not only "
                         "by you."))
        help_text = _help_label(
            tr("A safety data sheet revised longer ago than this shows as old (check for a "
               "newer revision) in the chemical register and on the printed storage lists. "
               "The usual practice is 3 years: old, but still valid.") + "\n\n" + where)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("Safety data sheets are &old after:"), row)
        form.addRow("", help_text)
        label = form.labelForField(row)
        if isinstance(label, QLabel):
            label.setBuddy(spin)
        group = QGroupBox(tr("This database"))
        group.setObjectName("databaseSettings")
        group.setLayout(form)
        self.database_group = group
        return group

    def _sds_age_suffix(self, years: int) -> None:
        if self.sds_age_spin is not None:
            self.sds_age_spin.setSuffix(trn(" year", " years", years))

    def _browse(self) -> None:
        start = self.data_dir_edit.text().strip() or str(paths.data_dir())
        folder = QFileDialog.getExistingDirectory(self, tr("Choose the data folder"), start)
        if folder:
            self.data_dir_edit.setText(folder)

    def selected_language(self) -> str:
        return str(self.language_combo.currentData())

    def _check_folder(self, text: str) -> str | None:
        """An error message for a data folder that cannot be used, else None."""
        if not text:
            return None
        folder = Path(text).expanduser()
        if not folder.is_absolute():
            return tr("give the full path of the folder")
        if folder.exists() and not folder.is_dir():
            return tr("{path} is a file, not a folder").format(path=folder)
        if not folder.exists() and not folder.parent.is_dir():
            return tr("{path} does not exist").format(path=folder.parent)
        return None

    def save(self) -> bool:
        folder = self.data_dir_edit.text().strip()
        problem = self._check_folder(folder)
        if problem:
            self.error_label.show_field_error(tr("Data folder"), problem, self.data_dir_edit)
            return False
        if not self._save_database_settings():
            return False
        if folder:
            folder = str(Path(folder).expanduser())
        language = self.selected_language()
        self.language_changed = language != self.settings.language
        self.data_dir_changed = folder != str(self.settings.get("data_dir"))
        if self.language_changed:
            self.settings.set("language", language)
        if self.data_dir_changed:
            self.settings.set("data_dir", folder)
        user = self.user_edit.text().strip()
        if user != str(self.settings.get("user_name")):
            self.settings.set("user_name", user)
        return True

    def _save_database_settings(self) -> bool:
        """The database's settings, when shown and changed; False (and why) when refused."""
        from vernetool.domain.errors import ValidationError
        from vernetool.ui.common.error_reporting import reported

        spin = self.sds_age_spin
        if self.chemicals is None or spin is None or spin.value() == self._sds_age:
            return True
        with reported(self, tr("Could not save the database's settings")) as outcome:
            try:
                self.chemicals.set_sds_max_age_years(spin.value())
            except ValidationError as exc:
                self.error_label.show_error(exc.message, spin)
                return False
        if outcome:
            self._sds_age = spin.value()
        return bool(outcome)

    def accept(self) -> None:
        if self.save():
            super().accept()


def _help_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(theme.text_colour(theme.MUTED))
    return label

"""File → Archive…: where to write the open archive, and whether identity numbers go in it.

The archive itself is written off the GUI thread by ``services.archive`` (task_runner: a
progress dialog with Cancel; a cancel leaves no file)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vernetool.i18n import tr
from vernetool.ui.common.buttons import translate_buttons
from vernetool.ui.common.labels import format_count, format_decimal
from vernetool.ui.shell.theme import ERROR

if TYPE_CHECKING:
    from vernetool.context import AppContext
    from vernetool.ui.common.task_runner import CancelledFn, ProgressFn, TaskRunner


def default_name(today: dt.date | None = None) -> str:
    return f"vernetool-archive-{(today or dt.date.today()).isoformat()}.zip"


class ArchiveDialog(QDialog):
    """The file and the identity choice (unchecked unless the person ticks it)."""

    def __init__(self, folder: Path, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Archive the database"))
        self.setMinimumWidth(min(560, _screen_width(self) - 40))
        layout = QVBoxLayout(self)
        intro = QLabel(tr(
            "Writes everything in this database to one zip file in open formats: every "
            "table as CSV and JSON with a description of the tables, the registers as Excel "
            "workbooks, the reports of the rounds and deviations of the last three years as "
            "PDF, and the attachments and photos, with a manifest of checksums. A new "
            "database can be rebuilt from it (vernetool restore)."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("File:")))
        self.path_edit = QLineEdit(str(folder / default_name(today)))
        self.path_edit.setObjectName("archivePath")
        self.path_edit.setMinimumWidth(260)
        row.addWidget(self.path_edit, 1)
        self.choose_button = QPushButton(tr("Choose…"))
        self.choose_button.clicked.connect(self.choose_file)
        row.addWidget(self.choose_button)
        layout.addLayout(row)
        self.identity_box = QCheckBox(tr("Include identity numbers in clear"))
        self.identity_box.setObjectName("includeIdentity")
        self.identity_box.setChecked(False)
        self.identity_box.toggled.connect(self._identity_toggled)
        layout.addWidget(self.identity_box)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        translate_buttons(self.buttons)
        ok.setText(tr("Write archive"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._identity_toggled(False)

    def _identity_toggled(self, checked: bool) -> None:
        if checked:
            self.warning.setText(tr(
                "The archive will hold the national identity numbers (fødselsnummer) of "
                "the exposure and workers registers in clear. Keep the file as safely as "
                "the registers, and only where they may be kept. Writing them is recorded "
                "in the audit trail."))
            self.warning.setStyleSheet(f"color: {ERROR}; font-weight: bold;")
        else:
            self.warning.setText(tr(
                "Identity numbers are left out: only the masked numbers (010190*****) are "
                "written, and they do not come back in a database rebuilt from the "
                "archive."))
            self.warning.setStyleSheet("")
        if self.isVisible():  # the other text is longer or shorter: no line cut off
            self.adjustSize()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Archive the database"),
                                              self.path_edit.text(),
                                              tr("Zip archive (*.zip)"))
        if path:
            self.path_edit.setText(path)

    def chosen(self) -> tuple[Path, bool]:
        text = self.path_edit.text().strip()
        out = Path(text)
        if out.suffix.lower() != ".zip":
            out = out.with_name(out.name + ".zip")
        return out, self.identity_box.isChecked()

    def _accept(self) -> None:
        if not self.path_edit.text().strip():
            self.path_edit.setFocus()
            return
        self.accept()


def _screen_width(widget: QWidget) -> int:
    screen = widget.screen()
    return screen.availableGeometry().width() if screen is not None else 1366


def start_archive(ctx: AppContext, window: Any, out: Path, include_identity: bool
                  ) -> TaskRunner:
    """Write the archive in the thread pool; the status bar says what came of it."""
    from vernetool.i18n import language
    from vernetool.ui.common.task_runner import TaskRunner

    services = ctx.services
    lang = language()

    def job(progress: ProgressFn, cancelled: CancelledFn) -> Any:
        return services.archive.write(out, include_identity=include_identity,
                                      progress=progress, cancel=cancelled, lang=lang)

    runner = TaskRunner(window, tr("Archive the database"),
                        tr("Writing {name}…").format(name=out.name), job)

    def done(summary: Any) -> None:
        data = summary.to_data()
        window.statusBar().showMessage(
            tr("Archive written to {path}: {tables} tables, {rows} rows, {mb} MB").format(
                path=out, tables=format_count(data["tables"]), rows=format_count(data["rows"]),
                mb=format_decimal(data["bytes"] / 1e6, 1)), 15000)

    runner.succeeded.connect(done)
    runner.cancelled.connect(lambda: window.statusBar().showMessage(
        tr("Archive cancelled; no file was written."), 10000))
    return runner

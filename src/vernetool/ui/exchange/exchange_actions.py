"""File → Import/Export of rooms and people: file dialogs, a background job, the result.

The import and the export run in a worker thread through the exchange service, which uses
connections of its own (the GUI's belongs to the GUI thread); WAL lets the window keep
reading while they run.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from vernetool.context import AppContext
from vernetool.i18n import tr

# The import/export machinery and the dialogs load when the user first imports or exports,
# not at start-up (a Qt class costs its Python enums the first time it is named).
if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QMessageBox

    from vernetool.services import Services
    from vernetool.services.exchange import ImportResult
    from vernetool.ui.common.task_runner import CancelledFn, ProgressFn, TaskRunner
    from vernetool.ui.exchange.import_result_dialog import ImportResultDialog

log = logging.getLogger(__name__)

KINDS = ("rooms", "persons", "deviations", "chemicals", "exposure", "sources", "agents",
         "workers")
EXPORT_FORMATS = ("csv", "xlsx", "json")
#: the kinds whose identity numbers are sealed: the vault is opened before the file dialog
IDENTITY_KINDS = frozenset({"exposure", "workers"})


def import_title(kind: str) -> str:
    return {"rooms": tr("Import rooms"), "persons": tr("Import people"),
            "deviations": tr("Import deviations"), "chemicals": tr("Import chemicals"),
            "exposure": tr("Import the exposure register"),
            "sources": tr("Import radiation sources"),
            "agents": tr("Import biological agents"),
            "workers": tr("Import the workers registers")}[kind]


def export_title(kind: str) -> str:
    return {"rooms": tr("Export rooms"), "persons": tr("Export people"),
            "deviations": tr("Export deviations"), "chemicals": tr("Export chemicals"),
            "exposure": tr("Export the exposure register"),
            "sources": tr("Export radiation sources"),
            "agents": tr("Export biological agents"),
            "workers": tr("Export the workers registers"),
            "sources:dsa": tr("Export radiation sources for DSA")}[kind]


def export_filters() -> dict[str, str]:
    return {
        "csv": tr("CSV for Excel, semicolon-separated (*.csv)"),
        "xlsx": tr("Excel workbook (*.xlsx)"),
        "json": tr("JSON (*.json)"),
    }


def run_import(services: Services, kind: str, source: Path,
               progress: ProgressFn, cancelled: CancelledFn) -> ImportResult:
    """The import job (worker thread)."""
    return services.exchange.import_file(kind, source, progress=progress, cancel=cancelled)


def run_export(services: Services, kind: str, out: Path, fmt: str,
               include_personal_data: bool) -> int:
    """The export job (worker thread). For the exposure register the personal data asked
    for are the identity numbers (each reveal audited by the service)."""
    if kind in IDENTITY_KINDS:  # the one question asked covers the addresses too
        return services.exchange.export_file(kind, out, fmt,
                                             include_identity=include_personal_data,
                                             include_personal_data=include_personal_data)
    return services.exchange.export_file(kind, out, fmt,
                                         include_personal_data=include_personal_data)


class ExchangeActions(QObject):
    """Adds an Import and an Export submenu (one action per kind) to a menu; keeps the
    running job and the last result dialog."""

    import_finished = Signal(object)   # the ImportResult
    export_finished = Signal(int)      # records written

    def __init__(self, window: QMainWindow, ctx: AppContext, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.runner: TaskRunner | None = None
        self.result_dialog: ImportResultDialog | None = None
        self.error_box: QMessageBox | None = None
        self._folder = Path.home()
        self.actions: dict[str, QAction] = {}
        # the words of each kind in its submenu; None: a separator
        kinds: list[tuple[str, str] | None] = [
            ("rooms", tr("&Rooms…")), ("persons", tr("&People…")),
            ("deviations", tr("&Deviations…")), None,
            ("chemicals", tr("&Chemicals…")), ("exposure", tr("E&xposure register…")),
            ("sources", tr("Radiation &sources…")), ("agents", tr("&Biological agents…")),
            ("workers", tr("&Workers registers (radiation, biological)…")),
        ]
        for direction, title in (("import", tr("&Import")), ("export", tr("&Export"))):
            submenu = menu.addMenu(title)
            submenu.setObjectName(f"{direction}Menu")
            entries = list(kinds)
            if direction == "export":
                entries += [None, ("sources:dsa", tr("Radiation sources for DSA (&notification)…"))]
            for entry in entries:
                if entry is None:
                    submenu.addSeparator()
                    continue
                kind, text = entry
                action = QAction(text, window)
                action.setStatusTip(import_title(kind) if direction == "import"
                                    else export_title(kind))
                if direction == "import":
                    action.triggered.connect(lambda _=False, k=kind: self.choose_import(k))
                else:
                    action.triggered.connect(lambda _=False, k=kind: self.choose_export(k))
                submenu.addAction(action)
                self.actions[f"{direction}:{kind}"] = action
        archive = QAction(tr("&Archive…"), window)
        archive.setObjectName("archiveAction")
        archive.setStatusTip(tr("Write everything in the database to an open archive (zip)"))
        archive.triggered.connect(self.choose_archive)
        menu.addAction(archive)
        self.actions["archive"] = archive
        self.archive_dialog: QDialog | None = None

    def busy(self) -> bool:
        return self.runner is not None and self.runner.running

    # -- import ------------------------------------------------------------------------------
    def _vault_ready(self, kind: str) -> bool:
        """The exposure register's identity numbers are sealed and read with the vault:
        ask for its passphrase (or set it up) before the file dialog, not after."""
        if kind not in IDENTITY_KINDS:
            return True
        from vernetool.ui.registers.exposure.vault_dialog import ensure_unlocked

        return ensure_unlocked(self.ctx, self.window)

    def choose_import(self, kind: str) -> None:
        from PySide6.QtWidgets import QFileDialog

        if not self._vault_ready(kind):
            return

        path, _ = QFileDialog.getOpenFileName(
            self.window, import_title(kind), str(self._folder),
            tr("Spreadsheets and exports (*.csv *.xlsx *.json);;CSV files (*.csv);;"
               "Excel workbooks (*.xlsx);;JSON exports (*.json)"))
        if path:
            self._folder = Path(path).parent
            self.start_import(kind, Path(path))

    def start_import(self, kind: str, source: Path) -> TaskRunner | None:
        if self.busy():
            return None
        services = self.ctx.services

        def job(progress: ProgressFn, cancelled: CancelledFn) -> ImportResult:
            return run_import(services, kind, source, progress, cancelled)

        from vernetool.ui.common.task_runner import TaskRunner

        runner = TaskRunner(self.window, import_title(kind),
                            tr("Importing {name}…").format(name=source.name), job)
        runner.succeeded.connect(lambda result: self._import_done(kind, source, result))
        runner.failed.connect(lambda exc: self._failed(import_title(kind), source, exc))
        runner.cancelled.connect(lambda: self._status(
            tr("Import cancelled; nothing was imported.")))
        self.runner = runner
        runner.start()
        return runner

    def _import_done(self, kind: str, source: Path, result: ImportResult) -> None:
        data = result.to_data()
        log.info("imported %s from %s: %s", kind, source, {k: data[k] for k in
                                                           ("imported", "skipped")})
        # Areas that listen to change notices have refreshed already; this covers the rest.
        self._refresh_current_area()
        from vernetool.ui.exchange.import_result_dialog import ImportResultDialog

        dialog = ImportResultDialog(import_title(kind), source.name, data, self.window)
        self.result_dialog = dialog
        dialog.open()  # window-modal, does not block the event loop
        self.import_finished.emit(result)

    # -- export ------------------------------------------------------------------------------
    def choose_export(self, kind: str) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from vernetool.ui.common.buttons import translate_buttons

        title = export_title(kind)
        kind, _, layout = kind.partition(":")   # "sources:dsa": DSA's notification layout
        if not self._vault_ready(kind):
            return
        filters = export_filters()
        name = {"rooms": tr("rooms"), "persons": tr("people"),
                "deviations": tr("deviations"), "chemicals": tr("chemicals"),
                "exposure": tr("exposure register"), "sources": tr("radiation sources"),
                "agents": tr("biological agents"), "workers": tr("workers registers")}[kind]
        if layout:
            name = tr("radiation sources for DSA")
        path, chosen = QFileDialog.getSaveFileName(
            self.window, title, str(self._folder / f"{name}.csv"),
            ";;".join(filters.values()))
        if not path:
            return
        out = Path(path)
        fmt = next((f for f, text in filters.items() if text == chosen), None)
        suffix = out.suffix.lower().lstrip(".")
        if suffix in EXPORT_FORMATS:
            fmt = suffix
        fmt = fmt or "csv"
        if out.suffix.lower() != f".{fmt}":
            out = out.with_name(out.name + f".{fmt}")
        if layout:  # the layout decides the columns, the file name's ending the format
            fmt = layout
        include = False
        if kind == "persons":
            ask = QMessageBox(
                QMessageBox.Icon.Question, export_title(kind),
                tr("Include e-mail addresses and phone numbers?\n\n"
                   "Names, units and roles are always exported. Contact details are left "
                   "out unless the receiver needs them."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window)
            ask.setDefaultButton(QMessageBox.StandardButton.No)
            translate_buttons(ask)
            include = ask.exec() == QMessageBox.StandardButton.Yes
        elif kind == "deviations":
            ask = QMessageBox(
                QMessageBox.Icon.Question, export_title(kind),
                tr("Include the reporter's name?\n\n"
                   "Personal data is left out unless the receiver needs it."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window)
            ask.setDefaultButton(QMessageBox.StandardButton.No)
            translate_buttons(ask)
            include = ask.exec() == QMessageBox.StandardButton.Yes
        elif kind in IDENTITY_KINDS:
            ask = QMessageBox(
                QMessageBox.Icon.Question, export_title(kind),
                tr("Include the national identity numbers?\n\n"
                   "They are left out unless the receiver (occupational health, the "
                   "person themselves) needs them. An export with them must be kept "
                   "as safely as the register."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window)
            ask.setDefaultButton(QMessageBox.StandardButton.No)
            translate_buttons(ask)
            include = ask.exec() == QMessageBox.StandardButton.Yes
        self._folder = out.parent
        self.start_export(kind, out, fmt, include_personal_data=include)

    def start_export(self, kind: str, out: Path, fmt: str, *,
                     include_personal_data: bool = False) -> TaskRunner | None:
        if self.busy():
            return None
        services = self.ctx.services

        def job(progress: ProgressFn, cancelled: CancelledFn) -> int:
            return run_export(services, kind, out, fmt, include_personal_data)

        from vernetool.ui.common.task_runner import TaskRunner

        runner = TaskRunner(self.window, export_title(kind),
                            tr("Writing {name}…").format(name=out.name), job)
        runner.succeeded.connect(lambda count: self._export_done(out, int(count)))
        runner.failed.connect(lambda exc: self._failed(export_title(kind), out, exc))
        self.runner = runner
        runner.start()
        return runner

    def _export_done(self, out: Path, count: int) -> None:
        self._status(tr("Exported {n} records to {path}").format(n=count, path=out))
        self.export_finished.emit(count)

    # -- archive -----------------------------------------------------------------------------
    def choose_archive(self) -> None:
        """The archive dialog (file, identity choice), then the job; the vault is opened
        first when identity numbers are asked for and it is locked."""
        if self.busy():
            return
        from vernetool.ui.exchange.archive_dialog import ArchiveDialog

        dialog = ArchiveDialog(self._folder, self.window)
        self.archive_dialog = dialog
        dialog.accepted.connect(lambda: self._archive_chosen(dialog))
        dialog.open()

    def _archive_chosen(self, dialog: QDialog) -> None:
        from vernetool.security.identity_vault import VaultStatus
        from vernetool.ui.exchange.archive_dialog import ArchiveDialog, start_archive

        assert isinstance(dialog, ArchiveDialog)
        out, include_identity = dialog.chosen()
        if include_identity and \
                self.ctx.services.exposure.vault_status() is VaultStatus.LOCKED:
            from vernetool.ui.registers.exposure.vault_dialog import ensure_unlocked

            if not ensure_unlocked(self.ctx, self.window):
                return
        self._folder = out.parent
        runner = start_archive(self.ctx, self.window, out, include_identity)
        runner.failed.connect(lambda exc: self._failed(tr("Archive the database"), out, exc))
        self.runner = runner
        runner.start()

    # -- shared ------------------------------------------------------------------------------
    def _failed(self, title: str, path: Path, exc: object) -> None:
        from PySide6.QtWidgets import QMessageBox

        from vernetool.ui.common.buttons import translate_buttons

        box = QMessageBox(QMessageBox.Icon.Warning, title,
                          tr("{name} could not be processed:\n\n{error}")
                          .format(name=path.name, error=_translated(exc)),
                          parent=self.window)
        box.setInformativeText(tr("Nothing was changed in the database."))
        translate_buttons(box)
        self.error_box = box
        box.open()

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10000)

    def _refresh_current_area(self) -> None:
        stack = getattr(self.window, "stack", None)
        page = stack.currentWidget() if stack is not None else None
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()


def _translated(exc: object) -> str:
    """The importers' errors render in the current (UI) language when turned into text."""
    return str(exc)

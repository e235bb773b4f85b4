"""Composition root of the desktop application: Qt, logging, language, the store, the window."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from vernetool import APP_NAME, __version__, i18n, logging_setup, paths
from vernetool.context import AppContext
from vernetool.i18n import tr
from vernetool.i18n.store_errors import describe
from vernetool.services.errors import StoreError
from vernetool.settings import Settings
from vernetool.ui.common.labels import locale_for
from vernetool.ui.shell import crash, qt_catalogs, theme
from vernetool.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)


class Application:
    """Owns the open database and the main window; rebuilds the window when asked."""

    def __init__(self, qapp: QApplication, settings: Settings, language: str) -> None:
        self.qapp = qapp
        self.settings = settings
        self.language = language
        self.ctx: AppContext | None = None
        self.window: MainWindow | None = None
        self._qt_translators: list[QTranslator] = []
        theme.apply(qapp)  # here, so every window the Application builds looks the same
        self.apply_language(language)

    def apply_language(self, language: str) -> None:
        self.language = language
        i18n.set_language(language)
        QLocale.setDefault(locale_for(language))  # one locale per language, see labels.py
        qt_catalogs.remove(self.qapp, self._qt_translators)
        self._qt_translators = (qt_catalogs.install(self.qapp, language)
                                if language != "en" else [])

    def open(self, db_path: Path) -> bool:
        try:
            ctx = AppContext.open(db_path, self.settings, install_checklists=False)
        except (StoreError, OSError) as exc:
            log.error("cannot open %s: %s", db_path, exc)
            QMessageBox.critical(self.window, tr("Cannot open the database"),
                                 tr("The database {path} cannot be opened:\n\n{error}")
                                 .format(path=db_path, error=problem_text(exc)))
            return False
        previous, self.ctx = self.ctx, ctx
        self.rebuild_window()  # closing the old window flushes its pending edits ...
        if previous is not None:
            previous.close()  # ... into the old database, so it closes only now
        return True

    def rebuild_window(self) -> None:
        assert self.ctx is not None
        old = self.window
        if old is not None:
            old.save_state()  # first, so the new window opens on the area the user was in
        window = MainWindow(self.ctx)
        window.settings_changed.connect(self._settings_changed)
        window.open_database_requested.connect(self.open)
        if old is not None:
            window.restoreGeometry(old.saveGeometry())
            old.close()
            old.deleteLater()
        self.window = window
        theme.apply_style_sheet(self.qapp)  # after building the window, before showing it
        window.show()

    def _settings_changed(self, rebuild: bool) -> None:
        if rebuild:
            self.apply_language(self.settings.language)
            self.rebuild_window()


def problem_text(exc: Exception) -> str:
    """A known database problem in the person's words; the OS's words for a file error."""
    return describe(exc) if isinstance(exc, StoreError) else str(exc)


def resolve_database(args: argparse.Namespace, settings: Settings) -> Path:
    if args.db:
        return Path(args.db)
    if args.demo:
        demo_path = paths.data_dir() / "demo.sqlite"
        if not demo_path.exists():
            from vernetool.demo.builder import build_demo

            build_demo(demo_path)
        return demo_path
    return settings.database_path()


def run_gui(args: argparse.Namespace) -> int:
    settings = Settings()
    log_file = logging_setup.configure(paths.data_dir() / "logs", verbose=args.verbose)
    log.info("vernetool %s starting", __version__)
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName(APP_NAME)
    qapp.setApplicationVersion(__version__)
    qapp.setWindowIcon(QIcon(str(paths.resource_path("icons", "vernetool.svg"))))
    crash.install(log_file)
    app = Application(qapp, settings, args.lang or settings.language)
    try:
        db_path = resolve_database(args, settings)
    except (StoreError, OSError) as exc:
        QMessageBox.critical(None, tr("Cannot open the database"), problem_text(exc))
        return 1
    if not app.open(db_path):
        return 1
    if app.window is not None and not settings.get("user_name"):
        from vernetool.ui.shell import first_start  # only while the name may be asked

        first_start.ask_once_painted(settings, app.window)  # the user's name, once
    code = qapp.exec()
    if app.ctx is not None:
        app.ctx.close()
    return int(code)

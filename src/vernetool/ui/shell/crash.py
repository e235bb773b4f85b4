"""Uncaught exceptions: logged with their traceback and shown in a dialog, never a silent exit."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from vernetool.i18n import tr

if TYPE_CHECKING:  # the dialog's classes load when it is shown, not at start-up
    pass

log = logging.getLogger("vernetool.crash")
qt_log = logging.getLogger("qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), message)


def install(log_file: Path) -> None:
    """Route Qt's messages to the log and show a dialog for any uncaught exception."""
    qInstallMessageHandler(_qt_message)
    showing = False

    def hook(kind: type[BaseException], value: BaseException,
             tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        log.critical("uncaught exception\n%s", details)
        if showing or QApplication.instance() is None:
            return
        showing = True
        try:
            from PySide6.QtWidgets import QMessageBox

            from vernetool.ui.common.message_details import set_details

            box = QMessageBox(QMessageBox.Icon.Critical, tr("Something went wrong"),
                              tr("vernetool met an unexpected error. Your saved work is safe: "
                                 "every change was stored when you made it.\n\n{error}")
                              .format(error=f"{kind.__name__}: {value}"))
            box.setInformativeText(tr("Details were written to the log file:\n{path}")
                                   .format(path=log_file))
            set_details(box, details)
            box.exec()
        finally:
            showing = False

    sys.excepthook = hook


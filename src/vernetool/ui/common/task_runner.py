"""Long work off the GUI thread: a QRunnable in the thread pool, a progress dialog with Cancel.

The job is a plain function ``job(progress, cancelled) -> result``; it calls
``progress(done, total)`` as it goes and checks ``cancelled()`` between steps. It must not
touch widgets or the GUI thread's database connection (open its own). The result, an error
or the cancellation comes back to the GUI thread by signal.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from vernetool.i18n import tr

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]
Job = Callable[[ProgressFn, CancelledFn], Any]

_PROGRESS_INTERVAL_S = 0.05  # at most ~20 progress updates a second cross the thread boundary


class Cancelled(Exception):
    """A job may raise this when it notices ``cancelled()``; the runner reports a cancel."""


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    error = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, job: Job, signals: _Signals, cancel: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job = job
        self._signals = signals
        self._cancel = cancel
        self._last = 0.0

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last >= _PROGRESS_INTERVAL_S:
            self._last = now
            self._emit(self._signals.progress, int(done), int(total))

    def run(self) -> None:
        try:
            result = self._job(self._progress, self._cancel.is_set)
        except BaseException as exc:  # everything goes back to the GUI thread to be shown
            self._emit(self._signals.error, exc)
        else:
            self._emit(self._signals.done, result)

    def _emit(self, signal: Any, *args: object) -> None:
        """Report back, unless the screen that started the job has gone meanwhile (its window
        closed): then nobody is waiting and the result is dropped, not a traceback."""
        try:
            signal.emit(*args)
        except RuntimeError:
            log.info("a background job finished after its screen was closed")


class TaskRunner(QObject):
    """Runs one job in the global thread pool, showing a modal progress dialog with Cancel.

    Signals: ``succeeded(result)``, ``failed(exception)``, ``cancelled()``; exactly one of
    them is emitted, then ``finished()``.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, parent: QWidget | None, title: str, label: str, job: Job,
                 *, show_dialog: bool = True) -> None:
        super().__init__(parent)
        self._job = job
        self._cancel = threading.Event()
        self._signals = _Signals()
        self._signals.progress.connect(self._on_progress)
        self._signals.done.connect(self._on_done)
        self._signals.error.connect(self._on_error)
        self.running = False
        self.dialog: QProgressDialog | None = None
        if show_dialog:
            dialog = QProgressDialog(label, tr("Cancel"), 0, 0, parent)
            dialog.setWindowTitle(title)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(400)  # quick jobs finish without a flashing dialog
            dialog.setMinimumWidth(420)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(self.cancel)
            self.dialog = dialog

    def start(self) -> None:
        self.running = True
        if self.dialog is not None:
            self.dialog.setValue(0)
        QThreadPool.globalInstance().start(_Runnable(self._job, self._signals, self._cancel))

    def cancel(self) -> None:
        if self.running and not self._cancel.is_set():
            log.info("cancel requested")
            self._cancel.set()
            if self.dialog is not None:
                self.dialog.setLabelText(tr("Cancelling…"))

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _on_progress(self, done: int, total: int) -> None:
        if self.dialog is not None and not self._cancel.is_set():
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(done, max(total, 1)))

    def _close_dialog(self) -> None:
        self.running = False
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None

    def _on_done(self, result: object) -> None:
        # A job that returns has done its work (one that honours Cancel raises Cancelled),
        # so a late click on Cancel must not hide a finished result.
        self._close_dialog()
        self.succeeded.emit(result)
        self.finished.emit()

    def _on_error(self, exc: object) -> None:
        self._close_dialog()
        if self._cancel.is_set() or isinstance(exc, Cancelled):
            log.info("job cancelled (%s)", type(exc).__name__)
            self.cancelled.emit()
        else:
            log.error("background job failed", exc_info=exc if isinstance(exc, BaseException)
                      else None)
            self.failed.emit(exc)
        self.finished.emit()

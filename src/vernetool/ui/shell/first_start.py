"""First start: ask for the person's name, which the history records with every change.

Asked once, only while the settings hold no name: "Skip" keeps the login name and is
remembered too, so the question never comes back; Settings → "Your name" changes it later.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from vernetool.settings import Settings


class _AfterFirstPaint(QObject):
    """Runs ``action`` once ``window`` has painted for the first time (then goes away)."""

    def __init__(self, window: QWidget, action: Callable[[], object]) -> None:
        super().__init__(window)
        self._window = window
        self._action = action
        # the window's own events only: a filter on the whole application would pass every
        # Qt-internal object through Python, and PySide6 then builds the Python class of every
        # widget type to name them (~8 ms before the first paint)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.Paint and watched is self._window:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._action)
        return False


def ask_once_painted(settings: Settings, window: QWidget) -> None:
    """At start-up: ask for the name (if need be) once the main window is on screen, so the
    question never delays the first paint."""
    if should_ask(settings):
        _AfterFirstPaint(window, lambda: _ask(settings, window))


def should_ask(settings: Settings) -> bool:
    return not settings.get("user_name") and not settings.get("name_asked")


def _ask(settings: Settings, window: QWidget) -> None:
    from vernetool.ui.shell.name_dialog import ask_for_name  # its classes: after the paint

    ask_for_name(settings, window)

"""The services' change notices as a Qt signal, delivered on the GUI thread.

The main window owns one relay and hands it to every area; a screen connects ``changed`` and
looks at ``change.topic`` to decide whether what it shows is affected. A notice published on
a worker thread reaches the screens on the GUI thread (the internal hop is an
auto-connection: direct on the GUI thread, queued from any other).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal

from vernetool.services import Change, Services, Topic


class ChangeRelay(QObject):
    changed = Signal(object)      # Change, always on the GUI thread
    _incoming = Signal(object)    # Change, from whichever thread published it

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._incoming.connect(self._deliver)
        unsubscribe = services.subscribe(self._incoming.emit)
        self._unsubscribe = unsubscribe
        self.destroyed.connect(lambda *_: unsubscribe())  # no reference to self: it is gone

    def _deliver(self, change: Change) -> None:
        self.changed.emit(change)

    def close(self) -> None:
        """Stop listening (the window that owns the relay is going away)."""
        self._unsubscribe()

    def on(self, topics: Iterable[Topic], slot: Callable[[Change], None]) -> None:
        """Call ``slot(change)`` for changes of ``topics`` only."""
        wanted = frozenset(topics)

        def filtered(change: Change) -> None:
            if change.topic in wanted or change.topic is Topic.DATABASE:
                slot(change)

        self.changed.connect(filtered)

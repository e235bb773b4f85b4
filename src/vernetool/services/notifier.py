"""Telling open screens what changed: a small, Qt-free publish/subscribe of ``Change``.

Services publish after their transaction has committed, so a listener that re-reads the
store sees the new state. The UI bridges this to a Qt signal (``ui.common.change_relay``);
the command line has no listeners.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

log = logging.getLogger(__name__)


class Topic(StrEnum):
    """The kinds of record a change is about; a screen listens to the topics it shows."""

    UNITS = "units"
    ROOMS = "rooms"
    PERSONS = "persons"
    RESPONSIBILITIES = "responsibilities"
    ROOM_CARDS = "room_cards"
    ROUNDS = "rounds"
    FINDINGS = "findings"
    PHOTOS = "photos"
    DEVIATIONS = "deviations"
    DEVIATION_SETTINGS = "deviation_settings"
    TEMPLATES = "templates"
    CHEMICALS = "chemicals"     # products, their statements and safety data sheets
    HOLDINGS = "holdings"       # what is stored where (the chemical register's rows)
    EXPOSURE = "exposure"       # the exposure register (§31-1)
    SOURCES = "sources"         # radiation sources, their status history and leak tests
    RADIATION_WORKERS = "radiation_workers"   # the workers register (§31-4) and doses
    AGENTS = "agents"           # biological agents, their rooms, biosafety cabinets
    BIO_WORKERS = "bio_workers"  # the workers register for biological agents (§31-3)
    OUTBOX = "outbox"           # delivery targets, bundles queued, delivered or failed
    ANNUAL = "annual"           # the units' annual HSE reports and their answers
    DATABASE = "database"   # the whole store (an import of many kinds, a restore)


@dataclass(frozen=True)
class Change:
    topic: Topic
    ids: tuple[int, ...] = ()   # the records changed; empty means "some, reload"


Listener = Callable[[Change], None]


class Notifier:
    """Listeners are called in the publishing thread, in the order they subscribed.

    A listener that raises is logged and does not stop the others: a screen that failed to
    refresh must not undo or hide a write that has already committed.
    """

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def publish(self, changes: Iterable[Change]) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for change in changes:
            for listener in listeners:
                try:
                    listener(change)
                except Exception:
                    log.exception("a listener failed on %s", change)

    @property
    def listener_count(self) -> int:
        return len(self._listeners)

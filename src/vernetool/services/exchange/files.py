"""Import a file into the store, export a register to a file: one call each, any thread.

Both may run off the GUI thread, so neither uses the store's own connection: an import writes
through a connection of its own (one transaction, inside the importer), an export reads
through ``Store.reader()``. After an import has written, the screens hear what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from vernetool.db.connection import connect
from vernetool.db.errors import known_errors
from vernetool.exchange.registry import EXPORTERS, IMPORTERS
from vernetool.exchange.result import ImportResult
from vernetool.services.notifier import Topic
from vernetool.services.store import Store

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]

# What an import of each kind may have changed (rooms and people also create units).
_CHANGES: dict[str, tuple[Topic, ...]] = {
    "rooms": (Topic.ROOMS, Topic.UNITS),
    "persons": (Topic.PERSONS, Topic.UNITS),
    "deviations": (Topic.DEVIATIONS,),
}


class ExchangeService:
    def __init__(self, store: Store) -> None:
        self.store = store

    @staticmethod
    def import_kinds() -> list[str]:
        return sorted(IMPORTERS)

    @staticmethod
    def export_kinds() -> list[str]:
        return sorted(EXPORTERS)

    def import_file(self, kind: str, source: Path, *, strict: bool = False,
                    progress: ProgressFn | None = None,
                    cancel: CancelledFn | None = None) -> ImportResult:
        """Import ``source`` as ``kind``: all good rows, or with ``strict`` nothing if any row
        is bad. Raises ``ImportFileError`` for an unusable file and ``ImportCancelled`` when
        ``cancel()`` said so (nothing is written in either case)."""
        conn = connect(self.store.db_path)
        try:
            with known_errors():
                result: ImportResult = IMPORTERS[kind](
                    conn, source, strict=strict, actor=self.store.actor, progress=progress,
                    cancel=cancel)
        finally:
            conn.close()
        if result.imported:
            self.store.publish(*_CHANGES.get(kind, (Topic.DATABASE,)))
        return result

    def export_file(self, kind: str, out: Path, fmt: str, *,
                    include_personal_data: bool = False) -> int:
        """Write every record of ``kind`` to ``out`` as ``fmt`` (csv, xlsx, json); returns
        the number of records. Contact details only with ``include_personal_data``."""
        with self.store.reader() as conn:
            return int(EXPORTERS[kind](conn, out, fmt,
                                       include_personal_data=include_personal_data))

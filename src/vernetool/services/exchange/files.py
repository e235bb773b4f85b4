"""Import a file into the store, export a register to a file: one call each, any thread.

Both may run off the GUI thread, so neither uses the store's own connection: an import writes
through a connection of its own (one transaction, inside the importer), an export reads
through ``Store.reader()``. After an import has written, the screens hear what changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vernetool.db.connection import connect
from vernetool.db.errors import known_errors
from vernetool.exchange.registry import EXPORT_OPTIONS, EXPORTERS, IMPORT_OPTIONS, IMPORTERS
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
    "chemicals": (Topic.CHEMICALS, Topic.HOLDINGS, Topic.ROOMS),
    "exposure": (Topic.EXPOSURE,),
    "sources": (Topic.SOURCES,),
    "agents": (Topic.AGENTS,),
    "workers": (Topic.RADIATION_WORKERS, Topic.BIO_WORKERS),
}


class ExchangeService:
    def __init__(self, store: Store, vault: Callable[[], Any] | None = None) -> None:
        self.store = store
        self._vault_of = vault
        self._identity_vault: Any = None

    @staticmethod
    def import_kinds() -> list[str]:
        return sorted(IMPORTERS)

    @staticmethod
    def export_kinds() -> list[str]:
        return sorted(EXPORTERS)

    def import_file(self, kind: str, source: Path, *, strict: bool = False,
                    progress: ProgressFn | None = None,
                    cancel: CancelledFn | None = None, mapping: Path | None = None,
                    create_rooms: bool = False) -> ImportResult:
        """Import ``source`` as ``kind``: all good rows, or with ``strict`` nothing if any row
        is bad. Raises ``ImportFileError`` for an unusable file and ``ImportCancelled`` when
        ``cancel()`` said so (nothing is written in either case).

        ``mapping`` (a mapping file: their column → our field) and ``create_rooms`` (create
        the rooms a row names that the database lacks) are for the chemicals; the exposure
        register's and the workers registers' importers get the identity vault (locked: a
        file error, nothing imported)."""
        given: dict[str, Any] = {"mapping": mapping, "create_rooms": create_rooms}
        wanted = IMPORT_OPTIONS.get(kind, frozenset())
        options = {k: v for k, v in given.items() if k in wanted and v}
        if "vault" in wanted:
            options["vault"] = self._vault()
        conn = connect(self.store.db_path)
        try:
            with known_errors():
                result: ImportResult = IMPORTERS[kind](
                    conn, source, strict=strict, actor=self.store.actor, progress=progress,
                    cancel=cancel, **options)
        finally:
            conn.close()
        if result.imported:
            self.store.publish(*_CHANGES.get(kind, (Topic.DATABASE,)))
        return result

    def export_file(self, kind: str, out: Path, fmt: str, *,
                    include_personal_data: bool = False, include_identity: bool = False,
                    as_of: dt.date | None = None) -> int:
        """Write every record of ``kind`` to ``out`` as ``fmt`` (csv, xlsx, json); returns
        the number of records. Contact details only with ``include_personal_data``; identity
        numbers in clear only with ``include_identity`` (each decrypted, the export audited
        once); ``as_of`` for what is computed at a date."""
        wanted = EXPORT_OPTIONS.get(kind, frozenset())
        options: dict[str, Any] = {}
        if "as_of" in wanted and as_of is not None:
            options["as_of"] = as_of
        if "include_identity" in wanted:
            options["include_identity"] = include_identity
            options["actor"] = self.store.actor
            if include_identity:
                options["vault"] = self._vault()
        if include_identity and "include_identity" in wanted:
            # the export records its reveal in the audit trail: a write connection
            conn = connect(self.store.db_path)
            try:
                with known_errors():
                    return int(EXPORTERS[kind](conn, out, fmt,
                                               include_personal_data=include_personal_data,
                                               **options))
            finally:
                conn.close()
        with self.store.reader() as conn:
            return int(EXPORTERS[kind](conn, out, fmt,
                                       include_personal_data=include_personal_data,
                                       **options))

    def _vault(self) -> Any:
        """The identity vault (the exposure service's when given: unlocked there is
        unlocked here; else one of its own, made on first use and kept). It opens with the
        OS keyring or ``VERNETOOL_PASSPHRASE`` when locked."""
        if self._vault_of is not None:
            return self._vault_of()
        if self._identity_vault is None:
            from vernetool.security.identity_vault import IdentityVault

            self._identity_vault = IdentityVault()
        return self._identity_vault

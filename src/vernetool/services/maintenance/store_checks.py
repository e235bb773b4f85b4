"""Health of the open store: schema up to date and the file intact (selftest, diagnostics)."""

from __future__ import annotations

from vernetool.db.connection import integrity_ok
from vernetool.db.migrations import latest_version, schema_version
from vernetool.services.store import Store


class MaintenanceService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def schema_is_current(self) -> bool:
        with self.store.read() as conn:
            return schema_version(conn) == latest_version()

    def integrity_ok(self) -> bool:
        with self.store.read() as conn:
            return integrity_ok(conn)

    def healthy(self) -> bool:
        """The schema is this version's and SQLite finds the file intact."""
        return self.schema_is_current() and self.integrity_ok()

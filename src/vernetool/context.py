"""What a running vernetool works on: the open store, its services and the user's settings."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from vernetool.db.migrations import open_store
from vernetool.services import Notifier, Services, Store
from vernetool.settings import Settings


@dataclass
class AppContext:
    conn: sqlite3.Connection
    db_path: Path
    settings: Settings
    services: Services = field(init=False)

    def __post_init__(self) -> None:
        store = Store(self.conn, self.db_path, lambda: self.settings.user_name, Notifier())
        self.services = Services(store)

    @property
    def actor(self) -> str:
        """The name written to the audit trail for changes made in this session."""
        return self.settings.user_name

    @property
    def data_dir(self) -> Path:
        """Attachments, backups and exports live next to the database file."""
        return self.db_path.parent

    @classmethod
    def open(cls, db_path: Path, settings: Settings, *,
             install_checklists: bool = True) -> AppContext:
        """Open and migrate the store; by default also install (or update) the built-in
        checklists. The window leaves that to the screens that use checklists, so the
        checklist code stays off the path to the first paint."""
        conn = open_store(db_path)
        context = cls(conn, db_path, settings)
        if install_checklists:
            context.ensure_checklists()
        return context

    def ensure_checklists(self) -> None:
        """Built-in checklists installed, or updated when the shipped ones changed."""
        self.services.checklists.ensure_builtin()

    def close(self) -> None:
        self.conn.close()

"""The open store as the services see it: one write connection, its path, the actor.

``write()`` is the one way a service changes data: one user intention = one ``atomic()``
block; the listeners hear of it only after the commit. ``reader()`` gives a background job
its own read-only connection (and closes it), so long reads never hold up the GUI thread's
connection.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from vernetool.db.connection import atomic, connect
from vernetool.db.errors import known_errors
from vernetool.services.notifier import Change, Notifier, Topic

log = logging.getLogger(__name__)


class Store:
    def __init__(self, conn: sqlite3.Connection, db_path: Path,
                 actor: Callable[[], str], notifier: Notifier | None = None) -> None:
        self.conn = conn
        self.db_path = db_path
        self._actor = actor
        self.notifier = notifier or Notifier()
        self._pending: list[Change] = []   # topics of the writes in the open transaction
        self._pending_depth = 0

    @classmethod
    def open(cls, db_path: Path, actor: Callable[[], str]) -> Store:
        """Open (creating and migrating if needed) the store at ``db_path``."""
        from vernetool.db.migrations import open_store

        return cls(open_store(db_path), db_path, actor)

    def close(self) -> None:
        self.conn.close()

    @property
    def actor(self) -> str:
        """The name written to the audit trail for changes made in this session."""
        return self._actor()

    @property
    def data_dir(self) -> Path:
        """Attachments, backups and exports live next to the database file."""
        return self.db_path.parent

    @contextmanager
    def write(self, *topics: Topic | Change) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing write; on commit, tell the listeners about ``topics``.

        A write inside another one (a service calling another service) adds its topics to
        the outer write's, heard once the outermost write has committed; an inner write that
        fails adds nothing, an outer one that fails tells nothing.
        """
        outermost = not self._pending_depth
        self._pending_depth += 1
        try:
            with atomic(self.conn) as conn:
                yield conn
            changes = [t if isinstance(t, Change) else Change(t) for t in topics]
            self._pending.extend(c for c in changes if c not in self._pending)
        finally:
            self._pending_depth -= 1
            pending: list[Change] = []
            if outermost:
                pending, self._pending = self._pending, []
        if not pending:
            return
        if self.conn.in_transaction:  # inside a bare atomic(): its commit is not ours to see
            log.warning("changes inside an outer transaction go unreported: %s", pending)
            return
        self.notifier.publish(pending)  # committed: the data is on disk now

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Reads on the write connection; a known problem becomes a ``StoreError``."""
        with known_errors():
            yield self.conn

    @contextmanager
    def reader(self) -> Iterator[sqlite3.Connection]:
        """A read-only connection of its own, for a job off the GUI thread."""
        conn = connect(self.db_path, read_only=True)
        try:
            with known_errors():
                yield conn
        finally:
            conn.close()

    def publish(self, *topics: Topic | Change) -> None:
        """Tell listeners of a change made outside ``write()`` (a bulk import, a merge)."""
        self.notifier.publish(t if isinstance(t, Change) else Change(t) for t in topics)
